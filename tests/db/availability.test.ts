import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Queryable } from '../../server/db/db'
import { DbAvailability } from '../../server/db/availability'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'

/**
 * The health route's view of the database: a database busy with a large write is not a database
 * down, but one that stops answering, or fails, is reported as such.
 */
describe.each(DRIVERS)('the database health check (%s)', (driver) => {
  let db: TestDb
  beforeAll(async () => {
    db = await openTestDb(driver)
  })
  afterAll(() => db.drop())

  /** The real database, with switches that hold every query until let through, or fail it. */
  function controlled() {
    let gate: Promise<void> | undefined
    let open = () => {}
    let failing = false
    let queries = 0
    const wrapped = {
      async query(text: string, params?: unknown[]) {
        queries++
        if (failing) throw new Error('connection refused')
        if (gate) await gate
        return db.query(text, params)
      },
    } as Queryable
    return {
      db: wrapped,
      hold: () => (gate = new Promise<void>((r) => (open = r))),
      letThrough: () => {
        gate = undefined
        open()
      },
      fail: () => (failing = true),
      queries: () => queries,
    }
  }
  const logger = pino({ level: 'silent' })
  const timing = { checkEveryMs: 0, checkTrustedMs: 60_000, checkTimeoutMs: 200 }

  it('answers at once from a recent success while the next check waits behind other work, and shares that check', async () => {
    const c = controlled()
    const availability = new DbAvailability(c.db, logger, timing)
    expect(await availability.check()).toBe(true)
    c.hold()
    const answers = await Promise.all([availability.check(), availability.check(), availability.check()])
    expect(answers).toEqual([true, true, true])
    // One query for the first check, one (held) for the three callers together.
    expect(c.queries()).toBe(2)
    c.letThrough()
  })

  it('without a recent success, a database that does not answer is reported unreachable', async () => {
    const c = controlled()
    const availability = new DbAvailability(c.db, logger, { ...timing, checkTrustedMs: 0 })
    expect(await availability.check()).toBe(true)
    c.hold()
    expect(await availability.check()).toBe(false)
    c.letThrough()
  })

  it('a database that fails is reported at the next check, not after the trusted window', async () => {
    const c = controlled()
    const availability = new DbAvailability(c.db, logger, timing)
    expect(await availability.check()).toBe(true)
    c.fail()
    await expect.poll(() => availability.check()).toBe(false)
  })
})
