-- The good-practices observatory: practices published from documents (or a section of one),
-- each a copy of the content as it was when (re)published, and a comment thread on each.

create table practices (
  id uuid primary key default gen_random_uuid(),
  -- The source keeps its own permissions; the copy outlives it.
  document_id uuid references documents (id) on delete set null,
  -- The heading of the section published; null for the whole document.
  section text,
  network_id uuid not null references networks (id) on delete cascade,
  city_id uuid references cities (id) on delete set null,
  title text not null,
  summary text not null default '',
  themes text[] not null default '{}',
  axis text check (axis in ('governance', 'representation', 'intelligence', 'cooperation', 'organisation')),
  content jsonb not null,
  -- The copy's plain text, for search.
  body text not null default '',
  published_by uuid references users (id) on delete set null,
  published_at timestamptz not null default now(),
  republished_at timestamptz,
  featured_at timestamptz,
  unpublished_at timestamptz
);
create index practices_network_idx on practices (network_id);
create index practices_document_idx on practices (document_id);

create table practice_comments (
  id uuid primary key default gen_random_uuid(),
  practice_id uuid not null references practices (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  body text not null,
  created_at timestamptz not null default now()
);
create index practice_comments_idx on practice_comments (practice_id, created_at);
