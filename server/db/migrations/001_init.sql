-- Accounts, sessions, the workspace model (networks, cities, memberships, roles),
-- invitations, password resets and the document registry.

create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  password_hash text not null,
  locale text not null default 'fr',
  created_at timestamptz not null default now()
);
create unique index users_email_key on users (lower(email));

-- Lucia's session table (see server/auth/adapter.ts).
create table sessions (
  id text primary key,
  user_id uuid not null references users (id) on delete cascade,
  expires_at timestamptz not null
);
create index sessions_user_idx on sessions (user_id);

create table networks (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  theme text not null default '',
  description text not null default '',
  status text not null default 'forming' check (status in ('forming', 'active', 'closed')),
  created_at timestamptz not null default now()
);

create table cities (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  country text not null default '',
  languages text[] not null default '{}',
  created_at timestamptz not null default now()
);

-- A city's place in a network. Leaving sets left_at so the history stays.
create table memberships (
  network_id uuid not null references networks (id) on delete cascade,
  city_id uuid not null references cities (id) on delete cascade,
  kind text not null check (kind in ('pilot', 'member')),
  selected_on date,
  confirmed_on date,
  started_on date,
  left_at timestamptz,
  primary key (network_id, city_id)
);
create unique index memberships_one_pilot on memberships (network_id) where kind = 'pilot' and left_at is null;

-- Roles are granted on a network or on a city, never globally.
-- City-scoped 'city_team' becomes pilot-city or member-city team in each network the city belongs to.
create table role_grants (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('secretariat', 'city_team', 'expert', 'advisory', 'funder')),
  network_id uuid references networks (id) on delete cascade,
  city_id uuid references cities (id) on delete cascade,
  expert_kind text check (expert_kind in ('local', 'international')),
  granted_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  check ((network_id is null) <> (city_id is null)),
  check ((role = 'city_team') = (city_id is not null) or role = 'expert')
);
create unique index role_grants_unique on role_grants (user_id, role, coalesce(network_id, city_id));

create table invitations (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  email text,
  role text not null,
  network_id uuid references networks (id) on delete cascade,
  city_id uuid references cities (id) on delete cascade,
  expert_kind text,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by uuid references users (id) on delete set null,
  check ((network_id is null) <> (city_id is null))
);

create table password_resets (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  user_id uuid not null references users (id) on delete cascade,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);

-- The document registry. The content itself lives with the collaboration layer.
create table documents (
  id uuid primary key default gen_random_uuid(),
  network_id uuid references networks (id) on delete cascade,
  city_id uuid references cities (id) on delete cascade,
  kind text not null,
  title text not null,
  template text not null,
  locale text not null default 'fr',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  archived_at timestamptz,
  check ((network_id is null) <> (city_id is null))
);
create index documents_network_idx on documents (network_id) where archived_at is null;
create index documents_city_idx on documents (city_id) where archived_at is null;

-- Marks that the demonstration data was seeded, so it is seeded once.
create table app_flags (
  name text primary key,
  set_at timestamptz not null default now()
);
