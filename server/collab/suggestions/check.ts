import type { ContentMatch, Mark, Node, NodeType } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { FRAGMENT } from '../../../shared/collab'
import { isSuggestionIdOf, settleSuggestions, suggestionAttrs } from '../../../shared/suggestions'
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
 * content, read from the blocks the update touched (found from the Yjs transaction) plus one
 * unchanged neighbour on each side, so that rejecting a suggested paragraph break at the edge of
 * the region joins what it would join in the whole document. The blocks are taken in the
 * deepest container that holds every change while neither it (its attributes) nor anything
 * around it changed: typing in a table's cell reads that cell's paragraphs, not the whole table.
 * The container's ancestors are read as they are (unchanged) around the region. A container
 * is kept only when the region has an unchanged neighbour inside it on each side (rejecting a
 * suggestion joins across a cell's or list item's edge when its marks run on past it, into what
 * the region would not hold) and fits its content (ProseMirror throws in invalid content);
 * otherwise the region is taken one level up.
 */

/** A region larger than this is refused: the check runs on the event loop. */
export const MAX_CHECKED_BLOCKS = 500

/** Nor may the region hold more nodes than this (one block may be a table of thousands of cells). */
export const MAX_CHECKED_NODES = 5000

/**
 * Nor may the region hold more pieces of text marked as the author's suggestions than this:
 * rejecting them (the comparison) takes a step per piece, each over the whole block, so a
 * paragraph of thousands of one-letter suggestions made a keystroke next to it cost seconds.
 */
export const MAX_CHECKED_SUGGESTIONS = 400

/** Why an update is refused, in words a person understands; null when it is accepted. */
export type Refusal = string | null

/** `toISOString()`'s form, which is what the editor stamps. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/

class Unreadable extends Error {}
class OverBudget extends Error {}
type Budget = { nodes: number }

/**
 * Checks the change from `before` (the live document) to `after` (a copy of it with the
 * candidate update applied in `transaction`), made by `authorId`.
 */
export function checkSuggestion(before: Y.Doc, after: Y.Doc, transaction: Y.Transaction, authorId: string): Refusal {
  if (after.store.pendingStructs !== null || after.store.pendingDs !== null) {
    return 'the change builds on edits the server does not have'
  }
  // An update that brings nothing new (content the document already holds) changes nothing.
  if (transaction.changed.size === 0) return null
  const fragmentAfter = after.getXmlFragment(FRAGMENT)
  const changes: { type: Y.AbstractType<any>; path: Y.XmlElement[] }[] = []
  for (const [type, keys] of transaction.changed) {
    const path = pathOf(type, fragmentAfter)
    // (The fragment's own attributes are nothing the editor shows: outside the text too.)
    if (!path || ((type as unknown) === fragmentAfter && [...keys].some((key) => key !== null)))
      return 'the change touches something outside the document’s text'
    changes.push({ type, path })
  }
  let around = containerPath(
    changes.map((c) => c.path),
    transaction.changed,
  )
  // The region is read inside its container only when it has an unchanged neighbour there on
  // each side and fits its container's content: rejecting a suggestion at a container's edge
  // (its marks running on into the next cell, list item or block) joins what lies beyond it, and
  // ProseMirror refuses to work in a node whose content is invalid. Otherwise, one level up.
  for (;;) {
    const containerAfter = around.at(-1) ?? fragmentAfter
    const containerBefore = counterpart(before.getXmlFragment(FRAGMENT), around)
    if (!containerBefore) return 'the change builds on edits the server does not have'
    const touched = new Set<Y.Item>()
    for (const { type, path } of changes) {
      // A changed type right in the container that is not an element (text outside a text block) is read, and refused.
      const child = path[around.length] ?? ((type as unknown) !== containerAfter ? type : undefined)
      if (child?._item) touched.add(child._item)
    }
    const region = touchedRegion(blocksOf(containerBefore), blocksOf(containerAfter), touched)
    if (!region) return null
    if (around.length > 0 && (region.atEdge || !fits(around, region.before) || !fits(around, region.after))) {
      around = around.slice(0, -1)
      continue
    }
    return checkRegion(around, region, authorId)
  }
}

