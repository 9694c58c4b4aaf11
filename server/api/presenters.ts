import type { Queryable } from '../db/db'
import type { Identity } from '../context'
import type { DocumentRow } from '../data/documents'
import type { PersonRow } from '../data/grants'
import { getCities, getNetworks, type CityRow, type NetworkRow } from '../data/workspace'
import { allowedActions, canSeeEmail, readableSpaces, rolesIn } from '../../shared/policy'
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
  allowed: allowedActions(actor, d.space),
})

export const presentNetwork = (actor: Actor, n: NetworkRow): NetworkSummary => {
  const space = { type: 'network', id: n.id } as const
  return { ...n, roles: [...rolesIn(actor, space)], allowed: allowedActions(actor, space) }
}

export const presentCity = (actor: Actor, c: CityRow): CitySummary => {
  const space = { type: 'city', id: c.id } as const
  return { ...c, roles: [...rolesIn(actor, space)], allowed: allowedActions(actor, space) }
}

/** People as this viewer may see them: names, roles and spaces; an e-mail address only where the policy shows it. */
export const presentPeople = (viewer: Actor, rows: PersonRow[]): PersonView[] =>
  rows.map(({ user: { email, ...user }, ...row }) => ({
    ...row,
    user: canSeeEmail(viewer, user.id, row.space) ? { ...user, email } : user,
  }))

export async function presentMe(q: Queryable, identity: Identity): Promise<MeResponse> {
  const { actor } = identity
  const spaces = readableSpaces(actor)
  const [networks, cities] = await Promise.all([getNetworks(q, spaces.networkIds), getCities(q, spaces.cityIds)])
  return {
    user: identity.user,
    actor,
    networks: networks.map((n) => presentNetwork(actor, n)),
    cities: cities.map((c) => presentCity(actor, c)),
  }
}
