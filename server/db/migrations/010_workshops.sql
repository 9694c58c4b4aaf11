-- International workshops ("Atelier international"): two or three days in one of the network's
-- cities, with a live agenda and four deliverables, and the people who take part (some funded
-- by the secretariat, within its caps).

create table workshops (
  id uuid primary key default gen_random_uuid(),
  network_id uuid not null references networks (id) on delete cascade,
  title text not null,
  host_city_id uuid references cities (id) on delete set null,
  starts_on date not null,
  ends_on date not null,
  place text not null default '',
  objectives jsonb not null default '[]',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  -- Two or three days, both included.
  check (ends_on - starts_on between 1 and 2)
);
create index workshops_network_idx on workshops (network_id, starts_on);

-- The workshop's agenda and its four deliverables, each a live document of the network.
create table workshop_documents (
  workshop_id uuid not null references workshops (id) on delete cascade,
  document_id uuid not null references documents (id) on delete cascade,
  role text not null check (role in ('agenda', 'thematic_sheet', 'network_constitution', 'problem_statement', 'pilot_project')),
  primary key (workshop_id, role)
);

create table workshop_participants (
  id uuid primary key default gen_random_uuid(),
  workshop_id uuid not null references workshops (id) on delete cascade,
  kind text not null check (kind in ('local_expert', 'international_expert', 'advisory', 'city_representative')),
  funded boolean not null,
  user_id uuid references users (id) on delete set null,
  name text not null,
  email text,
  city_id uuid references cities (id) on delete set null,
  created_at timestamptz not null default now()
);
create index workshop_participants_idx on workshop_participants (workshop_id);
