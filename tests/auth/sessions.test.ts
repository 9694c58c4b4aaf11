import { createHash, randomBytes } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../server/auth/passwords'
import { purgeExpiredSessions } from '../../server/auth/session-purge'
import { sessionExpiry } from '../../server/auth/session'
import { createUser } from '../../server/data/users'
import type { Db } from '../../server/db/db'
import { migrate, readMigrations } from '../../server/db/migrate'
import { openPglite } from '../../server/db/pglite'
import { openPostgres } from '../../server/db/postgres'
import { createLogger } from '../../server/logger'
import { DRIVERS, dropSchema, freshSchemaName, openTestDb, type Driver, type TestDb } from '../helpers/db'
import { testApp } from '../helpers/app'

const PASSWORD = 'a long password'
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')
const tokenOf = (cookie: string) => cookie.split('=')[1]!

/** Someone who can sign in. */
async function person(db: Db, email = `p-${randomBytes(4).toString('hex')}@example.org`) {
  return createUser(db, { email, name: 'Awa Sow', passwordHash: await hashPassword(PASSWORD) })
}

async function sessionRow(db: Db, userId: string, expires: 'past' | 'future', id = randomBytes(20).toString('hex')) {
  await db.query(`insert into sessions (id, user_id, expires_at) values ($1, $2, now() + $3::interval)`, [
    id,
    userId,
    expires === 'past' ? '-1 minute' : '10 days',
  ])
  return id
}

const sessionIds = async (db: Db) => (await db.query<{ id: string }>('select id from sessions')).map((r) => r.id)

describe.each(DRIVERS)('stored sessions on %s', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  beforeAll(async () => {
    db = await openTestDb(driver)
    app = testApp(db)
  })
  afterAll(() => db.drop())

  it('stores only a SHA-256 of the cookie’s token: reading the table yields no session to replay', async () => {
    const user = await person(db)
    const client = app.client()
    await client.login(user.email, PASSWORD)
    const token = tokenOf(client.cookie)

    const rows = await db.query<{ row: string }>('select row_to_json(s)::text as "row" from sessions s where user_id = $1', [user.id])
    expect(rows).toHaveLength(1)
    expect(rows[0]!.row).not.toContain(token)
    expect(await db.query('select 1 from sessions where id = $1', [sha256(token)])).toHaveLength(1)

    // What the table holds does not open a session.
    const replay = app.client()
    replay.cookie = `atelier_session=${sha256(token)}`
    expect((await replay.get('/api/me')).status).toBe(401)
    expect((await client.get('/api/me')).status).toBe(200)
  })

  it('checks a socket’s session from the token it holds, without extending it', async () => {
    const user = await person(db)
    const client = app.client()
    await client.login(user.email, PASSWORD)
    const token = tokenOf(client.cookie)
    await db.query(`update sessions set expires_at = now() + interval '1 day' where id = $1`, [sha256(token)])
    const before = await db.query('select expires_at from sessions where id = $1', [sha256(token)])

    expect(await sessionExpiry(app.deps.auth, token)).toBeInstanceOf(Date)
    expect(await sessionExpiry(app.deps.auth, sha256(token))).toBeNull()
    expect(await db.query('select expires_at from sessions where id = $1', [sha256(token)])).toEqual(before)

    expect((await client.post('/api/auth/logout')).status).toBe(204)
    expect(await sessionExpiry(app.deps.auth, token)).toBeNull()
  })

  it('a purge removes expired sessions and keeps live ones', async () => {
    const user = await person(db)
    const expired = await sessionRow(db, user.id, 'past')
    const live = await sessionRow(db, user.id, 'future')
    expect(await app.deps.auth.purgeExpired()).toBeGreaterThanOrEqual(1)
    const left = await sessionIds(db)
    expect(left).toContain(live)
    expect(left).not.toContain(expired)
  })

  it('purges at start, then periodically until stopped', async () => {
    const user = await person(db)
    const atStart = await sessionRow(db, user.id, 'past')
    const stop = purgeExpiredSessions(app.deps.auth, createLogger('silent'), 20)
    try {
      await expect.poll(() => sessionIds(db)).not.toContain(atStart)
      const later = await sessionRow(db, user.id, 'past')
      await expect.poll(() => sessionIds(db)).not.toContain(later)
    } finally {
      await stop()
    }
  })
})

describe.each(DRIVERS)('converting stored sessions (migration 005) on %s', (driver) => {
  const schema = freshSchemaName()
  let db: Db
  beforeAll(async () => {
    db = await openBare(driver, schema)
  })
  afterAll(async () => {
    await db.close()
    if (driver === 'postgres') await dropSchema(process.env.DATABASE_URL!, schema)
  })

  it('hashes a session stored as its token, and the person stays signed in', async () => {
    await migrate(
      db,
      readMigrations().filter((m) => m.version < 5),
    )
    const user = await person(db)
    const token = randomBytes(20).toString('hex')
    await sessionRow(db, user.id, 'future', token)

    expect(await migrate(db)).toContain('005_hashed_sessions')
    expect(await sessionIds(db)).toEqual([sha256(token)])
    const client = testApp(db).client()
    client.cookie = `atelier_session=${token}`
    const me = await client.get('/api/me')
    expect(me.status).toBe(200)
    expect(me.body.user.id).toBe(user.id)
  })
})

/** A database with no migrations applied yet. */
const openBare = (driver: Driver, schema: string) => (driver === 'postgres' ? openPostgres(process.env.DATABASE_URL!, schema) : openPglite(undefined, schema))
