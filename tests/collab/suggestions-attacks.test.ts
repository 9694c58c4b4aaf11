import type { Node } from '@tiptap/pm/model'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Connection } from '../../server/collab/connection'
import type { LiveDocument } from '../../server/collab/extension'
import { suggestionGuardWith } from '../../server/collab/extensions/suggestion-guard'
import { MAX_CHECKED_SUGGESTIONS } from '../../server/collab/suggestions/check'
import { schema } from '../../server/content/schema'
import { settleUpdate } from '../../server/content/settle'
import { readContent } from '../../server/content/yjs'
import type { PmNode } from '../../shared/content'
import { pendingSuggestions, settleSuggestions } from '../../shared/suggestions'
import { Editing, checkedOn, docJson, paragraph, setContent, text } from '../helpers/suggesting'

/*
 * Hostile updates from a `suggest` connection against the check that reads only the touched
 * children of the deepest unchanged container (97722fa). Each test asserts what the check must
 * do; where an update once got through, the test also shows what it did to the document.
 */

const EXPERT = 'expert-id'
const WHEN = '2026-12-06T17:00:00.000Z'

/** What the guard does with an update: apply it to a copy of the live document, and check. */
const verdict = (live: Y.Doc, update: Uint8Array, authorId = EXPERT): string | null => checkedOn(live, update, authorId)

/** The verdict, for a test that expects a refusal: 'accepted' when the check lets the update in. */
const refusal = (live: Y.Doc, update: Uint8Array): string => verdict(live, update) ?? 'accepted'

/** The update a change to the copy makes. */
function change(copy: Y.Doc, make: () => void): Uint8Array {
  const before = Y.encodeStateVector(copy)
  make()
  return Y.encodeStateAsUpdate(copy, before)
}

/** A live document of these blocks, and a suggester's copy of it. */
function worldOf(...blocks: PmNode[]) {
  const live = new Y.Doc()
  setContent(live, docJson(...blocks))
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
  return { live, copy, editing: new Editing(copy, EXPERT) }
}

/** The whole document with every suggestion of the author's rejected. */
const rejected = (doc: Y.Doc | Node) => settleSuggestions(doc instanceof Y.Doc ? readContent(doc) : doc, 'reject', (s) => s.authorId === EXPERT).toJSON()

/** The document once `update` is in it (unchecked) and its author withdraws suggestion `id` (the server's own edit). */
function withdrawn(live: Y.Doc, update: Uint8Array, id: string): PmNode {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(live))
  Y.applyUpdate(doc, update)
  Y.applyUpdate(doc, settleUpdate(doc, 'reject', { ids: [id] }).update)
  return readContent(doc).toJSON() as PmNode
}

/** A suggestion mark of the expert's with a chosen id (a client chooses its ids, after its author's). */
const idOf = (name: string) => `${EXPERT}:${name}`
const ins = (name: string) => schema.marks.insertion!.create({ id: idOf(name), authorId: EXPERT, createdAt: WHEN })
const insAttr = (name: string) => ({ insertion: { id: idOf(name), authorId: EXPERT, createdAt: WHEN } })
const cell = (...content: PmNode[]): PmNode => ({ type: 'tableCell', content })
const row = (...content: PmNode[]): PmNode => ({ type: 'tableRow', content })
const table = (...content: PmNode[]): PmNode => ({ type: 'table', content })
const item = (...content: PmNode[]): PmNode => ({ type: 'listItem', content })
const bullets = (...items: PmNode[]): PmNode => ({ type: 'bulletList', content: items })

const REFUSED = /edits the text itself|cannot show|outside the document/

