import { TextSelection } from '@tiptap/pm/state'
import type { Editor } from '@tiptap/react'
import { useState } from 'react'
import { endpoints, type SuggestionDecision } from '../../api/endpoints'
import type { Message } from '../../i18n/types'
import { describeError } from '../../lib/errors'
import { suggestionRange } from './range'
import type { Author } from './useSuggestions'

/** Who reviews the pending suggestions and what they may do, as the document screen knows it. */
export type ReviewSetting = {
  documentId: string
  userId: string
  names: Map<string, Author>
  /** Writers accept and reject anyone's; a suggester withdraws their own. */
  canSettle: boolean
  canSuggest: boolean
  /** Whether the server can be reached now: settling is done there. */
  online: boolean
  active: string | null
  onActivate: (id: string | null) => void
  /** « Discuter »: a comment thread on the suggestion's text. */
  onDiscuss: ((range: { from: number; to: number }) => void) | null
}

/**
 * What the suggestions' heading and their cards share, wherever the cards are (beside the text
 * or listed in a sheet): the setting, and acting on one suggestion.
 */
export type Review = ReviewSetting & {
  /** Accepts, rejects or withdraws one; `busy` meanwhile, `error` if the server refused. */
  settle: (id: string, decision: SuggestionDecision) => void
  busy: boolean
  error: Message | null
  /** Selects a suggestion's card and its words (without taking the focus from the card). */
  select: (id: string) => void
  /** « Discuter » on a suggestion's words, for those who may comment. */
  discuss: ((id: string) => void) | null
}

export function useReview(editor: Editor | null, setting: ReviewSetting): Review {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)
  const { documentId, onActivate, onDiscuss } = setting

  async function settle(id: string, decision: SuggestionDecision) {
    setBusy(true)
    setError(null)
    try {
      await endpoints.settleSuggestion(documentId, id, decision)
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  function select(id: string) {
    onActivate(id)
    const range = editor && suggestionRange(editor.state.doc, id)
    if (!editor || !range) return
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, range.from, range.to)))
    const node = editor.view.domAtPos(range.from).node
    ;(node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: 'nearest' })
  }

  const discuss =
    editor && onDiscuss
      ? (id: string) => {
          const range = suggestionRange(editor.state.doc, id)
          if (range) onDiscuss(range)
        }
      : null

  return { ...setting, settle, busy, error, select, discuss }
}
