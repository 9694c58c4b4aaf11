import { colorFor } from '../../../../shared/collab'
import type { SuggestionDecision } from '../../api/endpoints'
import { type PendingSuggestion, quotedWords } from '../../../../shared/suggestions'
import { useI18n } from '../../i18n/useI18n'
import { formatDateTime } from '../../lib/format'
import type { LocatedCards } from '../margin/cards'
import { suggestionStarts } from './range'
import type { Review } from './useReview'
import { cardId } from './useSuggestions'

/**
 * The pending suggestions' cards for the margin beside the text, each beside its words,
 * selected as `review` says.
 */
export function suggestionsBeside(pending: PendingSuggestion[], review: Review): LocatedCards {
  return {
    active: review.active,
    cards: pending.map((s) => ({ id: s.id, node: <SuggestionCard suggestion={s} review={review} /> })),
    starts: suggestionStarts,
  }
}

/**
 * One pending suggestion: what is proposed, by whom, from which city, when; accept or reject
 * (writers), withdraw (one's own), and discuss in a comment thread.
 */
export function SuggestionCard({ suggestion: s, review }: { suggestion: PendingSuggestion; review: Review }) {
  const { t, locale } = useI18n()
  const author = review.names.get(s.authorId)
  const own = s.authorId === review.userId
  const offlineReason = review.online ? undefined : t('suggestions.offline')
  const idle = review.busy || !review.online
  const { discuss } = review
  const settleButton = (label: string, decision: SuggestionDecision, quiet: boolean) => (
    <button
      type="button"
      className={quiet ? 'button button-quiet button-small' : 'button button-small'}
      disabled={idle}
      title={offlineReason}
      onClick={() => review.settle(s.id, decision)}
    >
      {label}
    </button>
  )
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard reaches the same through focus (onFocus)
    <article
      id={cardId(s.id)}
      className={s.id === review.active ? 'suggestion-card suggestion-card-active' : 'suggestion-card'}
      style={{ borderLeftColor: colorFor(s.authorId) }}
      aria-labelledby={`${cardId(s.id)}-what`}
      data-suggestion-card={s.id}
      onClick={() => review.select(s.id)}
      onFocus={() => review.onActivate(s.id)}
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
            review.select(s.id)
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
        {review.canSettle && (
          <>
            {settleButton(t('suggestions.accept'), 'accept', false)}
            {settleButton(t('suggestions.reject'), 'reject', true)}
          </>
        )}
        {!review.canSettle && own && review.canSuggest && settleButton(t('suggestions.withdraw'), 'reject', true)}
        {discuss && (
          <button
            type="button"
            className="button button-quiet button-small"
            onClick={(e) => {
              e.stopPropagation()
              discuss(s.id)
            }}
          >
            {t('suggestions.discuss')}
          </button>
        )}
      </div>
    </article>
  )
}

/** « Remplacer « x » par « y » », « Ajouter « y » », « Supprimer « x » ». */
export function SuggestionSummary({ suggestion: s }: { suggestion: PendingSuggestion }) {
  const { t } = useI18n()
  if (s.kind === 'replace') return <>{t('suggestions.kind.replace', { from: quotedWords(s.replaced ?? ''), to: quotedWords(s.text) })}</>
  if (s.kind === 'delete') return <>{s.text ? t('suggestions.kind.delete', { text: quotedWords(s.text) }) : t('suggestions.kind.join')}</>
  return <>{s.text ? t('suggestions.kind.insert', { text: quotedWords(s.text) }) : t('suggestions.kind.split')}</>
}
