import { isRouteErrorResponse, useRouteError } from 'react-router'
import { useI18n } from '../i18n/useI18n'
import { NotFoundPage } from '../pages/NotFoundPage'

/** When a screen crashes while rendering: say so calmly and offer a reload. */
export function RouteError() {
  const { t } = useI18n()
  const error = useRouteError()
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />
  console.error(error)
  return (
    <main id="main" className="page page-narrow">
      <h1>{t('crash.title')}</h1>
      <p>{t('crash.text')}</p>
      <p className="actions">
        <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
          {t('common.reload')}
        </button>
        <a className="button button-quiet" href="/">
          {t('common.backHome')}
        </a>
      </p>
    </main>
  )
}