function checkRegion(around: Y.XmlElement[], region: { before: Y.Item[]; after: Y.Item[] }, authorId: string): Refusal {
  const tooMuch = 'the change spans too much of the document at once; suggest it in smaller parts'
  if (region.before.length > MAX_CHECKED_BLOCKS || region.after.length > MAX_CHECKED_BLOCKS) return tooMuch
  let was: Node
  let is: Node
  try {
    const budget = { nodes: MAX_CHECKED_NODES }
    was = docOf(around, region.before, budget)
    is = docOf(around, region.after, budget)
  } catch (err) {
    return err instanceof OverBudget ? tooMuch : 'the change holds content the editor cannot show'
  }
  const marksRefusal = checkNewMarks(was, is, authorId)
  if (marksRefusal) return marksRefusal
  if (piecesOf(was, authorId) + piecesOf(is, authorId) > MAX_CHECKED_SUGGESTIONS) return tooMuch
  const own = (s: { authorId: string }) => s.authorId === authorId
  let same: boolean
  try {
    same = settleSuggestions(was, 'reject', own).eq(settleSuggestions(is, 'reject', own))
  } catch {
    // ProseMirror throws on a document it cannot work in: what cannot be checked is refused.
    return 'the change holds content the editor cannot show'
  }
  if (!same) {
    return 'a suggestion may only propose insertions and deletions marked as one’s own: this change edits the text itself, its formatting or someone else’s suggestion'
  }
  return null
}

/** The elements from the top level down to `type` (included when it is an element); null if it is not in the fragment. */
function pathOf(type: Y.AbstractType<any>, fragment: Y.XmlFragment): Y.XmlElement[] | null {
  const path: Y.XmlElement[] = []
  let at: Y.AbstractType<any> = type
  while (at !== fragment) {
    if (at instanceof Y.XmlElement) path.unshift(at)
    // A type held in an attribute (or in the map of a type) is nothing the editor shows as text.
    if (!at._item || at._item.parentSub !== null) return null
    at = at._item.parent as Y.AbstractType<any>
  }
  return path
}

/**
 * Where the region is taken: the elements from the top level down to the deepest one on every
 * change's path whose attributes are unchanged, above which nothing changed, and that is not a
 * text block (whose paragraph breaks its neighbours must see). Empty: the fragment itself.
 */
function containerPath(paths: Y.XmlElement[][], changed: Map<Y.AbstractType<any>, Set<string | null>>): Y.XmlElement[] {
  const shortest = Math.min(...paths.map((p) => p.length))
  const chosen: Y.XmlElement[] = []
  for (let depth = 0; depth < shortest; depth++) {
    const element = paths[0]![depth]!
    // (A changed element ends its own path: nothing below it is ever chosen.)
    if (paths.some((p) => p[depth] !== element)) break
    if ([...(changed.get(element) ?? [])].some((key) => key !== null)) break
    const type = schema.nodes[element.nodeName]
    if (!type || type.isTextblock || type.isLeaf) break
    chosen.push(element)
  }
  return chosen
}

/** The same container in the other copy of the document (by Yjs item ids), walking down from the fragment. */
function counterpart(fragment: Y.XmlFragment, path: Y.XmlElement[]): Y.XmlFragment | Y.XmlElement | null {
  let at: Y.XmlFragment | Y.XmlElement = fragment
  for (const element of path) {
    const id = element._item!.id
    let found: Y.XmlElement | null = null
    for (let item = at._start; item !== null && !found; item = item.right) {
      if (!item.deleted && item.id.client === id.client && item.id.clock === id.clock && item.content instanceof Y.ContentType) {
        found = item.content.type as Y.XmlElement
      }
    }
    if (!found) return null
    at = found
  }
  return at
}

/** A container's children, as Yjs items: a walk of the list, which costs little even on a long document. */
function blocksOf(container: Y.XmlFragment | Y.XmlElement): Y.Item[] {
  const items: Y.Item[] = []
  for (let item = container._start; item !== null; item = item.right) if (!item.deleted) items.push(item)
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
  return {
    before: before.slice(from, before.length - trail),
    after: after.slice(from, after.length - trail),
    // No unchanged block of the container before, or after, what differs.
    atEdge: prefix === 0 || suffix === 0,
  }
}

/** Whether the region's blocks, each container holding only the next, are content ProseMirror accepts. */
function fits(around: Y.XmlElement[], blocks: Y.Item[]): boolean {
  const types: NodeType[] = []
  for (const block of blocks) {
    const element = block.content instanceof Y.ContentType ? block.content.type : null
    const type = element instanceof Y.XmlElement ? schema.nodes[element.nodeName] : undefined
    // What is not a known block is refused when read.
    if (!type) return true
    types.push(type)
  }
  return around.every((element, i) => {
    let match: ContentMatch | null = typeOf(element).contentMatch
    for (const type of i < around.length - 1 ? [typeOf(around[i + 1]!)] : types) match = match?.matchType(type) ?? null
    return match?.validEnd === true
  })
}

