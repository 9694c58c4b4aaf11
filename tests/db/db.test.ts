import { randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrate, readMigrations } from '../../server/db/migrate'
import { openPostgres } from '../../server/db/postgres'
import { createCity, getCities } from '../../server/data/workspace'
import { DRIVERS, dropSchema, freshSchemaName, openTestDb, type TestDb } from '../helpers/db'

describe.each(DRIVERS)('the database layer on %s', (driver) => {
  let db: TestDb
  beforeAll(async () => {
    db = await openTestDb(driver)
  })
  afterAll(() => db.drop())

  it('applies every migration file at open and records it', async () => {
    const rows = await db.query<{ version: number; name: string }>('select version, name from schema_migrations order by version')
    expect(rows.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name))
    const tables = await db.query<{ t: string }>(`select table_name as t from information_schema.tables where table_schema = current_schema() order by 1`)
    expect(tables.map((r) => r.t)).toEqual(
      expect.arrayContaining(['users', 'sessions', 'networks', 'cities', 'memberships', 'role_grants', 'invitations', 'documents']),
    )
  })

  it('applies nothing the second time', async () => {
    expect(await migrate(db)).toEqual([])
  })

  it('commits a transaction that resolves and rolls back one that throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query(`insert into networks (name) values ($1)`, ['kept'])
    })
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into networks (name) values ($1)`, ['dropped'])
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    const names = (await db.query<{ name: string }>('select name from networks')).map((r) => r.name)
    expect(names).toContain('kept')
    expect(names).not.toContain('dropped')
  })

  it('passes parameters of every kind the data layer uses (text, arrays, dates, booleans)', async () => {
    const city = await createCity(db, { name: 'Saint-Louis', country: 'Sénégal', languages: ['fr', 'wo'] })
    expect(city.languages).toEqual(['fr', 'wo'])
    const [again] = await getCities(db, [city.id])
    expect(again).toEqual(city)
    const [row] = await db.query<{ d: string; b: boolean }>(`select to_char($1::timestamptz at time zone 'UTC', 'YYYY-MM-DD') as d, $2::boolean as b`, [
      new Date('2026-03-16T12:00:00Z'),
      true,
    ])
    expect(row).toEqual({ d: '2026-03-16', b: true })
  })

  it('delivers notifications to listeners', async () => {
    const received: string[] = []
    const unlisten = await db.listen('atelier_test', (p) => received.push(p))
    await db.notify('atelier_test', 'hello')
    await expect.poll(() => received).toEqual(['hello'])
    await unlisten()
  })

  it("returns 8 MiB of bytea byte for byte, and leaves the caller's buffers usable", async () => {
    await db.exec('create table blobs (id int primary key, data bytea not null)')
    const whole = randomBytes(8 * 1024 * 1024)
    // A view into a larger buffer, as Buffer's pool or a socket read hands out.
    const backing = randomBytes(whole.length + 2)
    const view = backing.subarray(1, 1 + whole.length)
    await db.query('insert into blobs (id, data) values ($1, $2), ($3, $4)', [1, whole, 2, view])
    const rows = await db.query<{ id: number; data: Uint8Array }>('select id, data from blobs order by id')
    expect(rows.map((r) => r.data instanceof Uint8Array)).toEqual([true, true])
    expect(Buffer.compare(rows[0]!.data, whole)).toBe(0)
    expect(Buffer.compare(rows[1]!.data, view)).toBe(0)
    expect([whole.length, view.length, backing.length]).toEqual([8 * 1024 * 1024, 8 * 1024 * 1024, 8 * 1024 * 1024 + 2])
  })

  it("rejects with an Error carrying the SQLSTATE as code and PostgreSQL's message", async () => {
    await db.exec('create table uniques (k text primary key)')
    await db.query('insert into uniques (k) values ($1)', ['a'])
    const duplicate = await db.query('insert into uniques (k) values ($1)', ['a']).catch((err: unknown) => err)
    expect(duplicate).toBeInstanceOf(Error)
    expect(duplicate).toMatchObject({ code: '23505', message: expect.stringMatching(/duplicate key value violates unique constraint/) })
    await expect(db.query(`select $1::int`, ['not a number'])).rejects.toMatchObject({
      code: '22P02',
      message: expect.stringMatching(/invalid input syntax for type integer/),
    })
  })

  it('delivers a notification sent inside a transaction when it commits, and never when it rolls back', async () => {
    const channel = db.schema
    const received: string[] = []
    const unlisten = await db.listen(channel, (p) => received.push(p))
    await db.transaction(async (tx) => {
      await tx.query('select pg_notify($1, $2)', [channel, 'committed'])
      // A further round trip: a notification delivered before commit would have arrived by now.
      await tx.query('select 1')
      expect(received).toEqual([])
    })
    await expect.poll(() => received).toEqual(['committed'])
    await expect(
      db.transaction(async (tx) => {
        await tx.query('select pg_notify($1, $2)', [channel, 'rolled back'])
        throw new Error('abort')
      }),
    ).rejects.toThrow('abort')
    // Notifications arrive in order, so once this one is in, the rolled-back one would have been too.
    await db.notify(channel, 'after')
    await expect.poll(() => received).toEqual(['committed', 'after'])
    await unlisten()
  })

  it('refuses an invalid SQL identifier for a schema', async () => {
    const { assertIdentifier } = await import('../../server/db/db')
    expect(() => assertIdentifier('x; drop table users')).toThrow(/Invalid SQL identifier/)
  })
})

describe.runIf(process.env.DATABASE_URL)('migrations when two instances start at once (PostgreSQL)', () => {
  it('the advisory lock lets exactly one apply each migration', async () => {
    const url = process.env.DATABASE_URL!
    const schema = freshSchemaName()
    const [a, b] = await Promise.all([openPostgres(url, schema), openPostgres(url, schema)])
    try {
      const [appliedA, appliedB] = await Promise.all([migrate(a), migrate(b)])
      const all = [...appliedA, ...appliedB].sort()
      expect(all).toEqual(
        readMigrations()
          .map((m) => m.name)
          .sort(),
      )
      const [{ n }] = (await a.query<{ n: number }>('select count(*)::int as n from schema_migrations')) as [{ n: number }]
      expect(n).toBe(readMigrations().length)
    } finally {
      await a.close()
      await b.close()
      await dropSchema(url, schema)
    }
  })
})
