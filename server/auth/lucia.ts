import { Lucia, TimeSpan, type Session } from 'lucia'
import type { Db } from '../db/db'
import { deleteExpiredSessions, findLiveSession } from '../data/sessions'
import { DbAdapter, storedSessionId } from './adapter'

/** A signed-in session in server/auth's own terms. `id` is the token its cookie carries (only its hash is stored). */
export type AuthSession = { id: string; userId: string; expiresAt: Date; fresh: boolean }

/** The account behind a session, read with it in one query. */
export type SessionUser = { id: string; email: string; name: string; locale: string }

type AuthOptions = { secureCookies: boolean; sessionDays: number }

function luciaFor(db: Db, options: AuthOptions) {
  return new Lucia(new DbAdapter(db), {
    sessionExpiresIn: new TimeSpan(options.sessionDays, 'd'),
    sessionCookie: {
      name: 'atelier_session',
      attributes: { secure: options.secureCookies, sameSite: 'lax' },
    },
    getUserAttributes: (a) => ({ email: a.email, name: a.name, locale: a.locale }),
  })
}

declare module 'lucia' {
  interface Register {
    Lucia: ReturnType<typeof luciaFor>
    DatabaseUserAttributes: { email: string; name: string; locale: string }
  }
}

/**
 * Sessions, through lucia v3. Its upstream no longer maintains v3, so nothing outside
 * server/auth/ imports it or sees its types: replacing it means rewriting this folder only.
 */
export class Auth {
  private readonly lucia: ReturnType<typeof luciaFor>

  constructor(
    private readonly db: Db,
    options: AuthOptions,
  ) {
    this.lucia = luciaFor(db, options)
  }

  get cookieName(): string {
    return this.lucia.sessionCookieName
  }

  /** The session and its account; past half its life it is extended and `fresh` (send its cookie again). */
  async validate(token: string): Promise<{ session: AuthSession; user: SessionUser } | null> {
    const { session, user } = await this.lucia.validateSession(token)
    if (!session || !user) return null
    return { session: toAuthSession(session), user: { id: user.id, email: user.email, name: user.name, locale: user.locale } }
  }

  /**
   * Whose live session a token is and until when, without extending it: for callers that cannot
   * hand a refreshed cookie back (a WebSocket upgrade, an open socket), so the cookie never
   * expires before the session it names.
   */
  async liveSession(token: string): Promise<{ userId: string; expiresAt: Date } | null> {
    const row = await findLiveSession(this.db, storedSessionId(token))
    return row ? { userId: row.userId, expiresAt: new Date(row.expiresAt) } : null
  }

  /** What the database keeps for a session: what other records (collab tokens) refer to. */
  storedId = (token: string) => storedSessionId(token)

  async create(userId: string): Promise<AuthSession> {
    return toAuthSession(await this.lucia.createSession(userId, {}))
  }

  /** Removes expired sessions; answers how many. */
  purgeExpired = () => deleteExpiredSessions(this.db)

  invalidate = (token: string) => this.lucia.invalidateSession(token)
  invalidateUser = (userId: string) => this.lucia.invalidateUserSessions(userId)

  /** Set-Cookie values: the session's cookie, and the one that removes it. */
  cookie = (token: string) => this.lucia.createSessionCookie(token).serialize()
  blankCookie = () => this.lucia.createBlankSessionCookie().serialize()
}

const toAuthSession = (s: Session): AuthSession => ({ id: s.id, userId: s.userId, expiresAt: s.expiresAt, fresh: s.fresh })

/** The sessions the app uses (lucia underneath). */
export const createLucia = (db: Db, options: AuthOptions) => new Auth(db, options)
