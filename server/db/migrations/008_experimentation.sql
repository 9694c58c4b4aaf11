-- An experimentation log follows one action plan of its space; its cycles are dated, each with
-- its hypotheses, results and lessons (the seeds' experimentation cycle), beside the live text.

alter table documents add column plan_id uuid references documents (id) on delete set null;
create index documents_plan_idx on documents (plan_id) where plan_id is not null;

create table experimentation_cycles (
  id uuid primary key default gen_random_uuid(),
  log_id uuid not null references documents (id) on delete cascade,
  starts_on date not null,
  ends_on date,
  hypotheses text not null default '',
  results text not null default '',
  lessons text not null default '',
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_on is null or ends_on >= starts_on)
);
create index experimentation_cycles_log_idx on experimentation_cycles (log_id, starts_on);
