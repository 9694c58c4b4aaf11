-- City WORKS, the localisation of global agendas (seed 000): each city's eight steps with who
-- leads them, their dates and the documents they produced, and the five support activities.
-- Keys are shared/localisation.ts's; a city without a row for a step has not started it.

create table localisation_steps (
  city_id uuid not null references cities (id) on delete cascade,
  key text not null,
  status text not null check (status in ('not_started', 'in_progress', 'done', 'skipped')),
  lead_id uuid references users (id) on delete set null,
  started_on date,
  done_on date,
  note text not null default '',
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (city_id, key),
  check (done_on is null or started_on is null or done_on >= started_on)
);

create table localisation_step_documents (
  city_id uuid not null,
  key text not null,
  document_id uuid not null references documents (id) on delete cascade,
  primary key (city_id, key, document_id),
  foreign key (city_id, key) references localisation_steps (city_id, key) on delete cascade
);

create table localisation_support (
  city_id uuid not null references cities (id) on delete cascade,
  key text not null,
  status text not null check (status in ('not_started', 'in_progress', 'done', 'skipped')),
  note text not null default '',
  updated_by uuid references users (id) on delete set null,
  updated_at timestamptz not null default now(),
  primary key (city_id, key)
);
