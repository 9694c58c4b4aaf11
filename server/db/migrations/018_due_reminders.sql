-- Each reminder of a due date is sent once per document and due date: a week before, the day
-- before, and once it has passed. A new due date is reminded afresh.
create table due_reminders (
  document_id uuid not null references documents (id) on delete cascade,
  due_on date not null,
  kind text not null check (kind in ('week', 'day', 'passed')),
  sent_at timestamptz not null default now(),
  primary key (document_id, due_on, kind)
);
