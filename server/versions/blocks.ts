import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'
import { markTypeOf, schema } from '../content/schema'
import { leafText } from '../content/text'
import { SPLIT_MARKER } from '../../shared/suggestions'

/**
 * A text block of a document (heading, paragraph, list item's paragraph, table cell's
 * paragraph…): its node type and attributes, the node types around it, its text, and for each
 * character (UTF-16 unit) the Yjs client that wrote it, which says who typed it.
 */
export type TextBlock = { type: string; attrs: Record<string, unknown>; path: string[]; text: string; clients: number[] }

/** The document's text blocks, as the schema tells blocks from inline content; what it does not know is left out, as the editor leaves it. */
export function textBlocks(doc: Y.Doc): TextBlock[] {
  const now = Y.snapshot(doc)
  const blocks: TextBlock[] = []
  const visit = (element: Y.XmlElement, path: string[]) => {
    const type = schema.nodes[element.nodeName]
    if (!type) return
    if (!type.isTextblock) {
      for (const c of element.toArray()) if (c instanceof Y.XmlElement) visit(c, [...path, element.nodeName])
      return
    }
    const block: TextBlock = { type: element.nodeName, attrs: element.getAttributes(), path, text: '', clients: [] }
    for (const c of element.toArray()) {
      if (c instanceof Y.XmlText) appendText(block, c, now)
      else if (c instanceof Y.XmlElement) appendLeaf(block, c)
    }
    blocks.push(block)
  }
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) if (node instanceof Y.XmlElement) visit(node, [])
  return blocks
}

/**
 * The visible characters of a text, each with its Yjs client. Read against an empty earlier
 * snapshot, every character is "added", and Yjs names the item, hence the client, that holds it.
 * A text carrying a mark the schema does not know is left out whole, as the editor leaves it.
 */
function appendText(block: TextBlock, text: Y.XmlText, now: Y.Snapshot): void {
  const ops = text.toDelta(now, Y.emptySnapshot, (_change: 'added' | 'removed', id: Y.ID) => ({ type: 'added', user: id.client })) as {
    insert: unknown
    attributes?: { ychange?: { user: number } } & Record<string, unknown>
  }[]
  const unknownMark = (name: string) => name !== 'ychange' && !markTypeOf(name)
  if (ops.some((op) => Object.keys(op.attributes ?? {}).some(unknownMark))) return
  for (const op of ops) {
    if (typeof op.insert !== 'string') continue
    const client = op.attributes?.ychange?.user ?? -1
    // The marker of a suggested paragraph break is no text.
    for (const c of op.insert) {
      if (c === SPLIT_MARKER) continue
      block.text += c
      for (let i = 0; i < c.length; i++) block.clients.push(client)
    }
  }
}

/** An inline leaf (a hard break) counts as the text its extension renders, written by no one in particular. */
function appendLeaf(block: TextBlock, element: Y.XmlElement): void {
  const type = schema.nodes[element.nodeName]
  if (!type?.isInline) return
  const text = leafText(type.create())
  block.text += text
  for (let i = 0; i < text.length; i++) block.clients.push(-1)
}
