import { inTransaction, type Queryable } from '../db/db'
import { announceAccessChange } from '../data/access-events'
import { addGrant } from '../data/grants'
import { createCity, createNetwork, getCities, leaveNetwork, listMemberships, updateMembership, upsertMembership } from '../data/workspace'
import { ApiError, notFound } from '../errors'
import type { MembershipKind, NetworkStatus } from '../../shared/domain'

/**
 * A network and the cities in it, each change in one transaction. A change of membership
 * changes who reads and writes (a city's team writes network documents as the pilot city, and
 * so on), so it is announced to every instance: open sockets are checked again.
 */

export type NewNetwork = { name: string; theme?: string; description?: string; status?: NetworkStatus }
type Dates = { selectedOn?: string | null; confirmedOn?: string | null; startedOn?: string | null }
export type NewMembership = Dates & { kind: MembershipKind } & ({ cityId: string } | { city: { name: string; country?: string; languages?: string[] } })

/** A new network, run by the secretariat who starts it. Returns its id. */
export function startNetwork(q: Queryable, userId: string, input: NewNetwork): Promise<string> {
  return inTransaction(q, async (tx) => {
    const network = await createNetwork(tx, input)
    await addGrant(tx, { userId, role: 'secretariat', space: { type: 'network', id: network.id }, grantedBy: userId })
    return network.id
  })
}

/** A city, known or new, joins the network (or comes back to it). Returns the city's id. */
export function addCityToNetwork(q: Queryable, networkId: string, input: NewMembership): Promise<string> {
  return inTransaction(q, async (tx) => {
    const cityId = 'cityId' in input ? input.cityId : (await createCity(tx, input.city)).id
    if ('cityId' in input && (await getCities(tx, [input.cityId])).length === 0) throw notFound('No such city')
    if (input.kind === 'pilot') await assertNoOtherPilot(tx, networkId, cityId)
    const { kind, selectedOn, confirmedOn, startedOn } = input
    await upsertMembership(tx, { networkId, cityId, kind, selectedOn, confirmedOn, startedOn })
    await announceAccessChange(tx, { all: true })
    return cityId
  })
}

/** Pilot or member, and the dates of its selection, confirmation and start. */
export function changeMembership(q: Queryable, networkId: string, cityId: string, input: Dates & { kind?: MembershipKind }): Promise<void> {
  return inTransaction(q, async (tx) => {
    if (input.kind === 'pilot') await assertNoOtherPilot(tx, networkId, cityId)
    if (!(await updateMembership(tx, networkId, cityId, input))) throw notFound('This city is not in this network')
    await announceAccessChange(tx, { all: true })
  })
}

/** The city leaves; its team's rights in the network go with it. */
export function removeCityFromNetwork(q: Queryable, networkId: string, cityId: string): Promise<void> {
  return inTransaction(q, async (tx) => {
    if (!(await leaveNetwork(tx, networkId, cityId))) throw notFound('This city is not in this network')
    await announceAccessChange(tx, { all: true })
  })
}

async function assertNoOtherPilot(q: Queryable, networkId: string, cityId: string): Promise<void> {
  const pilot = (await listMemberships(q, { networkId })).find((m) => m.kind === 'pilot')
  if (pilot && pilot.cityId !== cityId) throw new ApiError('conflict', `${pilot.cityName} is already the pilot city of this network`)
}