describe('a suggestion whose marks run on past its container', () => {
  /**
   * The expert first suggests words at the start of one container (accepted), then, with the
   * same id, words at the end of the container before it. Rejecting that id (a writer's refusal,
   * or the expert withdrawing it) deletes from one to the other: across the boundary.
   */
  function runOn(blocks: PmNode[], first: (e: Editing) => void, second: (e: Editing) => void) {
    const { live, copy, editing } = worldOf(...blocks)
    const opening = change(copy, () => first(editing))
    expect(verdict(live, opening)).toBeNull()
    Y.applyUpdate(live, opening)
    const before = readContent(live)
    return { live, update: change(copy, () => second(editing)), before }
  }
  const startOf = (words: string) => (e: Editing) => e.edit((tr, find) => tr.insert(find(words), schema.text('New ', [ins('X')])))
  const endOf = (words: string) => (e: Editing) => e.edit((tr, find) => tr.insert(find(words) + words.length, schema.text(' more', [ins('X')])))

  const cells = () => [table(row(cell(paragraph(text('Alpha'))), cell(paragraph(text('Beta'))))), paragraph(text('After.'))]
  const runOns: { name: string; blocks: () => PmNode[]; first: (e: Editing) => void; second: (e: Editing) => void; joined?: string }[] = [
    {
      name: 'words at the end of a cell that rejecting would join to the next cell (the cell would be gone)',
      blocks: cells,
      first: startOf('Beta'),
      second: endOf('Alpha'),
      joined: 'AlphaBeta',
    },
    { name: 'words at the start of a cell that rejecting would join to the previous cell', blocks: cells, first: endOf('Alpha'), second: startOf('Beta') },
    {
      name: 'words at the end of a list item that rejecting would join to the next item',
      blocks: () => [bullets(item(paragraph(text('Alpha'))), item(paragraph(text('Beta')))), paragraph(text('After.'))],
      first: startOf('Beta'),
      second: endOf('Alpha'),
      joined: 'AlphaBeta',
    },
    {
      name: 'words in the last cell that rejecting would join to the paragraph after the table (pulled into the cell)',
      blocks: cells,
      first: startOf('After.'),
      second: endOf('Beta'),
      joined: 'BetaAfter.',
    },
  ]
  for (const { name, blocks, first, second, joined } of runOns) {
    it(`refuses ${name}`, () => {
      const { live, update, before } = runOn(blocks(), first, second)
      // What it does once in: withdrawing the suggestion changes the blocks, for real.
      const after = withdrawn(live, update, idOf('X'))
      expect(after).not.toEqual(rejected(before))
      if (joined) expect(JSON.stringify(after)).toContain(joined)
      expect(refusal(live, update)).toMatch(REFUSED)
    })
  }

  it('still accepts an ordinary suggestion in a middle cell, and at the end of a cell (its own id)', () => {
    const { live, copy, editing } = worldOf(table(row(cell(paragraph(text('Alpha'))), cell(paragraph(text('Beta'))), cell(paragraph(text('Gamma'))))))
    const middle = change(copy, () => editing.suggest((tr, find) => tr.insertText(' now', find('Beta') + 4)))
    expect(verdict(live, middle)).toBeNull()
    Y.applyUpdate(live, middle)
    expect(
      verdict(
        live,
        change(copy, () => editing.suggest((tr, find) => tr.insertText(' too', find('Gamma') + 5))),
      ),
    ).toBeNull()
  })
})

describe('a region that is not valid content inside its container', () => {
  it('a suggested paragraph break in a list item after its nested list is checked, not an exception', () => {
    // The region (the nested list, then the paragraph) cannot start a list item: ProseMirror throws in it.
    const { live, copy, editing } = worldOf(
      bullets(item(paragraph(text('Intro')), bullets(item(paragraph(text('One')))), paragraph(text('Tail end')))),
      paragraph(text('Omega')),
    )
    expect(
      verdict(
        live,
        change(copy, () => editing.suggest((tr, find) => tr.split(find('Tail') + 4))),
      ),
    ).toBeNull()
    const again = worldOf(bullets(item(paragraph(text('Intro')), bullets(item(paragraph(text('One')))), paragraph(text('Tail end')))), paragraph(text('Omega')))
    expect(
      refusal(
        again.live,
        change(again.copy, () => again.editing.edit((tr, find) => tr.split(find('Tail') + 4))),
      ),
    ).toMatch(REFUSED)
  })
})

