import type { Queryable } from '../db/db'

/** Sessions by their stored id (server/auth stores a hash of the cookie's token, never the token). */

export type SessionRow = { id: string; userId: string; expiresAt: Date }
export type SessionAccount = { email: string; name: string; locale: string }

const COLUMNS = `s.id, s.user_id as "userId", s.expires_at as "expiresAt"`

export async function insertSession(q: Queryable, s: SessionRow): Promise<void> {
  await q.query('insert into sessions (id, user_id, expires_at) values ($1, $2, $3)', [s.id, s.userId, s.expiresAt])
}

/** A session and its account, expired or not (the caller decides). */
export async function findSessionWithAccount(q: Queryable, id: string): Promise<(SessionRow & SessionAccount) | null> {
  const rows = await q.query<SessionRow & SessionAccount>(
    `select ${COLUMNS}, u.email, u.name, u.locale from sessions s join users u on u.id = s.user_id where s.id = $1`,
    [id],
  )
  return rows[0] ?? null
}

/** A session that has not expired. */
export async function findLiveSession(q: Queryable, id: string): Promise<SessionRow | null> {
  const rows = await q.query<SessionRow>(`select ${COLUMNS} from sessions s where s.id = $1 and s.expires_at > now()`, [id])
  return rows[0] ?? null
}

export async function listUserSessions(q: Queryable, userId: string): Promise<SessionRow[]> {
  return q.query<SessionRow>(`select ${COLUMNS} from sessions s where s.user_id = $1`, [userId])
}

export async function setSessionExpiry(q: Queryable, id: string, expiresAt: Date): Promise<void> {
  await q.query('update sessions set expires_at = $2 where id = $1', [id, expiresAt])
}

export async function deleteSession(q: Queryable, id: string): Promise<void> {
  await q.query('delete from sessions where id = $1', [id])
}

export async function deleteUserSessions(q: Queryable, userId: string): Promise<void> {
  await q.query('delete from sessions where user_id = $1', [userId])
}

/** Removes the sessions past their expiry; answers how many. */
export async function deleteExpiredSessions(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `with removed as (delete from sessions where expires_at <= now() returning 1) select count(*)::int as n from removed`,
  )
  return row!.n
}
