import type { Mark, Node } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { FRAGMENT } from '../../../shared/collab'
import { settleSuggestions, suggestionAttrs } from '../../../shared/suggestions'
import { markTypeOf, schema } from '../../content/schema'

/**
 * Whether an update from a `suggest` connection only proposes changes of its author's own.
 *
 * The rule: with every suggestion of the author rejected (their insertions removed, their
 * deletions kept as text), the part of the document the update touched reads exactly the same
 * before and after it; and every suggestion mark the update brings is the author's (authorId),
 * with an id and an ISO 8601 time. Anything else — unmarked text, a real deletion, a change of
 * formatting, of a block's type or attributes, of someone else's suggestion, a `modification`
 * mark — changes what the document reads once the author's suggestions are set aside, or
 * carries a mark that is not theirs.
 *
 * Yjs items are not compared: the editor's binding (y-tiptap) rewrites text by diffing strings,
 * so an ordinary keystroke may delete and re-insert items. What is compared is ProseMirror
 * content, read from the top-level blocks the update touched (found from the Yjs transaction)
 * plus one unchanged neighbour on each side, so that rejecting a suggested paragraph break at
 * the edge of the region joins what it would join in the whole document.
 */

/** A region larger than this is refused: the check runs on the event loop. */
export const MAX_CHECKED_BLOCKS = 500

/** Why an update is refused, in words a person understands; null when it is accepted. */
export type Refusal = string | null

/** `toISOString()`'s form, which is what the editor stamps. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/

class Unreadable extends Error {}

/**
 * Checks the change from `before` (the live document) to `after` (a copy of it with the
 * candidate update applied in `transaction`), made by `authorId`.
 */
export function checkSuggestion(before: Y.Doc, after: Y.Doc, transaction: Y.Transaction, authorId: string): Refusal {
  if (after.store.pendingStructs !== null || after.store.pendingDs !== null) {
    return 'the change builds on edits the server does not have'
  }
  const fragmentAfter = after.getXmlFragment(FRAGMENT)
  const touched = new Set<Y.Item>()
  for (const type of transaction.changed.keys()) {
    let top: Y.AbstractType<Y.YEvent<any>> = type
    while (top._item && top._item.parent !== fragmentAfter) top = top._item.parent as Y.AbstractType<Y.YEvent<any>>
    if (top._item) touched.add(top._item)
    else if ((top as unknown) !== fragmentAfter) return 'the change touches something outside the document’s text'
  }
  const region = touchedRegion(blocksOf(before.getXmlFragment(FRAGMENT)), blocksOf(fragmentAfter), touched)
  if (!region) return null
  if (region.before.length > MAX_CHECKED_BLOCKS || region.after.length > MAX_CHECKED_BLOCKS) {
    return 'the change spans too much of the document at once; suggest it in smaller parts'
  }
  let was: Node
  let is: Node
  try {
    was = docOf(region.before)
    is = docOf(region.after)
  } catch {
    return 'the change holds content the editor cannot show'
  }
  const marksRefusal = checkNewMarks(was, is, authorId)
  if (marksRefusal) return marksRefusal
  const own = (s: { authorId: string }) => s.authorId === authorId
  if (!settleSuggestions(was, 'reject', own).eq(settleSuggestions(is, 'reject', own))) {
    return 'a suggestion may only propose insertions and deletions marked as one’s own: this change edits the text itself, its formatting or someone else’s suggestion'
  }
  return null
}

/** The top-level blocks, as Yjs items: a walk of the list, which costs little even on a long document. */
function blocksOf(fragment: Y.XmlFragment): Y.Item[] {
  const items: Y.Item[] = []
  for (let item = fragment._start; item !== null; item = item.right) if (!item.deleted) items.push(item)
  return items
}

/**
 * The blocks that differ between the two lists, as a run in each: blocks that are in both, in
 * the same order, and untouched are the same, so whatever comes before the first difference
 * and after the last one is common. One common block on each side is kept in the region.
 */
