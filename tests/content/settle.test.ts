import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { PmNode } from '../../shared/content'
import { settleUpdate } from '../../server/content/settle'
import { readProsemirror } from '../../server/content/yjs'
import { insertContent } from '../helpers/content'
import { deleted, inserted, paragraph, plain } from '../helpers/suggestions'

/**
 * The edit that settles suggestions, on a Y.Doc: what it leaves in the text for each kind, in
 * nested blocks and across a suggested paragraph break, and which Yjs items it keeps.
 */

const docOf = (...content: PmNode[]) => {
  const doc = new Y.Doc()
  insertContent(doc, { type: 'doc', content })
  return doc
}
/** The document after the edit, read back as text (one line per text block). */
function settled(doc: Y.Doc, decision: 'accept' | 'reject', ids?: string[]) {
  const { update, settled: count } = settleUpdate(doc, decision, ids ? { ids } : { all: true })
  Y.applyUpdate(doc, update)
  const lines: string[] = []
  const walk = (n: PmNode) => {
    if (n.type === 'paragraph')
      lines.push((n.content ?? []).map((t) => `${t.text}${(t.marks ?? []).some((m) => m.type === 'insertion' || m.type === 'deletion') ? '*' : ''}`).join(''))
    else for (const c of n.content ?? []) walk(c)
  }
  walk(readProsemirror(doc))
  return { lines, count }
}

describe('settling suggestions on the Yjs document', () => {
  it('accepts and rejects each kind, leaving the others pending', () => {
    const make = () =>
      docOf(
        paragraph(
          plain('Il faut '),
          inserted('vraiment ', 'a', 'u1'),
          deleted('tout ', 'b', 'u2'),
          plain('agrandir '),
          deleted('vite', 'c', 'u1'),
          inserted('bien', 'c', 'u1'),
        ),
      )
    expect(settled(make(), 'accept', ['a'])).toEqual({ lines: ['Il faut vraiment tout *agrandir vite*bien*'], count: 1 })
    expect(settled(make(), 'reject', ['a', 'c'])).toEqual({ lines: ['Il faut tout *agrandir vite'], count: 2 })
    expect(settled(make(), 'accept')).toEqual({ lines: ['Il faut vraiment agrandir bien'], count: 3 })
    expect(settled(make(), 'reject')).toEqual({ lines: ['Il faut tout agrandir vite'], count: 3 })
    expect(settled(make(), 'accept', ['nope'])).toEqual({ lines: ['Il faut vraiment *tout *agrandir vite*bien*'], count: 0 })
  })

  it('reaches suggestions inside lists', () => {
    const list: PmNode = {
      type: 'bulletList',
      content: [{ type: 'listItem', content: [paragraph(plain('Des '), inserted('grands ', 'a', 'u1'), plain('arbres'))] }],
    }
    expect(settled(docOf(list), 'accept').lines).toEqual(['Des grands arbres'])
    expect(settled(docOf(list), 'reject').lines).toEqual(['Des arbres'])
  })

  it('a suggested paragraph break: accepted, two paragraphs without their markers; rejected, one paragraph again', () => {
    const make = () => docOf(paragraph(plain('Avant'), inserted('\u200B', 's', 'u1')), paragraph(inserted('\u200B', 's', 'u1'), plain('après')))
    expect(settled(make(), 'accept').lines).toEqual(['Avant', 'après'])
    expect(settled(make(), 'reject').lines).toEqual(['Avantaprès'])
  })

  it('settles many at once, in one block, in several and across two, as each alone would', () => {
    const make = () =>
      docOf(
        paragraph(plain('Des '), inserted('grands ', 'a', 'u1'), plain('arbres '), deleted('partout', 'b', 'u2')),
        paragraph(plain('Une place '), deleted('ombragée', 'c', 'u1')),
        paragraph(deleted('et fraîche', 'c', 'u1'), plain(' pour tous'), inserted(' les habitants', 'd', 'u2')),
      )
    // A deletion from one paragraph into the next takes the break with it, as deleting across them would.
    expect(settled(make(), 'accept')).toEqual({ lines: ['Des grands arbres ', 'Une place  pour tous les habitants'], count: 4 })
    expect(settled(make(), 'reject')).toEqual({ lines: ['Des arbres partout', 'Une place ombragée', 'et fraîche pour tous'], count: 4 })
    expect(settled(make(), 'accept', ['c', 'a'])).toEqual({ lines: ['Des grands arbres partout*', 'Une place  pour tous les habitants*'], count: 2 })
    // One by one, each in turn, the same text.
    const oneByOne = make()
    for (const id of ['a', 'b', 'c', 'd']) settled(oneByOne, 'accept', [id])
    expect(settled(oneByOne, 'accept', ['none']).lines).toEqual(['Des grands arbres ', 'Une place  pour tous les habitants'])
  })

  it('keeps the Yjs items of accepted words: the suggester still wrote them', () => {
    const suggester = new Y.Doc()
    insertContent(suggester, {
      type: 'doc',
      content: [paragraph(plain('Il faut '), inserted('vraiment ', 'a', 'u1'), plain('agrandir '), inserted('beaucoup ', 'b', 'u2'), plain('la place'))],
    })
    const writer = new Y.Doc()
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(suggester))
    const { update } = settleUpdate(writer, 'accept', { all: true })
    // The edit formats; it inserts no text of its own.
    const { structs } = Y.decodeUpdate(update)
    const newText = structs.filter((s) => s instanceof Y.Item && s.content instanceof Y.ContentString)
    expect(newText).toEqual([])
  })
})
