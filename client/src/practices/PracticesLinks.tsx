import { Link } from 'react-router'
import { canBrowsePractices } from '../../../shared/policy'
import { useSession } from '../app/session'
import { useI18n } from '../i18n/useI18n'
import { practicesOnTheme } from './practices-logic'

/**
 * "Bonnes pratiques : <thème>", to the observatory's practices on each network's priority theme
 * (for a workshop, and beside a city's City WORKS steps). Nothing for someone the library is not open to.
 */
export function PracticesLinks({ themes }: { themes: readonly string[] }) {
  const { t } = useI18n()
  const { me } = useSession()
  if (!me || !canBrowsePractices(me.actor)) return null
  const distinct = [...new Set(themes.map((theme) => theme.trim()).filter((theme) => theme !== ''))]
  return (
    <p className="practices-links">
      {distinct.length === 0 ? (
        <Link to="/practices">{t('practices.nav')}</Link>
      ) : (
        distinct.map((theme, i) => (
          <span key={theme}>
            {i > 0 && ' · '}
            <Link to={practicesOnTheme(theme)}>{t('practices.linkFor', { theme })}</Link>
          </span>
        ))
      )}
    </p>
  )
}
