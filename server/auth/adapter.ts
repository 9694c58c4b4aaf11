import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia'
import type { Db } from '../db/db'

/** Lucia's storage, on our Db interface so it runs on PGlite and PostgreSQL alike. */
export class DbAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const rows = await this.db.query<{
      id: string; userId: string; expiresAt: Date; email: string; name: string; locale: string
    }>(
      `select s.id, s.user_id as "userId", s.expires_at as "expiresAt", u.email, u.name, u.locale
       from sessions s join users u on u.id = s.user_id where s.id = $1`,
      [sessionId],
    )
    const r = rows[0]
    if (!r) return [null, null]
    return [
      { id: r.id, userId: r.userId, expiresAt: new Date(r.expiresAt), attributes: {} },
      { id: r.userId, attributes: { email: r.email, name: r.name, locale: r.locale } },
    ]
  }

  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await this.db.query<{ id: string; expiresAt: Date }>(
      `select id, expires_at as "expiresAt" from sessions where user_id = $1`,
      [userId],
    )
    return rows.map((r) => ({ id: r.id, userId, expiresAt: new Date(r.expiresAt), attributes: {} }))
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await this.db.query('insert into sessions (id, user_id, expires_at) values ($1, $2, $3)', [
      session.id,
      session.userId,
      session.expiresAt,
    ])
  }

  async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
    await this.db.query('update sessions set expires_at = $2 where id = $1', [sessionId, expiresAt])
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.db.query('delete from sessions where id = $1', [sessionId])
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.query('delete from sessions where user_id = $1', [userId])
  }

  async deleteExpiredSessions(): Promise<void> {
    await this.db.query('delete from sessions where expires_at <= now()')
  }
}
