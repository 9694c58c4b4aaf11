-- Sessions are stored as the SHA-256 (hex) of the token their cookie carries, never the token
-- itself (server/auth/adapter.ts), so a read of this table yields no session anyone can use.
-- Rows stored as their token are converted in place: people signed in stay signed in.
update sessions set id = encode(sha256(convert_to(id, 'UTF8')), 'hex');

-- Expired sessions are purged every hour (server/auth/session-purge.ts).
create index sessions_expires_idx on sessions (expires_at);
