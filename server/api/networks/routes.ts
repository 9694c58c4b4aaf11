import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { listDocuments } from '../../data/documents'
import { announceAccessChange } from '../../data/access-events'
import { addGrant, listPeople, loadActor } from '../../data/grants'
import {
  createCity,
  createNetwork,
  getCities,
  getNetworks,
  leaveNetwork,
  listCityCandidates,
  listMemberships,
  updateMembership,
  updateNetwork,
  upsertMembership,
  type MembershipRow,
} from '../../data/workspace'
import type { Queryable } from '../../db/db'
import { authorizeSpace } from '../access'
import { ApiError, forbidden, notFound } from '../../errors'
import { presentDocument, presentNetwork, presentPeople } from '../presenters'
import { idParam, validate } from '../validate'
import type { Actor } from '../../../shared/domain'
import { can, canCreateNetwork } from '../../../shared/policy'
import type { CityOption, MembershipView, NetworkDetail } from '../../../shared/api'
import { addCityBody, createNetworkBody, updateMembershipBody, updateNetworkBody } from '../../../shared/schemas'

const DAY_MS = 86_400_000

export const networkRoutes = new Hono<AppEnv>()
  .post('/', validate('json', createNetworkBody), async (c) => {
    const { actor, user } = requireIdentity(c)
    if (!canCreateNetwork(actor)) throw forbidden('Only a secretariat can create a network')
    const { db } = c.var.deps
    const id = await db.transaction(async (tx) => {
      const network = await createNetwork(tx, c.req.valid('json'))
      await addGrant(tx, { userId: user.id, role: 'secretariat', space: { type: 'network', id: network.id }, grantedBy: user.id })
      return network.id
    })
    return c.json(await networkDetail(db, await loadActor(db, user.id), id), 201)
  })
  .get('/:id', idParam('id'), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'read')
    return c.json(await networkDetail(c.var.deps.db, requireIdentity(c).actor, space.id))
  })
  .patch('/:id', idParam('id'), validate('json', updateNetworkBody), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'manage_members')
    await updateNetwork(c.var.deps.db, space.id, c.req.valid('json'))
    return c.json(await networkDetail(c.var.deps.db, requireIdentity(c).actor, space.id))
  })
  .get('/:id/city-candidates', idParam('id'), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'manage_members')
    const { actor } = requireIdentity(c)
    // Only networks whose members this person manages: their cities are already theirs to see.
    const run = [...new Set(actor.grants.map((g) => g.networkId).filter((id): id is string => id !== null))].filter((id) =>
      can(actor, 'manage_members', { type: 'network', id }),
    )
    const cities: CityOption[] = await listCityCandidates(c.var.deps.db, space.id, [...new Set([space.id, ...run])])
    return c.json(cities)
  })
  .post('/:id/cities', idParam('id'), validate('json', addCityBody), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'manage_members')
    const { db } = c.var.deps
    const body = c.req.valid('json')
    await db.transaction(async (tx) => {
      const cityId = body.cityId ?? (await createCity(tx, body.city!)).id
      if (body.cityId && (await getCities(tx, [body.cityId])).length === 0) throw notFound('No such city')
      if (body.kind === 'pilot') await assertNoOtherPilot(tx, space.id, cityId)
      await upsertMembership(tx, { networkId: space.id, cityId, ...body })
      await announceAccessChange(tx, { all: true })
    })
    // Reload the caller: the new city's space is now theirs to see.
    return c.json(await networkDetail(db, await loadActor(db, requireIdentity(c).user.id), space.id), 201)
  })
  .patch('/:id/cities/:cityId', idParam('id', 'cityId'), validate('json', updateMembershipBody), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'manage_members')
    const body = c.req.valid('json')
    const { db } = c.var.deps
    if (body.kind === 'pilot') await assertNoOtherPilot(db, space.id, c.req.param('cityId'))
    if (!(await updateMembership(db, space.id, c.req.param('cityId'), body))) throw notFound('This city is not in this network')
    // Pilot or member decides who writes network documents.
    await announceAccessChange(db, { all: true })
    return c.json(await networkDetail(db, requireIdentity(c).actor, space.id))
  })
  .delete('/:id/cities/:cityId', idParam('id', 'cityId'), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'manage_members')
    const { db } = c.var.deps
    if (!(await leaveNetwork(db, space.id, c.req.param('cityId')))) throw notFound('This city is not in this network')
    await announceAccessChange(db, { all: true })
    return c.body(null, 204)
  })

async function assertNoOtherPilot(db: Queryable, networkId: string, cityId: string) {
  const pilot = (await listMemberships(db, { networkId })).find((m) => m.kind === 'pilot')
  if (pilot && pilot.cityId !== cityId) {
    throw new ApiError('conflict', `${pilot.cityName} is already the pilot city of this network`)
  }
}

async function networkDetail(db: Queryable, actor: Actor, id: string): Promise<NetworkDetail> {
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

function presentMembership(m: MembershipRow): MembershipView {
  const end = m.startedOn ? Date.parse(m.startedOn) : Date.now()
  return {
    city: { id: m.cityId, name: m.cityName, country: m.cityCountry },
    kind: m.kind,
    selectedOn: m.selectedOn,
    confirmedOn: m.confirmedOn,
    startedOn: m.startedOn,
    gapDays: m.selectedOn ? Math.max(0, Math.floor((end - Date.parse(m.selectedOn)) / DAY_MS)) : null,
  }
}
