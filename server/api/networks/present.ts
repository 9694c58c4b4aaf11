import { daysSince } from '../../../shared/days'
import type { Queryable } from '../../db/db'
import { listDocuments } from '../../data/documents'
import { listPeople } from '../../data/grants'
import { getNetworks, listMemberships, type MembershipRow } from '../../data/workspace'
import { presentDocument, presentNetwork, presentPeople } from '../presenters'
import type { Actor } from '../../../shared/domain'
import type { MembershipView, NetworkDetail } from '../../../shared/api'

/** A network's screen: its details, its cities with their dates, its people and its documents, as `actor` may see them. */
export async function networkDetail(db: Queryable, actor: Actor, id: string): Promise<NetworkDetail> {
  const [network] = await getNetworks(db, [id])
  const memberships = await listMemberships(db, { networkId: id })
  const people = await presentPeople(db, actor, [
    ...(await listPeople(db, { type: 'network', id })),
    ...(await Promise.all(memberships.map((m) => listPeople(db, { type: 'city', id: m.cityId })))).flat(),
  ])
  const documents = await listDocuments(db, { networkIds: [id], cityIds: [] })
  return {
    ...presentNetwork(actor, network!),
    memberships: memberships.map(presentMembership),
    people,
    documents: documents.map((d) => presentDocument(actor, d)),
  }
}

/** A city's membership, with the days between its selection and its start (or today): the long-wait flag. */
export function presentMembership(m: MembershipRow): MembershipView {
  const end = m.startedOn ? Date.parse(m.startedOn) : Date.now()
  return {
    city: { id: m.cityId, name: m.cityName, country: m.cityCountry },
    kind: m.kind,
    selectedOn: m.selectedOn,
    confirmedOn: m.confirmedOn,
    startedOn: m.startedOn,
    gapDays: m.selectedOn ? daysSince(m.selectedOn, end) : null,
  }
}
