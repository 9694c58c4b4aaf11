import { Lucia, TimeSpan } from 'lucia'
import type { Db } from '../db/db'
import { DbAdapter } from './adapter'

/**
 * Sessions through lucia v3. Its upstream no longer maintains v3, so nothing outside
 * server/auth/ imports it: replacing it means rewriting this folder only.
 */
export function createLucia(db: Db, options: { secureCookies: boolean; sessionDays: number }) {
  return new Lucia(new DbAdapter(db), {
    sessionExpiresIn: new TimeSpan(options.sessionDays, 'd'),
    sessionCookie: {
      name: 'atelier_session',
      attributes: { secure: options.secureCookies, sameSite: 'lax' },
    },
    getUserAttributes: (a) => ({ email: a.email, name: a.name, locale: a.locale }),
  })
}

export type Auth = ReturnType<typeof createLucia>

declare module 'lucia' {
  interface Register {
    Lucia: Auth
    DatabaseUserAttributes: { email: string; name: string; locale: string }
  }
}
