import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SaveTracker } from '../../client/src/collab/save-tracker'
import { loadState } from '../../server/data/live-documents'
import { DRIVERS } from '../helpers/db'
import { appendParagraph, connect, docText, startTestServer, synced, type TestServer } from '../helpers/collab'
import * as Y from 'yjs'
import { buildWorld } from '../helpers/world'

/** The editor's "all changes saved": the client's SaveTracker against the real server. */
describe.each(DRIVERS)('confirmation that edits are stored (%s)', (driver) => {
  let server: TestServer
  let pilot: string
  let planId: string

  beforeAll(async () => {
    server = await startTestServer(driver)
    const world = await buildWorld(server.deps.db)
    pilot = await server.login(world.people.pilot.email)
    planId = world.documents.city.id
  })
  afterAll(() => server.stop())

  const storedText = async () => {
    const stored = await loadState(server.deps.db, planId)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
    return docText(doc)
  }

  it('says saved only once the edit is in the database', async () => {
    const client = connect(server, planId, { cookie: pilot })
    const tracker = new SaveTracker(client.doc, client.provider)
    await synced(client)
    expect(tracker.hasUnsavedChanges).toBe(false)

    const confirmations: boolean[] = []
    tracker.subscribe(() => confirmations.push(tracker.hasUnsavedChanges))
    appendParagraph(client.doc, 'Confirmé par le serveur')
    expect(tracker.hasUnsavedChanges).toBe(true)
    await expect.poll(() => tracker.hasUnsavedChanges, { timeout: 10_000 }).toBe(false)
    // At the moment it says saved, the database already has it.
    expect(await storedText()).toContain('Confirmé par le serveur')
    expect(confirmations).toEqual([true, false])
    tracker.destroy()
    client.destroy()
  })

  it('edits made while disconnected stay unsaved until a new connection has stored them', async () => {
    const client = connect(server, planId, { cookie: pilot })
    const tracker = new SaveTracker(client.doc, client.provider)
    await synced(client)
    client.provider.disconnect()
    appendParagraph(client.doc, 'Écrit hors connexion')
    expect(tracker.hasUnsavedChanges).toBe(true)
    expect(await storedText()).not.toContain('Écrit hors connexion')

    client.provider.connect()
    await expect.poll(() => tracker.hasUnsavedChanges, { timeout: 10_000 }).toBe(false)
    expect(await storedText()).toContain('Écrit hors connexion')
    tracker.destroy()
    client.destroy()
  })

  it('a stock provider that never asks never receives the extra message', async () => {
    const client = connect(server, planId, { cookie: pilot })
    await synced(client)
    appendParagraph(client.doc, 'Sans suivi')
    await expect.poll(storedText).toContain('Sans suivi')
    expect(client.received.some((m) => m[0] === 8)).toBe(false)
    client.destroy()
  })
})
