import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import type { Session } from 'lucia'
import { ApiError } from '../api/errors'
import type { AppDeps, AppEnv, Identity } from '../context'
import { loadActor } from '../data/grants'
import type { TemplateLocale } from '../../shared/templates'

/** Reads the session cookie (if any) and puts the caller's identity on the context. */
export const sessionMiddleware = createMiddleware<AppEnv>(async (c, next) => {
  const { auth } = c.var.deps
  c.set('identity', await identify(c, getCookie(c, auth.sessionCookieName)))
  return next()
})

async function identify(c: Context<AppEnv>, sessionId: string | undefined): Promise<Identity | null> {
  if (!sessionId) return null
  const { auth, db } = c.var.deps
  const { session, user } = await auth.validateSession(sessionId)
  if (!session) {
    c.header('Set-Cookie', auth.createBlankSessionCookie().serialize(), { append: true })
    return null
  }
  if (session.fresh) c.header('Set-Cookie', auth.createSessionCookie(session.id).serialize(), { append: true })
  return {
    session,
    user: { id: user.id, email: user.email, name: user.name, locale: user.locale as TemplateLocale },
    actor: await loadActor(db, user.id),
  }
}

export async function startSession(c: Context<AppEnv>, userId: string): Promise<Session> {
  const { auth } = c.var.deps
  const session = await auth.createSession(userId, {})
  c.header('Set-Cookie', auth.createSessionCookie(session.id).serialize(), { append: true })
  return session
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const { auth } = c.var.deps
  const identity = c.var.identity
  if (identity) await auth.invalidateSession(identity.session.id)
  c.header('Set-Cookie', auth.createBlankSessionCookie().serialize(), { append: true })
}

export const invalidateUserSessions = (c: Context<AppEnv>, userId: string) => c.var.deps.auth.invalidateUserSessions(userId)

/** The caller's identity, or a 401. */
export function requireIdentity(c: Context<AppEnv>): Identity {
  const identity = c.var.identity
  if (!identity) throw new ApiError('unauthenticated', 'Sign in to continue')
  return identity
}

/** For the WebSocket upgrade: the user behind a session cookie, without touching the response. */
export async function userOfSessionCookie<E extends AppEnv>(c: Context<E>): Promise<{ userId: string; sessionId: string } | null> {
  const { auth } = c.var.deps
  const sessionId = getCookie(c, auth.sessionCookieName)
  if (!sessionId) return null
  const { session } = await auth.validateSession(sessionId)
  return session ? { userId: session.userId, sessionId: session.id } : null
}

export async function sessionIsValid(auth: AppDeps['auth'], sessionId: string): Promise<boolean> {
  return (await auth.validateSession(sessionId)).session !== null
}
