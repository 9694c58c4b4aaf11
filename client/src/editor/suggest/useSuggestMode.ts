import { useCallback, useState } from 'react'
import type { OpenAccess } from '../../../../shared/policy'

const storageKey = (documentId: string) => `atelier:suggesting:${documentId}`

function remembered(documentId: string): boolean {
  try {
    return localStorage.getItem(storageKey(documentId)) === '1'
  } catch {
    return false
  }
}

/**
 * Whether this person's edits become suggestions: always for those who may only suggest; a
 * writer's own choice (« Modifier / Suggérer »), remembered per document on this device.
 */
export function useSuggestMode(documentId: string, access: OpenAccess) {
  const [chosen, setChosen] = useState(() => remembered(documentId))
  const choose = useCallback(
    (suggesting: boolean) => {
      setChosen(suggesting)
      try {
        if (suggesting) localStorage.setItem(storageKey(documentId), '1')
        else localStorage.removeItem(storageKey(documentId))
      } catch {
        // Private browsing may refuse storage: the choice then lasts as long as the page.
      }
    },
    [documentId],
  )
  const suggesting = access === 'suggest' || (access === 'write' && chosen)
  return { suggesting, choose: access === 'write' ? choose : undefined }
}
