import type { Mark, Node } from '@tiptap/pm/model'
import { EditorState } from '@tiptap/pm/state'
import { applySuggestion, revertSuggestion } from './suggest-changes/commands.js'
import { generateRandomId } from './suggest-changes/generateId.js'

/**
 * Suggested changes, as the document holds them: text marked `insertion` (proposed, not yet in
 * the text) or `deletion` (proposed for removal, still in the text), each mark carrying the
 * suggestion's id, its author and when it was made. A rewording is a deletion and an insertion
 * sharing one id. A suggested paragraph break is a zero-width space (ZWSP) carrying the mark, so
 * that rejecting it joins the paragraphs again: readers of the text leave ZWSPs out.
 */
export const SUGGESTION_MARKS = ['insertion', 'deletion'] as const
export type SuggestionMarkName = (typeof SUGGESTION_MARKS)[number]

/** What a suggestion mark says. */
export type SuggestionAttrs = { id: string; authorId: string; createdAt: string }

/** The character that anchors a suggested paragraph break. */
export const SPLIT_MARKER = '\u200B'

export type SuggestionKind = 'insert' | 'delete' | 'replace'

/** A pending suggestion, as the document holds it (authors are user ids; the API adds names). */
export type PendingSuggestion = {
  id: string
  kind: SuggestionKind
  /** The proposed text for an insertion or a replacement; the text proposed for removal for a deletion. */
  text: string
  /** For a replacement, the text it replaces. */
  replaced?: string
  authorId: string
  createdAt: string
}

export const isSuggestionMark = (mark: Mark): boolean => mark.type.name === 'insertion' || mark.type.name === 'deletion'

/** The suggestion attributes of a mark, or null if it is not a complete suggestion mark. */
export function suggestionAttrs(mark: Mark): SuggestionAttrs | null {
  if (!isSuggestionMark(mark)) return null
  const { id, authorId, createdAt } = mark.attrs as Partial<Record<keyof SuggestionAttrs, unknown>>
  if (typeof id !== 'string' || typeof authorId !== 'string' || typeof createdAt !== 'string') return null
  return { id, authorId, createdAt }
}

/**
 * A new suggestion's id: random, after its author's id. The server accepts a new suggestion
 * mark only with an id of this form or one its author's marks already carry, so no one can add
 * words under someone else's suggestion (and then withdraw it as theirs).
 */
export const newSuggestionId = (authorId: string): string => `${authorId}:${generateRandomId()}`

/** Whether `id` is of the form newSuggestionId gives `authorId`. */
export const isSuggestionIdOf = (id: string, authorId: string): boolean => id.startsWith(`${authorId}:`) && id.length > authorId.length + 1

/** Text as a reader sees it: without the markers of suggested paragraph breaks. */
export const withoutSplitMarkers = (text: string): string => text.replaceAll(SPLIT_MARKER, '')

/** A suggestion's words as a card quotes them: without the spaces at their ends (« d’essences », not «  d’essences »), shortened past `max`. */
export function quotedWords(text: string, max = 80): string {
  const words = text.trim() || text
  return words.length > max ? `${words.slice(0, max - 1)}…` : words
}

/** Every pending suggestion in the document, in the order they first appear. */
export function pendingSuggestions(doc: Node): PendingSuggestion[] {
  const found = new Map<string, { attrs: SuggestionAttrs; inserted: string[]; deleted: string[] }>()
  doc.descendants((node) => {
    if (!node.isText) return true
    for (const mark of node.marks) {
      const attrs = suggestionAttrs(mark)
      if (!attrs) continue
      let entry = found.get(attrs.id)
      if (!entry) {
        entry = { attrs, inserted: [], deleted: [] }
        found.set(attrs.id, entry)
      }
      ;(mark.type.name === 'insertion' ? entry.inserted : entry.deleted).push(node.text ?? '')
    }
    return false
  })
  return [...found.values()].map(({ attrs, inserted, deleted }) => {
    const added = withoutSplitMarkers(inserted.join(''))
    const removed = withoutSplitMarkers(deleted.join(''))
    const kind: SuggestionKind = inserted.length > 0 && deleted.length > 0 ? 'replace' : inserted.length > 0 ? 'insert' : 'delete'
    return {
      id: attrs.id,
      kind,
      text: kind === 'delete' ? removed : added,
      ...(kind === 'replace' ? { replaced: removed } : {}),
      authorId: attrs.authorId,
      createdAt: attrs.createdAt,
    }
  })
}

export type Decision = 'accept' | 'reject'

/**
 * The document with the chosen suggestions accepted (insertions become text, deletions are
 * removed) or rejected (insertions are removed, deletions stay as text), the others left pending.
 */
export function settleSuggestions(doc: Node, decision: Decision, chosen: (suggestion: PendingSuggestion) => boolean): Node {
  const ids = new Set(pendingSuggestions(doc).flatMap((s) => (chosen(s) ? [s.id] : [])))
  if (ids.size === 0) return doc
  let state = EditorState.create({ doc })
  // One pass over the document for all of them, where one at a time would cost a pass each.
  ;(decision === 'accept' ? applySuggestion(ids) : revertSuggestion(ids))(state, (tr) => {
    state = state.apply(tr)
  })
  return state.doc
}

/** The text as it stands, every pending suggestion set aside (what exports print and submissions carry). */
export const withoutPending = (doc: Node): Node => settleSuggestions(doc, 'reject', () => true)