function touchedRegion(before: Y.Item[], after: Y.Item[], touched: Set<Y.Item>) {
  const same = (b: Y.Item | undefined, a: Y.Item | undefined) =>
    a !== undefined && b !== undefined && a.id.client === b.id.client && a.id.clock === b.id.clock && !touched.has(a)
  let prefix = 0
  while (same(before[prefix], after[prefix])) prefix++
  if (prefix === before.length && prefix === after.length) return null
  let suffix = 0
  const shortest = Math.min(before.length, after.length)
  while (prefix + suffix < shortest && same(before[before.length - 1 - suffix], after[after.length - 1 - suffix])) suffix++
  const from = Math.max(0, prefix - 1)
  const trail = Math.max(0, suffix - 1)
  return { before: before.slice(from, before.length - trail), after: after.slice(from, after.length - trail) }
}

/** The blocks as a document, read strictly: anything the schema does not know makes it unreadable. */
function docOf(blocks: Y.Item[]): Node {
  return schema.topNodeType.create(
    null,
    blocks.map((block) => {
      const type = block.content instanceof Y.ContentType ? block.content.type : null
      if (!(type instanceof Y.XmlElement)) throw new Unreadable('something other than a block at the top level')
      return nodeOf(type)
    }),
  )
}

function nodeOf(element: Y.XmlElement): Node {
  const type = schema.nodes[element.nodeName]
  if (!type || type.isText) throw new Unreadable(`unknown node ${element.nodeName}`)
  const attrs = element.getAttributes()
  for (const name of Object.keys(attrs)) if (!(name in type.spec.attrs!)) throw new Unreadable(`unknown attribute ${name}`)
  const children: Node[] = []
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) children.push(...textOf(child))
    else if (child instanceof Y.XmlElement) children.push(nodeOf(child))
    else throw new Unreadable('unknown child')
  }
  try {
    return type.createChecked(attrs, children)
  } catch (err) {
    throw new Unreadable((err as Error).message)
  }
}

type Delta = { insert: unknown; attributes?: Record<string, unknown> }

function textOf(text: Y.XmlText): Node[] {
  if (Object.keys(text.getAttributes()).length > 0) throw new Unreadable('attributes on text')
  return (text.toDelta() as Delta[]).map((op) => {
    if (typeof op.insert !== 'string') throw new Unreadable('an embed in text')
    return schema.text(op.insert, marksOf(op.attributes))
  })
}

function marksOf(attributes: Record<string, unknown> = {}): Mark[] {
  return Object.entries(attributes).map(([name, value]) => {
    const type = markTypeOf(name)
    if (!type) throw new Unreadable(`unknown mark ${name}`)
    if (value !== null && typeof value !== 'object') throw new Unreadable(`mark ${name} with attributes that are not an object`)
    const attrs = (value ?? {}) as Record<string, unknown>
    for (const attr of Object.keys(attrs)) if (!(attr in (type.spec.attrs ?? {}))) throw new Unreadable(`unknown attribute ${attr} of mark ${name}`)
    return type.create(attrs)
  })
}

/** Every mark the update brings (not in the region before) must be a complete suggestion mark of the author's. */
function checkNewMarks(was: Node, is: Node, authorId: string): Refusal {
  const known = new Set<string>()
  const keyOf = (mark: Mark) => `${mark.type.name}:${JSON.stringify(mark.attrs)}`
  was.descendants((node) => {
    for (const mark of node.marks) known.add(keyOf(mark))
  })
  let refusal: Refusal = null
  is.descendants((node) => {
    for (const mark of node.marks) {
      if (refusal || known.has(keyOf(mark))) continue
      refusal = refusalOfMark(mark, authorId)
    }
    return refusal === null
  })
  return refusal
}

function refusalOfMark(mark: Mark, authorId: string): Refusal {
  if (mark.type.name === 'modification') return 'suggested changes of formatting are not supported'
  const attrs = suggestionAttrs(mark)
  // Other marks (bold, a link…) on text: the comparison decides whether they change the text.
  if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') return null
  if (!attrs || attrs.id === '' || !ISO_TIME.test(attrs.createdAt) || Number.isNaN(Date.parse(attrs.createdAt))) {
    return 'a suggestion must carry its id, its author and its time'
  }
  if (attrs.authorId !== authorId) return 'a suggestion may only be made in one’s own name'
  return null
}
