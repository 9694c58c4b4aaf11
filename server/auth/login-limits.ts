import { createHash } from 'node:crypto'
import { Redis } from 'ioredis'
import type { Logger } from 'pino'
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible'
import { ProgressiveDelay, type DelaySchedule, type LimiterStore } from './progressive-delay'

/**
 * How sign-in failures slow things down. Nobody is ever locked out; guessing is made slow.
 * - One account from one address: 5 failures cost nothing (typos, caps lock, last year's
 *   password). From the 6th, each failure makes the next attempt wait 2 s, then 4, 8… doubling
 *   up to 15 minutes (from the 15th failure): about 100 guesses a day. Forgotten a day after the
 *   first failure, and at once on a success. Keyed by account *and* address, so someone guessing
 *   elsewhere never delays the account's owner.
 * - One address, whatever the account: 100 failures an hour cost nothing (a city hall's shared
 *   address never gets there), then each failure makes the next attempt from that address wait
 *   1 s, doubling up to 30 s: an address spraying many accounts gets about 220 guesses an hour,
 *   and people sharing it wait at most half a minute.
 */
export const LOGIN_SCHEDULES = {
  account: { free: 5, firstDelaySeconds: 2, maxDelaySeconds: 15 * 60, forgetAfterSeconds: 24 * 60 * 60 },
  address: { free: 100, firstDelaySeconds: 1, maxDelaySeconds: 30, forgetAfterSeconds: 60 * 60 },
} satisfies Record<string, DelaySchedule>

export type LoginAttempt = { allowed: true; succeeded(): Promise<void> } | { allowed: false; retryAfterSeconds: number }

export type LoginLimits = {
  /** Call before checking a password; an allowed attempt counts as a failure until `succeeded()`. */
  begin(email: string, address: string): Promise<LoginAttempt>
}

type Options = {
  /** Shares the counts between instances (see limitsRedis); without it they stay in this process. */
  redis?: Redis
  keyPrefix?: string
  schedules?: Record<keyof typeof LOGIN_SCHEDULES, DelaySchedule>
}

export function createLoginLimits({ redis, keyPrefix = 'atelier:login', schedules = LOGIN_SCHEDULES }: Options = {}): LoginLimits {
  const store: LimiterStore = (options) => {
    const memory = new RateLimiterMemory(options)
    if (!redis) return memory
    // rate-limiter-flexible answers from memory whenever Redis fails or is not connected.
    return new RateLimiterRedis({
      ...options,
      keyPrefix: `${keyPrefix}:${options.keyPrefix}`,
      storeClient: redis,
      rejectIfRedisNotReady: true,
      insuranceLimiter: memory,
    })
  }
  const byAccount = new ProgressiveDelay('account', schedules.account, store)
  const byAddress = new ProgressiveDelay('address', schedules.address, store)
  const refused = (waitMs: number): LoginAttempt => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) })

  return {
    async begin(email, address) {
      const addressTicket = await byAddress.take(address)
      if ('waitMs' in addressTicket) return refused(addressTicket.waitMs)
      const accountTicket = await byAccount.take(accountKey(email, address))
      if ('waitMs' in accountTicket) {
        await byAddress.forgive(addressTicket)
        return refused(accountTicket.waitMs)
      }
      return {
        allowed: true,
        succeeded: async () => {
          await Promise.all([byAccount.clear(accountTicket), byAddress.forgive(addressTicket)])
        },
      }
    },
  }
}

/** Hashed, so that Redis holds no e-mail addresses. */
const accountKey = (email: string, address: string) => createHash('sha256').update(`${email}\n${address}`).digest('base64url')

/**
 * The Redis connection for the limits. It queues nothing while disconnected and gives up on a
 * reply after a second, so that a Redis outage falls back to memory at once instead of holding
 * sign-ins.
 */
export function limitsRedis(url: string, logger: Logger): Redis {
  const redis = new Redis(url, { enableOfflineQueue: false, commandTimeout: 1_000 })
  redis.on('error', (err) => logger.warn({ err: err.message, client: 'login limits' }, 'redis connection problem'))
  return redis
}
