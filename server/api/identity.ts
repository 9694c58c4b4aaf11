import type { Context } from 'hono'
import type { AppEnv, Identity } from '../context'
import { loadActor } from '../data/grants'
import { findUserById, toPublicUser } from '../data/users'
import type { Queryable } from '../db/db'

/** Re-reads the caller after a change to their account or roles, so the response reflects it. */
export async function refreshIdentity(c: Context<AppEnv>, q: Queryable, userId: string, session: Identity['session']): Promise<Identity> {
  const user = await findUserById(q, userId)
  const identity: Identity = { session, user: toPublicUser(user!), actor: await loadActor(q, userId) }
  c.set('identity', identity)
  return identity
}
