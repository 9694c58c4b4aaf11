import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { setCityVisit, setInauguralEvent, setOnboardingItem } from '../../data/onboarding'
import { listMemberships, type MembershipRow } from '../../data/workspace'
import { startVisitReport } from '../../commands/visit-reports'
import { ApiError, notFound } from '../../errors'
import { authorizeSpace } from '../access'
import { presentDocument } from '../presenters'
import { idParam, validate } from '../validate'
import { networkOnboarding } from './present'
import { cityVisitBody, inauguralBody, onboardingItemBody } from '../../../shared/schemas'
import { ONBOARDING_ITEMS, type OnboardingItemKey } from '../../../shared/onboarding'
import type { CityOnboarding, NetworkOnboarding } from '../../../shared/api'

/**
 * `/api/networks/:id/onboarding` and `/api/networks/:id/cities/:cityId/onboarding`: bringing each
 * city into the network. Its readers follow the progress; the secretariat and the city's team
 * tick the checklist and start the report of the secretariat's visit (in the city's space); the
 * secretariat plans its visits and the inaugural event.
 */

const network = (c: Context<AppEnv>) => ({ type: 'network', id: c.req.param('id')! }) as const

async function activeCity(c: Context<AppEnv>, cityId: string): Promise<MembershipRow> {
  const members = await listMemberships(c.var.deps.db, { networkId: c.req.param('id')! })
  const membership = members.find((m) => m.cityId === cityId)
  if (!membership) throw notFound('No such city in this network')
  return membership
}

/** One active city's onboarding; 404 for a city outside the network. */
async function oneCity(c: Context<AppEnv>, cityId: string): Promise<CityOnboarding> {
  const all = await networkOnboarding(c.var.deps.db, requireIdentity(c).actor, c.req.param('id')!)
  const city = all.cities.find((one) => one.city.id === cityId)
  if (!city) throw notFound('No such city in this network')
  return city
}

export const networkOnboardingRoutes = new Hono<AppEnv>()
  .get('/onboarding', idParam('id'), async (c) => {
    await authorizeSpace(c, network(c), 'read')
    const body: NetworkOnboarding = await networkOnboarding(c.var.deps.db, requireIdentity(c).actor, network(c).id)
    return c.json(body)
  })
  .patch('/inaugural', idParam('id'), validate('json', inauguralBody), async (c) => {
    await authorizeSpace(c, network(c), 'manage_members')
    const body = c.req.valid('json')
    if (body.cityId) await activeCity(c, body.cityId)
    await setInauguralEvent(c.var.deps.db, network(c).id, body)
    return c.json(await networkOnboarding(c.var.deps.db, requireIdentity(c).actor, network(c).id))
  })
  .get('/cities/:cityId/onboarding', idParam('id', 'cityId'), async (c) => {
    await authorizeSpace(c, network(c), 'read')
    return c.json(await oneCity(c, c.req.param('cityId')))
  })
  .patch('/cities/:cityId/onboarding/items/:key', idParam('id', 'cityId'), validate('json', onboardingItemBody), async (c) => {
    const cityId = c.req.param('cityId')
    await authorizeSpace(c, network(c), 'read')
    await activeCity(c, cityId)
    const key = c.req.param('key') as OnboardingItemKey
    if (!ONBOARDING_ITEMS.includes(key)) throw notFound(`No onboarding item "${key}": the items are ${ONBOARDING_ITEMS.join(', ')}`)
    await authorizeSpace(c, { type: 'city', id: cityId }, 'tick_onboarding')
    const { done, note } = c.req.valid('json')
    await setOnboardingItem(c.var.deps.db, { networkId: network(c).id, cityId, key, done, note, by: requireIdentity(c).user.id })
    return c.json(await oneCity(c, cityId))
  })
  .patch('/cities/:cityId/onboarding/visit', idParam('id', 'cityId'), validate('json', cityVisitBody), async (c) => {
    const cityId = c.req.param('cityId')
    await authorizeSpace(c, network(c), 'manage_members')
    await activeCity(c, cityId)
    const dates = c.req.valid('json')
    if (dates.plannedOn === undefined && dates.heldOn === undefined) throw new ApiError('invalid_input', 'Give a planned or a held day')
    await setCityVisit(c.var.deps.db, network(c).id, cityId, dates)
    return c.json(await oneCity(c, cityId))
  })
  .post('/cities/:cityId/onboarding/visit/report', idParam('id', 'cityId'), async (c) => {
    const cityId = c.req.param('cityId')
    await authorizeSpace(c, network(c), 'read')
    const membership = await activeCity(c, cityId)
    await authorizeSpace(c, { type: 'city', id: cityId }, 'tick_onboarding')
    const { actor, user } = requireIdentity(c)
    const city = { id: cityId, name: membership.cityName }
    const { document, created } = await startVisitReport(c.var.deps.db, { networkId: network(c).id, city, userId: user.id, locale: user.locale })
    const summary = presentDocument(actor, document)
    if (!created) throw new ApiError('conflict', `The visit to ${city.name} already has its report: “${document.title}”`, { document: summary })
    return c.json(summary, 201)
  })
