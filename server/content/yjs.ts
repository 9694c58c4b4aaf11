import type { Mark, Node } from '@tiptap/pm/model'
import { prosemirrorToYDoc } from '@tiptap/y-tiptap'
import * as Y from 'yjs'
import { FRAGMENT } from '../../shared/collab'
import type { PmNode } from '../../shared/content'
import { diffSequences } from '../versions/diff'
import { contentNode, markTypeOf, schema } from './schema'

/*
 * A document lives in the Y.XmlFragment FRAGMENT as y-tiptap (the editor's binding) lays it out:
 * one Y.XmlElement per node, named after its type, with its attributes; Y.XmlText for text,
 * whose formatting attributes are its marks. Writing goes through y-tiptap itself.
 */

/** The Yjs update that creates a document from ProseMirror JSON; the first entry of its log. */
export function initialUpdate(json: PmNode): Uint8Array {
  const doc = prosemirrorToYDoc(contentNode(json), FRAGMENT)
  try {
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * Makes the document's content equal `json`, replacing only the top-level blocks that differ
 * (a shortest edit script, so a block that stays is kept even when others around it come and
 * go): the others keep their identity, so comments on them stay attached and edits made in them
 * concurrently survive.
 */
export function replaceContent(doc: Y.Doc, json: PmNode): void {
  const target = contentNode(json)
  const fragment = doc.getXmlFragment(FRAGMENT)
  const current = fragment.toArray().map((child) => (child instanceof Y.XmlElement ? nodeOf(child) : null))
  const wanted: Node[] = []
  target.forEach((block) => wanted.push(block))
  const made = yjsBlocks(target)
  doc.transact(() => {
    let at = 0
    for (const op of diffSequences<Node | null>(current, wanted, (a, b) => a !== null && b !== null && a.eq(b))) {
      if (op.op === 'same') at++
      else if (op.op === 'removed') fragment.delete(at, 1)
      else fragment.insert(at++, [made[op.b]!])
    }
  })
}

/** A document's top-level blocks as y-tiptap lays them out, not yet part of any Y.Doc. */
export function yjsBlocks(content: Node): Y.XmlElement[] {
  const laidOut = prosemirrorToYDoc(content, FRAGMENT)
  try {
    return laidOut
      .getXmlFragment(FRAGMENT)
      .toArray()
      .map((block) => (block as Y.XmlElement).clone())
  } finally {
    laidOut.destroy()
  }
}

/**
 * The document as the editor shows it. It follows y-tiptap's reading (what does not fit the
 * schema is left out) but changes nothing: y-tiptap's own reader deletes such content from the
 * Y.Doc, and this one reads the document thread's replicas, which must stay copies.
 */
export function readContent(doc: Y.Doc): Node {
  const children = doc
    .getXmlFragment(FRAGMENT)
    .toArray()
    .flatMap((child) => {
      const node = child instanceof Y.XmlElement ? nodeOf(child) : null
      return node ? [node] : []
    })
  return schema.topNodeType.create(null, children)
}

export const readProsemirror = (doc: Y.Doc): PmNode => readContent(doc).toJSON() as PmNode

/** One block of the document as the editor reads it; null if it does not fit the schema. */
export function nodeOf(element: Y.XmlElement): Node | null {
  const type = schema.nodes[element.nodeName]
  if (!type) return null
  const children = element.toArray().flatMap((child): Node[] => {
    if (child instanceof Y.XmlText) return textOf(child)
    if (child instanceof Y.XmlElement) {
      const node = nodeOf(child)
      return node ? [node] : []
    }
    return []
  })
  try {
    return type.create(element.getAttributes(), children)
  } catch {
    return null
  }
}

type Delta = { insert: unknown; attributes?: Record<string, Record<string, unknown>> }

function textOf(text: Y.XmlText): Node[] {
  try {
    return (text.toDelta() as Delta[])
      .filter((op) => typeof op.insert === 'string' && op.insert.length > 0)
      .map((op) => schema.text(op.insert as string, marksOf(op.attributes)))
  } catch {
    return []
  }
}

/** Throws on a mark the schema does not know, which leaves its text out. */
const marksOf = (attributes: Delta['attributes'] = {}): Mark[] =>
  Object.entries(attributes).map(([key, attrs]) => {
    const type = markTypeOf(key)
    if (!type) throw new Error(`unknown mark ${key}`)
    return type.create(attrs)
  })
