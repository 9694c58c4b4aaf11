import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { requireIdentity } from '../../auth/session'
import { announceAccessChange } from '../../data/access-events'
import { addGrant, findGrant, loadActor, removeGrant } from '../../data/grants'
import { findUserById } from '../../data/users'
import { authorizeSpace, roleOffer } from '../access'
import { ApiError, forbidden, notFound } from '../../errors'
import { idParam, validate } from '../validate'
import { assignRefusal, canGiveTo, revokeRefusal, type RevokeRefusal } from '../../../shared/policy'
import { grantRoleBody } from '../../../shared/schemas'

const REVOKE_REFUSED: Record<RevokeRefusal, () => ApiError> = {
  not_allowed: () => forbidden('You may not take back this role'),
  given_by_secretariat: () => new ApiError('needs_secretariat', 'This role was given by the secretariat: only the secretariat can take it back'),
  last_of_team: () => new ApiError('needs_secretariat', 'This is the last member of the city’s team: only the secretariat can take this role back'),
  last_secretariat: () =>
    new ApiError('conflict', 'This is the network’s last secretariat: give the role to someone else first, so that someone still runs the network'),
}

/** Giving an existing person a role (the secretariat's), and taking one back, as shared/policy.ts decides. */
export const grantRoutes = new Hono<AppEnv>()
  .post('/', validate('json', grantRoleBody), async (c) => {
    const { actor, user } = requireIdentity(c)
    const body = c.req.valid('json')
    const { db } = c.var.deps
    await authorizeSpace(c, body.space, 'invite')
    const refusal = assignRefusal(actor, body.role, body.space)
    if (refusal === 'needs_secretariat') {
      throw new ApiError(
        'needs_secretariat',
        'Only the secretariat gives a role to someone who already has an account; invite a new colleague with a link instead',
      )
    }
    if (refusal) throw forbidden(`You may not grant the ${body.role} role here`)
    if (!(await findUserById(db, body.userId))) throw notFound('No such person')
    if (!canGiveTo(actor, await roleOffer(db, body.role, body.space), await loadActor(db, body.userId))) {
      throw new ApiError('needs_secretariat', 'This person already holds a role in a network this role reaches; only that network’s secretariat can give it')
    }
    const id = await addGrant(db, { ...body, grantedBy: user.id })
    await announceAccessChange(db, { userId: body.userId })
    return c.json({ id }, 201)
  })
  .delete('/:id', idParam('id'), async (c) => {
    const { actor } = requireIdentity(c)
    const { db } = c.var.deps
    const grant = await findGrant(db, c.req.param('id'))
    if (!grant) throw notFound('No such role')
    const grantedBy = grant.grantedBy ? await loadActor(db, grant.grantedBy) : null
    const refusal = revokeRefusal(actor, { ...grant, grantedBy })
    if (refusal) throw REVOKE_REFUSED[refusal]()
    await removeGrant(db, grant.id)
    await announceAccessChange(db, { userId: grant.userId })
    return c.body(null, 204)
  })
