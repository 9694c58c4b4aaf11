import { Extension } from '@tiptap/core'
import { Plugin, PluginKey, type EditorState, type Transaction } from '@tiptap/pm/state'
import { Decoration, DecorationSet } from '@tiptap/pm/view'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import type { EncodedAnchor } from '../../../shared/anchors'
import { resolveAnchor } from './anchoring'

export type AnchoredThread = { id: string; anchor: EncodedAnchor }

type HighlightState = { threads: AnchoredThread[]; active: string | null; decorations: DecorationSet }
type HighlightMeta = { threads?: AnchoredThread[]; active?: string | null }

export const commentHighlightsKey = new PluginKey<HighlightState>('commentHighlights')

/** Tells the editor which threads to highlight, and which one is selected. */
export function setHighlights(tr: Transaction, meta: HighlightMeta): Transaction {
  return tr.setMeta(commentHighlightsKey, meta)
}

/** Where each thread's words are now, as highlighted; threads missing from the map are detached. */
export function threadRanges(state: EditorState): Map<string, { from: number; to: number }> {
  const ranges = new Map<string, { from: number; to: number }>()
  for (const d of commentHighlightsKey.getState(state)?.decorations.find() ?? []) {
    const id = (d.spec as { threadId: string }).threadId
    const known = ranges.get(id)
    ranges.set(id, known ? { from: Math.min(known.from, d.from), to: Math.max(known.to, d.to) } : { from: d.from, to: d.to })
  }
  return ranges
}

function decorate(state: EditorState, threads: AnchoredThread[], active: string | null): DecorationSet {
  const decorations: Decoration[] = []
  for (const thread of threads) {
    const range = resolveAnchor(state, thread.anchor)
    if (!range) continue
    const className = thread.id === active ? 'comment-highlight comment-highlight-active' : 'comment-highlight'
    decorations.push(Decoration.inline(range.from, range.to, { class: className, 'data-thread-id': thread.id }, { threadId: thread.id }))
  }
  return DecorationSet.create(state.doc, decorations)
}

/**
 * Highlights the words each open thread is about. Anchors are resolved through y-tiptap's
 * mapping, which is only current for changes that came through Yjs (other people's edits,
 * undo); local typing is followed by mapping the highlights along with the transaction.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightState>({
        key: commentHighlightsKey,
        state: {
          init: (_, state) => ({ threads: [], active: null, decorations: DecorationSet.create(state.doc, []) }),
          apply(tr, value, _old, state) {
            const meta = tr.getMeta(commentHighlightsKey) as HighlightMeta | undefined
            const remote = (tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined)?.isChangeOrigin
            if (meta || remote) {
              const threads = meta?.threads ?? value.threads
              const active = meta?.active !== undefined ? meta.active : value.active
              return { threads, active, decorations: decorate(state, threads, active) }
            }
            if (!tr.docChanged) return value
            return { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) }
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations,
        },
      }),
    ]
  },
})
