import { useCallback, useEffect, useState } from 'react'
import { isAbort } from '../api'

export type Load<T> = { status: 'loading'; data?: T } | { status: 'ready'; data: T } | { status: 'error'; error: unknown; data?: T }

/**
 * Loads data for a screen, cancelling when the screen goes away or `key` changes. `reload`
 * fetches again and keeps the previous data on screen meanwhile (no flash on slow links);
 * `replace` takes what a change returned.
 */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, key: string): Load<T> & { reload: () => void; replace: (data: T) => void } {
  const [state, setState] = useState<Load<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` says when to load again (the loader is a new function on each render); `attempt` is a retry
  useEffect(() => {
    const controller = new AbortController()
    setState((s) => ({ status: 'loading', data: s.data }))
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data })
      },
      (error: unknown) => {
        if (!controller.signal.aborted && !isAbort(error)) setState((s) => ({ status: 'error', error, data: s.data }))
      },
    )
    return () => controller.abort()
    // `load` is usually an inline function: `key` says when it means something new.
  }, [key, attempt])

  const reload = useCallback(() => setAttempt((n) => n + 1), [])
  /** Shows data the server sent back after a change, without asking again. */
  const replace = useCallback((data: T) => setState({ status: 'ready', data }), [])
  return { ...state, reload, replace }
}
