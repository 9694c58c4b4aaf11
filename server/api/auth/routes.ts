import { Hono } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { AppEnv } from '../../context'
import { decoyHash, verifyPassword } from '../../auth/passwords'
import { endSession, startSession } from '../../auth/session'
import { announceAccessChange } from '../../data/access-events'
import { findUserByEmail } from '../../data/users'
import { ApiError } from '../errors'
import { refreshIdentity } from '../identity'
import { presentMe } from '../presenters'
import { validate } from '../validate'
import { loginBody } from '../../../shared/schemas'

export const authRoutes = new Hono<AppEnv>()
  .post('/login', validate('json', loginBody), async (c) => {
    const { db, limiters } = c.var.deps
    const { email, password } = c.req.valid('json')
    const ip = clientIp(c)
    const accountKey = `account:${email}`
    const ipKey = `ip:${ip}`
    const wait = Math.max(limiters.loginByAccount.retryAfter(accountKey), limiters.loginByIp.retryAfter(ipKey))
    if (wait > 0) {
      throw new ApiError('rate_limited', `Too many sign-in attempts. Try again in ${Math.ceil(wait / 60)} minute(s).`, {
        retryAfter: wait,
      })
    }
    const user = await findUserByEmail(db, email)
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password)
    if (!user || !ok) {
      limiters.loginByAccount.fail(accountKey)
      limiters.loginByIp.fail(ipKey)
      throw new ApiError('invalid_credentials', 'Wrong e-mail or password')
    }
    limiters.loginByAccount.reset(accountKey)
    const session = await startSession(c, user.id)
    return c.json(await presentMe(db, await refreshIdentity(c, db, user.id, session)))
  })
  .post('/logout', async (c) => {
    const signedIn = c.var.identity
    await endSession(c)
    // Live sockets opened with this session close too.
    if (signedIn) await announceAccessChange(c.var.deps.db, { userId: signedIn.user.id })
    return c.body(null, 204)
  })

function clientIp(c: Context<AppEnv>): string {
  if (c.var.deps.config.trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
