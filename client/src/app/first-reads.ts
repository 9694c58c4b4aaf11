import type { DocumentSummary } from '../../../shared/api'
import { endpoints } from '../api'
import { keptAnswer } from '../offline/api-cache'

/**
 * Reads the first screen will need, asked for as the app starts, beside the session: the
 * screen would otherwise ask only once it knows who is signed in, a round trip later on a slow
 * line. Only a document opened straight from its address, the common warm visit. A read that
 * fails (signed out, say) is simply asked again by the screen.
 */
const started = new Map<string, Promise<DocumentSummary | undefined>>()
const kept = new Map<string, Promise<DocumentSummary | undefined>>()

export function startFirstReads(path: string = window.location.pathname): void {
  const document = /^\/documents\/([0-9a-f-]{36})$/.exec(path)?.[1]
  if (!document) return
  started.set(
    document,
    endpoints.document(document).catch(() => undefined),
  )
  kept.set(document, keptDocument(document))
}

const keptDocument = (documentId: string) => keptAnswer<DocumentSummary>(`/api/documents/${documentId}`).catch(() => undefined)

/**
 * The summary kept on this device from the last visit (service worker cache), if any: the
 * editor opens from it and its local copy at once, without waiting a round trip for the server's
 * answer, which replaces it as soon as it arrives (the server decides what the socket may do).
 */
export function keptDocumentRead(documentId: string): Promise<DocumentSummary | undefined> {
  return take(kept, documentId) ?? keptDocument(documentId)
}

/** The document's summary, taking what the start asked for if it is this one. */
export function firstDocumentRead(documentId: string, signal: AbortSignal): Promise<DocumentSummary> {
  const early = take(started, documentId)
  const fresh = () => endpoints.document(documentId, { signal })
  return early ? early.then((summary) => summary ?? fresh()) : fresh()
}

/** What the start asked for about this document, once: a later visit of it asks afresh. */
function take<T>(reads: Map<string, T>, documentId: string): T | undefined {
  const early = reads.get(documentId)
  reads.delete(documentId)
  return early
}
