import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { Connection } from '../../server/collab/connection'
import { type LiveDocument, TRY_LATER } from '../../server/collab/extension'
import { suggestionGuardWith } from '../../server/collab/extensions/suggestion-guard'
import { checkSuggestion } from '../../server/collab/suggestions/check'
import { Editing, docJson, paragraph, setContent, text } from '../helpers/suggesting'

const EXPERT = 'expert-id'

/** What the guard does with an update: apply it to a copy of the live document, and check. */
function verdict(live: Y.Doc, update: Uint8Array, authorId = EXPERT): string | null {
  const shadow = new Y.Doc()
  shadow.getXmlFragment('default')
  Y.applyUpdate(shadow, Y.encodeStateAsUpdate(live))
  let transaction: Y.Transaction | undefined
  shadow.transact((tr) => {
    Y.applyUpdate(shadow, update)
    transaction = tr
  })
  return checkSuggestion(live, shadow, transaction!, authorId)
}

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

  it('refuses unmarked text', () => {
    const { live, copy, editing } = world()
    const update = change(copy, () => editing.edit((tr, find) => tr.insertText(' green', find(' square'))))
    expect(verdict(live, update)).toMatch(/edits the text itself/)
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
