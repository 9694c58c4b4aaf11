import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import { ApiError } from '../errors'
import type { AppEnv, Identity } from '../context'
import { loadActor } from '../data/grants'
import type { TemplateLocale } from '../../shared/templates'
import type { Auth, AuthSession } from './lucia'

/** Reads the session cookie (if any) and puts the caller's identity on the context. */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const { auth } = c.var.deps
  c.set('identity', await identify(c, getCookie(c, auth.cookieName)))
  return next()
})

async function identify(c: Context<AppEnv>, token: string | undefined): Promise<Identity | null> {
  if (!token) return null
  const { auth, db } = c.var.deps
  const found = await auth.validate(token)
  if (!found) {
    c.header('Set-Cookie', auth.blankCookie(), { append: true })
    return null
  }
  const { session, user } = found
  if (session.fresh) c.header('Set-Cookie', auth.cookie(session.id), { append: true })
  return {
    session,
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale as TemplateLocale },
    actor: await loadActor(db, user.id),
  }
}

export async function startSession(c: Context<AppEnv>, userId: string): Promise<AuthSession> {
  const { auth } = c.var.deps
  const session = await auth.create(userId)
  c.header('Set-Cookie', auth.cookie(session.id), { append: true })
  return session
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const { auth } = c.var.deps
  const identity = c.var.identity
  if (identity) await auth.invalidate(identity.session.id)
  c.header('Set-Cookie', auth.blankCookie(), { append: true })
}

export const invalidateUserSessions = (c: Context<AppEnv>, userId: string) => c.var.deps.auth.invalidateUser(userId)

/** The caller's identity, or a 401. */
export function requireIdentity(c: Context<AppEnv>): Identity {
  const identity = c.var.identity
  if (!identity) throw new ApiError('unauthenticated', 'Sign in to continue')
  return identity
}

/**
 * For the WebSocket upgrade: the user behind a session cookie and until when the session
 * holds, without touching the response. `token` is the cookie's token as sent: keep it on the
 * socket and ask `sessionExpiry` later.
 */
export async function userOfSessionCookie<E extends AppEnv>(c: Context<E>): Promise<{ userId: string; token: string; expiresAt: Date } | null> {
  const { auth } = c.var.deps
  const token = getCookie(c, auth.cookieName)
  if (!token) return null
  const session = await auth.liveSession(token)
  return session ? { ...session, token } : null
}

/**
 * Until when the session an open socket was admitted with holds now (use by the browser may
 * have extended it), or null once it ended (signed out, expired, ended by a password reset).
 * Give it the cookie token `userOfSessionCookie` returned — never the stored id, a hash of it.
 * It reads only: it does not extend the session, since no refreshed cookie can reach the browser.
 */
export async function sessionExpiry(auth: Auth, token: string): Promise<Date | null> {
  return (await auth.liveSession(token))?.expiresAt ?? null
}
