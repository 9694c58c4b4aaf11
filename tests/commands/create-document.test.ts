import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Db, Executor } from '../../server/db/db'
import { createDocumentFromTemplate } from '../../server/commands/create-document'
import { DRIVERS, openTestDb, type TestDb } from '../helpers/db'
import { buildNetwork } from '../helpers/world'

/** Creating a document is one transaction: its row, the template's first update and its derived copy, or none. */
describe.each(DRIVERS)('creating a document from its template (%s)', (driver) => {
  let db: TestDb
  beforeAll(async () => {
    db = await openTestDb(driver)
  })
  afterAll(() => db.drop())

  /** The same database, whose update-log inserts fail (a constraint, a full disk). */
  const failingLog = (inner: Db): Db => {
    const wrap = (q: Executor): Executor => ({
      exec: (script) => q.exec(script),
      query: (text, params) => (text.includes('insert into doc_updates') ? Promise.reject(new Error('disk full')) : q.query(text, params)),
    })
    return { ...inner, ...wrap(inner), transaction: (fn) => inner.transaction((tx) => fn(wrap(tx))) }
  }

  const titled = async (title: string) => (await db.query('select id from documents where title = $1', [title])).length

  it('stores the document with its template, or nothing at all when the template cannot be stored', async () => {
    const space = await buildNetwork(db)
    const doc = await createDocumentFromTemplate(db, { space, kind: 'action_plan', title: 'Plan créé', locale: 'fr', createdBy: null })
    expect(await db.query('select count(*)::int as n from doc_updates where document_id = $1', [doc.id])).toEqual([{ n: 1 }])
    // The derived copy holds the template's headings (searchable before anyone opens it).
    const [copy] = await db.query<{ text: string; heading: string }>(
      `select text, prosemirror -> 'content' -> 0 ->> 'type' as heading from doc_content where document_id = $1`,
      [doc.id],
    )
    expect(copy!.text).toContain('Expérimentation : hypothèses et cycles')
    expect(copy!.heading).toBe('heading')

    await expect(
      createDocumentFromTemplate(failingLog(db), { space, kind: 'action_plan', title: 'Plan à moitié créé', locale: 'fr', createdBy: null }),
    ).rejects.toThrow('disk full')
    expect(await titled('Plan à moitié créé')).toBe(0)
    expect(await db.query('select count(*)::int as n from doc_content')).toEqual([{ n: 1 }])
  })
})
