import { useEffect, useState, useSyncExternalStore } from 'react'
import { CLOSE_SUGGESTION_REFUSED } from '../../../shared/collab'
import type { OpenAccess } from '../../../shared/policy'
import { CollabSession, type CollabSnapshot } from '../collab/session'

/**
 * The open document for this screen: created on mount, closed (and flushed to IndexedDB) on
 * leave. When the server refuses one of this person's suggestions (CLOSE_SUGGESTION_REFUSED),
 * this device's copy is thrown away and the document opened afresh; `refused` says so.
 */
export function useCollabSession(documentId: string, userId: string, access: OpenAccess): { session: CollabSession | null; refused: boolean } {
  const [session, setSession] = useState<CollabSession | null>(null)
  const [generation, setGeneration] = useState(0)
  const [refused, setRefused] = useState(false)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of access level is applied below, without reopening the document; generation reopens it
  useEffect(() => {
    const opened = new CollabSession(documentId, userId, access)
    let discarded = false
    const onClose = (event: CloseEvent | null) => {
      if (event?.code !== CLOSE_SUGGESTION_REFUSED || discarded) return
      // At once, before the provider reconnects and sends the refused update again.
      discarded = true
      setRefused(true)
      setSession(null)
      void opened.discard().then(() => setGeneration((n) => n + 1))
    }
    opened.provider.on('connection-close', onClose)
    setSession(opened)
    return () => {
      opened.provider.off('connection-close', onClose)
      if (!discarded) opened.destroy()
      setSession(null)
    }
  }, [documentId, userId, generation])
  useEffect(() => session?.setAccess(access), [session, access])
  return { session, refused }
}

const NO_SESSION: CollabSnapshot = { status: 'connecting', unsaved: false, endedWith: null }
const noop = () => () => {}

export function useCollabStatus(session: CollabSession | null): CollabSnapshot {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getSnapshot ?? (() => NO_SESSION))
}
