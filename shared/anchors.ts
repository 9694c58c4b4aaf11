import * as Y from 'yjs'
import { fromBase64, toBase64 } from 'lib0/buffer'
import { FRAGMENT, MAX_ENCODED_POSITION } from './collab'

/**
 * Where a comment thread sits in a document: two Yjs relative positions into the XmlFragment
 * FRAGMENT, base64-encoded. Relative positions point at the characters themselves, not at
 * offsets, so the range follows its words through everyone's edits. Used by the server (to
 * check anchors and tell detached threads) and by the editor (to highlight them).
 *
 * In the editor: take the selection's positions with y-prosemirror's
 * `absolutePositionToRelativePosition(pos, fragment, binding.mapping)`, pass both to
 * `anchorFromSelection`, and send the result with the quoted text. To highlight, decode with
 * `decodePosition` and map back with `relativePositionToAbsolutePosition`.
 */
export type EncodedAnchor = { start: string; end: string }

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/

export const encodePosition = (position: Y.RelativePosition): string => toBase64(Y.encodeRelativePosition(position))

/**
 * Decodes strictly: well-formed base64 whose bytes are exactly one relative position (encoding
 * it again gives the same bytes). Throws otherwise.
 */
export function decodePosition(encoded: string): Y.RelativePosition {
  if (encoded.length === 0 || encoded.length > MAX_ENCODED_POSITION || encoded.length % 4 !== 0 || !BASE64.test(encoded)) {
    throw new Error('not base64')
  }
  const bytes = fromBase64(encoded)
  const position = Y.decodeRelativePosition(bytes)
  if (toBase64(Y.encodeRelativePosition(position)) !== encoded) throw new Error('not exactly one relative position')
  // Resolving a position named after a root type creates that type: only ours may be named.
  if (position.tname !== null && position.tname !== FRAGMENT) throw new Error(`not in the ${FRAGMENT} fragment`)
  return position
}

export function isEncodedPosition(encoded: string): boolean {
  try {
    decodePosition(encoded)
    return true
  } catch {
    return false
  }
}

/**
 * The anchor for a selection, from its two relative positions as the editor computes them.
 * The start is tied to the first selected character and the end to the last one, so text typed
 * just before or just after the words stays outside the range and text typed inside joins it.
 * Null if either position is not in this document.
 */
export function anchorFromSelection(doc: Y.Doc, start: Y.RelativePosition, end: Y.RelativePosition): EncodedAnchor | null {
  const from = Y.createAbsolutePositionFromRelativePosition(start, doc)
  const to = Y.createAbsolutePositionFromRelativePosition(end, doc)
  if (!from || !to) return null
  return {
    start: encodePosition(Y.createRelativePositionFromTypeIndex(from.type, from.index, 0)),
    end: encodePosition(Y.createRelativePositionFromTypeIndex(to.type, to.index, -1)),
  }
}

/** A thread's range in the current document: offsets into `documentText(doc)` and the words there now. */
export type ResolvedAnchor = { from: number; to: number; text: string }

/**
 * Where each anchor is now, or null when it is detached: its words were deleted, or it points
 * outside this document's fragment. The document is walked once for all anchors.
 */
export function resolveAnchors(doc: Y.Doc, anchors: EncodedAnchor[]): (ResolvedAnchor | null)[] {
  const layout = layoutOf(doc.getXmlFragment(FRAGMENT))
  return anchors.map((anchor) => {
    const from = offsetOf(doc, layout, anchor.start)
    const to = offsetOf(doc, layout, anchor.end)
    if (from === null || to === null || to <= from) return null
    const text = layout.text.slice(from, to)
    return text.trim().length > 0 ? { from, to, text } : null
  })
}

export const resolveAnchor = (doc: Y.Doc, anchor: EncodedAnchor): ResolvedAnchor | null => resolveAnchors(doc, [anchor])[0]!

/** The document's text as the resolver counts it: blocks end with a line break; embeds are U+FFFC. */
export const documentText = (doc: Y.Doc): string => layoutOf(doc.getXmlFragment(FRAGMENT)).text

type Layout = {
  text: string
  /** Where each live XmlText starts in `text`. */
  texts: Map<Y.XmlText, number>
  /** For each live element (and the fragment), where each child index falls in `text`, plus its end. */
  children: Map<Y.AbstractType<unknown>, number[]>
}

function layoutOf(fragment: Y.XmlFragment): Layout {
  const layout: Layout = { text: '', texts: new Map(), children: new Map() }
  const walk = (node: Y.XmlFragment | Y.XmlElement | Y.XmlText | Y.XmlHook) => {
    if (node instanceof Y.XmlText) {
      layout.texts.set(node, layout.text.length)
      for (const op of node.toDelta() as { insert: unknown }[]) {
        layout.text += typeof op.insert === 'string' ? op.insert : '\uFFFC'
      }
      return
    }
    if (node instanceof Y.XmlHook) return
    const offsets: number[] = []
    for (const child of node.toArray()) {
      offsets.push(layout.text.length)
      walk(child)
    }
    offsets.push(layout.text.length)
    layout.children.set(node as Y.AbstractType<unknown>, offsets)
    if (node instanceof Y.XmlElement && !layout.text.endsWith('\n')) layout.text += '\n'
  }
  walk(fragment)
  return layout
}

function offsetOf(doc: Y.Doc, layout: Layout, encoded: string): number | null {
  let position: Y.RelativePosition
  try {
    position = decodePosition(encoded)
  } catch {
    return null
  }
  const absolute = Y.createAbsolutePositionFromRelativePosition(position, doc)
  if (!absolute) return null
  // Deleted types are not in the layout: their positions are detached.
  if (absolute.type instanceof Y.XmlText) {
    const base = layout.texts.get(absolute.type)
    return base === undefined ? null : base + absolute.index
  }
  return layout.children.get(absolute.type as Y.AbstractType<unknown>)?.[absolute.index] ?? null
}
