import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { Db } from '../../server/db/db'
import { connectPostgres, openPostgres, startPostgresThread } from '../../server/db/postgres'
import { testApp } from '../helpers/app'

/**
 * PostgreSQL's client (postgres.js) runs in a worker thread of its own
 * (server/workers/postgres-thread.ts). What both drivers must preserve is in db.test.ts; here is
 * what is particular to this one.
 */

// postgres.js is loaded only inside the worker: any import of it on this thread fails the test that made it.
vi.mock('postgres', () => {
  throw new Error('postgres.js was imported on the main thread')
})

const url = process.env.DATABASE_URL
const schema = `t_${randomBytes(6).toString('hex')}`

describe.skipIf(!url)('the PostgreSQL client in its worker thread', () => {
  let db: Db
  beforeAll(async () => {
    db = await openPostgres(url!, schema)
  })
  afterAll(async () => {
    await db.exec(`drop schema if exists ${schema} cascade`)
    await db.close()
  })

  it('carries a large bytea both ways intact, as bytes', async () => {
    await db.exec('create table blobs (id int primary key, data bytea)')
    const data = randomBytes(6 * 1024 * 1024)
    await db.query('insert into blobs values (1, $1)', [data])
    const [row] = await db.query<{ data: Uint8Array }>('select data from blobs where id = 1')
    expect(row!.data).toBeInstanceOf(Uint8Array)
    expect(Buffer.from(row!.data).equals(data)).toBe(true)
  })

  it('gives each transaction its own connection: uncommitted rows are seen only inside it, and a rollback undoes them', async () => {
    await db.exec('create table marks (n int)')
    await db.transaction(async (tx) => {
      await tx.query('insert into marks values (1)')
      expect(await tx.query('select n from marks')).toEqual([{ n: 1 }])
      expect(await db.query('select n from marks')).toEqual([])
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.query('insert into marks values (2)')
        throw new Error('changed my mind')
      }),
    ).rejects.toThrow('changed my mind')
    expect(await db.query('select n from marks')).toEqual([{ n: 1 }])
  })

  it('when its thread dies, rejects the pending query and every later one, and health says so', async () => {
    const worker = startPostgresThread(url!, schema)
    const killable = await connectPostgres(worker)
    const pending = killable.query('select pg_sleep(3600)')
    await worker.terminate()
    await expect(pending).rejects.toThrow(/thread of the PostgreSQL client stopped/)
    await expect(killable.query('select 1')).rejects.toThrow(/thread of the PostgreSQL client stopped/)
    const health = await testApp(killable).client().get('/api/health')
    expect(health).toMatchObject({ status: 503, body: { database: 'unreachable', driver: 'postgres' } })
  })
})
