import type { SuggestionList, SuggestionView } from '../../../shared/api'
import { quotedWords } from '../../../shared/suggestions'
import { api, type RequestOptions } from '../api'
import { useI18n } from '../i18n/useI18n'

/** The suggestions pending in a document now (the submit dialog counts them). */
export const loadPendingSuggestions = (documentId: string, o?: RequestOptions) =>
  api.get<SuggestionList>(`/api/documents/${encodeURIComponent(documentId)}/suggestions`, o).then((list) => list.suggestions)

/** « 3 suggestions en attente », opening onto each: what it proposes, and who proposed it. */
export function PendingSuggestionList({ suggestions }: { suggestions: SuggestionView[] }) {
  const { t } = useI18n()
  if (suggestions.length === 0) return null
  return (
    <details className="pending-suggestions">
      <summary>{t('suggestionGate.pending', { count: suggestions.length })}</summary>
      <ul>
        {suggestions.map((s) => (
          <li key={s.id}>
            <strong>{t(`suggestionGate.kind.${s.kind}`)}</strong> {t('suggestionGate.quoted', { text: quotedWords(s.text) })}
            {s.replaced !== undefined && <> {t('suggestionGate.replaces', { text: quotedWords(s.replaced) })}</>}{' '}
            <span className="muted">
              {s.author.city ? t('suggestionGate.byCity', { name: s.author.name, city: s.author.city }) : t('suggestionGate.by', { name: s.author.name })}
            </span>
          </li>
        ))}
      </ul>
    </details>
  )
}
