import { Hono } from 'hono'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import type { AppEnv } from '../../context'
import { decoyHash, verifyPassword } from '../../auth/passwords'
import { endSession, startSession } from '../../auth/session'
import { announceAccessChange } from '../../data/access-events'
import { findUserByEmail } from '../../data/users'
import { ApiError } from '../../errors'
import { refreshIdentity } from '../identity'
import { presentMe } from '../presenters'
import { validate } from '../validate'
import { loginBody } from '../../../shared/schemas'

export const authRoutes = new Hono<AppEnv>()
  .post('/login', validate('json', loginBody), async (c) => {
    const { db, loginLimits } = c.var.deps
    const { email, password } = c.req.valid('json')
    const attempt = await loginLimits.begin(email, clientIp(c))
    if (!attempt.allowed) {
      const wait = attempt.retryAfterSeconds
      throw new ApiError('rate_limited', `Too many sign-in attempts. Try again in ${inWords(wait)}.`, { retryAfter: wait })
    }
    const user = await findUserByEmail(db, email)
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password)
    if (!user || !ok) throw new ApiError('invalid_credentials', 'Wrong e-mail or password')
    await attempt.succeeded()
    const session = await startSession(c, user.id)
    return c.json(await presentMe(db, await refreshIdentity(c, db, user.id, session)))
  })
  .post('/logout', async (c) => {
    const signedIn = c.var.identity
    await endSession(c)
    // Live sockets opened with this session close too.
    if (signedIn) await announceAccessChange(c.var.deps.db, { userId: signedIn.user.id })
    // The next person at this computer must not find this one's answers in the browser's cache.
    return c.body(null, 204, { 'Clear-Site-Data': '"cache"' })
  })

/** "45 seconds", "1 minute", "15 minutes": what a person reads in the error. */
function inWords(seconds: number): string {
  const [count, unit] = seconds < 60 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute']
  return `${count} ${unit}${count === 1 ? '' : 's'}`
}

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
