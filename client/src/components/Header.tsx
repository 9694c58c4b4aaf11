import { useEffect, useRef, useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { canBrowsePractices } from '../../../shared/policy'
import { useSession } from '../app/session'
import { NotificationsMenu } from '../comments/NotificationsMenu'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { COMPACT_HEADER, PHONE_SCREEN, useMediaQuery } from '../lib/screens'
import type { Message } from '../i18n/types'
import { AccountMenu } from './AccountMenu'
import { LanguageSwitch } from './LanguageSwitch'
import { SearchBox } from '../search/SearchBox'
import { Spinner } from './ui'

/**
 * One row on every screen. Wide: search, practices, name, notifications, language, sign-out side
 * by side. Narrower: the secondary actions go into the account button's panel, which shows the
 * name. On a phone the search is a button that opens the field across the row.
 */
export function Header() {
  const { t, message } = useI18n()
  const { me, signOut } = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  const compact = useMediaQuery(COMPACT_HEADER)
  const phone = useMediaQuery(PHONE_SCREEN)
  const [searching, setSearching] = useState(false)
  const searchButton = useRef<HTMLButtonElement>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<Message | null>(null)

  // A result chosen leads to another screen: the row goes back to the brand and the buttons.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of screen, which is what it is for
  useEffect(() => setSearching(false), [location.pathname, location.search])

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

  function closeSearch() {
    setSearching(false)
    requestAnimationFrame(() => searchButton.current?.focus())
  }

  const practices = me && canBrowsePractices(me.actor) && (
    <Link to="/practices" className={compact ? 'account-link' : 'button button-quiet'}>
      {t('practices.nav')}
    </Link>
  )
  const signOutButton = me && (
    <button type="button" className="button button-quiet" onClick={() => void onSignOut()} disabled={busy} aria-busy={busy || undefined}>
      {busy && <Spinner />}
      {busy ? t('header.signingOut') : t('header.signOut')}
    </button>
  )
  const search = me && (phone ? searching : true)

  return (
    <header className="app-header">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <div className={searching && phone ? 'app-header-inner app-header-searching' : 'app-header-inner'}>
        <Link to="/" className="brand" aria-label={t('app.homeLink')}>
          <span className="brand-mark" aria-hidden="true" />
          {t('app.name')}
        </Link>
        {search && <SearchBox autoFocus={phone} onDismiss={phone ? closeSearch : undefined} />}
        {search && phone && (
          <button type="button" className="button button-icon header-icon" onClick={closeSearch} aria-label={t('compact.closeSearch')}>
            <span aria-hidden="true">×</span>
          </button>
        )}
        <div className="app-header-actions">
          {me && phone && (
            <button
              ref={searchButton}
              type="button"
              className="button button-quiet header-icon"
              onClick={() => setSearching(true)}
              aria-label={t('search.label')}
            >
              <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
                <circle cx="11" cy="11" r="7" />
                <path d="M20 20l-3.5-3.5" />
              </svg>
            </button>
          )}
          {!compact && practices}
          {me && !compact && (
            <Link to="/me" className="user-name" title={`${me.user.email} — ${t('mailSettings.title')}`}>
              <span className="visually-hidden">{t('header.account')} </span>
              {me.user.name}
            </Link>
          )}
          {me && <NotificationsMenu />}
          {(!me || !compact) && <LanguageSwitch />}
          {!compact && signOutButton}
          {me && compact && (
            <AccountMenu user={me.user}>
              {practices}
              <LanguageSwitch />
              {signOutButton}
            </AccountMenu>
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
