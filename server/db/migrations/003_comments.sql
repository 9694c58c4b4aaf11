-- Comments on documents: threads anchored on a range of text, their comments, and the in-app
-- notifications they cause (mentions, replies).

-- A thread is anchored by two Yjs relative positions (base64 of Y.encodeRelativePosition) into
-- the document's XmlFragment, so it follows its words through everyone's edits. The quote is
-- the text as it was when the thread was started. A thread whose comments are all deleted is
-- deleted too (deleted_at), and leaves every list and count.
create table comment_threads (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references documents (id) on delete cascade,
  anchor_start text not null,
  anchor_end text not null,
  quote text not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  resolved_by uuid references users (id) on delete set null,
  resolved_at timestamptz,
  deleted_at timestamptz
);
create index comment_threads_document_idx on comment_threads (document_id, created_at) where deleted_at is null;
-- The open-thread count shown on every document of a list.
create index comment_threads_open_idx on comment_threads (document_id) where resolved_at is null and deleted_at is null;

-- Bodies are plain text, stored as typed. A deleted comment keeps its place in the thread
-- (so replies still read in order) but loses its body and mentions.
create table comments (
  id uuid primary key default gen_random_uuid(),
  thread_id uuid not null references comment_threads (id) on delete cascade,
  author_id uuid references users (id) on delete set null,
  body text not null,
  mentions uuid[] not null default '{}',
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  check (deleted_at is not null or length(body) > 0)
);
create index comments_thread_idx on comments (thread_id, created_at);
-- "Threads I took part in" (the mine filter) and "who took part" (reply notifications).
create index comments_author_idx on comments (author_id, thread_id) where deleted_at is null;

-- One notification per person per comment, whatever the reasons (a mention and a reply to
-- one's thread make one notification, not two).
create table notifications (
  id uuid primary key default gen_random_uuid(),
  recipient_id uuid not null references users (id) on delete cascade,
  kind text not null check (kind in ('mention', 'reply')),
  document_id uuid not null references documents (id) on delete cascade,
  thread_id uuid not null references comment_threads (id) on delete cascade,
  comment_id uuid not null references comments (id) on delete cascade,
  actor_id uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  unique (comment_id, recipient_id)
);
create index notifications_recipient_idx on notifications (recipient_id, created_at desc);
create index notifications_unread_idx on notifications (recipient_id) where read_at is null;
