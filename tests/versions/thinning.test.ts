import { captureState } from '../../server/versions/state'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../../server/logger'
import { listVersions } from '../../server/data/versions'
import { VersionRecorder } from '../../server/versions/record'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { appendParagraphTo } from '../helpers/versions'
import { buildDocument, buildNetwork } from '../helpers/world'

/** Thinning in the database, on each driver: old automatic versions go, their contributors pass on. */
describe.each(DRIVERS)('thinning automatic versions on %s', (driver) => {
  let db: TestDb

  beforeAll(async () => {
    db = await openTestDb(driver)
  })
  afterAll(() => db.drop())

  it('keeps named and recent versions, removes older automatic ones of the same hour, and hands on their contributors', async () => {
    const doc = await buildDocument(db, await buildNetwork(db), { kind: 'action_plan' })
    const recorder = new VersionRecorder(db, createLogger('silent'), { keepAllHours: 24, hourlyDays: 7 }, async () => {})
    const ydoc = new Y.Doc()
    const record = async (kind: 'named' | 'automatic', text: string) => {
      appendParagraphTo(ydoc, text)
      return (await recorder.record(doc.id, doc.space, captureState(ydoc), {
        kind,
        name: kind === 'named' ? text : null,
        createdBy: null,
        restoredFrom: null,
      }))!
    }
    const a = await record('automatic', 'un')
    const b = await record('automatic', 'deux')
    const named = await record('named', 'trois')
    const c = await record('automatic', 'quatre')
    // a and b: three days ago in the same hour; the named one and c stay recent.
    await db.query(
      `update doc_versions set created_at = date_trunc('hour', now() - interval '3 days') + interval '5 minutes', contributors = '[{"id":"x","name":"Xavier","city":"Dakar"}]' where id = $1`,
      [a],
    )
    await db.query(`update doc_versions set created_at = date_trunc('hour', now() - interval '3 days') + interval '40 minutes' where id = $1`, [b])

    await recorder.thin(doc.id, new Date())
    const left = await listVersions(db, doc.id)
    expect(left.map((v) => v.id).sort()).toEqual([b, named, c].sort())
    expect(left.find((v) => v.id === b)!.contributors).toEqual([{ id: 'x', name: 'Xavier', city: 'Dakar' }])
    ydoc.destroy()
  })
})