/**
 * The region's blocks as a document, read strictly (anything the schema does not know makes it
 * unreadable), inside its container and the container's ancestors, each holding only the next.
 */
function docOf(around: Y.XmlElement[], blocks: Y.Item[], budget: Budget): Node {
  let content = blocks.map((block) => {
    const type = block.content instanceof Y.ContentType ? block.content.type : null
    if (!(type instanceof Y.XmlElement)) throw new Unreadable('something other than a block in a container')
    return nodeOf(type, budget)
  })
  for (const element of [...around].reverse()) content = [typeOf(element).create(attrsOf(element), content)]
  return schema.topNodeType.create(null, content)
}

function typeOf(element: Y.XmlElement) {
  const type = schema.nodes[element.nodeName]
  if (!type || type.isText) throw new Unreadable(`unknown node ${element.nodeName}`)
  return type
}

function attrsOf(element: Y.XmlElement): Record<string, unknown> {
  const type = typeOf(element)
  const attrs = element.getAttributes()
  for (const [name, value] of Object.entries(attrs)) {
    if (!(name in type.spec.attrs!)) throw new Unreadable(`unknown attribute ${name}`)
    // A Yjs type (or a subdocument) as a value: not an attribute the editor knows, and ProseMirror's comparison never ends on it.
    if (!isPlain(value)) throw new Unreadable(`attribute ${name} is not a value`)
  }
  return attrs
}

/** JSON: what an attribute holds when an editor wrote it. */
function isPlain(value: unknown): boolean {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true
  if (Array.isArray(value)) return value.every(isPlain)
  if (typeof value !== 'object') return false
  const prototype = Object.getPrototypeOf(value)
  return (prototype === Object.prototype || prototype === null) && Object.values(value as object).every(isPlain)
}

function nodeOf(element: Y.XmlElement, budget: Budget): Node {
  if (--budget.nodes < 0) throw new OverBudget()
  const type = typeOf(element)
  const attrs = attrsOf(element)
  const children: Node[] = []
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) children.push(...textOf(child))
    else if (child instanceof Y.XmlElement) children.push(nodeOf(child, budget))
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

/** How many pieces of text carry a suggestion mark of the author's. */
function piecesOf(doc: Node, authorId: string): number {
  let pieces = 0
  doc.descendants((node) => {
    if (node.isText && node.marks.some((mark) => suggestionAttrs(mark)?.authorId === authorId)) pieces++
  })
  return pieces
}

/** Every mark the update brings (not in the region before) must be a complete suggestion mark of the author's. */
function checkNewMarks(was: Node, is: Node, authorId: string): Refusal {
  const known = new Set<string>()
  /** Suggestion ids the author's marks carry here already: theirs to extend. */
  const own = new Set<string>()
  const keyOf = (mark: Mark) => `${mark.type.name}:${JSON.stringify(mark.attrs)}`
  was.descendants((node) => {
    for (const mark of node.marks) {
      known.add(keyOf(mark))
      const attrs = suggestionAttrs(mark)
      if (attrs?.authorId === authorId) own.add(attrs.id)
    }
  })
  let refusal: Refusal = null
  is.descendants((node) => {
    for (const mark of node.marks) {
      if (refusal || known.has(keyOf(mark))) continue
      refusal = refusalOfMark(mark, authorId, own)
    }
    return refusal === null
  })
  return refusal
}

function refusalOfMark(mark: Mark, authorId: string, own: Set<string>): Refusal {
  if (mark.type.name === 'modification') return 'suggested changes of formatting are not supported'
  const attrs = suggestionAttrs(mark)
  // Other marks (bold, a link…) on text: the comparison decides whether they change the text.
  if (mark.type.name !== 'insertion' && mark.type.name !== 'deletion') return null
  if (!attrs || attrs.id === '' || !ISO_TIME.test(attrs.createdAt) || Number.isNaN(Date.parse(attrs.createdAt))) {
    return 'a suggestion must carry its id, its author and its time'
  }
  if (attrs.authorId !== authorId) return 'a suggestion may only be made in one’s own name'
  // Someone else's suggestion may lie outside the region: a new id must say whose it is.
  if (!isSuggestionIdOf(attrs.id, authorId) && !own.has(attrs.id)) return 'a new suggestion’s id must be one of its author’s own'
  return null
}
