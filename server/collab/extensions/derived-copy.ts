import type { Logger } from 'pino'
import type { DocumentThread } from '../../documents/thread'
import type { Persistence } from '../persistence'
import type { RoomExtensionFactory } from '../extension'

/**
 * The document's derived copy (plain text and ProseMirror JSON, in doc_content), computed on
 * the document thread and rewritten whole a while after the last change: the larger the
 * document, the longer the wait (`debounceMs` up to 1 MiB, then as much again per MiB), so a
 * big document is not rewritten every few seconds. Refreshed at unload if a change is pending.
 */
export function derivedCopy(deps: { documents: DocumentThread; persistence: Persistence; logger: Logger; debounceMs: number }): RoomExtensionFactory {
  return (doc) => {
    let timer: NodeJS.Timeout | undefined
    let stale = false
    let stopped = false
    const write = async () => {
      const derived = await deps.documents.job({ live: doc.documentId }, { kind: 'derive' })
      await deps.persistence.writeDerived(doc.documentId, derived)
    }
    return {
      onChange() {
        // Changes still being applied while it unloads are written by beforeUnload.
        if (stopped) {
          stale = true
          return
        }
        clearTimeout(timer)
        timer = setTimeout(
          () => {
            timer = undefined
            write().catch((err) => deps.logger.error({ err, documentId: doc.documentId }, 'could not refresh the derived document copy'))
          },
          deps.debounceMs * Math.max(1, doc.bytes / 2 ** 20),
        )
      },
      onStop() {
        stopped = true
        stale = timer !== undefined
        clearTimeout(timer)
        timer = undefined
      },
      async beforeUnload(extras) {
        if (extras && stale) await write()
      },
    }
  }
}
