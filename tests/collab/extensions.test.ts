import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import { SaveTracker } from '../../client/src/collab/save-tracker'
import type { Db } from '../../server/db/db'
import type { RoomExtensionFactory } from '../../server/collab/extension'
import type { Fanout, FanoutHandler, FanoutType } from '../../server/collab/fanout'
import { EditOrigin, FROM_PEER } from '../../server/collab/origins'
import { decodePeerUpdate, decodeStored, encodePeerUpdate, encodeStored } from '../../server/collab/peer-updates'
import { loadConfig } from '../../server/config'
import type { AppDeps } from '../../server/context'
import { getDocument } from '../../server/data/documents'
import { createLogger } from '../../server/logger'
import { createDeps } from '../../server/server'
import { appendParagraph, connect, docText, startTestServer, synced, type TestServer } from '../helpers/collab'
import { storedDoc } from '../helpers/comments'
import { openTestDb, type TestDb } from '../helpers/db'
import { buildWorld } from '../helpers/world'

/**
 * The live document's extension hooks, as two extensions of their own see them through a real
 * server, after the built-in ones: the three loading steps around the read of storage, each
 * change with where it came from, presence, "saved" waiting for every extension, then at unload
 * `onStop`, and `beforeUnload` once every update is stored — with `extras` false when the server
 * is stopping. Every hook reaches the extensions in the order they were given.
 */
