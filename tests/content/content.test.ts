import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'
import { MAX_CELL_SPAN, type PmNode } from '../../shared/content'
import { TEMPLATES, DOCUMENT_KINDS, LOCALES, templateContent } from '../../shared/templates'
import { contentNode, InvalidContent, schema } from '../../server/content/schema'
import { plainText } from '../../server/content/text'
import { initialUpdate, readContent, readProsemirror, replaceContent } from '../../server/content/yjs'
import { textBlocks } from '../../server/versions/blocks'
import { restoreUpdate } from '../../server/versions/restore'
import { toMarkdown } from '../../server/export/markdown'
import { insertContent } from '../helpers/content'

const text = (t: string, ...marks: PmNode['marks'] & {}): PmNode => (marks.length > 0 ? { type: 'text', text: t, marks } : { type: 'text', text: t })
const p = (...content: PmNode[]): PmNode => ({ type: 'paragraph', content })

/** One of each node and mark the editor has. */
const EVERYTHING: PmNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 2 }, content: [text('Titre', { type: 'bold' })] },
    p(
      text('lien', { type: 'link', attrs: { href: 'https://ville.example' } }),
      { type: 'hardBreak' },
      text('code', { type: 'code' }),
      text(' s', { type: 'strike' }, { type: 'italic' }, { type: 'underline' }),
    ),
    {
      type: 'bulletList',
      content: [
        {
          type: 'listItem',
          content: [p(text('a')), { type: 'orderedList', attrs: { start: 3, type: null }, content: [{ type: 'listItem', content: [p(text('b'))] }] }],
        },
      ],
    },
    { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [p(text('fait'))] }] },
    { type: 'blockquote', content: [p(text('cité'))] },
    { type: 'horizontalRule' },
    {
      type: 'table',
      content: [
        { type: 'tableRow', content: [{ type: 'tableHeader', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [p(text('A'))] }] },
        { type: 'tableRow', content: [{ type: 'tableCell', attrs: { colspan: 1, rowspan: 1, colwidth: null }, content: [p(text('1'))] }] },
      ],
    },
  ],
}

const docWith = (json: PmNode): Y.Doc => {
  const doc = new Y.Doc()
  insertContent(doc, json)
  return doc
}

describe('one content schema for the editor and the server', () => {
  it('reads a document exactly as the editor’s binding (y-tiptap) reads it', () => {
    const doc = docWith(EVERYTHING)
    expect(readContent(doc).toJSON()).toEqual(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), schema).toJSON())
    expect(readContent(doc).eq(contentNode(EVERYTHING))).toBe(true)
  })

  it('leaves out what the schema does not know, and changes nothing in the document while reading', () => {
    const doc = docWith({ type: 'doc', content: [p(text('gardé'))] })
    const fragment = doc.getXmlFragment(FRAGMENT)
    fragment.insert(0, [new Y.XmlElement('script')])
    const strange = new Y.XmlText()
    strange.insert(0, 'marqué', { blink: {} })
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [strange])
    fragment.insert(2, [paragraph])
    const updates: Uint8Array[] = []
    doc.on('update', (u: Uint8Array) => updates.push(u))

    expect(readProsemirror(doc)).toEqual({ type: 'doc', content: [p(text('gardé')), { type: 'paragraph' }] })
    expect(textBlocks(doc).map((b) => b.text)).toEqual(['gardé', ''])
    expect(updates).toEqual([])
    expect(fragment.length).toBe(3)
  })

  it('leaves out a table cell whose span is out of bounds, as the editor does, so no table map spans a billion columns', () => {
    const cell = (type: string, colspan: unknown, words: string): PmNode => ({
      type,
      attrs: { colspan, rowspan: 1, colwidth: null },
      content: [p(text(words))],
    })
    const table = (...cells: PmNode[]): PmNode => ({ type: 'doc', content: [{ type: 'table', content: [{ type: 'tableRow', content: cells }] }] })
    const doc = docWith(table(cell('tableHeader', 2, 'large'), cell('tableCell', 1, 'hostile')))
    // A hostile writer sets the span straight in the Yjs document, past anything the editor would write.
    const row = (doc.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlElement
    ;(row.get(1) as Y.XmlElement).setAttribute('colspan', 1e9 as unknown as string)
    expect(readProsemirror(doc)).toEqual(contentNode(table(cell('tableHeader', 2, 'large'))).toJSON())
    expect(yXmlFragmentToProseMirrorRootNode(doc.getXmlFragment(FRAGMENT), schema).toJSON()).toEqual(readProsemirror(doc))
    for (const span of [0, 51, 1.5, '2', null]) expect(() => schema.nodes.tableCell!.create({ colspan: span }), String(span)).toThrow(RangeError)
    // Content written from JSON (an import, a restore of an older version) is held to the bound instead.
    expect(contentNode(table(cell('tableCell', 1e9, 'x'))).firstChild!.firstChild!.firstChild!.attrs.colspan).toBe(MAX_CELL_SPAN)
  })

  it('refuses content that does not fit the schema, with a reason', () => {
    expect(() => initialUpdate({ type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'heading', attrs: { level: 1 } }] }] })).toThrow(InvalidContent)
    expect(() => contentNode({ type: 'doc', content: [p(text('x', { type: 'link', attrs: {} }))] })).not.toThrow()
  })

  it('restores only content that fits the schema, and exports stored content even when it does not', () => {
    const doc = docWith({ type: 'doc', content: [p(text('avant'))] })
    const odd: PmNode = { type: 'doc', content: [{ type: 'bulletList', content: [{ type: 'heading', attrs: { level: 1 }, content: [text('égaré')] }] }] }
    expect(() => restoreUpdate(doc, odd)).toThrow(InvalidContent)
    expect(plainText(readContent(doc))).toBe('avant')
    expect(toMarkdown(odd)).toContain('égaré')
  })

  it('gives every template of every kind and language as valid content', () => {
    for (const kind of DOCUMENT_KINDS) {
      for (const locale of LOCALES) expect(() => contentNode(templateContent(kind, locale, TEMPLATES[kind].title[locale])), `${kind} ${locale}`).not.toThrow()
    }
  })

  it('writes plain text one line per text block, hard breaks as new lines', () => {
    expect(plainText(contentNode(EVERYTHING)).split('\n')).toEqual(['Titre', 'lien', 'code s', 'a', 'b', 'fait', 'cité', 'A', '1'])
  })

  it('replaces content keeping the nodes that stay, so what was anchored in them stays', () => {
    const doc = docWith({ type: 'doc', content: [p(text('un')), p(text('deux')), p(text('trois'))] })
    const fragment = doc.getXmlFragment(FRAGMENT)
    const [first, , third] = fragment.toArray()
    replaceContent(doc, { type: 'doc', content: [p(text('un')), p(text('trois')), p(text('quatre'))] })
    expect(plainText(readContent(doc))).toBe('un\ntrois\nquatre')
    expect(fragment.get(0)).toBe(first)
    expect(fragment.get(1)).toBe(third)
  })

  it('tells, for each character of a text block, the Yjs client that typed it', () => {
    const awa = docWith({ type: 'doc', content: [p(text('Bonjour'))] })
    const nour = new Y.Doc()
    Y.applyUpdate(nour, Y.encodeStateAsUpdate(awa))
    ;((nour.getXmlFragment(FRAGMENT).get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(7, ' Dakar')
    const [block] = textBlocks(nour)
    expect(block!.text).toBe('Bonjour Dakar')
    expect(block!.clients).toEqual([...Array(7).fill(awa.clientID), ...Array(6).fill(nour.clientID)])
  })
})
