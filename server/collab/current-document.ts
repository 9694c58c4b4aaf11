import * as Y from 'yjs'
import type { Queryable } from '../db/db'
import { loadState } from '../data/live-documents'
import type { CollabHub } from './hub'

/**
 * Reads a document as it is now: this instance's live copy when it has one, else what storage
 * holds (at most one write batch behind another instance's live copy). `read` must not keep
 * or change the document.
 */
export async function readCurrentDocument<T>(hub: CollabHub, db: Queryable, documentId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const live = await hub.liveDocument(documentId)
  if (live) return read(live)
  const stored = await loadState(db, documentId)
  const doc = new Y.Doc()
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return read(doc)
  } finally {
    doc.destroy()
  }
}
