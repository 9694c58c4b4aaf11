import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { hashPassword } from '../../auth/passwords'
import { startSession } from '../../auth/session'
import { setUpAtelier } from '../../commands/setup'
import { countUsers } from '../../data/users'
import { refreshIdentity } from '../identity'
import { presentMe } from '../presenters'
import { validate } from '../validate'
import { setupBody } from '../../../shared/schemas'
import type { SetupStatus } from '../../../shared/api'

/** First run: while no account exists, anyone reaching the app may create the first secretariat. */
export const setupRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json<SetupStatus>({ needed: (await countUsers(c.var.deps.db)) === 0, mail: c.var.deps.mail.enabled }))
  .post('/', validate('json', setupBody), async (c) => {
    const { db } = c.var.deps
    const body = c.req.valid('json')
    const passwordHash = await hashPassword(body.password)
    const userId = await setUpAtelier(db, { ...body, passwordHash })
    const session = await startSession(c, userId)
    return c.json(await presentMe(db, await refreshIdentity(c, db, userId, session)), 201)
  })
