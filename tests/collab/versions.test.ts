import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DRIVERS } from '../helpers/db'
import { appendParagraph, connect, docText, startTestServer, synced, type TestServer } from '../helpers/collab'
import { storedDoc } from '../helpers/comments'
import type { VersionDetail, VersionSummary } from '../../shared/api'
import { buildDocument, buildWorld, WORLD, type World } from '../helpers/world'

/**
 * Versions from live editing, with real y-websocket clients: automatic versions after an idle
 * period and when the last editor leaves, none when nothing changed, and a restore while
 * someone else is typing, which both clients see and converge on.
 */
const IDLE_MS = 700
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe.each(DRIVERS)('versions of live documents (%s)', (driver) => {
  let server: TestServer
  let world: World
  let pilot: string
  let secretariat: string

  beforeAll(async () => {
    server = await startTestServer(driver, { hub: { unloadDelayMs: 50, contentDebounceMs: 50, versionIdleMs: IDLE_MS } })
    world = await buildWorld(server.deps.db)
    pilot = await server.login(world.people.pilot.email)
    secretariat = await server.login(world.people.secretariat.email)
  })
  afterAll(() => server.stop())

  const versions = async (documentId: string) => (await server.api(pilot, 'GET', `/api/documents/${documentId}/versions`)).body.versions as VersionSummary[]
  /** A document of the test's own, in the pilot city. */
  const ownDocument = async () => (await buildDocument(server.deps.db, world.cities.pilot, { kind: 'action_plan', by: world.people.pilot })).id

  /**
   * Resolves once an idle period has passed since it was called, as a fact seen rather than a
   * sleep: a control document edited now has got its automatic version, so any idle timer set
   * before, on any document, has fired.
   */
  async function idlePeriodPassed(): Promise<void> {
    const control = await ownDocument()
    const typist = connect(server, control, { cookie: pilot })
    await synced(typist)
    appendParagraph(typist.doc, 'témoin')
    await expect.poll(() => versions(control), { timeout: 5000 }).toHaveLength(1)
    typist.destroy()
  }

  it('stores an automatic version once edits have been idle, with who wrote them, and none when nothing changed', async () => {
    const id = await ownDocument()
    const reader = connect(server, id, { cookie: pilot })
    await synced(reader)
    await idlePeriodPassed()
    expect(await versions(id)).toEqual([])

    appendParagraph(reader.doc, 'Premier jet')
    await sleep(IDLE_MS / 2)
    appendParagraph(reader.doc, 'Deuxième jet')
    await expect.poll(() => versions(id), { timeout: 5000 }).toHaveLength(1)
    const [auto] = await versions(id)
    expect(auto).toMatchObject({ kind: 'automatic', createdBy: null })
    expect(auto!.contributors).toEqual([expect.objectContaining({ name: 'Pat Pilot', city: WORLD.cities.pilot })])
    const detail = (await server.api(pilot, 'GET', `/api/documents/${id}/versions/${auto!.id}`)).body as VersionDetail
    expect(detail.text).toContain('Deuxième jet')

    // Quiet, then leaving without editing: nothing more.
    await idlePeriodPassed()
    reader.destroy()
    // Unloading has begun; a new connection joins only once it is over, versions included.
    await expect.poll(() => server.deps.hub.isLive(id)).toBe(false)
    const after = connect(server, id, { cookie: secretariat })
    await synced(after)
    after.destroy()
    expect(await versions(id)).toHaveLength(1)
  })

  it('stores one when the last editor leaves', async () => {
    const id = await ownDocument()
    const before = (await versions(id)).length
    const client = connect(server, id, { cookie: pilot })
    await synced(client)
    appendParagraph(client.doc, 'Écrit juste avant de partir')
    await sleep(200)
    client.destroy()
    await expect.poll(async () => (await versions(id)).length, { timeout: 5000 }).toBe(before + 1)
    const [latest] = await versions(id)
    const detail = (await server.api(pilot, 'GET', `/api/documents/${id}/versions/${latest!.id}`)).body as VersionDetail
    expect(detail.text).toContain('Écrit juste avant de partir')
  })

  it('restores a version while another person types: both see it live and converge', async () => {
    const id = await ownDocument()
    const typist = connect(server, id, { cookie: pilot })
    const watcher = connect(server, id, { cookie: secretariat })
    await Promise.all([synced(typist), synced(watcher)])
    appendParagraph(typist.doc, 'Texte de la V1')
    await sleep(200)
    const v1 = (await server.api(secretariat, 'POST', `/api/documents/${id}/versions`, { name: 'V1' })).body as VersionSummary
    const v1Text = ((await server.api(pilot, 'GET', `/api/documents/${id}/versions/${v1.id}`)).body as VersionDetail).text
    appendParagraph(typist.doc, 'Écrit après la V1')
    await expect.poll(() => watcher.text()).toContain('Écrit après la V1')

    // The typist keeps typing in its own paragraph while the secretariat restores V1.
    appendParagraph(typist.doc, '')
    let typing = true
    const keystrokes = (async () => {
      for (let i = 0; typing; i++) {
        const fragment = typist.doc.getXmlFragment('default')
        const last = fragment.get(fragment.length - 1) as Y.XmlElement
        if (last.length === 0) last.insert(0, [new Y.XmlText()])
        ;(last.get(0) as Y.XmlText).insert((last.get(0) as Y.XmlText).length, String(i % 10))
        await sleep(10)
      }
    })()
    await sleep(100)
    const restored = await server.api(secretariat, 'POST', `/api/documents/${id}/versions/${v1.id}/restore`)
    expect(restored.status).toBe(201)
    expect(restored.body).toMatchObject({ kind: 'restore', restoredFrom: { id: v1.id } })
    await sleep(100)
    typing = false
    await keystrokes
    appendParagraph(typist.doc, 'Suite après la restauration')

    await expect.poll(() => watcher.text(), { timeout: 5000 }).toContain('Suite après la restauration')
    await expect.poll(() => typist.text() === watcher.text(), { timeout: 5000 }).toBe(true)
    const final = typist.text()
    expect(final).not.toContain('Écrit après la V1')
    expect(final.startsWith(v1Text)).toBe(true)
    // Storage holds what both clients show.
    await server.deps.hub.stored()
    expect(docText(await storedDoc(server.deps.db, id))).toBe(final)
    typist.destroy()
    watcher.destroy()
  })
})
