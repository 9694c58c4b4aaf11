import type { Context } from 'hono'
import type { AppEnv } from '../context'
import { requireIdentity } from '../auth/session'
import { getDocument, policyTarget, type DocumentRow } from '../data/documents'
import { listMemberships, spaceName } from '../data/workspace'
import type { Queryable } from '../db/db'
import { can, refusal, type Action, type Refusal, type RoleOffer } from '../../shared/policy'
import type { GrantRole, SpaceRef } from '../../shared/domain'
import { ApiError, forbidden, notFound } from '../errors'
import { stageRefused } from '../commands/submissions'

/** The routes' one way to ask the policy: identify, load, and refuse with the right status. */

export async function authorizeDocument(c: Context<AppEnv>, id: string, action: Action): Promise<DocumentRow> {
  const { actor } = requireIdentity(c)
  const doc = await getDocument(c.var.deps.db, id)
  if (!doc) throw notFound('No such document')
  const target = policyTarget(doc)
  const why = refusal(actor, action, target)
  if (why === 'stage') throw stageRefused(action, target.state.stage)
  refuse(why, `You may not ${action.replace('_', ' ')} this document`)
  return doc
}

/** Turns a policy refusal into the API's answer: 403 for roles, 409 for an archived document (authorizeDocument says more about a stage). */
export function refuse(why: Refusal | null, forbiddenMessage: string): void {
  if (why === 'archived') throw new ApiError('document_archived', 'This document is archived: it can be read but not changed')
  if (why === 'stage') throw new ApiError('invalid_stage', 'The document’s stage in the submission cycle does not allow this')
  if (why === 'role') throw forbidden(forbiddenMessage)
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
