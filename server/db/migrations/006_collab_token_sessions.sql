-- A collab token lives only as long as the session it was made with: signing out, a password
-- reset or the end of the session takes it away (and closes the sockets opened with it).
-- Tokens last minutes: the ones made before this change are simply dropped.
delete from collab_tokens;
alter table collab_tokens add column session_id text not null references sessions (id) on delete cascade;
create index collab_tokens_session_idx on collab_tokens (session_id);
