import { Extension } from '@tiptap/core'
import type { EditorState, Transaction } from '@tiptap/pm/state'
import { ReplaceStep } from '@tiptap/pm/transform'
import { ySyncPluginKey } from '@tiptap/y-tiptap'
import { suggestChanges, suggestChangesKey } from '../../../../shared/suggest-changes/plugin.js'
import { transformToSuggestionTransaction } from '../../../../shared/suggest-changes/withSuggestChanges.js'
import { newSuggestionId } from '../../../../shared/suggestions'

type Options = {
  /** Whose suggestions these are (the signed-in person's user id). */
  authorId: string
  /** Read at each transaction: whether this person's edits become suggestions now. */
  suggesting: () => boolean
}

/**
 * Suggestion mode: while `suggesting()` says so, every local edit is turned into suggestions
 * (shared/suggest-changes) before it reaches the document — typed text is marked as a suggested
 * insertion, deleted text stays, marked as a suggested deletion. Other people's edits (y-sync),
 * undo and redo (which replay edits already made) and the library's own settling pass through.
 *
 * The server accepts only text suggestions from a `suggest` connection, so a transaction that
 * would change formatting or block structure is dropped here rather than sent to be refused;
 * the toolbar and shortcuts for those are disabled while suggesting anyway (SuggestShortcuts).
 */
export const SuggestMode = Extension.create<Options>({
  name: 'suggestMode',

  addOptions() {
    return { authorId: '', suggesting: () => false }
  },

  addProseMirrorPlugins() {
    // The library's plugin: the marks of suggested paragraph breaks, and arrow keys that step
    // over the invisible ZWSPs carrying them.
    return [suggestChanges()]
  },

  dispatchTransaction({ transaction, next }) {
    if (!this.options.suggesting()) return next(transaction)
    const suggested = asSuggestion(transaction, this.editor.state, this.options.authorId)
    if (suggested) next(suggested)
  },
})

/**
 * What a transaction made while suggesting becomes: itself when it is not this person's edit
 * (or changes nothing), their edit as suggestions, or null (dropped) when it would change
 * formatting or block structure.
 */
export function asSuggestion(transaction: Transaction, state: EditorState, authorId: string): Transaction | null {
  if (passesThrough(transaction) || !transaction.docChanged) return transaction
  if (!transaction.steps.every((step) => step instanceof ReplaceStep)) return null
  return transformToSuggestionTransaction(transaction, state, () => newSuggestionId(authorId), authorId)
}

function passesThrough(tr: Transaction): boolean {
  const sync = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean } | undefined
  if (sync?.isChangeOrigin || sync?.isUndoRedoOperation) return true
  if (tr.getMeta('history$') || tr.getMeta('collab$')) return true
  return 'skip' in ((tr.getMeta(suggestChangesKey) as object | undefined) ?? {})
}

/** Formatting and block shortcuts of the editor's extensions, swallowed while suggesting. */
const BLOCKED_KEYS = [
  'Mod-b',
  'Mod-B',
  'Mod-i',
  'Mod-I',
  'Mod-u',
  'Mod-U',
  'Mod-e',
  'Mod-k',
  'Mod-Shift-s',
  'Mod-Shift-x',
  'Mod-Shift-b',
  'Mod-Shift-7',
  'Mod-Shift-8',
  'Mod-Shift-9',
  'Mod-Alt-0',
  'Mod-Alt-1',
  'Mod-Alt-2',
  'Mod-Alt-3',
  'Mod-Alt-4',
  'Mod-Alt-5',
  'Mod-Alt-6',
  'Mod-Alt-c',
]

/** While suggesting, the formatting and block shortcuts do nothing (the toolbar says why). */
export const SuggestShortcuts = Extension.create<Pick<Options, 'suggesting'>>({
  name: 'suggestShortcuts',
  // Before the extensions whose shortcuts these are.
  priority: 1000,

  addOptions() {
    return { suggesting: () => false }
  },

  addKeyboardShortcuts() {
    const swallow = () => this.options.suggesting()
    // Tab nests list items; elsewhere it must still leave the text (no keyboard trap).
    const inList = () => this.options.suggesting() && (this.editor.isActive('listItem') || this.editor.isActive('taskItem'))
    return { ...Object.fromEntries(BLOCKED_KEYS.map((key) => [key, swallow])), Tab: inList, 'Shift-Tab': inList }
  },
})
