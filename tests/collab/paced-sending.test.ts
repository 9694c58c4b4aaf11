import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { PacedSending } from '../../client/src/collab/paced-sending'
import { SaveTracker } from '../../client/src/collab/save-tracker'
import { MESSAGE_SAVED } from '../../shared/collab'
import { loadState } from '../../server/data/live-documents'
import { DRIVERS } from '../helpers/db'
import { appendParagraph, connect, docText, startTestServer, synced, type TestClient, type TestServer } from '../helpers/collab'
import { buildWorld, type World } from '../helpers/world'

/** What a client sends: y-websocket's sync updates ([0, 2, …]), presence ([1, …]) and Atelier's save questions. */
function recordSent(client: TestClient) {
  const sent: Uint8Array[] = []
  const ws = client.provider.ws as unknown as { send(data: Uint8Array): void }
  const send = ws.send.bind(ws)
  ws.send = (data) => {
    sent.push(new Uint8Array(data))
    send(data)
  }
  return {
    updates: () => sent.filter((m) => m[0] === 0 && m[1] === 2).length,
    presence: () => sent.filter((m) => m[0] === 1).length,
    questions: () => sent.filter((m) => m[0] === MESSAGE_SAVED).length,
  }
}

/** Typing on a slow line: the editor's client sends a burst of keystrokes as one update, its caret's presence now and then, and asks once whether all is stored. */
describe.each(DRIVERS)('paced sending while typing (%s)', (driver) => {
  let server: TestServer
  let world: World
  let cookies: { pilot: string; secretariat: string }

  beforeAll(async () => {
    server = await startTestServer(driver)
    world = await buildWorld(server.deps.db)
    cookies = { pilot: await server.login(world.people.pilot.email), secretariat: await server.login(world.people.secretariat.email) }
  })
  afterAll(() => server.stop())

  const storedText = async (id: string) => {
    const stored = await loadState(server.deps.db, id)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
    return docText(doc)
  }

  it('a burst of edits leaves as one update, reaches the others whole, and is said saved once stored', async () => {
    const id = world.documents.city.id
    const typist = connect(server, id, { cookie: cookies.pilot })
    const reader = connect(server, id, { cookie: cookies.secretariat })
    const paced = new PacedSending(typist.provider)
    const tracker = new SaveTracker(typist.doc, typist.provider, () => paced.flush())
    await Promise.all([synced(typist), synced(reader)])
    const sent = recordSent(typist)

    for (let i = 1; i <= 20; i++) appendParagraph(typist.doc, `Ligne ${i} tapée d’un trait`)
    await expect.poll(() => reader.text(), { timeout: 10_000 }).toContain('Ligne 20 tapée d’un trait')
    expect(reader.text()).toContain('Ligne 1 tapée d’un trait')
    await expect.poll(() => tracker.hasUnsavedChanges, { timeout: 10_000 }).toBe(false)
    expect(await storedText(id)).toContain('Ligne 20 tapée d’un trait')
    expect(sent.updates()).toBe(1)
    expect(sent.questions()).toBe(1)

    tracker.destroy()
    paced.destroy()
    typist.destroy()
    reader.destroy()
  })

  it('a caret moved many times sends its latest place, not every one', async () => {
    const id = world.documents.network.id
    const typist = connect(server, id, { cookie: cookies.pilot })
    const reader = connect(server, id, { cookie: cookies.secretariat })
    const paced = new PacedSending(typist.provider)
    await Promise.all([synced(typist), synced(reader)])
    const sent = recordSent(typist)

    for (let anchor = 1; anchor <= 10; anchor++) typist.provider.awareness.setLocalStateField('cursor', { anchor })
    await expect.poll(() => reader.provider.awareness.getStates().get(typist.doc.clientID)?.cursor, { timeout: 10_000 }).toEqual({ anchor: 10 })
    expect(sent.presence()).toBe(1)

    paced.destroy()
    typist.destroy()
    reader.destroy()
  })
})

/** y-websocket reconnects after 30 s without hearing from the server: a lone typist, no longer sent their own presence, is sent an empty one now and then. */
describe.each(DRIVERS)('a lone typist keeps hearing from the server (%s)', (driver) => {
  let server: TestServer
  let world: World
  beforeAll(async () => {
    server = await startTestServer(driver, { hub: { unloadDelayMs: 50, contentDebounceMs: 50, keepAliveMs: 0 } })
    world = await buildWorld(server.deps.db)
  })
  afterAll(() => server.stop())

  it('their own presence is answered with an empty presence message, not with itself', async () => {
    const typist = connect(server, world.documents.city.id, { cookie: await server.login(world.people.pilot.email) })
    await synced(typist)
    const emptyPresence = () => typist.received.filter((m) => m.length === 3 && m[0] === 1 && m[1] === 1 && m[2] === 0).length
    const before = emptyPresence()
    typist.provider.awareness.setLocalStateField('cursor', { anchor: 4 })
    await expect.poll(emptyPresence, { timeout: 10_000 }).toBeGreaterThan(before)
    typist.destroy()
  })
})
