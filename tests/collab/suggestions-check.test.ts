import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Connection } from '../../server/collab/connection'
import { type LiveDocument, TRY_LATER } from '../../server/collab/extension'
import { suggestionGuardWith } from '../../server/collab/extensions/suggestion-guard'
import { MAX_CHECKED_NODES } from '../../server/collab/suggestions/check'
import { schema } from '../../server/content/schema'
import type { PmNode } from '../../shared/content'
import { Editing, checkedOn, docJson, paragraph, setContent, text } from '../helpers/suggesting'

const EXPERT = 'expert-id'

/** What the guard does with an update: apply it to a copy of the live document, and check. */
const verdict = (live: Y.Doc, update: Uint8Array, authorId = EXPERT): string | null => checkedOn(live, update, authorId)

/** A live document with two paragraphs, and a suggester's copy of it. */
function world() {
  const live = new Y.Doc()
  setContent(live, docJson(paragraph(text('The city plans a new square.')), paragraph(text('Trees line the avenue.'))))
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
  return { live, copy, editing: new Editing(copy, EXPERT) }
}

/** The update a change to the copy makes. */
function change(copy: Y.Doc, make: () => void): Uint8Array {
  const before = Y.encodeStateVector(copy)
  make()
  return Y.encodeStateAsUpdate(copy, before)
}

describe('the suggestion rule', () => {
  it('accepts an inserted word', () => {
    const { live, copy, editing } = world()
    const update = change(copy, () => editing.suggest((tr, find) => tr.insertText(' green', find(' square'))))
    expect(editing.content.textContent).toContain('new green square')
    expect(verdict(live, update)).toBeNull()
  })
  it('accepts a split paragraph', () => {
    const { live, copy, editing } = world()
    const update = change(copy, () => editing.suggest((tr, find) => tr.split(find(' a new'))))
    expect(editing.content.childCount).toBe(3)
    expect(verdict(live, update)).toBeNull()
  })

  it('refuses keeping a suggested paragraph break while removing the marker that lets it be rejected, even from one side only', () => {
    const { live, copy, editing } = world()
    Y.applyUpdate(
      live,
      change(copy, () => editing.suggest((tr, find) => tr.split(find(' a new')))),
    )
    // The marker (a ZWSP carrying the insertion) ends the first half and starts the second.
    const withoutMarker = (which: 'first' | 'second') =>
      change(copy, () =>
        editing.edit((tr) => {
          const block = tr.doc.child(which === 'first' ? 0 : 1)
          const start = which === 'first' ? 1 : 1 + tr.doc.child(0).nodeSize
          const at = which === 'first' ? start + block.content.size - 1 : start
          tr.delete(at, at + 1)
        }),
      )
    const snapshot = Y.encodeStateAsUpdate(copy)
    expect(verdict(live, withoutMarker('first'))).toMatch(/edits the text itself/)
    const again = new Y.Doc()
    Y.applyUpdate(again, snapshot)
    const second = new Editing(again, EXPERT)
    const update = change(again, () =>
      second.edit((tr) => {
        const at = 1 + tr.doc.child(0).nodeSize + 1
        tr.delete(at, at + 1)
      }),
    )
    expect(verdict(live, update)).toMatch(/edits the text itself/)
  })
  it('accepts joining two paragraphs (Backspace at the start of the second)', () => {
    const { live, copy, editing } = world()
    const boundary = editing.content.child(0).nodeSize
    const update = change(copy, () => editing.suggest((tr) => tr.join(boundary)))
    expect(verdict(live, update)).toBeNull()
  })

  it('a new suggestion’s id starts with its author’s; one the author’s marks already carry may go on', () => {
    const { live, copy, editing } = world()
    const mark = (id: string) => schema.marks.insertion!.create({ id, authorId: EXPERT, createdAt: new Date().toISOString() })
    const insert = (words: string, id: string) => change(copy, () => editing.edit((tr, find) => tr.insert(find(' square'), schema.text(words, [mark(id)]))))
    const bare = insert(' green', 'an-id-of-no-one')
    expect(verdict(live, bare)).toMatch(/author’s own/)
    // A suggestion made before ids said whose they were (stored so), extended by its author.
    const older = new Y.Doc()
    setContent(
      older,
      docJson(
        paragraph(
          text('The city plans a new'),
          text(' green', [{ type: 'insertion', attrs: { id: 'an-older-id', authorId: EXPERT, createdAt: '2026-11-02T10:00:00.000Z' } }]),
          text(' square.'),
        ),
      ),
    )
    const copyOfOlder = new Y.Doc()
    Y.applyUpdate(copyOfOlder, Y.encodeStateAsUpdate(older))
    const extending = new Editing(copyOfOlder, EXPERT)
    const more = change(copyOfOlder, () =>
      extending.edit((tr, find) =>
        tr.insert(
          find(' square'),
          schema.text(' and shady', [schema.marks.insertion!.create({ id: 'an-older-id', authorId: EXPERT, createdAt: new Date().toISOString() })]),
        ),
      ),
    )
    expect(verdict(older, more)).toBeNull()
  })

  it('refuses unmarked text', () => {
    const { live, copy, editing } = world()
    const update = change(copy, () => editing.edit((tr, find) => tr.insertText(' green', find(' square'))))
    expect(verdict(live, update)).toMatch(/edits the text itself/)
  })
})

