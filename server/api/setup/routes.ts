import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { hashPassword } from '../../auth/passwords'
import { startSession } from '../../auth/session'
import { addGrant } from '../../data/grants'
import { countUsers, createUser } from '../../data/users'
import { createNetwork } from '../../data/workspace'
import { ApiError } from '../../errors'
import { refreshIdentity } from '../identity'
import { presentMe } from '../presenters'
import { validate } from '../validate'
import { setupBody } from '../../../shared/schemas'
import type { SetupStatus } from '../../../shared/api'

/** First run: while no account exists, anyone reaching the app may create the first secretariat. */
export const setupRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json<SetupStatus>({ needed: (await countUsers(c.var.deps.db)) === 0 }))
  .post('/', validate('json', setupBody), async (c) => {
    const { db } = c.var.deps
    const body = c.req.valid('json')
    const passwordHash = await hashPassword(body.password)
    const userId = await db.transaction(async (tx) => {
      // Two people submitting at once: the lock makes the second see the first's account.
      await tx.query(`select pg_advisory_xact_lock(hashtext('atelier:setup'))`)
      if ((await countUsers(tx)) > 0) throw new ApiError('setup_done', 'Atelier is already set up; sign in instead')
      const user = await createUser(tx, { email: body.email, name: body.name, passwordHash, locale: body.locale })
      const network = await createNetwork(tx, { name: body.networkName })
      await addGrant(tx, { userId: user.id, role: 'secretariat', space: { type: 'network', id: network.id } })
      return user.id
    })
    const session = await startSession(c, userId)
    return c.json(await presentMe(db, await refreshIdentity(c, db, userId, session)), 201)
  })
