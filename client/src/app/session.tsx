import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react'
import type { MeResponse } from '../../../shared/api'
import { api, ApiError, endpoints } from '../api'
import { changeLocale, currentLocale, loadLocale } from '../i18n'
import { rememberLocale, type Locale } from '../i18n/locale'
import { clearKeptVersions } from '../collab/kept-versions'
import { clearLocalCopies } from '../collab/local-copies'
import { forgetCachedApi, keepCachedMe, resumeCachedApi, startCachedApi } from '../offline/api-cache'

/**
 * Who is signed in, and whether Atelier still needs its first-run setup. Loaded once when the
 * app starts (GET /api/me and GET /api/setup, in parallel), then kept up to date by the
 * screens that sign in, sign out or accept an invitation.
 */
export type SessionState =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; me: MeResponse | null; setupNeeded: boolean; mail: boolean }

type Session = {
  state: SessionState
  me: MeResponse | null
  setupNeeded: boolean
  /** Whether Atelier sends mail (SMTP_URL): a forgotten password is then reset by mail, invitations are mailed. */
  mail: boolean
  /** After sign-in, setup or accepting an invitation: the new session, in the account's language. */
  signedIn(me: MeResponse): void
  signOut(): Promise<void>
  /** The server said setup was already done (someone else finished it meanwhile). */
  markSetupDone(): void
  reload(): void
  /** Fetches the signed-in person again, quietly, after a change to their spaces or roles. */
  refresh(): Promise<void>
  /** Switches the interface language; remembered on the account when signed in, on this device otherwise. */
  setLanguage(locale: Locale): Promise<void>
}

const SessionContext = createContext<Session | null>(null)

async function loadSession(signal: AbortSignal): Promise<{ me: MeResponse | null; setupNeeded: boolean; mail: boolean }> {
  const [me, setup] = await Promise.allSettled([endpoints.me({ signal }), endpoints.setupStatus({ signal })])
  let user: MeResponse | null = null
  if (me.status === 'fulfilled') user = me.value
  else if (!(me.reason instanceof ApiError && me.reason.code === 'unauthenticated')) throw me.reason
  if (setup.status === 'fulfilled') return { me: user, setupNeeded: !user && setup.value.needed, mail: setup.value.mail }
  // Someone is signed in, so setup has been done whatever /api/setup says.
  if (user) return { me: user, setupNeeded: false, mail: false }
  throw setup.reason
}

function applyAccountLocale(me: MeResponse): void {
  const locale = me.user.locale
  rememberLocale(locale)
  // Should the account's messages not come (offline), the interface stays in the language it has.
  if (currentLocale() !== locale) changeLocale(locale).catch(() => {})
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)
  const meRef = useRef<MeResponse | null>(null)
  useEffect(() => {
    meRef.current = state.status === 'ready' ? state.me : null
  }, [state])

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the retry button: a new value loads the session again
  useEffect(() => {
    const controller = new AbortController()
    setState({ status: 'loading' })
    loadSession(controller.signal).then(
      (session) => {
        if (session.me) {
          applyAccountLocale(session.me)
          void resumeCachedApi().catch(() => {})
        }
        setState({ status: 'ready', ...session })
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ status: 'error', error })
      },
    )
    return () => controller.abort()
  }, [attempt])

  // Any request answering 401 means the session ended (expired, signed out elsewhere).
  useEffect(
    () =>
      api.onUnauthenticated(() => {
        // The kept answers were that session's; see ../offline/api-cache.ts.
        void forgetCachedApi().catch(() => {})
        setState((s) => (s.status === 'ready' && s.me ? { ...s, me: null } : s))
      }),
    [],
  )

  const signedIn = useCallback((me: MeResponse) => {
    // Started before the new screens ask for anything: the previous person's kept answers go.
    void startCachedApi(me).catch(() => {})
    applyAccountLocale(me)
    setState((s) => ({ status: 'ready', me, setupNeeded: false, mail: s.status === 'ready' && s.mail }))
  }, [])

  const signOut = useCallback(async () => {
    try {
      await endpoints.logout()
    } catch (error) {
      // Already signed out is fine; anything else (offline) must not pretend it worked.
      if (!(error instanceof ApiError && error.code === 'unauthenticated')) throw error
    }
    // City halls share computers: nothing of this person stays on the device (local copies of
    // documents and versions kept after a refusal, API answers kept for offline use).
    clearKeptVersions()
    await Promise.all([clearLocalCopies().catch(() => {}), forgetCachedApi().catch(() => {})])
    setState((s) => (s.status === 'ready' ? { ...s, me: null } : s))
  }, [])

  const markSetupDone = useCallback(() => {
    setState((s) => (s.status === 'ready' ? { ...s, setupNeeded: false } : s))
  }, [])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])

  const refresh = useCallback(async () => {
    if (!meRef.current) return
    try {
      const me = await endpoints.me()
      setState((s) => (s.status === 'ready' && s.me ? { ...s, me } : s))
    } catch {
      // Kept as it was: the screens still work, and the server decides every action anyway.
    }
  }, [])

  const setLanguage = useCallback(async (locale: Locale) => {
    // Saved on the account while the messages come, and shown once both are done: a reload right
    // after the switch would otherwise find the account's older language and go back to it.
    const saving =
      meRef.current && meRef.current.user.locale !== locale
        ? endpoints.updateMe({ locale }).then(
            // The interface language is not taken from this answer: another switch may have happened since.
            (me) => {
              void keepCachedMe(me).catch(() => {})
              setState((s) => (s.status === 'ready' && s.me ? { ...s, me } : s))
            },
            // Not saved on the account (offline?): the interface still switches, and this device remembers.
            () => {},
          )
        : null
    // A switch that cannot fetch the messages (offline) leaves the interface as it was.
    await loadLocale(locale)
    await saving
    await changeLocale(locale)
    rememberLocale(locale)
  }, [])

  const value = useMemo<Session>(
    () => ({
      state,
      me: state.status === 'ready' ? state.me : null,
      setupNeeded: state.status === 'ready' && state.setupNeeded,
      mail: state.status === 'ready' && state.mail,
      signedIn,
      signOut,
      markSetupDone,
      reload,
      refresh,
      setLanguage,
    }),
    [state, signedIn, signOut, markSetupDone, reload, refresh, setLanguage],
  )
  return <SessionContext value={value}>{children}</SessionContext>
}

export function useSession(): Session {
  const session = use(SessionContext)
  if (!session) throw new Error('useSession must be used inside <SessionProvider>')
  return session
}
