import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { announceAccessChange } from '../../data/access-events'
import { addGrant, findGrant, removeGrant } from '../../data/grants'
import { findUserById } from '../../data/users'
import { authorizeSpace } from '../access'
import { forbidden, notFound } from '../errors'
import { idParam, validate } from '../validate'
import { canGrant } from '../../../shared/policy'
import { grantRoleBody } from '../../../shared/schemas'

/** Giving an existing person a role, and taking it back. Whoever may grant a role may revoke it. */
export const grantRoutes = new Hono<AppEnv>()
  .post('/', validate('json', grantRoleBody), async (c) => {
    const { actor, user } = requireIdentity(c)
    const body = c.req.valid('json')
    const { db } = c.var.deps
    await authorizeSpace(c, body.space, 'invite')
    if (!canGrant(actor, body.role, body.space)) throw forbidden(`You may not grant the ${body.role} role here`)
    if (!(await findUserById(db, body.userId))) throw notFound('No such person')
    const id = await addGrant(db, { ...body, grantedBy: user.id })
    await announceAccessChange(db, { userId: body.userId })
    return c.json({ id }, 201)
  })
  .delete('/:id', idParam('id'), async (c) => {
    const { actor } = requireIdentity(c)
    const { db } = c.var.deps
    const grant = await findGrant(db, c.req.param('id'))
    if (!grant) throw notFound('No such role')
    if (!canGrant(actor, grant.role, grant.space)) throw forbidden('You may not remove this role')
    await removeGrant(db, grant.id)
    await announceAccessChange(db, { userId: grant.userId })
    return c.body(null, 204)
  })
