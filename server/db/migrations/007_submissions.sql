-- The submission cycle of deliverables: a document's stage, its due date, and each time it was
-- submitted to the secretariat, with the version that was sent and how the review ended.

alter table documents add column stage text not null default 'draft'
  check (stage in ('draft', 'submitted', 'returned', 'validated'));
alter table documents add column due_on date;

create table submissions (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references documents (id) on delete cascade,
  -- V<number>: one more than the validations before it (a resubmission after a return keeps it).
  number int not null check (number > 0),
  -- What was sent stays as it was sent: the version cannot be deleted while the submission exists.
  version_id uuid not null references doc_versions (id) on delete restrict,
  submitted_by uuid references users (id) on delete set null,
  submitted_at timestamptz not null default now(),
  message text not null default '',
  outcome text check (outcome in ('returned', 'validated')),
  decided_by uuid references users (id) on delete set null,
  decided_at timestamptz,
  remarks text not null default '',
  check ((outcome is null) = (decided_at is null))
);
create index submissions_document_idx on submissions (document_id, submitted_at);
-- At most one submission under review per document, whatever two requests race to do.
create unique index submissions_pending_idx on submissions (document_id) where outcome is null;

-- Notices of the cycle sit in the same inbox as comment notices: one per person per step.
alter table notifications alter column thread_id drop not null;
alter table notifications alter column comment_id drop not null;
alter table notifications add column submission_id uuid references submissions (id) on delete cascade;
alter table notifications drop constraint notifications_kind_check;
alter table notifications add constraint notifications_kind_check
  check (kind in ('mention', 'reply', 'submitted', 'returned', 'validated'));
alter table notifications add constraint notifications_about_check
  check ((comment_id is not null and thread_id is not null) or submission_id is not null);
create unique index notifications_submission_idx on notifications (submission_id, recipient_id, kind) where submission_id is not null;
