-- Bringing each city into a network (the seeds' "Intégration des villes"): its checklist, the
-- secretariat's visit to it, and the network's inaugural in-person event.

create table onboarding_items (
  network_id uuid not null references networks (id) on delete cascade,
  city_id uuid not null references cities (id) on delete cascade,
  key text not null,
  done_at timestamptz,
  done_by uuid references users (id) on delete set null,
  note text not null default '',
  updated_at timestamptz not null default now(),
  primary key (network_id, city_id, key)
);

create table city_visits (
  network_id uuid not null references networks (id) on delete cascade,
  city_id uuid not null references cities (id) on delete cascade,
  planned_on date,
  held_on date,
  primary key (network_id, city_id)
);

create table inaugural_events (
  network_id uuid primary key references networks (id) on delete cascade,
  city_id uuid references cities (id) on delete set null,
  planned_on date,
  held_on date
);
