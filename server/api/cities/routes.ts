import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { listDocuments } from '../../data/documents'
import { listPeople } from '../../data/grants'
import { getCities, getNetworks, listMemberships } from '../../data/workspace'
import { authorizeSpace } from '../access'
import { presentCity, presentDocument, presentPeople } from '../presenters'
import { idParam } from '../validate'
import type { CityDetail } from '../../../shared/api'

export const cityRoutes = new Hono<AppEnv>().get('/:id', idParam('id'), async (c) => {
  const space = { type: 'city', id: c.req.param('id') } as const
  await authorizeSpace(c, space, 'read')
  const { db } = c.var.deps
  const { actor } = requireIdentity(c)
  const [city] = await getCities(db, [space.id])
  const memberships = await listMemberships(db, { cityId: space.id })
  const networks = await getNetworks(
    db,
    memberships.map((m) => m.networkId),
  )
  const body: CityDetail = {
    ...presentCity(actor, city!),
    networks: memberships.map((m) => ({
      id: m.networkId,
      name: networks.find((n) => n.id === m.networkId)?.name ?? '',
      theme: networks.find((n) => n.id === m.networkId)?.theme ?? '',
      kind: m.kind,
    })),
    people: await presentPeople(db, actor, await listPeople(db, space)),
    documents: (await listDocuments(db, { networkIds: [], cityIds: [space.id] })).map((d) => presentDocument(actor, d)),
  }
  return c.json(body)
})
