import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'
import { diffSequences } from '../versions/diff'
import type { PmNode } from '../../shared/templates'

/*
 * The editor (Tiptap through y-prosemirror) keeps a document in the Y.XmlFragment FRAGMENT:
 * one Y.XmlElement per node, named after the node type, with the node's attrs as attributes,
 * and Y.XmlText for text, whose formatting attributes are the marks.
 */

type Mark = { type: string; attrs?: Record<string, unknown> }
type PmText = PmNode & { marks?: Mark[] }

/** Writes ProseMirror JSON into an empty document's fragment (template content). */
export function writeProsemirror(doc: Y.Doc, json: PmNode): void {
  const fragment = doc.getXmlFragment(FRAGMENT)
  doc.transact(() => {
    fragment.insert(
      0,
      (json.content ?? []).map(toYNode).filter((n) => n !== null),
    )
  })
}

function toYNode(node: PmText): Y.XmlElement | Y.XmlText | null {
  if (node.type === 'text') {
    const text = new Y.XmlText()
    const attrs = Object.fromEntries((node.marks ?? []).map((m) => [m.type, m.attrs ?? {}]))
    text.insert(0, node.text ?? '', attrs)
    return text
  }
  const element = new Y.XmlElement(node.type)
  for (const [key, value] of Object.entries(node.attrs ?? {})) {
    if (value !== null && value !== undefined) element.setAttribute(key, value as string)
  }
  const children = (node.content ?? []).map(toYNode).filter((n) => n !== null)
  if (children.length > 0) element.insert(0, children)
  return element
}

/**
 * Makes the document's content equal `json`, replacing only the top-level blocks that differ:
 * the others keep their identity, so comments on them stay attached and edits made in them
 * concurrently survive.
 */
export function replaceProsemirror(doc: Y.Doc, json: PmNode): void {
  const fragment = doc.getXmlFragment(FRAGMENT)
  const current = fragment.toArray().map((node) => JSON.stringify(fromYNode(node)))
  const target = json.content ?? []
  const ops = diffSequences(
    current,
    target.map((node) => JSON.stringify([node])),
  )
  doc.transact(() => {
    let at = 0
    for (const op of ops) {
      if (op.op === 'same') at++
      else if (op.op === 'removed') fragment.delete(at, 1)
      else {
        const node = toYNode(target[op.b]!)
        if (node) fragment.insert(at++, [node])
      }
    }
  })
}

/** The document as ProseMirror JSON, for search, export and versions. */
export function readProsemirror(doc: Y.Doc): PmNode {
  return { type: 'doc', content: doc.getXmlFragment(FRAGMENT).toArray().flatMap(fromYNode) }
}

function fromYNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): PmText[] {
  if (node instanceof Y.XmlText) {
    return (node.toDelta() as { insert: unknown; attributes?: Record<string, Record<string, unknown>> }[])
      .filter((op) => typeof op.insert === 'string' && op.insert.length > 0)
      .map((op) => {
        const marks = Object.entries(op.attributes ?? {}).map(([type, attrs]): Mark => (attrs && Object.keys(attrs).length > 0 ? { type, attrs } : { type }))
        return marks.length > 0 ? { type: 'text', text: op.insert as string, marks } : { type: 'text', text: op.insert as string }
      })
  }
  if (!(node instanceof Y.XmlElement)) return []
  const out: PmText = { type: node.nodeName }
  const attrs = node.getAttributes()
  if (Object.keys(attrs).length > 0) out.attrs = attrs
  const content = node.toArray().flatMap(fromYNode)
  if (content.length > 0) out.content = content
  return [out]
}

/** Plain text, one line per text block, for search and previews. */
export function plainText(json: PmNode): string {
  const lines: string[] = []
  const visit = (node: PmNode) => {
    const children = node.content ?? []
    const inline = children.every((c) => c.type === 'text' || c.type === 'hardBreak')
    if (node.type !== 'doc' && inline) lines.push(children.map((c) => (c.type === 'text' ? (c.text ?? '') : '\n')).join(''))
    else children.forEach(visit)
  }
  visit(json)
  return lines.join('\n')
}

/** The Yjs update that creates a document from ProseMirror JSON; the first entry of its log. */
export function initialUpdate(json: PmNode): Uint8Array {
  const doc = new Y.Doc()
  writeProsemirror(doc, json)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}