describe('Yjs types held in attributes', () => {
  /** A new ordered list, all of it the expert's suggestion, whose `start` holds a Y.XmlElement. */
  function plant(copy: Y.Doc, after: number) {
    const fragment = copy.getXmlFragment('default')
    const nested = new Y.XmlElement('x')
    const update = change(copy, () =>
      copy.transact(() => {
        const previous = (fragment.get(after) as Y.XmlElement).get(0) as Y.XmlText
        previous.insert(previous.length, '\u200B', insAttr('S'))
        const list = new Y.XmlElement('orderedList')
        list.setAttribute('start', nested as never)
        const listItem = new Y.XmlElement('listItem')
        const p = new Y.XmlElement('paragraph')
        const words = new Y.XmlText()
        p.insert(0, [words])
        listItem.insert(0, [p])
        list.insert(0, [listItem])
        fragment.insert(after + 1, [list])
        words.insert(0, '\u200Bhello', insAttr('S'))
      }),
    )
    return { update, nested }
  }

  it('refuses a block whose attribute is a Yjs type, even suggested whole', () => {
    const { live, copy } = worldOf(paragraph(text('Alpha')), paragraph(text('Omega')))
    expect(refusal(live, plant(copy, 0).update)).toMatch(/cannot show/)
  })

  it('refuses a change inside a type held in an attribute (it is read nowhere)', () => {
    const { live, copy } = worldOf(paragraph(text('Alpha')), paragraph(text('Omega')))
    const { update, nested } = plant(copy, 0)
    Y.applyUpdate(live, update) // as a writer could
    expect(
      refusal(
        live,
        change(copy, () => nested.insert(0, [new Y.XmlText('a lot of smuggled data')])),
      ),
    ).toMatch(/outside the document/)
  })

  it('refuses, without an exception, a suggestion next to such a block (comparing two Yjs types never ends)', () => {
    const { live, copy } = worldOf(paragraph(text('Alpha')), paragraph(text('Omega')))
    Y.applyUpdate(live, plant(copy, 0).update)
    const editing = new Editing(copy, EXPERT)
    expect(
      refusal(
        live,
        change(copy, () => editing.suggest((tr, find) => tr.insertText(' more', find('Omega') + 5))),
      ),
    ).toMatch(/cannot show/)
  })
})

describe('the guard, after a check that failed', () => {
  const suggester = () => Object.assign(Object.create(Connection.prototype) as Connection, { access: 'suggest', userId: EXPERT })

  it('does not keep the failed update in its copy: sent again with a harmless suggestion, it is still checked', () => {
    const { live, copy } = worldOf(paragraph(text('Alpha')), paragraph(text('Beta')), paragraph(text('Omega is someone else’s.')))
    const guard = suggestionGuardWith(() => 0)({ doc: live } as unknown as LiveDocument)
    /** What the room does: the update reaches the document (and the guard's onChange) only when admitted. */
    const send = (update: Uint8Array): unknown => {
      let outcome: unknown
      try {
        outcome = guard.admit!(update, suggester())
      } catch (err) {
        return err
      }
      if (outcome === null) {
        Y.applyUpdate(live, update)
        guard.onChange!(update, null)
      }
      return outcome
    }
    const fragment = copy.getXmlFragment('default')
    // A block whose attribute is a Yjs type, put there by a writer (or once let in).
    const poison = change(copy, () => {
      const list = new Y.XmlElement('orderedList')
      list.setAttribute('start', new Y.XmlElement('x') as never)
      const listItem = new Y.XmlElement('listItem')
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText('listed')])
      listItem.insert(0, [p])
      list.insert(0, [listItem])
      fragment.insert(2, [list])
    })
    Y.applyUpdate(live, poison)
    const editing = new Editing(copy, EXPERT)
    // A real edit next to it: the check once threw there (the guard left it in its copy).
    const real = change(copy, () => editing.edit((tr, find) => tr.insertText('HACKED', find('Omega'), find('Omega') + 5)))
    expect(send(real)).not.toBeNull()
    // Then the same with a harmless suggestion far from it: only the suggestion was new to the copy.
    const harmless = change(copy, () => editing.suggest((tr, find) => tr.insertText(' x', find('Alpha') + 5)))
    send(Y.mergeUpdates([real, harmless]))
    expect(readContent(live).textContent).toContain('Omega is someone else’s.')
    expect(readContent(live).textContent).not.toContain('HACKED')
  })

  it('lets an update that brings nothing new through (a sync that repeats what the server has), without an exception', () => {
    const { live, copy, editing } = worldOf(paragraph(text('Alpha')))
    const update = change(copy, () => editing.suggest((tr, find) => tr.insertText(' more', find('Alpha') + 5)))
    Y.applyUpdate(live, update)
    expect(verdict(live, update)).toBeNull()
  })
})

