import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDb } from '../../server/db/open'
import { appendParagraph, connect, startTestServer, stored, synced, upgradeStatus, type TestClient, type TestServer } from '../helpers/collab'
import { dropSchema, freshSchemaName } from '../helpers/db'
import { TcpProxy } from '../helpers/tcp-proxy'
import { buildPerson, buildWorld, type World } from '../helpers/world'
import type { CityDetail } from '../../shared/api'

/**
 * PostgreSQL going away and coming back (a restart), between Atelier and a real PostgreSQL: a
 * relay cuts every connection and refuses new ones for a while. While it is away, requests and
 * new sockets are told so (503 `database_unavailable`) and open sockets keep editing; once it is
 * back, what they wrote is stored, and a revocation made right after the restart — whose notice
 * may be sent before Atelier listens again — still closes the socket concerned.
 */
describe.runIf(process.env.DATABASE_URL)('a PostgreSQL restart', () => {
  const schema = freshSchemaName()
  // Made when the tests run: without DATABASE_URL the suite is only collected, and skipped.
  let proxy: TcpProxy
  let server: TestServer
  let world: World
  let pilot: string
  let secretariat: string
  let planId: string
  const clients: TestClient[] = []
  const client = (c: TestClient) => (clients.push(c), c)

  async function storedText(): Promise<string> {
    const db = await openDb({ url: process.env.DATABASE_URL!, schema })
    try {
      return (await stored(db, planId)).text
    } finally {
      await db.close()
    }
  }

  /** The answer to a request once the database is back (the first ones after may still say 503). */
  async function whenBack<T extends { status: number }>(request: () => Promise<T>): Promise<T> {
    let res = await request()
    const deadline = Date.now() + 60_000
    while (res.status === 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      res = await request()
    }
    return res
  }

  beforeAll(async () => {
    const target = new URL(process.env.DATABASE_URL!)
    proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) })
    await proxy.up()
    // A long periodic check: what closes the socket below must be the check made when listening resumes.
    server = await startTestServer('postgres', {
      schema,
      env: { DATABASE_URL: proxy.url(process.env.DATABASE_URL!), ATELIER_ACCESS_RECHECK_SECONDS: '3600' },
    })
    world = await buildWorld(server.deps.db)
    pilot = await server.login(world.people.pilot.email)
    secretariat = await server.login(world.people.secretariat.email)
    planId = world.documents.city.id
  })

  afterAll(async () => {
    for (const c of clients) c.destroy()
    await proxy?.up().catch(() => {})
    await server?.stop()
    await proxy?.down()
    await dropSchema(process.env.DATABASE_URL!, schema)
  })

  it('while it is away: 503 database_unavailable to requests and new sockets; open sockets keep editing, stored once it is back', async () => {
    const writer = client(connect(server, planId, { cookie: pilot }))
    const reader = client(connect(server, planId, { cookie: secretariat }))
    await Promise.all([synced(writer), synced(reader)])

    await proxy.down()
    const first = await server.api(pilot, 'GET', '/api/documents')
    expect(first.status).toBe(503)
    expect(first.body.error.code).toBe('database_unavailable')
    // Once known to be away, the answer does not wait on it.
    const second = await server.api(pilot, 'GET', `/api/documents/${planId}`)
    expect(second.status).toBe(503)
    expect(second.body.error.code).toBe('database_unavailable')
    expect(await upgradeStatus(`${server.wsUrl}/${planId}`, { cookie: pilot, origin: server.url })).toBe(503)
    expect((await fetch(`${server.url}/api/health`)).status).toBe(503)

    appendParagraph(writer.doc, 'écrit pendant la panne de la base')
    await expect.poll(() => reader.text()).toContain('écrit pendant la panne de la base')

    await proxy.up()
    expect((await whenBack(() => server.api(pilot, 'GET', '/api/documents'))).status).toBe(200)
    await expect.poll(storedText, { timeout: 30_000 }).toContain('écrit pendant la panne de la base')
  })

  it('a revocation made right after the restart closes the socket concerned (4403)', async () => {
    // A member of the pilot city's team of its own, whose role is taken back.
    const person = await buildPerson(server.deps.db, 'Pia Pilot', [{ role: 'city_team', on: world.cities.pilot }])
    const people = (await server.api(secretariat, 'GET', `/api/cities/${world.cities.pilot.id}`)).body.people as CityDetail['people']
    const grant = people.find((p) => p.user.id === person.id)!
    const revoked = client(connect(server, planId, { cookie: await server.login(person.email) }))
    await synced(revoked)

    await proxy.down()
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    await proxy.up()
    const res = await whenBack(() => server.api(secretariat, 'DELETE', `/api/grants/${grant.grantId}`))
    expect(res.status).toBe(204)
    await expect.poll(() => revoked.closes.map((c) => c.code), { timeout: 30_000 }).toContain(4403)
  })
})
