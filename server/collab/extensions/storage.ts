import { storedUpdates } from '../../data/live-documents'
import type { RoomExtension, RoomExtensionFactory } from '../extension'
import { EditOrigin, REPAIR_FROM_PEER } from '../origins'
import type { Persistence } from '../persistence'

/** What the peers extension (peers.ts) needs of its document's storage. */
export interface DocumentStore {
  /**
   * The number storage gave a change in this instance's write queue when its onChange queued it
   * (0: not queued). Storage comes first in the extensions, so the change has been seen.
   */
  numberOf(update: Uint8Array): number
  /** Stores an update another instance relayed here. */
  keep(userId: string | null, update: Uint8Array): void
  /** Resolves once everything queued for the document so far is in the database. */
  stored(): Promise<void>
  /** Told each time this instance's updates of the document are in the database up to a number. */
  onWritten: ((upTo: number) => void) | undefined
}

/**
 * Storage of this instance's live documents, as their first extension: the document starts
 * from what is stored, each change made here is queued for the update log (persistence.ts
 * batches, retries, compacts), and at unload everything is written before the other extensions'
 * last work, then the log is compacted. The peers extension reaches a document's storage through
 * `of`, and hears through it what has been written.
 */
export class LiveStorage {
  private readonly live = new Map<string, DocumentStorage>()

  constructor(private readonly persistence: Persistence) {}

  readonly extension: RoomExtensionFactory = (doc) => {
    const storage = new DocumentStorage(doc.documentId, this.persistence, () => {
      if (this.live.get(doc.documentId) === storage) this.live.delete(doc.documentId)
    })
    this.live.set(doc.documentId, storage)
    return storage
  }

  /** The storage of a document loading or live here; for an extension that comes after storage. */
  of(documentId: string): DocumentStore {
    const storage = this.live.get(documentId)
    if (!storage) throw new Error('the storage extension must come before the extensions that use it')
    return storage
  }

  /** This instance's updates of a document are in the database up to `seq` (persistence's event). */
  written(documentId: string, seq: number): void {
    this.live.get(documentId)?.onWritten?.(seq)
  }
}

class DocumentStorage implements RoomExtension, DocumentStore {
  onWritten: ((upTo: number) => void) | undefined
  /** Each queued change's number, for as long as the change itself is kept. */
  private readonly numbers = new WeakMap<Uint8Array, number>()

  constructor(
    private readonly documentId: string,
    private readonly persistence: Persistence,
    /** This document no longer hears what is written (it is unloading, or dropped). */
    private readonly leave: () => void,
  ) {}

  async onLoad(): Promise<Uint8Array[]> {
    return storedUpdates(await this.persistence.load(this.documentId))
  }

  onChange(update: Uint8Array, origin: unknown): void {
    // The instance a writer is connected to stores its update; the others store it only if it
    // does not (see peers.ts). A writer whose socket closed while its paste was being applied still counts.
    if (origin instanceof EditOrigin) this.queue(origin.userId, update)
    // Yjs tidying formatting marks after a remote update: everyone here has just been sent it, so
    // it is stored (and relayed) too; it only deletes marks, so doing it twice is harmless.
    else if (origin === null) this.queue(null, update)
    // A peer's answer to "what do I lack": only what was new here (Yjs reports exactly that), possibly never stored by anyone.
    else if (origin === REPAIR_FROM_PEER) this.queue(null, update)
  }

  numberOf(update: Uint8Array): number {
    return this.numbers.get(update) ?? 0
  }

  keep(userId: string | null, update: Uint8Array): void {
    this.persistence.enqueue(this.documentId, userId, update)
  }

  stored(): Promise<void> {
    return this.persistence.stored(this.documentId)
  }

  onStop(): void {
    this.leave()
  }

  /** First of the extensions' last work, so the others find every update stored. */
  async beforeUnload(extras: boolean): Promise<void> {
    await this.persistence.flush()
    // Compaction is maintenance: skipped when the server is stopping, done at the next unload.
    if (extras && !this.persistence.hasPending(this.documentId)) await this.persistence.compact(this.documentId)
    this.persistence.forget(this.documentId)
  }

  private queue(userId: string | null, update: Uint8Array): void {
    this.numbers.set(update, this.persistence.enqueue(this.documentId, userId, update))
  }
}
