import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import { CLOSE_SUGGESTION_REFUSED, SUGGESTION_TOO_LARGE } from '../../../shared/collab'
import type { OpenAccess } from '../../../shared/policy'
import { forgetKeptVersion, type KeptVersion, keepVersion, keptVersion } from '../collab/kept-versions'
import { CollabSession, type CollabSnapshot } from '../collab/session'
import { versionCopy } from './version-copy'

/**
 * The open document for this screen: created on mount, closed (and flushed to IndexedDB) on
 * leave. When the server refuses one of this person's suggestions (CLOSE_SUGGESTION_REFUSED),
 * this device's copy is thrown away and the document opened afresh; its text is kept first
 * (`kept`, until `forget`), so that nothing typed is lost with it.
 */
export function useCollabSession(
  documentId: string,
  userId: string,
  access: OpenAccess,
): { session: CollabSession | null; kept: KeptVersion | null; forget: () => void } {
  const [session, setSession] = useState<CollabSession | null>(null)
  const [generation, setGeneration] = useState(0)
  const [kept, setKept] = useState(() => ({ documentId, version: keptVersion(userId, documentId) }))
  if (kept.documentId !== documentId) setKept({ documentId, version: keptVersion(userId, documentId) })
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of access level is applied below, without reopening the document; generation reopens it
  useEffect(() => {
    const opened = new CollabSession(documentId, userId, access)
    let discarded = false
    const onClose = (event: CloseEvent | null) => {
      if (event?.code !== CLOSE_SUGGESTION_REFUSED || discarded) return
      // At once, before the provider reconnects and sends the refused update again.
      discarded = true
      const version = { keptAt: new Date().toISOString(), tooLarge: event.reason.startsWith(SUGGESTION_TOO_LARGE), ...versionCopy(opened.doc, userId) }
      keepVersion(userId, documentId, version)
      setKept({ documentId, version })
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
  const forget = useCallback(() => {
    forgetKeptVersion(userId, documentId)
    setKept({ documentId, version: null })
  }, [userId, documentId])
  return { session, kept: kept.version, forget }
}

const NO_SESSION: CollabSnapshot = { status: 'connecting', unsaved: false, endedWith: null }
const noop = () => () => {}

export function useCollabStatus(session: CollabSession | null): CollabSnapshot {
  return useSyncExternalStore(session?.subscribe ?? noop, session?.getSnapshot ?? (() => NO_SESSION))
}
