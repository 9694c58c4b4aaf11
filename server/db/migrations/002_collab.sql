-- Live documents: an append-only log of Yjs updates, a snapshot that compaction folds the log
-- into, the derived plain-text / ProseMirror copy, which user wrote with which Yjs client id,
-- and short-lived tokens for non-browser WebSocket clients.

create table doc_updates (
  id bigserial primary key,
  document_id uuid not null references documents (id) on delete cascade,
  user_id uuid references users (id) on delete set null,
  data bytea not null,
  created_at timestamptz not null default now()
);
create index doc_updates_document_idx on doc_updates (document_id, id);

create table doc_snapshots (
  document_id uuid primary key references documents (id) on delete cascade,
  state bytea not null,
  last_update_id bigint not null,
  updated_at timestamptz not null default now()
);

create table doc_content (
  document_id uuid primary key references documents (id) on delete cascade,
  text text not null,
  prosemirror jsonb not null,
  updated_at timestamptz not null default now()
);

-- Authorship survives compaction: every Yjs client id seen in a user's updates.
create table doc_clients (
  document_id uuid not null references documents (id) on delete cascade,
  client_id bigint not null,
  user_id uuid references users (id) on delete set null,
  primary key (document_id, client_id)
);

create table collab_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  document_id uuid not null references documents (id) on delete cascade,
  expires_at timestamptz not null
);
