import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { updateUser } from '../../data/users'
import { refreshIdentity } from '../identity'
import { presentMe } from '../presenters'
import { validate } from '../validate'
import { updateMeBody } from '../../../shared/schemas'

export const meRoutes = new Hono<AppEnv>()
  .get('/', async (c) => c.json(await presentMe(c.var.deps.db, requireIdentity(c))))
  .patch('/', validate('json', updateMeBody), async (c) => {
    const { db } = c.var.deps
    const identity = requireIdentity(c)
    await updateUser(db, identity.user.id, c.req.valid('json'))
    return c.json(await presentMe(db, await refreshIdentity(c, db, identity.user.id, identity.session)))
  })
