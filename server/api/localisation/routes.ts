import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { updateLocalisationStep } from '../../commands/localisation'
import { setSupportActivity } from '../../data/localisation'
import { notFound } from '../../errors'
import { authorizeSpace } from '../access'
import { idParam, validate } from '../validate'
import { cityLocalisation } from './present'
import { localisationStepBody, supportActivityBody } from '../../../shared/schemas'
import { STEP_KEYS, SUPPORT_KEYS, type StepKey, type SupportKey } from '../../../shared/localisation'
import type { CityLocalisation } from '../../../shared/api'

/**
 * `/api/cities/:id/localisation`: the city's City WORKS tracker. Whoever may read the city
 * follows it; its team, the experts it invited and the secretariat update it. Steps may be taken
 * in any order: starting a later phase first only brings the toolkit's advice back.
 */

const city = (c: Context<AppEnv>) => ({ type: 'city', id: c.req.param('id')! }) as const

async function present(c: Context<AppEnv>): Promise<CityLocalisation> {
  const { actor, user } = requireIdentity(c)
  return cityLocalisation(c.var.deps.db, actor, city(c).id, user.locale)
}

const today = () => new Date().toISOString().slice(0, 10)

export const localisationRoutes = new Hono<AppEnv>()
  .get('/localisation', idParam('id'), async (c) => {
    await authorizeSpace(c, city(c), 'read')
    return c.json(await present(c))
  })
  .patch('/localisation/steps/:key', idParam('id'), validate('json', localisationStepBody), async (c) => {
    await authorizeSpace(c, city(c), 'read')
    const key = c.req.param('key') as StepKey
    if (!STEP_KEYS.includes(key)) throw notFound(`No City WORKS step "${key}": the steps are ${STEP_KEYS.join(', ')}`)
    await authorizeSpace(c, city(c), 'track_localisation')
    await updateLocalisationStep(c.var.deps.db, requireIdentity(c).actor, city(c).id, key, c.req.valid('json'), today())
    return c.json(await present(c))
  })
  .patch('/localisation/support/:key', idParam('id'), validate('json', supportActivityBody), async (c) => {
    await authorizeSpace(c, city(c), 'read')
    const key = c.req.param('key') as SupportKey
    if (!SUPPORT_KEYS.includes(key)) throw notFound(`No support activity "${key}": they are ${SUPPORT_KEYS.join(', ')}`)
    await authorizeSpace(c, city(c), 'track_localisation')
    const { status, note } = c.req.valid('json')
    await setSupportActivity(c.var.deps.db, { cityId: city(c).id, key, status, note, by: requireIdentity(c).user.id })
    return c.json(await present(c))
  })
