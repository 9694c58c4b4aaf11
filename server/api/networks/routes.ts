import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { addCityToNetwork, changeMembership, removeCityFromNetwork, startNetwork } from '../../commands/networks'
import { loadActor } from '../../data/grants'
import { listCityCandidates, updateNetwork } from '../../data/workspace'
import { authorizeSpace } from '../access'
import { forbidden } from '../../errors'
import { idParam, validate } from '../validate'
import { networkDashboard } from '../../reports/dashboard'
import { parseQuarter, quarterlyReport } from '../../reports/quarterly'
import { networkDetail } from './present'
import { can, canCreateNetwork } from '../../../shared/policy'
import type { CityOption, NetworkDashboard } from '../../../shared/api'
import { addCityBody, createNetworkBody, reportQuery, updateMembershipBody, updateNetworkBody } from '../../../shared/schemas'

export const networkRoutes = new Hono<AppEnv>()
  .post('/', validate('json', createNetworkBody), async (c) => {
    const { actor, user } = requireIdentity(c)
    if (!canCreateNetwork(actor)) throw forbidden('Only a secretariat can create a network')
    const { db } = c.var.deps
    const id = await startNetwork(db, user.id, c.req.valid('json'))
    return c.json(await networkDetail(db, await loadActor(db, user.id), id), 201)
  })
  .get('/:id', idParam('id'), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'read')
    return c.json(await networkDetail(c.var.deps.db, requireIdentity(c).actor, space.id))
  })
  .get('/:id/dashboard', idParam('id'), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'view_dashboard')
    const body: NetworkDashboard = await networkDashboard(c.var.deps.db, space.id)
    return c.json(body)
  })
  .get('/:id/report', idParam('id'), validate('query', reportQuery), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'view_dashboard')
    const { quarter, format } = c.req.valid('query')
    const file = await quarterlyReport(c.var.deps, space.id, parseQuarter(quarter), format, requireIdentity(c).user.locale)
    return c.body(file.body, 200, {
      'Content-Type': file.contentType,
      'Content-Disposition': file.disposition,
      'Content-Length': String(file.body.byteLength),
      'Cache-Control': 'private, no-store',
    })
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
    const { cityId, city, ...membership } = c.req.valid('json')
    await addCityToNetwork(db, space.id, cityId ? { ...membership, cityId } : { ...membership, city: city! })
    // Reload the caller: the new city's space is now theirs to see.
    return c.json(await networkDetail(db, await loadActor(db, requireIdentity(c).user.id), space.id), 201)
  })
  .patch('/:id/cities/:cityId', idParam('id', 'cityId'), validate('json', updateMembershipBody), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'manage_members')
    const { db } = c.var.deps
    await changeMembership(db, space.id, c.req.param('cityId'), c.req.valid('json'))
    return c.json(await networkDetail(db, requireIdentity(c).actor, space.id))
  })
  .delete('/:id/cities/:cityId', idParam('id', 'cityId'), async (c) => {
    const space = { type: 'network', id: c.req.param('id') } as const
    await authorizeSpace(c, space, 'manage_members')
    await removeCityFromNetwork(c.var.deps.db, space.id, c.req.param('cityId'))
    return c.body(null, 204)
  })
