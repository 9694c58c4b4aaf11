import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db } from '../../server/db/db'
import { appendParagraph, connect, rawSocket, startTestServer, stored as storedDocument, synced, type TestClient, type TestServer } from '../helpers/collab'
import { MESSAGE_SAVED } from '../../shared/collab'
import * as encoding from 'lib0/encoding'

const encodeSavedRequest = (id: number) => {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE_SAVED)
  encoding.writeVarUint(e, id)
  return encoding.toUint8Array(e)
}
import { dropSchema, freshSchemaName } from '../helpers/db'
import { buildDocument, buildWorld, type World } from '../helpers/world'
import type { DocumentKind } from '../../shared/templates'

/**
 * The window an instance can die in: it has relayed a writer's update to the other instances but
 * not stored it yet. Here instance 2's writes hang (as if it had died right there); instance 1
 * holds the relayed update. It must store it itself once instance 2 has not confirmed it in time,
 * and must not tell the writer "saved" before that. And a document whose log has a gap (an update
 * that never reached storage) is noticed at load, and repaired from a live copy that has it.
 */

/** A database whose update-log writes wait while `hold` is on, released when it goes off. */
function holdingWrites(db: Db) {
  const control = { hold: false, waiting: [] as (() => void)[] }
  const gate = (text: string) =>
    control.hold && /insert into doc_updates/.test(text) ? new Promise<void>((resolve) => control.waiting.push(resolve)) : Promise.resolve()
  const wrapped: Db = Object.assign(Object.create(db), {
    transaction: <T>(fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) =>
      db.transaction((tx) =>
        fn(Object.assign(Object.create(tx), { query: async (text: string, params?: unknown[]) => (await gate(text), tx.query(text, params)) })),
      ),
  })
  const release = () => {
    control.hold = false
    for (const resolve of control.waiting.splice(0)) resolve()
  }
  return { wrapped, control, release }
}

describe.runIf(process.env.DATABASE_URL && process.env.REDIS_URL)('updates relayed between instances', () => {
  const schema = freshSchemaName()
  const env = { REDIS_URL: process.env.REDIS_URL! }
  const hub = { unloadDelayMs: 50, contentDebounceMs: 50, peerGraceMs: 400 }
  let s1: TestServer
  let s2: TestServer
  let stuck: ReturnType<typeof holdingWrites>
  let world: World
  let cookie: string
  const clients: TestClient[] = []
  const client = (c: TestClient) => (clients.push(c), c)

  const stored = (documentId: string) => storedDocument(s1.deps.db, documentId)

  beforeAll(async () => {
    s1 = await startTestServer('postgres', { schema, env, hub })
    s2 = await startTestServer('postgres', {
      schema,
      env,
      hub,
      wrapDb: (db) => {
        stuck = holdingWrites(db)
        return stuck.wrapped
      },
    })
    world = await buildWorld(s1.deps.db)
    cookie = await s1.login(world.people.pilot.email)
  })

  /** A document of the test's own, in the pilot city. */
  const ownDocument = async (kind: DocumentKind) => (await buildDocument(s1.deps.db, world.cities.pilot, { kind, by: world.people.pilot })).id

  afterAll(async () => {
    stuck.release()
    for (const c of clients) c.destroy()
    await Promise.allSettled([s1?.stop(), s2?.stop()])
    await dropSchema(process.env.DATABASE_URL!, schema)
  })

  it('an update its instance relayed but never stored is stored by the instance that received it; "saved" waits for that', async () => {
    const docId = await ownDocument('experimentation_log')
    const onOne = client(connect(s1, docId, { cookie }))
    const author = client(connect(s2, docId, { cookie }))
    await Promise.all([synced(onOne), synced(author)])

    stuck.control.hold = true
    appendParagraph(author.doc, 'relayé puis jamais écrit par son instance')
    await expect.poll(() => onOne.text()).toContain('relayé puis jamais écrit par son instance')

    // Someone on instance 1 asks whether everything is stored: the answer waits until instance 1
    // has stored what it was relayed (instance 2, stuck, never confirms), so it is true when it comes.
    const asker = rawSocket(`${s1.wsUrl}/${docId}`, { cookie, origin: s1.url })
    await asker.opened
    const acked = new Promise<void>((resolve) => asker.ws.on('message', (data: Buffer) => data[0] === MESSAGE_SAVED && resolve()))
    asker.ws.send(encodeSavedRequest(7))
    await acked
    expect((await stored(docId)).text).toContain('relayé puis jamais écrit par son instance')
    expect(stuck.control.waiting.length).toBeGreaterThan(0)
    expect((await stored(docId)).whole).toBe(true)
    asker.ws.close()
    stuck.release()
  })

  it('a stored log with a gap is noticed when loaded, and repaired from another instance’s live copy', async () => {
    const docId = await ownDocument('thematic_sheet')
    const errors: string[] = []
    const logError = s1.deps.logger.error.bind(s1.deps.logger)
    s1.deps.logger.error = ((obj: unknown, msg?: string) => {
      errors.push(String(msg ?? obj))
      return logError(obj as object, msg)
    }) as typeof logError

    // Instance 2 holds the document live; three edits are stored, then the middle one is lost from storage.
    const writer = client(connect(s2, docId, { cookie }))
    await synced(writer)
    for (const line of ['premier', 'deuxième, perdu', 'troisième, qui s’appuie dessus']) {
      appendParagraph(writer.doc, line)
      await expect.poll(async () => (await stored(docId)).text).toContain(line)
    }
    const [lost] = await s1.deps.db.query<{ id: string }>(`select id from doc_updates where document_id = $1 order by id desc offset 1 limit 1`, [docId])
    await s1.deps.db.query(`delete from doc_updates where id = $1`, [lost!.id])
    expect((await stored(docId)).whole).toBe(false)

    // Instance 1 loads it from storage: it notices, asks the others, and stores what comes back.
    const reader = client(connect(s1, docId, { cookie }))
    await synced(reader)
    await expect.poll(() => errors.some((e) => e.includes('never stored'))).toBe(true)
    await expect.poll(async () => stored(docId), { timeout: 15_000 }).toMatchObject({ whole: true })
    expect((await stored(docId)).text).toContain('deuxième, perdu')
    expect(reader.text()).toContain('troisième, qui s’appuie dessus')
  })
})
