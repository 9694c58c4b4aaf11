import { Link } from 'react-router'
import type { DocumentSummary } from '../../../shared/api'
import { TEMPLATES } from '../../../shared/templates'
import { useI18n } from '../i18n/useI18n'
import { formatDateTime } from '../lib/format'
import { StageBadge } from '../workflow/StageBadge'

/** Documents as links to their editor: title, stage and due date, kind, last change and open comment threads. */
export function DocumentList({ documents }: { documents: readonly DocumentSummary[] }) {
  const { t, locale } = useI18n()
  return (
    <ul className="document-list">
      {documents.map((doc) => (
        <li key={doc.id}>
          <Link className="document-row" to={`/documents/${encodeURIComponent(doc.id)}`} state={{ title: doc.title }}>
            <span className="document-title">{doc.title}</span>
            <StageBadge document={doc} />
            <span className="document-meta">
              <span>{TEMPLATES[doc.kind]?.title[locale] ?? doc.kind}</span>
              <span aria-hidden="true"> · </span>
              <time dateTime={doc.updatedAt}>{t('home.updated', { date: formatDateTime(doc.updatedAt, locale) })}</time>
              {doc.openComments > 0 && (
                <>
                  <span aria-hidden="true"> · </span>
                  <span className="document-comments">{t('comments.openCount', { count: doc.openComments })}</span>
                </>
              )}
            </span>
          </Link>
        </li>
      ))}
    </ul>
  )
}
