import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendParagraph, connect, startTestServer, stored, synced, type TestServer } from '../helpers/collab'
import { DRIVERS } from '../helpers/db'
import { anchorIn } from '../helpers/comments'
import { buildDocument, buildWorld, WORLD, type World } from '../helpers/world'

/**
 * An archived document is kept to be read: by REST, by sockets already open when it was archived,
 * and by new ones, nothing in it changes any more — one rule, in shared/policy.ts.
 */
describe.each(DRIVERS)('an archived document (%s)', (driver) => {
  let server: TestServer
  let world: World
  let secretariat: string
  let pilot: string
  let documentId: string

  beforeAll(async () => {
    server = await startTestServer(driver)
    world = await buildWorld(server.deps.db)
    secretariat = await server.login(world.people.secretariat.email)
    pilot = await server.login(world.people.pilot.email)
    documentId = world.documents.city.id
  })
  afterAll(() => server.stop())

  const storedText = async () => (await stored(server.deps.db, documentId)).text

  it('drops open sockets to reading, refuses every change, and stays readable and exportable', async () => {
    const writer = connect(server, documentId, { cookie: pilot })
    await synced(writer)
    appendParagraph(writer.doc, 'écrit avant l’archivage')
    await expect.poll(storedText).toContain('écrit avant l’archivage')

    expect((await server.api(secretariat, 'POST', `/api/documents/${documentId}/archive`)).status).toBe(204)
    // The open socket is told its level changed (4100), like after a role removal.
    await expect.poll(() => writer.closes.map((c) => c.code), { timeout: 15_000 }).toContain(4100)
    writer.destroy()

    // A new socket opens, read-only: what it types is refused and never stored.
    const reader = connect(server, documentId, { cookie: pilot })
    await synced(reader)
    reader.received.length = 0
    appendParagraph(reader.doc, 'écrit après l’archivage')
    // y-websocket's permission-denied message (type 2) says why.
    await expect.poll(() => reader.received.some((f) => f[0] === 2)).toBe(true)
    const witness = connect(server, documentId, { cookie: secretariat })
    await synced(witness)
    expect(witness.text()).toContain('écrit avant l’archivage')
    expect(witness.text()).not.toContain('écrit après l’archivage')
    expect(await storedText()).not.toContain('écrit après l’archivage')
    reader.destroy()
    witness.destroy()

    const refused = async (method: string, path: string, body?: unknown) => {
      const res = await server.api(pilot, method, path, body)
      expect(res.status, `${method} ${path}`).toBe(409)
      expect(res.body.error.code).toBe('document_archived')
    }
    await refused('PATCH', `/api/documents/${documentId}`, { title: 'Renommé après archivage' })
    await refused('POST', `/api/documents/${documentId}/versions`, { name: 'V9' })
    await refused('POST', `/api/documents/${documentId}/archive`)
    const versions = (await server.api(pilot, 'GET', `/api/documents/${documentId}/versions`)).body.versions as { id: string }[]
    if (versions[0]) await refused('POST', `/api/documents/${documentId}/versions/${versions[0].id}/restore`)
    await refused('POST', `/api/documents/${documentId}/comments`, { anchor: await anchorIn(server.deps.db, documentId), body: 'un commentaire' })

    const doc = await server.api(pilot, 'GET', `/api/documents/${documentId}`)
    expect(doc.status).toBe(200)
    expect(doc.body.archived).toBe(true)
    // What the UI offers for the document itself: reading only (creating documents and inviting concern the space).
    expect(doc.body.allowed).toContain('read')
    for (const action of ['comment', 'resolve_comment', 'delete_comment', 'write', 'rename_document', 'archive_document', 'lock_version']) {
      expect(doc.body.allowed).not.toContain(action)
    }
    expect(doc.body.title).toBe(WORLD.documents.city)
    const exported = await fetch(`${server.url}/api/documents/${documentId}/export?format=md`, { headers: { cookie: pilot } })
    expect(exported.status).toBe(200)
    expect(await exported.text()).toContain('écrit avant l’archivage')
  })

  it('someone who could not read it before cannot now either (the role is asked first: 403, not 409)', async () => {
    const archived = await buildDocument(server.deps.db, world.cities.pilot, { kind: 'action_plan' })
    expect((await server.api(secretariat, 'POST', `/api/documents/${archived.id}/archive`)).status).toBe(204)
    const funder = await server.login(world.people.funder.email)
    const res = await server.api(funder, 'PATCH', `/api/documents/${archived.id}`, { title: 'x' })
    expect(res.status).toBe(403)
  })
})
