import type { Editor } from '@tiptap/react'
import { TextSelection } from '@tiptap/pm/state'
import { useState } from 'react'
import { colorFor } from '../../../../shared/collab'
import { type PendingSuggestion, quotedWords } from '../../../../shared/suggestions'
import { endpoints, type SuggestionDecision } from '../../api/endpoints'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Notice } from '../../components/ui'
import type { Message } from '../../i18n/types'
import { useI18n } from '../../i18n/useI18n'
import { describeError } from '../../lib/errors'
import { formatDateTime } from '../../lib/format'
import { suggestionRange } from './range'
import { type Author, cardId } from './useSuggestions'
import './suggestions.css'

type Props = {
  editor: Editor
  documentId: string
  userId: string
  pending: PendingSuggestion[]
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
 * The pending suggestions, one card each, beside the text (in the comments sheet on a phone):
 * what is proposed, by whom, from which city, when; accept or reject (writers), withdraw (one's
 * own), all at once or all of one person's, and discuss in a comment thread.
 */
export function SuggestionsPanel({ editor, documentId, userId, pending, names, canSettle, canSuggest, online, active, onActivate, onDiscuss }: Props) {
  const { t, message, locale } = useI18n()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)
  const [authorFilter, setAuthorFilter] = useState('')
  // Settling many at once is asked first: the server's edit is not this page's to undo.
  const [bulk, setBulk] = useState<SuggestionDecision | null>(null)
  const authors = [...new Set(pending.map((s) => s.authorId))]
  const chosenAuthor = authors.includes(authorFilter) ? authorFilter : ''
  const nameOf = (authorId: string) => names.get(authorId)?.name ?? t('suggestions.someone')
  const offlineReason = online ? undefined : t('suggestions.offline')

  async function settle(action: () => Promise<unknown>) {
    setBusy(true)
    setError(null)
    try {
      await action()
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }
  const settleOne = (id: string, decision: SuggestionDecision) => settle(() => endpoints.settleSuggestion(documentId, id, decision))
  const bulkLabel = (decision: SuggestionDecision) =>
    decision === 'accept'
      ? chosenAuthor
        ? t('suggestions.acceptAllOf', { name: nameOf(chosenAuthor) })
        : t('suggestions.acceptAll')
      : chosenAuthor
        ? t('suggestions.rejectAllOf', { name: nameOf(chosenAuthor) })
        : t('suggestions.rejectAll')
  const bulkCount = chosenAuthor ? pending.filter((s) => s.authorId === chosenAuthor).length : pending.length

  // Selecting a card selects its text (without taking the focus from the card).
  function select(id: string) {
    onActivate(id)
    const range = suggestionRange(editor.state.doc, id)
    if (!range) return
    editor.view.dispatch(editor.state.tr.setSelection(TextSelection.create(editor.state.doc, range.from, range.to)))
    const node = editor.view.domAtPos(range.from).node
    ;(node instanceof Element ? node : node.parentElement)?.scrollIntoView({ block: 'nearest' })
  }

  return (
    <section className="suggestions" aria-labelledby="suggestions-title">
      <h2 id="suggestions-title" className="suggestions-title">
        {t('suggestions.title')} <span className="count-badge">{pending.length}</span>
      </h2>
      {pending.length === 0 ? (
        <p className="muted suggestions-empty">
          {t(canSuggest ? 'suggestions.empty.suggest' : canSettle ? 'suggestions.empty.write' : 'suggestions.empty.read')}
        </p>
      ) : (
        canSettle && (
          <div className="suggestions-bulk">
            {authors.length > 1 && (
              <div className="suggestions-author">
                <label htmlFor="suggestions-author">{t('suggestions.byAuthor')}</label>
                <select id="suggestions-author" value={chosenAuthor} onChange={(e) => setAuthorFilter(e.target.value)}>
                  <option value="">{t('suggestions.everyone')}</option>
                  {authors.map((id) => (
                    <option key={id} value={id}>
                      {nameOf(id)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div className="suggestions-actions">
              <button type="button" className="button button-small" disabled={busy || !online} title={offlineReason} onClick={() => setBulk('accept')}>
                {bulkLabel('accept')}
              </button>
              <button
                type="button"
                className="button button-quiet button-small"
                disabled={busy || !online}
                title={offlineReason}
                onClick={() => setBulk('reject')}
              >
                {bulkLabel('reject')}
              </button>
            </div>
          </div>
        )
      )}
      {bulk && (
        <ConfirmDialog
          open
          onClose={() => setBulk(null)}
          title={t('suggestions.confirmTitle', { action: bulkLabel(bulk) })}
          text={t(bulk === 'accept' ? 'suggestions.confirmAccept' : 'suggestions.confirmReject', { count: bulkCount })}
          confirmLabel={bulkLabel(bulk)}
          busyLabel={t(bulk === 'accept' ? 'suggestions.accepting' : 'suggestions.rejecting')}
          onConfirm={async () => {
            await endpoints.settleAllSuggestions(documentId, bulk, chosenAuthor || undefined)
            setBulk(null)
          }}
        />
      )}
      {!online && pending.length > 0 && (canSettle || canSuggest) && <p className="muted suggestions-offline">{t('suggestions.offline')}</p>}
      {error && <Notice tone="error">{message(error)}</Notice>}
      <ol className="suggestions-list">
        {pending.map((s) => {
          const author = names.get(s.authorId)
          const own = s.authorId === userId
          return (
            <li key={s.id}>
              {/* biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard reaches the same through focus (onFocus) */}
              <article
                id={cardId(s.id)}
                className={s.id === active ? 'suggestion-card suggestion-card-active' : 'suggestion-card'}
                style={{ borderLeftColor: colorFor(s.authorId) }}
                aria-labelledby={`${cardId(s.id)}-what`}
                data-suggestion-card={s.id}
                onClick={() => select(s.id)}
                onFocus={() => onActivate(s.id)}
              >
                <h3 className="suggestion-what">
                  {/* The keyboard's way to the suggested words: the same as clicking the card. */}
                  <button
                    type="button"
                    id={`${cardId(s.id)}-what`}
                    className="suggestion-show"
                    title={t('suggestions.show')}
                    onClick={(e) => {
                      e.stopPropagation()
                      select(s.id)
                    }}
                  >
                    <SuggestionSummary suggestion={s} />
                  </button>
                </h3>
                <p className="suggestion-meta">
                  <span className="suggestion-author">{author?.name ?? t('suggestions.someone')}</span>
                  {author?.city && <span> · {author.city}</span>}
                  {' · '}
                  <time dateTime={s.createdAt}>{formatDateTime(s.createdAt, locale)}</time>
                </p>
                <div className="suggestion-buttons">
                  {canSettle && (
                    <>
                      <button
                        type="button"
                        className="button button-small"
                        disabled={busy || !online}
                        title={offlineReason}
                        onClick={() => settleOne(s.id, 'accept')}
                      >
                        {t('suggestions.accept')}
                      </button>
                      <button
                        type="button"
                        className="button button-quiet button-small"
                        disabled={busy || !online}
                        title={offlineReason}
                        onClick={() => settleOne(s.id, 'reject')}
                      >
                        {t('suggestions.reject')}
                      </button>
                    </>
                  )}
                  {!canSettle && own && canSuggest && (
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      disabled={busy || !online}
                      title={offlineReason}
                      onClick={() => settleOne(s.id, 'reject')}
                    >
                      {t('suggestions.withdraw')}
                    </button>
                  )}
                  {onDiscuss && (
                    <button
                      type="button"
                      className="button button-quiet button-small"
                      onClick={(e) => {
                        e.stopPropagation()
                        const range = suggestionRange(editor.state.doc, s.id)
                        if (range) onDiscuss(range)
                      }}
                    >
                      {t('suggestions.discuss')}
                    </button>
                  )}
                </div>
              </article>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** « Remplacer « x » par « y » », « Ajouter « y » », « Supprimer « x » ». */
export function SuggestionSummary({ suggestion: s }: { suggestion: PendingSuggestion }) {
  const { t } = useI18n()
  if (s.kind === 'replace') return <>{t('suggestions.kind.replace', { from: quotedWords(s.replaced ?? ''), to: quotedWords(s.text) })}</>
  if (s.kind === 'delete') return <>{s.text ? t('suggestions.kind.delete', { text: quotedWords(s.text) }) : t('suggestions.kind.join')}</>
  return <>{s.text ? t('suggestions.kind.insert', { text: quotedWords(s.text) }) : t('suggestions.kind.split')}</>
}
