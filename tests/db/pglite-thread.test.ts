import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Db } from '../../server/db/db'
import { connectPglite, openPglite, startPgliteThread } from '../../server/db/pglite'
import { testApp } from '../helpers/app'
import { dropSchema, freshSchemaName } from '../helpers/db'

/**
 * The embedded database runs in a worker thread of its own (server/workers/pglite-thread.ts).
 * What that must preserve is in db.test.ts, on both drivers; here is what is particular to it.
 */

// PGlite is loaded only inside the worker: any import of it on this thread fails the test that made it.
vi.mock('@electric-sql/pglite', () => {
  throw new Error('@electric-sql/pglite was imported on the main thread')
})

/** For tests that create a database of their own: PGlite's initdb takes seconds, many more on a busy machine. */
const CREATES_A_DATABASE = { timeout: 240_000 }
const nextTimerTurn = () => new Promise((resolve) => setTimeout(resolve, 0))

/** A database whose worker a test may kill. */
async function openKillable(): Promise<{ db: Db; worker: Worker }> {
  const worker = startPgliteThread(undefined)
  return { db: await connectPglite(worker), worker }
}

type Tracked<T> = { settled: boolean; value?: T; error?: unknown }

/** Records what the promise did, so a test can look at it without awaiting it. */
function track<T>(promise: Promise<T>): Tracked<T> {
  const state: Tracked<T> = { settled: false }
  promise.then(
    (value) => Object.assign(state, { settled: true, value }),
    (error: unknown) => Object.assign(state, { settled: true, error }),
  )
  return state
}

describe('the embedded database in its worker thread', () => {
  let dir: string
  let db: Db
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'atelier-pglite-thread-'))
    db = await openPglite(dir)
  })
  afterAll(async () => {
    await db.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('keeps the types of the values it returns', async () => {
    const [row] = await db.query(
      `select now() as at, '{"a":[1,"b"]}'::jsonb as doc, '\\x00ff'::bytea as bytes,
              42::int8 as small, 9007199254740993::int8 as large, array['fr','wo'] as langs, null::text as nothing`,
    )
    expect(row).toEqual({
      at: expect.any(Date),
      doc: { a: [1, 'b'] },
      bytes: new Uint8Array([0, 255]),
      small: 42,
      large: 9007199254740993n,
      langs: ['fr', 'wo'],
      nothing: null,
    })
  })

  it('makes queries outside an open transaction wait for it to end', async () => {
    await db.exec('create table waits (n int)')
    let outside: Tracked<{ n: number }[]> | undefined
    await db.transaction(async (tx) => {
      await tx.query('insert into waits values (1)')
      outside = track(db.query<{ n: number }>('select n from waits'))
      // Sent after the outside query: had that one not waited, its answer would have come first.
      await tx.query('select 1')
      expect(outside.settled).toBe(false)
    })
    await expect.poll(() => outside!.settled).toBe(true)
    expect(outside!.value).toEqual([{ n: 1 }])
  })

  it('keeps this thread running while a query runs', CREATES_A_DATABASE, async () => {
    const { db: killable, worker } = await openKillable()
    const sleeping = track(killable.query('select pg_sleep(3600)'))
    // In-thread PGlite would hold this timer back until the query ended, an hour from now.
    await nextTimerTurn()
    expect(sleeping.settled).toBe(false)
    await worker.terminate()
    await expect.poll(() => sleeping.settled).toBe(true)
  })

  it('when its thread dies, rejects the pending query and every later one, health says so, and close() reports it', CREATES_A_DATABASE, async () => {
    const { db: killable, worker } = await openKillable()
    const pending = killable.query('select pg_sleep(3600)')
    await worker.terminate()
    await expect(pending).rejects.toThrow(/thread of the embedded database stopped/)
    await expect(killable.query('select 1')).rejects.toThrow(/thread of the embedded database stopped/)
    await expect(killable.transaction(async () => {})).rejects.toThrow(/thread of the embedded database stopped/)
    const health = await testApp(killable).client().get('/api/health')
    expect(health).toMatchObject({ status: 503, body: { database: 'unreachable', driver: 'pglite' } })
    await expect(killable.close()).rejects.toThrow(/thread of the embedded database stopped/)
  })

  it('says why when it cannot open', async () => {
    const notADirectory = join(dir, 'a-file')
    writeFileSync(notADirectory, '')
    await expect(openPglite(notADirectory)).rejects.toThrow(/Could not open the embedded database: .*(EEXIST|ENOTDIR)/)
  })

  it('is found whole after close() and a reopen of the same data dir', CREATES_A_DATABASE, async () => {
    const reopenDir = join(dir, 'reopen')
    const first = await openPglite(reopenDir)
    await first.exec('create table kept (note text)')
    await first.transaction((tx) => tx.query('insert into kept values ($1)', ['committed before close']))
    await first.close()
    const second = await openPglite(reopenDir)
    try {
      expect(await second.query('select note from kept')).toEqual([{ note: 'committed before close' }])
    } finally {
      await second.close()
    }
  })
})

describe.runIf(process.env.DATABASE_URL)('on PostgreSQL', () => {
  it("opens and migrates without loading the embedded database's module", async () => {
    vi.resetModules()
    vi.doMock('../../server/db/pglite', () => {
      throw new Error('server/db/pglite was loaded')
    })
    const url = process.env.DATABASE_URL!
    const schema = freshSchemaName()
    try {
      const { openDb: openFresh } = await import('../../server/db/open')
      const db = await openFresh({ url, schema })
      expect(db.driver).toBe('postgres')
      await db.close()
    } finally {
      vi.doUnmock('../../server/db/pglite')
      await dropSchema(url, schema)
    }
  })
})
