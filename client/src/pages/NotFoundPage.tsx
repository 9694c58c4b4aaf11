import { Link } from 'react-router'
import { useI18n } from '../i18n/useI18n'
import { useDocumentTitle } from '../lib/useDocumentTitle'

export function NotFoundPage() {
  const { t } = useI18n()
  useDocumentTitle(t('notFound.title'))
  return (
    <section className="page page-narrow empty-page" aria-labelledby="notfound-title">
      <p className="big-glyph" aria-hidden="true">
        404
      </p>
      <h1 id="notfound-title">{t('notFound.title')}</h1>
      <p>{t('notFound.text')}</p>
      <p className="actions">
        <Link className="button button-primary" to="/">
          {t('common.backHome')}
        </Link>
      </p>
    </section>
  )
}
