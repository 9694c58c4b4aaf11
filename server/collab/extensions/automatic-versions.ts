import type { DocumentThread } from '../../documents/thread'
import type { AutomaticVersions } from '../../versions/record'
import { EditOrigin } from '../origins'
import type { RoomExtensionFactory } from '../extension'

/**
 * An automatic version once the document has been quiet for `idleMs` after an edit made on this
 * instance, and at unload if edited since. Peers' edits are their own instance's to snapshot, so
 * one edit is never captured twice.
 */
export function automaticVersions(deps: { versions: AutomaticVersions; documents: DocumentThread; idleMs: number }): RoomExtensionFactory {
  return (doc) => {
    let idle: NodeJS.Timeout | undefined
    let changedHere = false
    let stopped = false
    const store = async () => {
      if (!changedHere) return
      changedHere = false
      await deps.versions.automatic(doc.documentId, doc.space, () => deps.documents.job({ live: doc.documentId }, { kind: 'capture' }))
    }
    return {
      onChange(_update, origin) {
        if (!(origin instanceof EditOrigin)) return
        changedHere = true
        // Edits still being applied while it unloads are captured by beforeUnload.
        if (stopped) return
        clearTimeout(idle)
        idle = setTimeout(() => {
          idle = undefined
          void store()
        }, deps.idleMs)
      },
      onStop() {
        stopped = true
        clearTimeout(idle)
        idle = undefined
      },
      async beforeUnload(extras) {
        if (extras) await store()
      },
    }
  }
}
