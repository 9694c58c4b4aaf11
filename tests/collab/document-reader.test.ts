import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { seedDemo } from '../../server/demo/seed'
import { loadState, saveSnapshot } from '../../server/data/live-documents'
import { documentText } from '../../shared/anchors'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { DEMO_PASSWORD, testApp } from '../helpers/app'
import { editStored, storedDoc, texts } from '../helpers/comments'

/** Reading a document that is not open here: from storage, reused only while storage holds that version. */
describe.each(DRIVERS)('reading the current document (%s)', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let documentId: string

  beforeAll(async () => {
    db = await openTestDb(driver)
    await seedDemo(db, DEMO_PASSWORD)
    app = testApp(db)
    const [row] = await db.query<{ id: string }>(`select id from documents where title = 'Plan d’action — Dakar'`)
    documentId = row!.id
  })
  afterAll(() => db.drop())

  const read = () => app.deps.documentReader.read(documentId, (doc) => doc)

  it('reuses the stored copy while nothing was stored since, and reads again once something was', async () => {
    const first = await read()
    expect(documentText(first)).toBe(documentText(await storedDoc(db, documentId)))
    expect(await read()).toBe(first)

    await editStored(db, documentId, (doc) => texts(doc)[0]!.insert(0, 'Nouveau : '))
    const second = await read()
    expect(second).not.toBe(first)
    expect(documentText(second).startsWith('Nouveau : ')).toBe(true)
  })

  it('compaction does not change the version: the copy is still reused, and still right', async () => {
    const before = await read()
    const stored = await loadState(db, documentId)
    const merged = Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])
    expect(await saveSnapshot(db, documentId, merged, stored.lastUpdateId, stored.snapshotUpTo)).toBe(true)
    expect(await read()).toBe(before)
    expect(documentText(await storedDoc(db, documentId))).toBe(documentText(before))
  })
})
