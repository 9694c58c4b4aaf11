import type { Queryable } from '../db/db'

export type SessionRow = { id: string; userId: string; expiresAt: Date }

/** A session that has not expired, by its stored id. */
export async function findLiveSession(q: Queryable, id: string): Promise<SessionRow | null> {
  const rows = await q.query<SessionRow>(
    `select id, user_id as "userId", expires_at as "expiresAt" from sessions where id = $1 and expires_at > now()`,
    [id],
  )
  return rows[0] ?? null
}
