import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { loadState, saveSnapshot } from '../../server/data/live-documents'
import { readProsemirror } from '../../server/content/yjs'
import type { Db } from '../../server/db/db'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { testApp } from '../helpers/app'
import { editStored, storedDoc, texts } from '../helpers/comments'
import { buildDocument, buildNetwork } from '../helpers/world'

/** Reading a document that is not open here: from storage, on the document thread, reused only while storage holds that version. */
describe.each(DRIVERS)('reading the current document (%s)', (driver) => {
  let db: TestDb
  let app: ReturnType<typeof testApp>
  let documentId: string
  /** How many times the whole stored document was read. */
  let loads = 0

  beforeAll(async () => {
    db = await openTestDb(driver)
    const counting: Db = Object.assign(Object.create(db), {
      query: (text: string, params?: unknown[]) => {
        if (/union all/.test(text)) loads++
        return db.query(text, params)
      },
    })
    app = testApp(counting)
    documentId = (await buildDocument(db, await buildNetwork(db), { kind: 'action_plan' })).id
  })
  afterAll(async () => {
    await app.deps.documents.stop()
    await db.drop()
  })

  const read = () => app.deps.documentReader.read(documentId, { kind: 'prosemirror' })
  const expected = async () => readProsemirror(await storedDoc(db, documentId))

  it('reuses the stored copy while nothing was stored since, and reads again once something was', async () => {
    loads = 0
    expect(await read()).toEqual(await expected())
    expect(await read()).toEqual(await expected())
    expect(loads).toBe(1)

    await editStored(db, documentId, (doc) => texts(doc)[0]!.insert(0, 'Nouveau : '))
    const second = await read()
    expect(loads).toBe(2)
    expect(JSON.stringify(second)).toContain('Nouveau : ')
    expect(second).toEqual(await expected())
  })

  it('compaction does not change the version: the copy is still reused, and still right', async () => {
    await read()
    const before = loads
    const stored = await loadState(db, documentId)
    const merged = Y.mergeUpdates([...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates])
    expect(await saveSnapshot(db, documentId, merged, stored.lastUpdateId, stored.snapshotUpTo)).toBe(true)
    expect(await read()).toEqual(await expected())
    expect(loads).toBe(before)
  })
})