describe('a live document’s extensions', () => {
  type Event = { documentId: string; extension: string; hook: string; detail?: unknown; storedText?: string }
  const events: Event[] = []
  let server: TestServer
  let cookie: string
  let planId: string
  /** While set, the second extension's `stored` waits for it. */
  let holdStored: Promise<void> | undefined

  const recorder =
    (extension: string): RoomExtensionFactory =>
    (doc) => {
      const record = (hook: string, more: Partial<Event> = {}) => events.push({ documentId: doc.documentId, extension, hook, ...more })
      return {
        async beforeLoad() {
          record('beforeLoad', { detail: Y.decodeStateVector(doc.stateVector()).size })
        },
        async onLoad() {
          record('onLoad')
          return undefined
        },
        afterLoad() {
          // The stored state is in the document by now: some Yjs client has written it.
          record('afterLoad', { detail: Y.decodeStateVector(doc.stateVector()).size })
        },
        onChange(update, origin) {
          const from = origin instanceof EditOrigin ? `edit by ${origin.userId}` : origin === FROM_PEER ? 'peer' : String(origin)
          record('onChange', { detail: { from, update } })
        },
        onAwareness(update) {
          const seen = new awarenessProtocol.Awareness(new Y.Doc())
          awarenessProtocol.applyAwarenessUpdate(seen, update, null)
          record('onAwareness', { detail: [...seen.getStates().keys()] })
        },
        async stored() {
          record('stored')
          if (extension === 'second') await holdStored
        },
        onStop() {
          record('onStop')
        },
        async beforeUnload(extras) {
          // What storage holds when it is called: every update must be there already.
          const storedText = extension === 'first' ? docText(await storedDoc(server.deps.db, doc.documentId)) : undefined
          record('beforeUnload', { detail: extras, storedText })
        },
      }
    }

  /** Marks in the events each time storage reads a document, between the extensions' hooks. */
  const markingReads = (db: Db): Db =>
    Object.assign(Object.create(db), {
      query: (text: string, params?: unknown[]) => {
        if (/from doc_snapshots/.test(text)) events.push({ documentId: String(params?.[0]), extension: 'storage', hook: 'read' })
        return db.query(text, params)
      },
    })

  beforeAll(async () => {
    server = await startTestServer('pglite', { extensions: [recorder('first'), recorder('second')], wrapDb: markingReads })
    const world = await buildWorld(server.deps.db)
    cookie = await server.login(world.people.pilot.email)
    planId = world.documents.city.id
  })
  afterAll(() => server.stop())

  const ofPlan = (from = 0) => events.slice(from).filter((e) => e.documentId === planId)
  const of = (hook: string, from = 0) => ofPlan(from).filter((e) => e.hook === hook)
  const calls = (from: number, ...hooks: string[]) => ofPlan(from).flatMap((e) => (hooks.includes(e.hook) ? [`${e.extension} ${e.hook}`] : []))

  it('loads in three steps around the read of storage, each in the extensions’ order', async () => {
    const me = (await server.api(cookie, 'GET', '/api/me')).body
    const loading = events.length
    const client = connect(server, planId, { cookie })
    await synced(client)
    expect(calls(loading, 'beforeLoad', 'read', 'onLoad', 'afterLoad')).toEqual([
      'first beforeLoad',
      'second beforeLoad',
      'storage read',
      'first onLoad',
      'second onLoad',
      'first afterLoad',
      'second afterLoad',
    ])
    // Before the read the document is empty; after it, it holds what was stored.
    expect(of('beforeLoad', loading).map((e) => e.detail)).toEqual([0, 0])
    expect(of('afterLoad', loading).every((e) => (e.detail as number) > 0)).toBe(true)

    const mark = events.length
    appendParagraph(client.doc, 'vu par les extensions')
    await expect.poll(() => of('onChange', mark).length).toBe(2)
    const [first, second] = of('onChange', mark)
    expect([first!.extension, second!.extension]).toEqual(['first', 'second'])
    expect(first!.detail).toMatchObject({ from: `edit by ${me.user.id}` })
    expect((second!.detail as { update: Uint8Array }).update).toBe((first!.detail as { update: Uint8Array }).update)
    client.destroy()
  })

  it('hears the presence of the people here, batched', async () => {
    const client = connect(server, planId, { cookie })
    await synced(client)
    const mark = events.length
    client.provider.awareness.setLocalStateField('cursor', { anchor: 1 })
    await expect.poll(() => of('onAwareness', mark).map((e) => e.extension)).toEqual(['first', 'second'])
    expect(of('onAwareness', mark)[0]!.detail).toContain(client.doc.clientID)
    client.destroy()
  })

  it('says “saved” only once every extension has kept the edits, storage first', async () => {
    const client = connect(server, planId, { cookie })
    const tracker = new SaveTracker(client.doc, client.provider)
    await synced(client)
    let release = () => {}
    holdStored = new Promise((resolve) => (release = resolve))
    const mark = events.length
    appendParagraph(client.doc, 'gardé par chaque extension')
    await expect.poll(() => calls(mark, 'stored').slice(0, 2), { timeout: 10_000 }).toEqual(['first stored', 'second stored'])
    // Storage came before: the edit is in the database, but the second extension still holds it.
    expect(docText(await storedDoc(server.deps.db, planId))).toContain('gardé par chaque extension')
    expect(tracker.hasUnsavedChanges).toBe(true)
    release()
    holdStored = undefined
    await expect.poll(() => tracker.hasUnsavedChanges, { timeout: 10_000 }).toBe(false)
    tracker.destroy()
    client.destroy()
  })

  it('stops, then unloads with every update stored, each in the extensions’ order', async () => {
    const client = connect(server, planId, { cookie })
    await synced(client)
    const mark = events.length
    appendParagraph(client.doc, 'écrit juste avant de partir')
    await expect.poll(() => of('onChange', mark).length).toBe(2)
    client.destroy()
    await expect.poll(() => of('beforeUnload', mark).length, { timeout: 10_000 }).toBe(2)
    expect(calls(mark, 'onStop', 'beforeUnload')).toEqual(['first onStop', 'second onStop', 'first beforeUnload', 'second beforeUnload'])
    expect(of('beforeUnload', mark)[0]).toMatchObject({ detail: true, storedText: expect.stringContaining('écrit juste avant de partir') })
  })

  it('when the server stops, unloads without extras, after storing what was typed', async () => {
    const client = connect(server, planId, { cookie })
    await synced(client)
    const mark = events.length
    appendParagraph(client.doc, 'juste avant l’arrêt')
    await expect.poll(() => of('onChange', mark).length).toBeGreaterThan(0)
    await server.deps.hub.shutdown()
    expect(of('beforeUnload', mark)[0]).toMatchObject({ detail: false, storedText: expect.stringContaining('juste avant l’arrêt') })
    client.destroy()
  })
})

