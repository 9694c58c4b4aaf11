import { useEffect, useState, useSyncExternalStore } from 'react'
import type { OpenAccess } from '../../../shared/policy'
import { CollabSession, type CollabSnapshot } from '../collab/session'

/** The open document for this screen: created on mount, closed (and flushed to IndexedDB) on leave. */
export function useCollabSession(documentId: string, userId: string, access: OpenAccess): CollabSession | null {
  const [session, setSession] = useState<CollabSession | null>(null)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of access level is applied below, without reopening the document
  useEffect(() => {
    const opened = new CollabSession(documentId, userId, access)
    setSession(opened)
    return () => {
      opened.destroy()
      setSession(null)
    }
  }, [documentId, userId])
  useEffect(() => session?.setAccess(access), [session, access])
  return session
}

const NO_SESSION: CollabSnapshot = { status: 'connecting', unsaved: false, endedWith: null }
const noop = () => () => {}

export function useCollabStatus(session: CollabSession | null): CollabSnapshot {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getSnapshot ?? (() => NO_SESSION))
}