describe('the suggestion rule in a table', () => {
  const cell = (words: string): PmNode => ({ type: 'tableCell', content: [paragraph(text(words))] })
  /** A table of `rows` rows of three cells, and a paragraph after it. */
  function tableWorld(rows: number) {
    const live = new Y.Doc()
    const table: PmNode = {
      type: 'table',
      content: Array.from({ length: rows }, (_, r) => ({
        type: 'tableRow',
        content: [cell(`Action ${r}`), cell(`Budget ${r} euros`), cell(`Porteur ${r}`)],
      })),
    }
    setContent(live, docJson(table, paragraph(text('Trees line the avenue.'))))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
    return { live, copy, editing: new Editing(copy, EXPERT) }
  }
  // 3,000 rows: 21,000 nodes, past what one check may read; typing in a cell reads that cell.
  const LARGE = Math.ceil(MAX_CHECKED_NODES / 7) * 3

  it('reads only the cell typed in: a suggestion in a cell of a very large table is accepted', () => {
    const { live, copy, editing } = tableWorld(LARGE)
    const update = change(copy, () => editing.suggest((tr, find) => tr.insertText(' environ', find(`Budget ${LARGE - 2} euros`) + 9)))
    expect(verdict(live, update)).toBeNull()
  })

  it('refuses unmarked text, a real deletion and a new paragraph in a cell', () => {
    const { live, copy, editing } = tableWorld(LARGE)
    const at = (find: (t: string) => number) => find('Budget 7 euros')
    expect(
      verdict(
        live,
        change(copy, () => editing.edit((tr, find) => tr.insertText(' environ', at(find) + 9))),
      ),
    ).toMatch(/edits the text itself/)
    const again = tableWorld(40)
    expect(
      verdict(
        again.live,
        change(again.copy, () => again.editing.edit((tr, find) => tr.delete(at(find), at(find) + 7))),
      ),
    ).toMatch(/edits the text itself/)
    const third = tableWorld(40)
    expect(
      verdict(
        third.live,
        change(third.copy, () => third.editing.edit((tr, find) => tr.split(at(find) + 6))),
      ),
    ).toMatch(/edits the text itself/)
  })

  it('refuses a cell’s new span even with a suggestion in the same cell', () => {
    const { live, copy, editing } = tableWorld(40)
    const update = change(copy, () => {
      editing.suggest((tr, find) => tr.insertText(' environ', find('Budget 7 euros') + 9))
      editing.edit((tr, find) => {
        const cellAt = tr.doc.resolve(find('Budget 7')).before(-1)
        tr.setNodeMarkup(cellAt, undefined, { colspan: 2, rowspan: 1 })
      })
    })
    expect(verdict(live, update)).toMatch(/edits the text itself/)
  })

  it('a suggestion in two rows reads those rows; one in the table and after it reads the whole table, too much when very large', () => {
    const inTwoRows = (editing: Editing) =>
      editing.suggest((tr, find) => {
        tr.insertText(' (à revoir)', find('Budget 8 euros') + 14)
        tr.insertText(' (à revoir)', find('Budget 7 euros') + 14)
      })
    const large = tableWorld(LARGE)
    expect(
      verdict(
        large.live,
        change(large.copy, () => inTwoRows(large.editing)),
      ),
    ).toBeNull()
    const inAndAfter = (editing: Editing) =>
      editing.suggest((tr, find) => {
        tr.insertText(' Et des bancs.', find('Trees line the avenue.') + 22)
        tr.insertText(' (à revoir)', find('Budget 7 euros') + 14)
      })
    const small = tableWorld(40)
    expect(
      verdict(
        small.live,
        change(small.copy, () => inAndAfter(small.editing)),
      ),
    ).toBeNull()
    const again = tableWorld(LARGE)
    expect(
      verdict(
        again.live,
        change(again.copy, () => inAndAfter(again.editing)),
      ),
    ).toMatch(/spans too much/)
  })
})

describe('the guard’s copy of the document', () => {
  /** What the guard sees of a suggester's connection: its class, access and user id. */
  const suggester = () => Object.assign(Object.create(Connection.prototype) as Connection, { access: 'suggest', userId: EXPERT })

  it('is made again after a refusal only once the budget allows, the suggester being asked to try later meanwhile', () => {
    const { live, copy, editing } = world()
    let clock = 0
    // Each reading of the clock is one millisecond later: making the copy "takes" 1 ms.
    const guard = suggestionGuardWith(() => clock++)({ doc: live } as unknown as LiveDocument)
    const hostile = change(copy, () => editing.edit((tr, find) => tr.insertText(' green', find(' square'))))
    expect(guard.admit!(hostile, suggester())).toMatch(/^suggestion refused: /)

    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(live))
    const honest = new Editing(fresh, EXPERT)
    const legit = change(fresh, () => honest.suggest((tr, find) => tr.insertText(' green', find(' square'))))
    expect(guard.admit!(legit, suggester())).toBe(TRY_LATER)
    clock += 100
    expect(guard.admit!(legit, suggester())).toBeNull()
    // An empty update (a sync with nothing new) needs no copy and is let through.
    expect(guard.admit!(new Uint8Array([0, 0]), suggester())).toBeNull()
  })
})
