import * as Y from 'yjs'
import type { Queryable } from '../db/db'
import { loadState, storedVersion } from '../data/live-documents'
import type { CollabHub } from './hub'

/** Stored copies kept for reuse: everyone refetching comments after a change reads storage once. */
const MAX_KEPT = 8

/**
 * Reads documents as they are now: this instance's live copy when it has one, else what storage
 * holds (at most one write batch behind another instance's live copy). A stored copy is reused
 * while storage still holds that version. `read` must not keep or change the document.
 */
export class DocumentReader {
  /** Oldest first (a Map keeps insertion order). */
  private readonly kept = new Map<string, { version: number; doc: Promise<Y.Doc> }>()

  constructor(
    private readonly hub: CollabHub,
    private readonly db: Queryable,
  ) {}

  async read<T>(documentId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const live = await this.hub.liveDocument(documentId)
    if (live) return read(live)
    const version = await storedVersion(this.db, documentId)
    let entry = this.kept.get(documentId)
    this.kept.delete(documentId)
    if (entry?.version !== version) entry = { version, doc: this.load(documentId) }
    this.kept.set(documentId, entry)
    for (const id of this.kept.keys()) {
      if (this.kept.size <= MAX_KEPT) break
      this.kept.delete(id)
    }
    try {
      return read(await entry.doc)
    } catch (err) {
      if (this.kept.get(documentId) === entry) this.kept.delete(documentId)
      throw err
    }
  }

  private async load(documentId: string): Promise<Y.Doc> {
    const stored = await loadState(this.db, documentId)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const update of stored.updates) Y.applyUpdate(doc, update)
    return doc
  }
}
