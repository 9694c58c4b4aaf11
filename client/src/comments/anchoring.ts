import type { EditorState } from '@tiptap/pm/state'
import type { EditorView } from '@tiptap/pm/view'
import { absolutePositionToRelativePosition, relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap'
import type * as Y from 'yjs'
import { anchorFromSelection, decodePosition, type EncodedAnchor } from '../../../shared/anchors'

/** What y-tiptap's sync plugin keeps: the shared fragment and the node ↔ Yjs type mapping. */
/** y-tiptap's ProsemirrorMapping, which its package does not export. */
type Mapping = Parameters<typeof absolutePositionToRelativePosition>[2]
type SyncState = { type: Y.XmlFragment; doc: Y.Doc; binding: { mapping: Mapping } }

function syncState(state: EditorState): SyncState | null {
  const s = ySyncPluginKey.getState(state) as SyncState | undefined
  return s?.binding ? s : null
}

/**
 * The words selected in the editor. People who may only comment have a read-only editor,
 * whose selection ProseMirror does not always track: the browser's selection is read then.
 */
export function selectedRange(view: EditorView): { from: number; to: number } | null {
  const { from, to, empty } = view.state.selection
  if (!empty) return { from, to }
  const dom = view.dom.ownerDocument.getSelection()
  if (!dom || dom.isCollapsed || dom.rangeCount === 0) return null
  const range = dom.getRangeAt(0)
  if (!view.dom.contains(range.startContainer) || !view.dom.contains(range.endContainer)) return null
  try {
    const start = view.posAtDOM(range.startContainer, range.startOffset)
    const end = view.posAtDOM(range.endContainer, range.endOffset)
    return start < end ? { from: start, to: end } : null
  } catch {
    return null
  }
}

/**
 * A range as Yjs relative positions: they follow the words through everyone's edits, where
 * character offsets would drift.
 */
export function anchorOfRange(state: EditorState, { from, to }: { from: number; to: number }): EncodedAnchor | null {
  const s = syncState(state)
  if (!s || from >= to) return null
  const start = absolutePositionToRelativePosition(from, s.type, s.binding.mapping)
  const end = absolutePositionToRelativePosition(to, s.type, s.binding.mapping)
  return anchorFromSelection(s.doc, start, end)
}

/** Where an anchor is now in the editor, or null when its words are gone (the thread is detached). */
export function resolveAnchor(state: EditorState, anchor: EncodedAnchor): { from: number; to: number } | null {
  const s = syncState(state)
  if (!s) return null
  try {
    const from = relativePositionToAbsolutePosition(s.doc, s.type, decodePosition(anchor.start), s.binding.mapping)
    const to = relativePositionToAbsolutePosition(s.doc, s.type, decodePosition(anchor.end), s.binding.mapping)
    if (from === null || to === null || to <= from) return null
    return { from, to }
  } catch {
    return null
  }
}
