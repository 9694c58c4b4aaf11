import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { requireIdentity } from '../auth/session'
import { getDocument, policyTarget, type DocumentRow } from '../data/documents'
import { listMemberships, spaceName } from '../data/workspace'
import type { Queryable } from '../db/db'
import { can, refusal, type Action, type Refusal, type RoleOffer } from '../../shared/policy'
import type { GrantRole, SpaceRef } from '../../shared/domain'
import { forbidden, notFound, refusalError } from '../errors'

/** The routes' one way to ask the policy: identify, load, and refuse with the right status. */

export async function authorizeDocument(c: Context<AppEnv>, id: string, action: Action): Promise<DocumentRow> {
  const { actor } = requireIdentity(c)
  const doc = await getDocument(c.var.deps.db, id)
  if (!doc) throw notFound('No such document')
  const target = policyTarget(doc)
  const why = refusal(actor, action, target)
  if (why) throw refusalError(why, `You may not ${action.replace('_', ' ')} this document`, { action, stage: target.state.stage })
  return doc
}

/** Turns a policy refusal into the API's answer (see refusalError). */
export function refuse(why: Refusal | null, forbiddenMessage: string): void {
  if (why) throw refusalError(why, forbiddenMessage)
}

/** Checks the space exists (404) and the caller may act on it (403); returns its name. */
export async function authorizeSpace(c: Context<AppEnv>, space: SpaceRef, action: Action): Promise<string> {
  const { actor } = requireIdentity(c)
  const name = await spaceName(c.var.deps.db, space)
  if (name === null) throw notFound(`No such ${space.type}`)
  if (!can(actor, action, space)) throw forbidden(`You may not ${action.replace('_', ' ')} in this ${space.type}`)
  return name
}

/** A role about to go to someone, with the networks it reaches (the network, or the city's networks), for the policy. */
export async function roleOffer(q: Queryable, role: GrantRole, space: SpaceRef): Promise<RoleOffer> {
  const networkIds = space.type === 'network' ? [space.id] : (await listMemberships(q, { cityId: space.id })).map((m) => m.networkId)
  return { role, space, networkIds }
}
