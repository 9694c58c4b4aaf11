import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'

/** "Connexion · Atelier": each screen names itself in the browser tab and for screen readers. */
export function useDocumentTitle(title: string): void {
  const { t } = useTranslation()
  const suffix = t('app.titleSuffix')
  useEffect(() => {
    document.title = title && title !== suffix ? `${title} · ${suffix}` : suffix
  }, [title, suffix])
}
