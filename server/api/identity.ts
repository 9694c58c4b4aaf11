import type { Context } from 'hono'
import type { PublicUser } from '../../shared/api'
import type { AppEnv, Identity } from '../context'
import { loadActor } from '../data/grants'
import { findUserById, type UserRow } from '../data/users'
import type { Queryable } from '../db/db'

/** Re-reads the caller after a change to their account or roles, so the response reflects it. */
export async function refreshIdentity(c: Context<AppEnv>, q: Queryable, userId: string, session: Identity['session']): Promise<Identity> {
  const user = await findUserById(q, userId)
  const identity: Identity = { session, user: publicUser(user!), actor: await loadActor(q, userId) }
  c.set('identity', identity)
  return identity
}

/** The account as its holder sees it: never the password hash. */
export const publicUser = ({ id, email, name, locale }: UserRow): PublicUser => ({ id, email, name, locale })
