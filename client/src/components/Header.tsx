import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { canBrowsePractices } from '../../../shared/policy'
import { useSession } from '../app/session'
import { NotificationsMenu } from '../comments/NotificationsMenu'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import type { Message } from '../i18n/types'
import { LanguageSwitch } from './LanguageSwitch'
import { SearchBox } from '../search/SearchBox'
import { Spinner } from './ui'

export function Header() {
  const { t, message } = useI18n()
  const { me, signOut } = useSession()
  const navigate = useNavigate()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)

  async function onSignOut() {
    setBusy(true)
    setError(null)
    try {
      await signOut()
      void navigate('/signin', { replace: true })
    } catch (e) {
      setError(describeError(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className="app-header-inner">
        <Link to="/" className="brand" aria-label={t('app.homeLink')}>
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
        {me && <SearchBox />}
        <div className="app-header-actions">
          {me && canBrowsePractices(me.actor) && (
            <Link to="/practices" className="button button-quiet">
              {t('practices.nav')}
            </Link>
          )}
          {me && (
            <Link to="/me" className="user-name" title={`${me.user.email} — ${t('mailSettings.title')}`}>
              <span className="visually-hidden">{t('header.account')} </span>
              {me.user.name}
            </Link>
          )}
          {me && <NotificationsMenu />}
          <LanguageSwitch />
          {me && (
            <button type="button" className="button button-quiet" onClick={() => void onSignOut()} disabled={busy} aria-busy={busy || undefined}>
              {busy && <Spinner />}
              {busy ? t('header.signingOut') : t('header.signOut')}
            </button>
          )}
        </div>
      </div>
      {error && (
        <div className="app-header-error" role="alert">
          {message(error)}
        </div>
      )}
    </header>
  )
}
