import type { Queryable } from '../db/db'
import type { Identity } from '../context'
import { policyTarget, type DocumentRow } from '../data/documents'
import { loadActors, type PersonRow } from '../data/grants'
import { getCities, getNetworks, type CityRow, type NetworkRow } from '../data/workspace'
import { allowedActions, canRevoke, canSeeEmail, readableSpaces, rolesIn } from '../../shared/policy'
import type { Actor } from '../../shared/domain'
import type { CitySummary, DocumentSummary, MeResponse, NetworkSummary, PersonView } from '../../shared/api'

/** Database rows → API JSON, in one place, with what the caller may do attached. */

export const presentDocument = (actor: Actor, d: DocumentRow): DocumentSummary => ({
  id: d.id,
  title: d.title,
  kind: d.kind,
  template: d.template,
  locale: d.locale,
  space: d.space,
  createdBy: d.createdBy,
  createdAt: new Date(d.createdAt).toISOString(),
  updatedAt: new Date(d.updatedAt).toISOString(),
  archived: d.archivedAt !== null,
  openComments: d.openComments,
  stage: policyTarget(d).state.stage,
  dueOn: d.dueOn,
  planId: d.planId,
  allowed: allowedActions(actor, policyTarget(d)),
})

export const presentNetwork = (actor: Actor, n: NetworkRow): NetworkSummary => {
  const space = { type: 'network', id: n.id } as const
  return { ...n, roles: [...rolesIn(actor, space)], allowed: allowedActions(actor, space) }
}

export const presentCity = (actor: Actor, c: CityRow): CitySummary => {
  const space = { type: 'city', id: c.id } as const
  return { ...c, roles: [...rolesIn(actor, space)], allowed: allowedActions(actor, space) }
}

/**
 * People as this viewer may see them: names, roles and spaces; an e-mail address only where
 * the policy shows it; and whether the viewer may take each role back.
 */
export async function presentPeople(q: Queryable, viewer: Actor, rows: PersonRow[]): Promise<PersonView[]> {
  const givers = [...new Set(rows.map((r) => r.grantedBy).filter((id): id is string => id !== null))]
  const actors = new Map((await loadActors(q, givers)).map((a) => [a.userId, a]))
  return rows.map(({ user: { email, ...user }, grantedBy, holders, ...row }) => ({
    ...row,
    user: canSeeEmail(viewer, user.id, row.space) ? { ...user, email } : user,
    allowed: { revoke: canRevoke(viewer, { role: row.role, space: row.space, grantedBy: grantedBy ? actors.get(grantedBy)! : null, holders }) },
  }))
}

export async function presentMe(q: Queryable, identity: Identity): Promise<MeResponse> {
  const { actor } = identity
  const spaces = readableSpaces(actor)
  const [networks, cities] = await Promise.all([getNetworks(q, spaces.networkIds), getCities(q, spaces.cityIds)])
  return {
    user: identity.user,
    actor,
    networks: networks.map((n) => presentNetwork(actor, n)),
    cities: cities.map((c) => presentCity(actor, c)),
    sessionExpiresAt: identity.session.expiresAt.toISOString(),
  }
}
