-- Each person chooses, per kind of notice, mail at once, one daily digest, or none. A digest
-- collects its notices until the person's morning, in their time zone. Every notice mail carries
-- an unsubscribe link made of the person's mail token and the kind.
alter table users add column time_zone text not null default 'UTC';
-- Random, made with each account (existing ones included: a volatile default is computed per row).
alter table users add column mail_token text not null unique default replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '');
alter table users add column last_digest_on date;

create table mail_preferences (
  user_id uuid not null references users (id) on delete cascade,
  topic text not null check (topic in ('mention', 'reply', 'workflow', 'due', 'workshop')),
  mode text not null check (mode in ('now', 'daily', 'never')),
  primary key (user_id, topic)
);

create table mail_digest_items (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  kind text not null,
  subject text not null,
  detail text not null default '',
  link text not null,
  network_ids uuid[] not null default '{}',
  -- The document it tells of: checked again when the digest is sent, and gone with it.
  document_id uuid references documents (id) on delete cascade,
  created_at timestamptz not null default now()
);
create index mail_digest_items_user on mail_digest_items (user_id, created_at);

alter table mail_outbox add column unsubscribe_url text;
