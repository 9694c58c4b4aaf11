import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'

/**
 * A text block of a document (heading, paragraph, list item's paragraph, table cell's
 * paragraph…): its node type and attributes, the node types around it, its text, and for each
 * character (UTF-16 unit) the Yjs client that wrote it, which says who typed it.
 */
export type TextBlock = { type: string; attrs: Record<string, unknown>; path: string[]; text: string; clients: number[] }

/** Inline nodes that sit inside text blocks; any other element holds blocks. */
const INLINE = new Set(['hardBreak', 'image', 'mention'])

export function textBlocks(doc: Y.Doc): TextBlock[] {
  const blocks: TextBlock[] = []
  const visit = (element: Y.XmlElement, path: string[]) => {
    const children = element.toArray()
    const holdsBlocks = children.some((c) => c instanceof Y.XmlElement && !INLINE.has(c.nodeName))
    if (holdsBlocks) {
      for (const c of children) if (c instanceof Y.XmlElement) visit(c, [...path, element.nodeName])
      return
    }
    const block: TextBlock = { type: element.nodeName, attrs: element.getAttributes(), path, text: '', clients: [] }
    for (const c of children) {
      if (c instanceof Y.XmlText) appendText(block, c)
      else if (c instanceof Y.XmlElement && c.nodeName === 'hardBreak') {
        block.text += '\n'
        block.clients.push(-1)
      }
    }
    blocks.push(block)
  }
  for (const node of doc.getXmlFragment(FRAGMENT).toArray()) if (node instanceof Y.XmlElement) visit(node, [])
  return blocks
}

/** The visible characters of a text, each with the client of the Yjs item it belongs to. */
function appendText(block: TextBlock, text: Y.XmlText): void {
  for (let item = text._start; item; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue
    const str = item.content.str
    block.text += str
    for (let i = 0; i < str.length; i++) block.clients.push(item.id.client)
  }
}
