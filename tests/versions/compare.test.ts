import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { insertContent } from '../helpers/content'
import { compareDocuments } from '../../server/versions/compare'
import { FRAGMENT } from '../../shared/collab'

const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] })

/** A document, and a later state of it made by editing a copy (same Yjs items, as in real life). */
function versions(blocks: string[], edit: (fragment: Y.XmlFragment) => void) {
  const from = new Y.Doc()
  insertContent(from, { type: 'doc', content: blocks.map(paragraph) })
  const to = new Y.Doc()
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from))
  edit(to.getXmlFragment(FRAGMENT))
  return { from, to }
}
const textOf = (fragment: Y.XmlFragment, index: number) => (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText
const joined = (segments: { op: string; text: string }[], op: string) =>
  segments
    .filter((s) => s.op === op)
    .map((s) => s.text)
    .join('')
    .trim()

describe('comparing two states of a document', () => {
  it('a paragraph someone wrote on is one changed block: only the new words are added', () => {
    const { from, to } = versions(['Les places manquent d’ombre.'], (f) => textOf(f, 0).insert('Les places manquent d’ombre.'.length, ' Trois places pilotes.'))
    const [block, ...rest] = compareDocuments(from, to)
    expect(rest).toEqual([])
    expect(block!.status).toBe('changed')
    expect(joined(block!.segments, 'same')).toBe('Les places manquent d’ombre.')
    expect(joined(block!.segments, 'added')).toBe('Trois places pilotes.')
    expect(joined(block!.segments, 'removed')).toBe('')
  })

  it('a word replaced inside a paragraph is one word removed and one added', () => {
    const { from, to } = versions(['Une action urbaine durable.'], (f) => {
      const text = textOf(f, 0)
      text.delete('Une action '.length, 'urbaine'.length)
      text.insert('Une action '.length, 'locale')
    })
    const [block] = compareDocuments(from, to)
    expect(block!.status).toBe('changed')
    expect(joined(block!.segments, 'removed')).toBe('urbaine')
    expect(joined(block!.segments, 'added')).toBe('locale')
  })

  it('a paragraph rewritten from scratch is removed, and the new one added', () => {
    const { from, to } = versions(['Premier jet sans rapport.'], (f) => {
      f.delete(0, 1)
      const p = new Y.XmlElement('paragraph')
      p.insert(0, [new Y.XmlText('Tout autre chose ici maintenant.')])
      f.insert(0, [p])
    })
    expect(compareDocuments(from, to).map((b) => b.status)).toEqual(['removed', 'added'])
  })
})