describe('structure outside the schema', () => {
  it('refuses text typed into a text that sits right in a table cell (not in a paragraph)', () => {
    const { live, copy } = worldOf(table(row(cell(paragraph(text('Alpha'))), cell(paragraph(text('Beta'))))))
    const stray = new Y.XmlText('stray')
    // A writer's client put it there (y-tiptap would drop it from the view).
    const planted = change(copy, () => {
      const firstCell = ((copy.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlElement).get(0) as Y.XmlElement
      firstCell.insert(1, [stray])
    })
    Y.applyUpdate(live, planted)
    expect(
      refusal(
        live,
        change(copy, () => stray.insert(5, ' words')),
      ),
    ).toMatch(/cannot show/)
  })

  it('refuses a real deletion in one cell next to a suggestion in another row (paths that part)', () => {
    const { live, copy, editing } = worldOf(
      table(row(cell(paragraph(text('Alpha'))), cell(paragraph(text('Beta')))), row(cell(paragraph(text('Gamma'))), cell(paragraph(text('Delta'))))),
    )
    const update = change(copy, () => {
      editing.suggest((tr, find) => tr.insertText(' more', find('Delta') + 5))
      editing.edit((tr, find) => tr.delete(find('Alpha'), find('Alpha') + 2))
    })
    expect(refusal(live, update)).toMatch(REFUSED)
  })

  it('refuses a row deleted while a suggestion is made in another', () => {
    const { live, copy, editing } = worldOf(
      table(row(cell(paragraph(text('Alpha')))), row(cell(paragraph(text('Gamma')))), row(cell(paragraph(text('Delta'))))),
    )
    const update = change(copy, () => {
      editing.suggest((tr, find) => tr.insertText(' more', find('Delta') + 5))
      copy.transact(() => (copy.getXmlFragment('default').get(0) as Y.XmlElement).delete(0, 1))
    })
    expect(refusal(live, update)).toMatch(REFUSED)
  })
})

describe('the cost of a check', () => {
  it('refuses, as too much at once, a keystroke beside a paragraph of hundreds of one-letter suggestions of the author’s (thousands once cost seconds)', () => {
    const { live, copy } = worldOf(paragraph(text('Alpha')), paragraph(text('Omega')))
    const words = (copy.getXmlFragment('default').get(0) as Y.XmlElement).get(0) as Y.XmlText
    // Each update under the guard's 64 kB; each piece a suggestion of its own.
    let made = 0
    while (made <= MAX_CHECKED_SUGGESTIONS) {
      const update = change(copy, () =>
        copy.transact(() => {
          for (let i = 0; i < 200; i++, made++) words.insert(words.length, 'a', insAttr(`s${made}`))
        }),
      )
      expect(update.length).toBeLessThan(64 * 1024)
      Y.applyUpdate(live, update)
    }
    const editing = new Editing(copy, EXPERT)
    expect(
      refusal(
        live,
        change(copy, () => editing.suggest((tr, find) => tr.insertText('z', find('Omega') + 2))),
      ),
    ).toMatch(/spans too much/)
    // Someone else suggesting there has nothing of theirs to reject: checked, and accepted.
    const theirs = new Y.Doc()
    Y.applyUpdate(theirs, Y.encodeStateAsUpdate(live))
    const other = new Editing(theirs, 'advisory-id')
    expect(
      verdict(
        live,
        change(theirs, () => other.suggest((tr, find) => tr.insertText('y', find('Omega') + 2))),
        'advisory-id',
      ),
    ).toBeNull()
  })
})

describe('a suggestion id taken from someone else', () => {
  // Ids are chosen by clients, and a suggestion's author is that of its first mark in the
  // document: a suggester who marked a letter of their own, earlier in the document, with another
  // person's suggestion id would have the other's words listed as theirs, to withdraw. A new
  // mark's id must now start with its author's id, or be one the author's marks carry already.
  it('refuses a mark of one’s own carrying the id of someone else’s suggestion', () => {
    const { live } = worldOf(paragraph(text('First paragraph.')), paragraph(text('Second.')), paragraph(text('Third.')), paragraph(text('Victim paragraph.')))
    const theirCopy = new Y.Doc()
    Y.applyUpdate(theirCopy, Y.encodeStateAsUpdate(live))
    const victim = new Editing(theirCopy, 'victim-id')
    const theirs = change(theirCopy, () => victim.suggest((tr, find) => tr.insertText(' with their words', find('Victim paragraph') + 16)))
    expect(verdict(live, theirs, 'victim-id')).toBeNull()
    Y.applyUpdate(live, theirs)
    const [suggestion] = pendingSuggestions(readContent(live))
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(live))
    const editing = new Editing(copy, EXPERT)
    const mark = schema.marks.insertion!.create({ id: suggestion!.id, authorId: EXPERT, createdAt: WHEN })
    const update = change(copy, () => editing.edit((tr, find) => tr.insert(find('First paragraph') + 5, schema.text('!', [mark]))))
    // What it does once in: the other's words are listed as the expert's, who withdraws them.
    const doc = new Y.Doc()
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(live))
    Y.applyUpdate(doc, update)
    expect(pendingSuggestions(readContent(doc))).toMatchObject([{ id: suggestion!.id, authorId: EXPERT, text: '! with their words' }])
    expect(withdrawn(live, update, suggestion!.id)).not.toEqual(readContent(live).toJSON())
    expect(refusal(live, update)).toMatch(/author’s own/)
  })
})
