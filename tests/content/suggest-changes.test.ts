import type { Node } from '@tiptap/pm/model'
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PmNode } from '../../shared/content'
import { transformToSuggestionTransaction } from '../../shared/suggest-changes/withSuggestChanges.js'
import { pendingSuggestions, quotedWords, settleSuggestions, SPLIT_MARKER, type SuggestionAttrs } from '../../shared/suggestions'
import { schema } from '../../server/content/schema'
import { readContent, replaceContent } from '../../server/content/yjs'

// The Atelier patches of shared/suggest-changes (its README lists them), on plain ProseMirror states.

const ALICE = 'user-alice'
const BOB = 'user-bob'
const EARLIER = '2026-01-01T10:00:00.000Z'

type Run = string | { text: string; mark: 'insertion' | 'deletion'; attrs: SuggestionAttrs }
const mark = (m: 'insertion' | 'deletion', text: string, authorId: string, id = `${authorId}-1`): Run => ({
  text,
  mark: m,
  attrs: { id, authorId, createdAt: EARLIER },
})

function docOf(...paragraphs: Run[][]): Node {
  const json: PmNode = {
    type: 'doc',
    content: paragraphs.map((runs) => ({
      type: 'paragraph',
      content: runs.map((run) =>
        typeof run === 'string' ? { type: 'text', text: run } : { type: 'text', text: run.text, marks: [{ type: run.mark, attrs: run.attrs }] },
      ),
    })),
  }
  return schema.nodeFromJSON(json)
}

/** What `author` would get by making `change` while suggesting. */
function suggest(doc: Node, author: string, change: (tr: Transaction) => void): Node {
  const state = EditorState.create({ doc })
  const tr = state.tr
  change(tr)
  return state.apply(transformToSuggestionTransaction(tr, state, undefined, author)).doc
}

/** Each text run with its suggestion mark, if any. */
function runs(doc: Node): { text: string; mark?: string; authorId?: string; id?: string; createdAt?: string }[] {
  const found: ReturnType<typeof runs> = []
  doc.descendants((node) => {
    if (!node.isText) return true
    const m = node.marks.find((x) => x.type.name === 'insertion' || x.type.name === 'deletion')
    found.push(m ? { text: node.text ?? '', mark: m.type.name, ...(m.attrs as SuggestionAttrs) } : { text: node.text ?? '' })
    return false
  })
  return found
}

function nodeMarks(doc: Node): number {
  let count = 0
  doc.descendants((node) => {
    if (!node.isText) count += node.marks.length
    return true
  })
  return count
}

// "Le plan d'action" — positions: paragraph opens at 0, text starts at 1.
const PLAIN = () => docOf(['Le plan d’action'])

describe('suggestions carry their author and time (patch b)', () => {
  it('marks inserted text with the author, the time now and a string id', () => {
    const before = Date.now()
    const doc = suggest(PLAIN(), ALICE, (tr) => tr.insertText(' révisé', 17))
    const inserted = runs(doc).find((r) => r.mark === 'insertion')
    expect(inserted).toMatchObject({ text: ' révisé', authorId: ALICE })
    expect(typeof inserted?.id).toBe('string')
    expect(Date.parse(inserted?.createdAt ?? '')).toBeGreaterThanOrEqual(before - 1000)
    expect(doc.textContent).toBe('Le plan d’action révisé')
  })

  it('keeps deleted text, marked with its author', () => {
    const doc = suggest(PLAIN(), ALICE, (tr) => tr.delete(1, 4))
    expect(doc.textContent).toBe('Le plan d’action')
    expect(runs(doc)[0]).toMatchObject({ text: 'Le ', mark: 'deletion', authorId: ALICE })
  })

  it('makes a rewording one suggestion of the author, read back as a replacement', () => {
    const doc = suggest(PLAIN(), ALICE, (tr) => tr.insertText('programme', 4, 8))
    expect(pendingSuggestions(doc)).toEqual([expect.objectContaining({ kind: 'replace', text: 'programme', replaced: 'plan', authorId: ALICE })])
  })

  it('extends the author’s own neighbouring suggestion, keeping its id and time', () => {
    const start = docOf(['Le plan', mark('insertion', ' local', ALICE)])
    const doc = suggest(start, ALICE, (tr) => tr.insertText(' et', 14))
    expect(runs(doc)).toEqual([{ text: 'Le plan' }, { text: ' local et', mark: 'insertion', id: `${ALICE}-1`, authorId: ALICE, createdAt: EARLIER }])
  })
})

describe('a neighbouring suggestion is reused only when it has the same author (patch a)', () => {
  it('starts a new suggestion next to someone else’s, leaving theirs untouched', () => {
    const start = docOf(['Le plan', mark('insertion', ' local', BOB)])
    const doc = suggest(start, ALICE, (tr) => tr.insertText(' et', 14))
    const [, bobs, alices] = runs(doc)
    expect(bobs).toEqual({ text: ' local', mark: 'insertion', id: `${BOB}-1`, authorId: BOB, createdAt: EARLIER })
    expect(alices).toMatchObject({ text: ' et', mark: 'insertion', authorId: ALICE })
    expect(alices?.id).not.toBe(bobs?.id)
  })

  it('does not take over someone else’s deletion that follows a new one', () => {
    const start = docOf(['Le ', mark('deletion', 'plan', BOB), ' d’action'])
    const doc = suggest(start, ALICE, (tr) => tr.delete(1, 4))
    const [alices, bobs] = runs(doc)
    expect(alices).toMatchObject({ text: 'Le ', mark: 'deletion', authorId: ALICE })
    expect(bobs).toEqual({ text: 'plan', mark: 'deletion', id: `${BOB}-1`, authorId: BOB, createdAt: EARLIER })
  })
})

