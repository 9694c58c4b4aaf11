-- Versions of documents: named ones people save, automatic ones taken when a document has
-- been idle or its last editor left, and the ones a restore records. Each keeps the whole Yjs
-- state (to compare and restore) and its ProseMirror JSON and text (to show it read-only).

create table doc_versions (
  id uuid primary key default gen_random_uuid(),
  document_id uuid not null references documents (id) on delete cascade,
  kind text not null check (kind in ('named', 'automatic', 'restore')),
  name text,
  state bytea not null,
  state_vector bytea not null,
  -- Hash of the state vector and delete set: equal keys mean equal content, whichever
  -- instance encoded it, so "nothing changed since the last version" is one comparison.
  state_key text not null,
  prosemirror jsonb not null,
  text text not null,
  created_at timestamptz not null default now(),
  -- Null for automatic versions.
  created_by uuid references users (id) on delete set null,
  restored_from uuid references doc_versions (id) on delete set null,
  locked_at timestamptz,
  locked_by uuid references users (id) on delete set null,
  -- People who changed the document since the previous version: [{ id, name, city }].
  contributors jsonb not null default '[]',
  check ((kind = 'named') = (name is not null))
);
create index doc_versions_document_idx on doc_versions (document_id, created_at desc);
