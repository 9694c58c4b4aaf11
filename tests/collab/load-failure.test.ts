import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../server/db/db'
import * as Y from 'yjs'
import { encodeUpdate } from '../../server/collab/protocol'
import { appendParagraph, connect, rawSocket, startTestServer, synced, type TestServer } from '../helpers/collab'
import { buildCity, buildDocument, buildPerson, buildWorld, type World } from '../helpers/world'
import type { SpaceRef } from '../../shared/domain'
import type { DocumentKind } from '../../shared/templates'

/**
 * Never store an empty document over a real one: when a document cannot be loaded, its
 * sockets are closed with an error code and nothing is written.
 */
describe('when a document cannot be loaded', () => {
  const control = { failLoads: false, slowLoadsMs: 0, failRights: false }
  let server: TestServer
  let world: World
  let cookie: string
  let planId: string

  const failingLoads = (db: Db): Db =>
    Object.assign(Object.create(db), {
      query: (text: string, params?: unknown[]) => {
        if (control.failLoads && text.includes('from doc_snapshots')) return Promise.reject(new Error('connection refused'))
        if (control.failRights && text.includes('from role_grants')) return Promise.reject(new Error('connection refused'))
        if (control.slowLoadsMs && text.includes('from doc_snapshots')) {
          return new Promise((r) => setTimeout(r, control.slowLoadsMs)).then(() => db.query(text, params))
        }
        return db.query(text, params)
      },
    })

  const stored = async () =>
    server.deps.db.query<{ n: number; bytes: number }>(
      `select count(*)::int as n, coalesce(sum(length(data)), 0)::int as bytes from doc_updates where document_id = $1`,
      [planId],
    )

  beforeAll(async () => {
    server = await startTestServer('pglite', { wrapDb: failingLoads })
    world = await buildWorld(server.deps.db)
    cookie = await server.login(world.people.pilot.email)
    planId = world.documents.city.id
  })
  afterAll(() => server.stop())

  /** A document of the test's own, in French from its template, that no other test has loaded. */
  const ownDocument = async (space: SpaceRef, kind: DocumentKind) => (await buildDocument(server.deps.db, space, { kind, by: world.people.pilot })).id

  it('with the database unreachable, the socket closes with 4500 and the stored document is unchanged', async () => {
    const before = await stored()
    control.failLoads = true
    // The client arrives with edits of its own (made offline): they must not be stored either.
    const client = connect(server, planId, { cookie }, { connect: false })
    appendParagraph(client.doc, 'écrit hors ligne')
    client.provider.connect()
    await expect.poll(() => client.closes.map((c) => c.code)).toContain(4500)
    client.destroy()
    // Everything this instance accepted for the document is stored by now, were there anything.
    await server.deps.hub.stored(planId)
    control.failLoads = false
    expect(await stored()).toEqual(before)
    expect(await server.deps.db.query(`select 1 from doc_snapshots where document_id = $1`, [planId])).toHaveLength(0)

    const later = connect(server, planId, { cookie })
    await synced(later)
    expect(later.text()).toContain('Exposé du problème')
    later.destroy()
  })

  it('a corrupt row makes the load fail the same way, without writing anything', async () => {
    const journalId = await ownDocument(world.cities.pilot, 'experimentation_log')
    await server.deps.db.query(`insert into doc_updates (document_id, data) values ($1, $2)`, [
      journalId,
      Buffer.from([255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255]),
    ])
    const count = async () => (await server.deps.db.query(`select count(*)::int as n from doc_updates where document_id = $1`, [journalId]))[0]
    const before = await count()
    const client = connect(server, journalId, { cookie })
    await expect.poll(() => client.closes.map((c) => c.code)).toContain(4500)
    client.destroy()
    expect(await count()).toEqual(before)
  })

  it('what a client sends while its document is still loading is kept and applied, not dropped', async () => {
    const reportId = await ownDocument(world.network, 'workshop_report')
    control.slowLoadsMs = 800
    // A raw socket sends one update the instant it opens, and nothing else: no sync would repair a drop.
    const local = new Y.Doc()
    appendParagraph(local, 'envoyé pendant le chargement')
    const early = rawSocket(`${server.wsUrl}/${reportId}`, { cookie, origin: server.url })
    await early.opened
    early.ws.send(encodeUpdate(Y.encodeStateAsUpdate(local)))
    await new Promise((r) => early.ws.once('message', r))
    control.slowLoadsMs = 0
    const witness = connect(server, reportId, { cookie })
    await synced(witness)
    expect(witness.text()).toContain('envoyé pendant le chargement')
    expect(witness.text()).toContain('Jour 1')
    early.ws.close()
    witness.destroy()
  })

  it('a revocation that lands while the document is still loading still closes the socket', async () => {
    const secretariat = await server.login(world.people.secretariat.email)
    // A member city of its own, which leaves the network.
    const leaving = await buildCity(server.deps.db, world.network, 'member', 'Leaving City')
    const team = await server.login((await buildPerson(server.deps.db, 'Lea Leaving', [{ role: 'city_team', on: leaving }])).email)
    const sheet = await ownDocument(world.network, 'thematic_sheet')
    control.slowLoadsMs = 1500
    const client = connect(server, sheet, { cookie: team })
    await expect.poll(() => client.provider.wsconnected).toBe(true)
    expect((await server.api(secretariat, 'DELETE', `/api/networks/${world.network.id}/cities/${leaving.id}`)).status).toBe(204)
    await expect.poll(() => client.closes.map((c) => c.code), { timeout: 10_000 }).toContain(4403)
    control.slowLoadsMs = 0
    client.destroy()
  })

  it('a joining socket whose rights cannot be checked again is closed (4500, try again), and the server goes on', async () => {
    const reportId = await ownDocument(world.network, 'workshop_report')
    control.slowLoadsMs = 1500
    const client = connect(server, reportId, { cookie })
    await expect.poll(() => client.provider.wsconnected).toBe(true)
    // Rights changed for someone else while it loads: it is asked about again before it joins.
    await server.deps.hub.accessChanged(() => false)
    control.failRights = true
    await expect.poll(() => client.closes.map((c) => c.code), { timeout: 10_000 }).toContain(4500)
    client.destroy()
    control.failRights = false
    control.slowLoadsMs = 0

    const later = connect(server, reportId, { cookie })
    await synced(later)
    expect(later.text()).toContain('Jour 1')
    later.destroy()
  })
})