describe('ids are unique across clients', () => {
  it('gives two people suggesting on the same text different ids', () => {
    const a = runs(suggest(PLAIN(), ALICE, (tr) => tr.insertText('!', 17))).find((r) => r.mark)
    const b = runs(suggest(PLAIN(), BOB, (tr) => tr.insertText('!', 17))).find((r) => r.mark)
    expect(a?.id).toMatch(/^[0-9a-z]{12,}$/)
    expect(a?.id).not.toBe(b?.id)
  })
})

describe('deleting inside someone else’s suggested insertion (patch c)', () => {
  const withBobs = () => docOf(['Le plan', mark('insertion', ' local', BOB), ' d’action'])

  it('does nothing', () => {
    const start = withBobs()
    const doc = suggest(start, ALICE, (tr) => tr.delete(9, 11))
    expect(doc.eq(start)).toBe(true)
  })

  it('really deletes inside one’s own (withdrawing it)', () => {
    const doc = suggest(withBobs(), BOB, (tr) => tr.delete(8, 14))
    expect(doc.textContent).toBe('Le plan d’action')
    expect(pendingSuggestions(doc)).toEqual([])
  })

  it('marks the plain text of a wider deletion and leaves their suggestion as it was', () => {
    const doc = suggest(withBobs(), ALICE, (tr) => tr.delete(4, 16))
    expect(runs(doc)).toEqual([
      { text: 'Le ' },
      expect.objectContaining({ text: 'plan', mark: 'deletion', authorId: ALICE }),
      { text: ' local', mark: 'insertion', id: `${BOB}-1`, authorId: BOB, createdAt: EARLIER },
      expect.objectContaining({ text: ' d', mark: 'deletion', authorId: ALICE }),
      { text: '’action' },
    ])
  })
})

describe('no node marks (patch d)', () => {
  it('suggests a paragraph break as a marked ZWSP, and y-tiptap keeps it', () => {
    const doc = suggest(PLAIN(), ALICE, (tr) => tr.split(8))
    expect(doc.childCount).toBe(2)
    expect(nodeMarks(doc)).toBe(0)
    const marked = runs(doc).filter((r) => r.mark === 'insertion')
    expect(marked.length).toBeGreaterThan(0)
    for (const run of marked) expect(run).toMatchObject({ text: SPLIT_MARKER, authorId: ALICE })
    expect(pendingSuggestions(doc)).toEqual([expect.objectContaining({ kind: 'insert', text: '', authorId: ALICE })])

    const ydoc = new Y.Doc()
    replaceContent(ydoc, doc.toJSON() as PmNode)
    expect(readContent(ydoc).eq(doc)).toBe(true)
  })

  it('suggests a paragraph break at the end of a paragraph (Enter there) the same way', () => {
    const start = PLAIN()
    const end = 1 + start.firstChild!.content.size
    const doc = suggest(start, ALICE, (tr) => tr.split(end))
    expect(doc.childCount).toBe(2)
    expect(nodeMarks(doc)).toBe(0)
    expect(settleSuggestions(doc, 'reject', () => true).eq(start)).toBe(true)
  })

  it('marks the text of an inserted paragraph, not the paragraph', () => {
    const paragraph = schema.nodes.paragraph!.create(null, schema.text('Nouveau'))
    const doc = suggest(PLAIN(), ALICE, (tr) => tr.insert(18, paragraph))
    expect(nodeMarks(doc)).toBe(0)
    expect(
      runs(doc)
        .filter((r) => r.mark === 'insertion')
        .map((r) => r.text),
    ).toContain('Nouveau')
  })

  it('marks the text of a whole deleted paragraph, not the paragraph', () => {
    const start = docOf(['Premier'], ['Second'])
    const doc = suggest(start, ALICE, (tr) => tr.delete(9, 17))
    expect(nodeMarks(doc)).toBe(0)
    expect(runs(doc)).toContainEqual(expect.objectContaining({ text: 'Second', mark: 'deletion', authorId: ALICE }))
  })

  it('drops a change of block type instead of tracking it with node marks', () => {
    const start = PLAIN()
    const doc = suggest(start, ALICE, (tr) => tr.setBlockType(1, 1, schema.nodes.heading!, { level: 2 }))
    expect(doc.eq(start)).toBe(true)
  })

  it('keeps a selection-only change as it was', () => {
    const start = PLAIN()
    const doc = suggest(start, ALICE, (tr) => tr.setSelection(TextSelection.create(tr.doc, 2)))
    expect(doc.eq(start)).toBe(true)
  })
})

describe('the transform', () => {
  it('refuses to make suggestions without an author', () => {
    const state = EditorState.create({ doc: PLAIN() })
    expect(() => transformToSuggestionTransaction(state.tr.insertText('x', 1), state, undefined, '')).toThrow()
  })
})

describe('rejecting a suggestion', () => {
  it('takes its text only, never a neighbouring space (the server compares documents with suggestions rejected)', () => {
    const doc = docOf(['Le plan ', mark('insertion', 'local', BOB), ' d’action'])
    expect(settleSuggestions(doc, 'reject', () => true).textContent).toBe('Le plan  d’action')
    expect(settleSuggestions(doc, 'accept', () => true).textContent).toBe('Le plan local d’action')
  })
})

describe('a card quotes', () => {
  it('the words without the spaces at their ends, shortened past the limit', () => {
    expect(quotedWords(' d’essences locales')).toBe('d’essences locales')
    expect(quotedWords(' ')).toBe(' ')
    expect(quotedWords('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`)
  })
})
