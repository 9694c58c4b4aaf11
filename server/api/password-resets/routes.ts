import { Hono } from 'hono'
import type { AppEnv } from '../../context'
import { hashPassword } from '../../auth/passwords'
import { invalidateUserSessions, requireIdentity } from '../../auth/session'
import { hashToken, newLinkToken } from '../../auth/tokens'
import { announceAccessChange } from '../../data/access-events'
import { loadActor } from '../../data/grants'
import { consumePasswordReset, createPasswordReset, findPasswordReset } from '../../data/links'
import { findUserById, setPassword } from '../../data/users'
import { ApiError, forbidden, notFound } from '../../errors'
import { appUrl } from '../links'
import { idParam, validate } from '../validate'
import { canResetPassword } from '../../../shared/policy'
import { requestResetBody, resetPasswordBody } from '../../../shared/schemas'
import { RESET_LINK_HOURS, requestPasswordReset } from '../../commands/password-resets'
import type { LinkResponse } from '../../../shared/api'

/** A secretariat makes the link and passes it on by hand; asked for by address (below), it is mailed. */
export const userRoutes = new Hono<AppEnv>().post('/:id/password-reset', idParam('id'), async (c) => {
  const { actor, user } = requireIdentity(c)
  const { db } = c.var.deps
  const target = await findUserById(db, c.req.param('id'))
  if (!target) throw notFound('No such person')
  if (!canResetPassword(actor, await loadActor(db, target.id))) throw forbidden('You may not reset this person’s password')
  const { token, hash } = newLinkToken()
  const expiresAt = new Date(Date.now() + RESET_LINK_HOURS * 3_600_000)
  await createPasswordReset(db, { tokenHash: hash, userId: target.id, createdBy: user.id, expiresAt })
  const link: LinkResponse = { url: appUrl(c, `/reset/${token}`), expiresAt: expiresAt.toISOString() }
  return c.json(link, 201)
})

export const passwordResetRoutes = new Hono<AppEnv>()
  .post('/', validate('json', requestResetBody), async (c) => {
    const { email } = c.req.valid('json')
    c.var.deps.mail.afterAnswer(() => requestPasswordReset(c.var.deps, email))
    return c.body(null, 202)
  })
  .post('/:token', validate('json', resetPasswordBody), async (c) => {
    const { db } = c.var.deps
    const passwordHash = await hashPassword(c.req.valid('json').password)
    const userId = await db.transaction(async (tx) => {
      const reset = await findPasswordReset(tx, hashToken(c.req.param('token')))
      if (!reset) throw new ApiError('link_invalid', 'This password-reset link is not valid')
      if (reset.usedAt) throw new ApiError('link_used', 'This password-reset link has already been used')
      if (new Date(reset.expiresAt).getTime() <= Date.now()) throw new ApiError('link_expired', 'This password-reset link has expired')
      if (!(await consumePasswordReset(tx, reset.id))) throw new ApiError('link_used', 'This password-reset link has already been used')
      await setPassword(tx, reset.userId, passwordHash)
      return reset.userId
    })
    // Whoever knew the old password is signed out everywhere.
    await invalidateUserSessions(c, userId)
    await announceAccessChange(db, { userId })
    return c.body(null, 204)
  })
