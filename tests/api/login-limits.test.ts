import { once } from 'node:events'
import { randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { createLoginLimits, LOGIN_SCHEDULES, limitsRedis, type LoginLimits } from '../../server/auth/login-limits'
import { delayAfter } from '../../server/auth/progressive-delay'
import { loadConfig } from '../../server/config'
import { createLogger } from '../../server/logger'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { ORIGIN, testApp, type Client } from '../helpers/app'
import { buildWorld, PASSWORD, type World } from '../helpers/world'

/**
 * Sign-in limits: failures slow down one account from one address, progressively, and an
 * address trying many accounts; nobody is locked out of their own account by someone else.
 * Waits are checked against the limiter's own numbers; the passing of time is Date moved by hand.
 */

const ATTACKER = '203.0.113.9'
const OWNER = '198.51.100.7'

/** The real app, trusting X-Forwarded-For so that each caller can say where it comes from. */
function app(db: TestDb, loginLimits?: LoginLimits) {
  const config = { ...loadConfig({}), publicUrl: ORIGIN, trustProxy: true }
  return testApp(db, { config, ...(loginLimits && { loginLimits }) })
}

/** A sign-in attempt from an address. */
const signIn = (client: Client, address: string, email: string, password: string) =>
  client.request('POST', '/api/auth/login', { json: { email, password }, headers: { 'x-forwarded-for': address } })

/** Moves Date (only Date: timers keep real time) on by a wait the server announced. */
const waitOut = (seconds: number) => vi.setSystemTime(Date.now() + seconds * 1000)

describe('the delay schedules', () => {
  it('let five failures of one account from one address pass, then double the wait from 2 s up to 15 min', () => {
    const waits = Array.from({ length: 17 }, (_, i) => delayAfter(i + 1, LOGIN_SCHEDULES.account))
    expect(waits).toEqual([0, 0, 0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900])
  })

  it('let an address fail 100 times, then double its wait from 1 s up to 30 s', () => {
    expect(delayAfter(100, LOGIN_SCHEDULES.address)).toBe(0)
    const waits = Array.from({ length: 7 }, (_, i) => delayAfter(101 + i, LOGIN_SCHEDULES.address))
    expect(waits).toEqual([1, 2, 4, 8, 16, 30, 30])
  })
})

describe.each(DRIVERS)('sign-in limits on %s', (driver) => {
  let db: TestDb
  let people: World['people']
  /** The account under attack: an expert's. */
  let expert: string
  beforeAll(async () => {
    db = await openTestDb(driver)
    people = (await buildWorld(db)).people
    expert = people.expert.email
  })
  afterAll(() => db.drop())
  // Date stands still unless a test moves it, so no wait depends on how fast this machine is.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('delays an attacker’s address while the owner signs in from their own', async () => {
    const { client } = app(db)
    const attacker = client()
    for (let i = 1; i <= 6; i++) expect((await signIn(attacker, ATTACKER, expert, `guess-${i}`)).status).toBe(401)
    const refused = await signIn(attacker, ATTACKER, expert, PASSWORD)
    expect(refused.status).toBe(429)
    expect(refused.body.error).toEqual({ code: 'rate_limited', message: 'Too many sign-in attempts. Try again in 2 seconds.', retryAfter: 2 })
    expect(refused.headers.get('retry-after')).toBe('2')

    expect((await signIn(client(), OWNER, expert, PASSWORD)).status).toBe(200)
    // The owner's success does not free the attacker's address.
    expect((await signIn(attacker, ATTACKER, expert, PASSWORD)).status).toBe(429)
  })

  it('makes each further failure wait twice as long, up to 15 minutes; a success starts afresh', async () => {
    const { client } = app(db)
    const attacker = client()
    for (let i = 1; i <= 5; i++) expect((await signIn(attacker, ATTACKER, expert, `guess-${i}`)).status).toBe(401)
    const waits: number[] = []
    const messages: string[] = []
    for (let failure = 6; failure <= 16; failure++) {
      expect((await signIn(attacker, ATTACKER, expert, `guess-${failure}`)).status).toBe(401)
      const refused = await signIn(attacker, ATTACKER, expert, `guess-${failure}`)
      expect(refused.status).toBe(429)
      waits.push(refused.body.error.retryAfter)
      messages.push(refused.body.error.message)
      waitOut(refused.body.error.retryAfter)
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900])
    expect(messages[0]).toBe('Too many sign-in attempts. Try again in 2 seconds.')
    expect(messages[5]).toBe('Too many sign-in attempts. Try again in 2 minutes.')
    expect(messages[9]).toBe('Too many sign-in attempts. Try again in 15 minutes.')

    // The right password, once the wait is over, signs in and forgets the failures.
    expect((await signIn(client(), ATTACKER, expert, PASSWORD)).status).toBe(200)
    for (let i = 1; i <= 5; i++) expect((await signIn(attacker, ATTACKER, expert, `typo-${i}`)).status).toBe(401)
    expect((await signIn(client(), ATTACKER, expert, PASSWORD)).status).toBe(200)
  })

  it('counts guesses sent all at once before any of them is answered', async () => {
    const { client } = app(db)
    const burst = await Promise.all(Array.from({ length: 20 }, (_, i) => signIn(client(), ATTACKER, expert, `burst-${i}`)))
    const statuses = burst.map((r) => r.status)
    // The five free failures, and one more that closes the gate for everyone after it.
    expect(statuses.filter((s) => s === 401)).toHaveLength(6)
    expect(statuses.filter((s) => s === 429)).toHaveLength(14)
  })

  it('slows an address that tries many accounts, without locking the people behind it out', async () => {
    const schedules = { ...LOGIN_SCHEDULES, address: { ...LOGIN_SCHEDULES.address, free: 3 } }
    const { client } = app(db, createLoginLimits({ schedules }))
    for (let i = 0; i < 4; i++) expect((await signIn(client(), ATTACKER, `someone${i}@example.org`, 'spray-spray')).status).toBe(401)
    // Everyone at that address now waits a little, whatever their account…
    const slowed = await signIn(client(), ATTACKER, people.funder.email, PASSWORD)
    expect(slowed.status).toBe(429)
    expect(slowed.body.error.retryAfter).toBe(1)
    // …people elsewhere do not…
    expect((await signIn(client(), OWNER, people.pilot.email, PASSWORD)).status).toBe(200)
    // …and after the wait the person behind the shared address signs in.
    waitOut(slowed.body.error.retryAfter)
    expect((await signIn(client(), ATTACKER, people.funder.email, PASSWORD)).status).toBe(200)
    // A success is not a failure of the address; the next failure waits twice as long.
    expect((await signIn(client(), ATTACKER, 'someone9@example.org', 'spray-spray')).status).toBe(401)
    expect((await signIn(client(), ATTACKER, people.pilot.email, PASSWORD)).body.error.retryAfter).toBe(2)
  })

  it('still signs people in, and still limits guesses, when Redis cannot be reached', async () => {
    const unreachable = limitsRedis('redis://127.0.0.1:1', createLogger('silent'))
    try {
      const { client } = app(db, createLoginLimits({ redis: unreachable }))
      expect((await signIn(client(), OWNER, expert, PASSWORD)).status).toBe(200)
      for (let i = 1; i <= 6; i++) expect((await signIn(client(), ATTACKER, expert, `guess-${i}`)).status).toBe(401)
      expect((await signIn(client(), ATTACKER, expert, PASSWORD)).status).toBe(429)
    } finally {
      unreachable.disconnect()
    }
  })

  describe.runIf(process.env.REDIS_URL)('two instances sharing Redis', () => {
    const clients: Redis[] = []
    const prefixes: string[] = []
    // biome-ignore lint/suspicious/noDuplicateTestHooks: this describe's own cleanup, besides the file's
    afterAll(async () => {
      for (const prefix of prefixes) {
        for await (const keys of clients[0]!.scanStream({ match: `${prefix}:*` })) if (keys.length) await clients[0]!.del(...keys)
      }
      clients.forEach((c) => c.disconnect())
    })

    /**
     * Two app instances whose limits live in Redis under a prefix of this test's own. Redis keeps
     * its own time, so the first wait is made long enough for any machine to reach the next step.
     */
    const schedules = { ...LOGIN_SCHEDULES, account: { ...LOGIN_SCHEDULES.account, firstDelaySeconds: 600 } }
    async function twoInstances() {
      const keyPrefix = `atelier-test:${randomBytes(6).toString('hex')}`
      prefixes.push(keyPrefix)
      return Promise.all(
        [0, 1].map(async () => {
          const redis = limitsRedis(process.env.REDIS_URL!, createLogger('silent'))
          clients.push(redis)
          await once(redis, 'ready')
          return app(db, createLoginLimits({ redis, keyPrefix, schedules })).client
        }),
      )
    }

    it('share the count: three failures on each make the sixth, and the next attempt on either waits', async () => {
      const [a, b] = await twoInstances()
      for (let i = 1; i <= 3; i++) expect((await signIn(a(), ATTACKER, expert, `a-${i}`)).status).toBe(401)
      for (let i = 1; i <= 3; i++) expect((await signIn(b(), ATTACKER, expert, `b-${i}`)).status).toBe(401)
      const refused = await signIn(a(), ATTACKER, expert, PASSWORD)
      expect(refused.status).toBe(429)
      expect(refused.body.error.retryAfter).toBeGreaterThanOrEqual(1)
      expect(refused.body.error.retryAfter).toBeLessThanOrEqual(600)
      // The owner, elsewhere, is not concerned on either instance.
      expect((await signIn(b(), OWNER, expert, PASSWORD)).status).toBe(200)
    })

    it('share a success: it clears the failures counted on the other instance', async () => {
      const [a, b] = await twoInstances()
      for (let i = 1; i <= 4; i++) expect((await signIn(a(), ATTACKER, expert, `a-${i}`)).status).toBe(401)
      expect((await signIn(b(), ATTACKER, expert, PASSWORD)).status).toBe(200)
      // Without the reset, the first of these would be the sixth failure and the second would wait.
      for (let i = 1; i <= 5; i++) expect((await signIn(a(), ATTACKER, expert, `typo-${i}`)).status).toBe(401)
      expect((await signIn(a(), ATTACKER, expert, PASSWORD)).status).toBe(200)
    })
  })
})
