import { Link, useLocation, useParams } from 'react-router'
import { TEMPLATES } from '../../../shared/templates'
import { endpoints } from '../api'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { formatDateTime } from '../lib/format'
import { useDocumentTitle } from '../lib/useDocumentTitle'
import { useLoad } from '../lib/useLoad'

/**
 * /documents/:id — a placeholder until the collaborative editor lands. Loaded on demand
 * (route `lazy`), so the editor's weight will not slow down the other screens.
 */
export function Component() {
  const { id = '' } = useParams()
  const { t, message, locale } = useI18n()
  const location = useLocation()
  const doc = useLoad((signal) => endpoints.document(id, { signal }), id)
  // The list passes the title along, so it shows at once even on a slow link.
  const title = doc.data?.title ?? (location.state as { title?: string } | null)?.title ?? t('document.title')
  useDocumentTitle(title)

  return (
    <section className="page page-narrow" aria-labelledby="document-title">
      <p className="breadcrumb">
        <Link to="/">{t('document.back')}</Link>
      </p>
      <h1 id="document-title">{title}</h1>
      {doc.data && (
        <p className="muted">
          {TEMPLATES[doc.data.kind]?.title[locale] ?? doc.data.kind} · {doc.data.space.name} ·{' '}
          <time dateTime={doc.data.updatedAt}>{t('home.updated', { date: formatDateTime(doc.data.updatedAt, locale) })}</time>
        </p>
      )}
      {doc.status === 'loading' && !doc.data && <Loading label={t('app.loading')} />}
      {doc.status === 'error' && <Notice tone="error">{message(describeError(doc.error))}</Notice>}
      {doc.status === 'ready' && (
        <div className="card">
          <h2>{t('document.comingSoon')}</h2>
          <p>{t('document.comingSoonText')}</p>
        </div>
      )}
    </section>
  )
}
