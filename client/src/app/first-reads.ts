import type { DocumentSummary } from '../../../shared/api'
import { endpoints } from '../api'

/**
 * Reads the first screen will need, asked for as the app starts, beside the session: the
 * screen would otherwise ask only once it knows who is signed in, a round trip later on a slow
 * line. Only a document opened straight from its address, the common warm visit. A read that
 * fails (signed out, say) is simply asked again by the screen.
 */
const started = new Map<string, Promise<DocumentSummary | undefined>>()

export function startFirstReads(path: string = window.location.pathname): void {
  const document = /^\/documents\/([0-9a-f-]{36})$/.exec(path)?.[1]
  if (document)
    started.set(
      document,
      endpoints.document(document).catch(() => undefined),
    )
}

/** The document's summary, taking what the start asked for if it is this one. */
export function firstDocumentRead(documentId: string, signal: AbortSignal): Promise<DocumentSummary> {
  const early = started.get(documentId)
  started.delete(documentId)
  const fresh = () => endpoints.document(documentId, { signal })
  return early ? early.then((summary) => summary ?? fresh()) : fresh()
}
