import type { Adapter, DatabaseSession, DatabaseUser } from 'lucia'
import type { Db } from '../db/db'
import {
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  findSessionWithAccount,
  insertSession,
  listUserSessions,
  setSessionExpiry,
} from '../data/sessions'
import { hashToken } from './tokens'

/**
 * A session's stored id: the SHA-256 (hex) of the token its cookie carries, so that reading
 * the sessions table (a backup, a leaked dump) yields no session anyone can use.
 */
export const storedSessionId = hashToken

/**
 * Lucia's storage, on our Db interface so it runs on PGlite and PostgreSQL alike. Lucia
 * hands us the token as the session id; we store and look up its hash, and hand the token back.
 */
export class DbAdapter implements Adapter {
  constructor(private readonly db: Db) {}

  async getSessionAndUser(token: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
    const r = await findSessionWithAccount(this.db, storedSessionId(token))
    if (!r) return [null, null]
    return [
      { id: token, userId: r.userId, expiresAt: new Date(r.expiresAt), attributes: {} },
      { id: r.userId, attributes: { email: r.email, name: r.name, locale: r.locale } },
    ]
  }

  /** Lucia's interface asks for it; Atelier does not use it. The ids are the stored hashes: the tokens are not kept. */
  async getUserSessions(userId: string): Promise<DatabaseSession[]> {
    const rows = await listUserSessions(this.db, userId)
    return rows.map((r) => ({ id: r.id, userId, expiresAt: new Date(r.expiresAt), attributes: {} }))
  }

  async setSession(session: DatabaseSession): Promise<void> {
    await insertSession(this.db, { id: storedSessionId(session.id), userId: session.userId, expiresAt: session.expiresAt })
  }

  async updateSessionExpiration(token: string, expiresAt: Date): Promise<void> {
    await setSessionExpiry(this.db, storedSessionId(token), expiresAt)
  }

  async deleteSession(token: string): Promise<void> {
    await deleteSession(this.db, storedSessionId(token))
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await deleteUserSessions(this.db, userId)
  }

  async deleteExpiredSessions(): Promise<void> {
    await deleteExpiredSessions(this.db)
  }
}
