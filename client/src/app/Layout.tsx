import { useEffect, useLayoutEffect, useRef } from 'react'
import { Outlet, ScrollRestoration, useLocation } from 'react-router'
import { Header } from '../components/Header'
import { Loading, Notice } from '../components/ui'
import { useI18n } from '../i18n/useI18n'
import { describeError } from '../lib/errors'
import { OfflineBanner } from './OfflineBanner'
import { useSession } from './session'
import { UpdatePrompt } from './UpdatePrompt'
import { retireUnlessSignInNext } from './early-sign-in'

/** Before the first screen can show (its code is still on its way). */
export function AppLoading() {
  const { t } = useI18n()
  return <Loading label={t('app.loading')} />
}

/** Every screen: the header, then the screen in <main>, once the session is known. */
export function Layout() {
  const { t, message } = useI18n()
  const { state, reload } = useSession()
  const location = useLocation()
  const main = useRef<HTMLElement>(null)
  const firstRender = useRef(true)

  // The sign-in form the page arrived with stays until the sign-in page takes it over; anything
  // else shown once the session is known (a valid session after all, setup, an error) replaces it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of screen, which is what it is for
  useLayoutEffect(() => {
    if (state.status !== 'loading') retireUnlessSignInNext()
  }, [state.status, location.pathname])

  // On moving to another screen, put focus at the top of the new content, as a page load would.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on each change of screen, which is what it is for
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    // A screen that put the caret in one of its fields (the sign-in page) keeps it there.
    const active = document.activeElement
    if (active instanceof HTMLInputElement && main.current?.contains(active)) return
    main.current?.focus({ preventScroll: true })
  }, [location.pathname])

  return (
    <>
      <Header />
      <OfflineBanner />
      <main
        id="main"
        ref={main}
        tabIndex={-1}
        onFocus={(event) => {
          // Reached by the skip link (#main) on a document: its content is the text, so the caret goes there.
          if (event.target === event.currentTarget && window.location.hash === '#main') document.querySelector<HTMLElement>('[data-skip-target]')?.focus()
        }}
      >
        {state.status === 'loading' && <Loading label={t('app.loading')} />}
        {state.status === 'error' && (
          <section className="page page-narrow">
            <h1>{t('loadError.title')}</h1>
            <Notice tone="error">{message(describeError(state.error))}</Notice>
            <button type="button" className="button button-primary" onClick={reload}>
              {t('common.retry')}
            </button>
          </section>
        )}
        {state.status === 'ready' && <Outlet />}
      </main>
      <UpdatePrompt />
      <ScrollRestoration />
    </>
  )
}
