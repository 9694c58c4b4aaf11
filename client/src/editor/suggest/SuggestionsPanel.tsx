import { useState } from 'react'
import type { PendingSuggestion } from '../../../../shared/suggestions'
import { endpoints, type SuggestionDecision } from '../../api/endpoints'
import { ConfirmDialog } from '../../components/ConfirmDialog'
import { Notice } from '../../components/ui'
import { useI18n } from '../../i18n/useI18n'
import { SuggestionCard } from './SuggestionCard'
import type { Review } from './useReview'
import './suggestions.css'

type Props = {
  pending: PendingSuggestion[]
  review: Review
  /** Whether the cards are listed here (in the comments sheet); beside the text, the margin has them. */
  listed: boolean
}

/**
 * The pending suggestions' heading: how many, the notes (none, offline, a refusal), and settling
 * all at once or all of one person's; and their cards as a list, in the sheet on a phone.
 */
export function SuggestionsPanel({ pending, review, listed }: Props) {
  const { t, message } = useI18n()
  const { documentId, names, canSettle, canSuggest, online, busy, error } = review
  const [authorFilter, setAuthorFilter] = useState('')
  // Settling many at once is asked first: the server's edit is not this page's to undo.
  const [bulk, setBulk] = useState<SuggestionDecision | null>(null)
  const authors = [...new Set(pending.map((s) => s.authorId))]
  const chosenAuthor = authors.includes(authorFilter) ? authorFilter : ''
  const nameOf = (authorId: string) => names.get(authorId)?.name ?? t('suggestions.someone')
  const offlineReason = online ? undefined : t('suggestions.offline')

  const bulkLabel = (decision: SuggestionDecision) =>
    decision === 'accept'
      ? chosenAuthor
        ? t('suggestions.acceptAllOf', { name: nameOf(chosenAuthor) })
        : t('suggestions.acceptAll')
      : chosenAuthor
        ? t('suggestions.rejectAllOf', { name: nameOf(chosenAuthor) })
        : t('suggestions.rejectAll')
  const bulkCount = chosenAuthor ? pending.filter((s) => s.authorId === chosenAuthor).length : pending.length

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
      {listed && (
        <ol className="suggestions-list">
          {pending.map((s) => (
            <li key={s.id}>
              <SuggestionCard suggestion={s} review={review} />
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
