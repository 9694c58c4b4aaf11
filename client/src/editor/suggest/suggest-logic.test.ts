import { EditorState, TextSelection } from '@tiptap/pm/state'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import { schema } from '../../../../server/content/schema'
import { suggestChangesKey } from '../../../../shared/suggest-changes/plugin.js'
import { pendingSuggestions } from '../../../../shared/suggestions'
import { suggestionRange, suggestionStarts } from './range'
import { asSuggestion } from './SuggestMode'

const attrs = (id: string) => ({ id, authorId: 'u1', createdAt: '2026-01-01T00:00:00.000Z' })

describe('where a suggestion is', () => {
  const doc = schema.nodeFromJSON({
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Le ' },
          { type: 'text', text: 'plan', marks: [{ type: 'deletion', attrs: attrs('s1') }] },
          { type: 'text', text: 'programme', marks: [{ type: 'insertion', attrs: attrs('s1') }] },
          { type: 'text', text: ' local', marks: [{ type: 'insertion', attrs: attrs('s2') }] },
        ],
      },
    ],
  })

  it('spans its deleted and inserted text', () => {
    expect(suggestionRange(doc, 's1')).toEqual({ from: 4, to: 17 })
    expect(suggestionRange(doc, 's2')).toEqual({ from: 17, to: 23 })
  })

  it('is null once the suggestion is gone', () => {
    expect(suggestionRange(doc, 'settled')).toBeNull()
  })

  it('starts, for all of them at once, where their ranges start', () => {
    expect(Object.fromEntries(suggestionStarts(doc))).toEqual({ s1: 4, s2: 17 })
  })
})

describe('what an edit made while suggesting becomes', () => {
  const doc = () => schema.nodeFromJSON({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Le plan' }] }] })
  const marksOf = (node: ReturnType<typeof doc>) => {
    const names: string[] = []
    node.descendants((n) => {
      for (const m of n.marks) names.push(m.type.name)
    })
    return names
  }

  it('typing becomes a suggested insertion in the author’s name', () => {
    const state = EditorState.create({ doc: doc() })
    const result = asSuggestion(state.tr.insertText(' local', 8), state, 'u1')
    const after = state.apply(result!).doc
    expect(after.textContent).toBe('Le plan local')
    expect(pendingSuggestions(after)).toEqual([expect.objectContaining({ kind: 'insert', text: ' local', authorId: 'u1' })])
  })

  it('formatting and block changes are dropped', () => {
    const state = EditorState.create({ doc: doc() })
    expect(asSuggestion(state.tr.addMark(1, 3, schema.marks.bold!.create()), state, 'u1')).toBeNull()
    expect(asSuggestion(state.tr.setBlockType(1, 1, schema.nodes.heading!, { level: 2 }), state, 'u1')).toBeNull()
  })

  it('others’ edits (through Yjs), undo, and settling pass through unchanged', () => {
    const state = EditorState.create({ doc: doc() })
    const remote = state.tr.insertText('X', 1).setMeta(ySyncPluginKey, { isChangeOrigin: true })
    const undo = state.tr.insertText('Y', 1).setMeta(ySyncPluginKey, { isUndoRedoOperation: true })
    const settling = state.tr.delete(1, 3).setMeta(suggestChangesKey, { skip: true })
    for (const tr of [remote, undo, settling]) {
      expect(asSuggestion(tr, state, 'u1')).toBe(tr)
      expect(marksOf(state.apply(tr).doc)).toEqual([])
    }
  })

  it('a selection change passes through', () => {
    const state = EditorState.create({ doc: doc() })
    const tr = state.tr.setSelection(TextSelection.create(state.doc, 2))
    expect(asSuggestion(tr, state, 'u1')).toBe(tr)
  })
})
