import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/logger'
import { Persistence, type PersistenceOptions } from '../../server/collab/persistence'
import { DocumentThread } from '../../server/documents/thread'
import { loadState } from '../../server/data/live-documents'
import type { Db } from '../../server/db/db'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { appendParagraph, docText } from '../helpers/collab'
import { buildWorld } from '../helpers/world'

/** A database that fails the statements matching `when` while `failing` is on. */
function flaky(db: Db, when: RegExp) {
  const control = { failing: false, failures: 0 }
  const guard = (text: string) => {
    if (control.failing && when.test(text)) {
      control.failures++
      throw new Error('simulated database failure')
    }
  }
  const wrap = <T extends { query: Db['query'] }>(q: T): T =>
    Object.assign(Object.create(q), {
      query: (text: string, params?: unknown[]) => (guard(text), q.query(text, params)),
    })
  const wrapped: Db = Object.assign(Object.create(db), {
    query: (text: string, params?: unknown[]) => (guard(text), db.query(text, params)),
    transaction: <T>(fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
  })
  return { db: wrapped, control }
}

const replay = async (db: Db, documentId: string) => {
  const stored = await loadState(db, documentId)
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return { text: docText(doc), stored }
}

describe.each(DRIVERS)('the update log (%s)', (driver) => {
  let db: TestDb
  let documentId: string
  /** Another document, the one the database refuses for good. */
  let otherId: string
  let userId: string
  const logger = createLogger('silent')
  const documents = new DocumentThread(logger)
  const failures: string[] = []
  const persistenceOn = (on: Db, options: Partial<PersistenceOptions> = {}) =>
    new Persistence(on, logger, documents, { failed: (id) => failures.push(id), written: () => {} }, options)

  beforeAll(async () => {
    db = await openTestDb(driver)
    const world = await buildWorld(db)
    documentId = world.documents.city.id
    otherId = world.documents.network.id
    userId = world.people.pilot.id
  })
  afterAll(async () => {
    await documents.stop()
    await db.drop()
  })

  /** A client doc that starts from what is stored, and the updates its edits produce. */
  async function editor() {
    const doc = new Y.Doc()
    const { stored } = await replay(db, documentId)
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))
    return { doc, updates }
  }

  it('keystrokes of one person in one moment become one row, and replay to the same text', async () => {
    const persistence = persistenceOn(db, { flushMs: 100 })
    const { doc, updates } = await editor()
    const rowsBefore = (await loadState(db, documentId)).updates.length
    appendParagraph(doc, '')
    const para = doc.getXmlFragment('default').get(doc.getXmlFragment('default').length - 1) as Y.XmlElement
    const text = new Y.XmlText()
    para.insert(0, [text])
    for (const ch of 'Bonjour Dakar') text.insert(text.length, ch)
    for (const u of updates) persistence.enqueue(documentId, userId, u)
    await expect.poll(async () => (await loadState(db, documentId)).updates.length).toBe(rowsBefore + 1)
    expect((await replay(db, documentId)).text).toBe(docText(doc))
  })

  it('a failed write is retried and nothing is lost', async () => {
    const { db: flakyDb, control } = flaky(db, /insert into doc_updates/)
    const persistence = persistenceOn(flakyDb, { flushMs: 20 })
    const { doc, updates } = await editor()
    control.failing = true
    appendParagraph(doc, 'Écrit pendant la panne')
    for (const u of updates.splice(0)) persistence.enqueue(documentId, userId, u)
    await expect.poll(() => control.failures).toBeGreaterThanOrEqual(2)
    expect(persistence.hasPending(documentId)).toBe(true)
    control.failing = false
    await persistence.flush()
    expect((await replay(db, documentId)).text).toContain('Écrit pendant la panne')
  })

  it('stored() resolves only once what was queued before it is in the database, even across a failed write', async () => {
    const { db: flakyDb, control } = flaky(db, /insert into doc_updates/)
    const persistence = persistenceOn(flakyDb, { flushMs: 20 })
    await persistence.stored()
    const { doc, updates } = await editor()
    control.failing = true
    appendParagraph(doc, 'confirmé seulement une fois écrit')
    for (const u of updates.splice(0)) persistence.enqueue(documentId, userId, u)
    let stored = false
    void persistence.stored().then(() => (stored = true))
    await expect.poll(() => control.failures).toBeGreaterThanOrEqual(2)
    expect(stored).toBe(false)
    control.failing = false
    await expect.poll(() => stored).toBe(true)
    expect((await replay(db, documentId)).text).toContain('confirmé seulement une fois écrit')
  })

  it('a document the database refuses for good stops only itself: the others are stored, its sockets are told', async () => {
    const refused = otherId
    // A constraint the database will keep refusing (as if the document had been deleted meanwhile).
    const refusing: Db = Object.assign(Object.create(db), {
      transaction: <T>(fn: (tx: Parameters<Parameters<Db['transaction']>[0]>[0]) => Promise<T>) =>
        db.transaction((tx) =>
          fn(
            Object.assign(Object.create(tx), {
              query: (text: string, params: unknown[] = []) => {
                if (/insert into doc_updates/.test(text) && params.includes(refused)) {
                  throw Object.assign(new Error('insert or update on table "doc_updates" violates foreign key constraint'), { code: '23503' })
                }
                return tx.query(text, params)
              },
            }),
          ),
        ),
    })
    const persistence = persistenceOn(refusing, { flushMs: 10 })
    const { doc, updates } = await editor()
    const elsewhere = new Y.Doc()
    const elsewhereUpdates: Uint8Array[] = []
    elsewhere.on('update', (u: Uint8Array) => elsewhereUpdates.push(u))
    appendParagraph(elsewhere, 'jamais enregistré')
    appendParagraph(doc, 'enregistré malgré l’autre document')
    // One batch holding both documents' updates.
    persistence.enqueue(refused, userId, elsewhereUpdates[0]!)
    for (const u of updates.splice(0)) persistence.enqueue(documentId, userId, u)
    // Handled from the start: the refusal may come while the other document is being stored.
    const refusedStored = expect(persistence.stored(refused)).rejects.toThrow(/refused/)
    await persistence.stored(documentId)
    await refusedStored
    expect((await replay(db, documentId)).text).toContain('enregistré malgré l’autre document')
    expect(failures).toContain(refused)
    expect(persistence.hasPending()).toBe(false)
    // The queue is not blocked: later edits are stored as usual.
    appendParagraph(doc, 'et la suite aussi')
    for (const u of updates.splice(0)) persistence.enqueue(documentId, userId, u)
    await persistence.stored(documentId)
    expect((await replay(db, documentId)).text).toContain('et la suite aussi')
  })

  it('compaction folds the log into a snapshot that replays to the same document', async () => {
    const persistence = persistenceOn(db, { flushMs: 10, compactAfterRows: 1_000_000 })
    const { doc, updates } = await editor()
    for (let i = 0; i < 30; i++) {
      appendParagraph(doc, `ligne ${i}`)
      persistence.enqueue(documentId, i % 2 ? userId : null, updates.pop()!)
      await persistence.flush()
    }
    const before = await replay(db, documentId)
    expect(before.stored.updates.length).toBeGreaterThanOrEqual(30)
    await persistence.compact(documentId)
    const after = await replay(db, documentId)
    expect(after.text).toBe(before.text)
    expect(after.text).toBe(docText(doc))
    expect(after.stored.snapshot).not.toBeNull()
    expect(after.stored.updates).toHaveLength(0)
  })

  it('a crash in the middle of compaction loses nothing (one transaction)', async () => {
    const persistence = persistenceOn(db, { flushMs: 10 })
    const { doc, updates } = await editor()
    appendParagraph(doc, 'avant la panne de compaction')
    for (const u of updates.splice(0)) persistence.enqueue(documentId, userId, u)
    await persistence.flush()
    const before = await replay(db, documentId)

    // The snapshot is written, then deleting the folded rows fails: all of it must roll back.
    const { db: flakyDb, control } = flaky(db, /delete from doc_updates/)
    control.failing = true
    await persistenceOn(flakyDb).compact(documentId)
    expect(control.failures).toBe(1)
    const after = await replay(db, documentId)
    expect(after.text).toBe(before.text)
    expect(after.stored.updates.length).toBe(before.stored.updates.length)
    expect(after.stored.snapshotUpTo).toBe(before.stored.snapshotUpTo)
  })

  it('two instances compacting at once leave one consistent snapshot', async () => {
    const a = persistenceOn(db, { flushMs: 10 })
    const { doc, updates } = await editor()
    for (let i = 0; i < 5; i++) appendParagraph(doc, `concurrent ${i}`)
    for (const u of updates.splice(0)) a.enqueue(documentId, userId, u)
    await a.flush()
    const b = persistenceOn(db)
    await Promise.all([a.compact(documentId), b.compact(documentId)])
    expect((await replay(db, documentId)).text).toBe(docText(doc))
  })
})