/**
 * Storage and the other instances are the first two extensions, and work together: the peers
 * extension listens before storage is read, asks for what storage lacks once loaded, relays each
 * edit with the number storage gave it and says "stored up to n" once storage has written it; a
 * peer's update is stored here only if its instance does not confirm it in time. Seen here through
 * a fanout that records what is published and lets the test speak for another instance.
 */
describe('storage and the other instances, as extensions', () => {
  const log: string[] = []
  const published: { type: FanoutType; payload: Uint8Array }[] = []
  let fromPeers: FanoutHandler | undefined
  const fanout: Fanout = {
    async subscribe(_documentId, handler) {
      log.push('subscribe')
      fromPeers = handler
    },
    async unsubscribe() {
      log.push('unsubscribe')
      fromPeers = undefined
    },
    publish(_documentId, type, payload) {
      log.push(`publish ${type}`)
      published.push({ type, payload })
    },
    async close() {},
  }
  let db: TestDb
  let deps: AppDeps
  let planId: string
  let userId: string

  /** An update that adds a paragraph, made by a Yjs client of its own. */
  const paragraph = (text: string) => {
    const doc = new Y.Doc()
    appendParagraph(doc, text)
    return Y.encodeStateAsUpdate(doc)
  }
  const edit = async (text: string) => {
    const document = (await getDocument(db, planId))!
    await deps.hub.edit(
      planId,
      document.space,
      userId,
      async () => paragraph(text),
      async () => {},
    )
  }
  const storedText = async () => docText(await storedDoc(db, planId))
  const rows = async () => (await db.query<{ n: number }>('select count(*)::int as n from doc_updates where document_id = $1', [planId]))[0]!.n

  beforeAll(async () => {
    db = await openTestDb('pglite')
    const world = await buildWorld(db)
    const marked: Db = Object.assign(Object.create(db), {
      query: (text: string, params?: unknown[]) => {
        if (/from doc_snapshots/.test(text)) log.push('read')
        return db.query(text, params)
      },
    })
    deps = createDeps(loadConfig({}), marked, createLogger('silent'), fanout, { hub: { unloadDelayMs: 60_000, peerGraceMs: 300 } })
    planId = world.documents.city.id
    userId = world.people.pilot.id
  })
  afterAll(async () => {
    await deps.hub.shutdown()
    await deps.documents.stop()
    await db.drop()
  })

  it('listens before storage is read, asks for what it lacks, and relays each edit with its number, then “stored up to” it', async () => {
    await edit('relayé avec son numéro')
    expect(log.slice(0, 4)).toEqual(['subscribe', 'read', 'publish syncRequest', 'publish update'])
    const relayed = decodePeerUpdate(published.find((p) => p.type === 'update')!.payload)
    expect(relayed).toMatchObject({ userId })
    expect(relayed.seq).toBeGreaterThan(0)
    await expect.poll(() => published.filter((p) => p.type === 'stored').map((p) => decodeStored(p.payload))).toContainEqual(relayed.seq)
    expect(await storedText()).toContain('relayé avec son numéro')
  })

  it('leaves a peer’s update to its instance once it confirms it, and stores it here if it does not in time', async () => {
    const before = await rows()
    fromPeers!('update', encodePeerUpdate(41, userId, paragraph('confirmé par son instance')), 'peer')
    // Its instance confirms it later, as a message of its own (a small update is applied at once).
    await new Promise((resolve) => setImmediate(resolve))
    const confirmed = deps.hub.stored(planId)
    fromPeers!('stored', encodeStored(41), 'peer')
    await confirmed
    expect(await rows()).toBe(before)

    fromPeers!('update', encodePeerUpdate(42, userId, paragraph('jamais confirmé')), 'peer')
    // "Saved" waits for the grace to pass and the update to be stored here.
    await deps.hub.stored(planId)
    expect(await storedText()).toContain('jamais confirmé')
    expect(await storedText()).not.toContain('confirmé par son instance')
  })

  it('stops listening when the document unloads', async () => {
    await deps.hub.shutdown()
    expect(log.at(-1)).toBe('unsubscribe')
    expect(fromPeers).toBeUndefined()
  })
})
