import type { DocumentJob, DocumentTask } from './jobs'

/** What the main thread and the document thread say to each other (structured-clone messages). */

/** A live document's replica, or a stored state named by document and stored version (sent on a miss). */
export type Source = { live: string } | { key: string; updates?: Uint8Array[] }

export type ThreadRequest =
  | { type: 'open'; documentId: string; updates: Uint8Array[] }
  | { type: 'apply'; documentId: string; update: Uint8Array }
  | { type: 'close'; documentId: string }
  | { type: 'job'; id: number; source: Source; job: DocumentJob }
  | { type: 'task'; id: number; task: DocumentTask }

/** `missing`: the replica is not open, or the stored state is not kept any more (send it). id 0: a failure with no request to answer. */
export type ThreadReply = { id: number; value: unknown } | { id: number; missing: true } | { id: number; error: { name: string; message: string } }
