import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadState } from '../../server/data/live-documents'
import { readContent } from '../../server/data/live-documents'
import { DRIVERS } from '../helpers/db'
import { appendParagraph, connect, docText, startTestServer, synced, type TestServer } from '../helpers/collab'
import { buildWorld, WORLD } from '../helpers/world'

describe.each(DRIVERS)('live co-editing over the y-websocket protocol (%s)', (driver) => {
  let server: TestServer
  let pilot: string
  let secretariat: string
  let planId: string

  beforeAll(async () => {
    server = await startTestServer(driver)
    const world = await buildWorld(server.deps.db)
    pilot = await server.login(world.people.pilot.email)
    secretariat = await server.login(world.people.secretariat.email)
    planId = world.documents.city.id
  })
  afterAll(() => server.stop())

  it('a stock WebsocketProvider connects with the session cookie and receives the template', async () => {
    const client = connect(server, planId, { cookie: pilot })
    await synced(client)
    const text = client.text()
    expect(text.split('\n')[0]).toBe(WORLD.documents.city)
    expect(text).toContain('Exposé du problème')
    expect(text).toContain('Vision pour l’avenir')
    client.destroy()
  })

  it('a stock WebsocketProvider connects with a collab token instead', async () => {
    const client = connect(server, planId, { token: await server.token(secretariat, planId) })
    await synced(client)
    expect(client.text()).toContain('Exposé du problème')
    client.destroy()
  })

  it('two people see each other’s edits, concurrent edits converge, a late joiner gets everything', async () => {
    const a = connect(server, planId, { cookie: pilot })
    const b = connect(server, planId, { cookie: secretariat })
    await Promise.all([synced(a), synced(b)])
    appendParagraph(a.doc, 'Écrit par la ville pilote')
    await expect.poll(() => b.text()).toContain('Écrit par la ville pilote')

    // Both type into the same paragraph at once.
    const para = (doc: Y.Doc) => (doc.getXmlFragment('default').get(doc.getXmlFragment('default').length - 1) as Y.XmlElement).get(0) as Y.XmlText
    para(a.doc).insert(0, 'A:')
    para(b.doc).insert(para(b.doc).length, ':B')
    await expect.poll(() => a.text() === b.text() && a.text().includes('A:Écrit par la ville pilote:B')).toBe(true)

    const late = connect(server, planId, { token: await server.token(pilot, planId) })
    await synced(late)
    expect(late.text()).toBe(a.text())
    for (const c of [a, b, late]) c.destroy()
  })

  it('stores what was typed: the log replays to the same document, and a plain-text copy follows', async () => {
    const a = connect(server, planId, { cookie: pilot })
    await synced(a)
    appendParagraph(a.doc, 'Phrase à conserver')
    const expected = docText(a.doc)
    await expect
      .poll(
        async () => {
          const stored = await loadState(server.deps.db, planId)
          const replay = new Y.Doc()
          if (stored.snapshot) Y.applyUpdate(replay, stored.snapshot)
          for (const u of stored.updates) Y.applyUpdate(replay, u)
          return docText(replay)
        },
        { timeout: 10_000 },
      )
      .toBe(expected)
    await expect.poll(async () => (await readContent(server.deps.db, planId))?.text, { timeout: 10_000 }).toContain('Phrase à conserver')
    const content = await readContent(server.deps.db, planId)
    expect(content!.prosemirror.content![0]).toEqual({ type: 'heading', attrs: { level: 1 }, content: [{ type: 'text', text: WORLD.documents.city }] })
    a.destroy()
  })

  it('records who wrote with which Yjs client, for authorship later', async () => {
    const a = connect(server, planId, { cookie: pilot })
    await synced(a)
    appendParagraph(a.doc, 'Signé Pat')
    const me = (await server.api(pilot, 'GET', '/api/me')).body
    await expect
      .poll(
        async () =>
          (
            await server.deps.db.query<{ userId: string }>(`select user_id as "userId" from doc_clients where document_id = $1 and client_id = $2`, [
              planId,
              a.doc.clientID,
            ])
          )[0]?.userId,
        { timeout: 10_000 },
      )
      .toBe(me.user.id)
    a.destroy()
  })
})
