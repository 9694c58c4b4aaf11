import type { Logger } from 'pino'
import type { Db } from '../db/db'
import { isTransient } from '../db/errors'
import { appendUpdates, loadState, saveSnapshot, storedUpdates, writeContent, type PendingUpdate, type StoredState } from '../data/live-documents'
import { mergeUpdates, type Derived } from '../documents/jobs'
import { INLINE_BYTES } from './apply-queue'
import type { DocumentThread } from '../documents/thread'

export type PersistenceOptions = {
  /** Updates wait at most this long before their batch is written (the promise is 250 ms). */
  flushMs: number
  /** Fold the log into the snapshot once a document has this many rows after it… */
  compactAfterRows: number
  /** …but not more often than this: it is maintenance, and a busy document must not pay for it. */
  compactEveryMs: number
}

const DEFAULTS: PersistenceOptions = { flushMs: 100, compactAfterRows: 500, compactEveryMs: 60_000 }
const MAX_RETRY_MS = 5_000

/** What storage tells the live documents. */
export type StorageEvents = {
  /** The database refused a document's updates for good (not an outage): its live copy can no longer be saved. */
  failed(documentId: string, err: unknown): void
  /** Every update of the document queued up to `seq` (see enqueue) is in the database. */
  written(documentId: string, seq: number): void
}

type Queued = PendingUpdate & { seq: number }
/** A written row: consecutive updates merged, from sequence number firstSeq to seq. */
type Row = Queued & { firstSeq: number }
type Waiter = { documentId: string | undefined; upTo: number; resolve: () => void; reject: (err: Error) => void }

/**
 * Durable storage of live documents. Every update a writer sends is queued and written with
 * the others of the same moment in one multi-row insert; merging and compaction run on the
 * document thread. A write that fails for a passing reason (the database restarting) keeps its
 * updates and retries; one that the database refuses for good fails only its own document, whose
 * sockets are then closed (StorageEvents.failed), while every other document goes on being stored.
 */
export class Persistence {
  private pending: Queued[] = []
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> | undefined
  private retryMs = 0
  private readonly rowsAfterSnapshot = new Map<string, number>()
  private readonly compacting = new Map<string, Promise<void>>()
  private readonly lastCompaction = new Map<string, number>()
  /** (document, Yjs client) pairs already recorded, so each flush inserts only new authorship. */
  private readonly knownClients = new Set<string>()
  private readonly options: PersistenceOptions
  private enqueued = 0
  /** Sequence numbers queued or being written: an update is settled once it leaves this set. */
  private readonly unsettled = new Map<number, string>()
  private waiters: Waiter[] = []
  /** Documents refused for good, with the reason, until they are forgotten. */
  private readonly failed = new Map<string, Error>()

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    private readonly documents: DocumentThread,
    private readonly events: StorageEvents,
    options: Partial<PersistenceOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options }
  }

  async load(documentId: string): Promise<StoredState> {
    const state = await loadState(this.db, documentId)
    this.rowsAfterSnapshot.set(documentId, state.updates.length)
    this.failed.delete(documentId)
    return state
  }

  /** Queues an update for the next batch; returns its number (0: refused, the document cannot be stored). */
  enqueue(documentId: string, userId: string | null, data: Uint8Array): number {
    if (this.failed.has(documentId)) return 0
    const seq = ++this.enqueued
    this.pending.push({ documentId, userId, data, clientIds: [], seq })
    this.unsettled.set(seq, documentId)
    this.schedule(this.options.flushMs)
    return seq
  }

  /**
   * Resolves once every update queued before the call (of one document, or of all) is in the
   * database; rejects if that document's updates were refused for good.
   */
  stored(documentId?: string): Promise<void> {
    const refused = documentId === undefined ? undefined : this.failed.get(documentId)
    if (refused) return Promise.reject(refused)
    const upTo = this.enqueued
    if (!this.waitsFor({ documentId, upTo })) return Promise.resolve()
    return new Promise((resolve, reject) => this.waiters.push({ documentId, upTo, resolve, reject }))
  }

  hasPending(documentId?: string): boolean {
    return this.pending.some((u) => documentId === undefined || u.documentId === documentId)
  }

  /** Writes everything queued so far; resolves when it is in the database (or refused for good). */
  async flush(): Promise<void> {
    while (this.flushing || this.pending.length > 0) {
      if (this.flushing) {
        await this.flushing.catch(() => {})
        continue
      }
      this.flushing = this.writeBatch().finally(() => (this.flushing = undefined))
      try {
        await this.flushing
      } catch {
        await new Promise((resolve) => setTimeout(resolve, this.retryMs))
      }
    }
  }

  private schedule(delay: number): void {
    if (this.timer || this.flushing) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.flushing = this.writeBatch()
        .catch(() => {})
        .finally(() => {
          this.flushing = undefined
          if (this.pending.length > 0) this.schedule(this.retryMs || this.options.flushMs)
        })
    }, delay)
  }

  /** Throws (after putting the updates back) when the database is out of reach: the caller retries. */
  private async writeBatch(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const batch = this.pending.splice(0)
    if (batch.length === 0) return
    let rows: Row[]
    try {
      rows = await this.mergeBatch(batch)
    } catch (err) {
      this.pending.unshift(...batch)
      throw err
    }
    try {
      await appendUpdates(this.db, rows)
      this.written(rows)
      this.retryMs = 0
      return
    } catch (err) {
      if (isTransient(err)) return this.retryLater(batch, err)
    }
    // Refused: find out which document it is, each in a transaction of its own.
    const outage: Queued[] = []
    let lastOutage: unknown
    for (const [documentId, own] of groupBy(rows, (r) => r.documentId)) {
      try {
        await appendUpdates(this.db, own)
        this.written(own)
      } catch (err) {
        if (isTransient(err)) {
          outage.push(...batch.filter((u) => u.documentId === documentId))
          lastOutage = err
        } else this.refuse(documentId, err, batch)
      }
    }
    this.retryMs = 0
    if (outage.length > 0) this.retryLater(outage, lastOutage)
  }

  private retryLater(updates: Queued[], err: unknown): never {
    // Nothing is dropped: the updates go back to the front of the queue and are retried.
    this.pending.unshift(...updates)
    this.retryMs = Math.min(MAX_RETRY_MS, Math.max(200, this.retryMs * 2))
    this.logger.error({ err, updates: updates.length, retryInMs: this.retryMs }, 'could not store document updates; will retry')
    throw err
  }

  private written(rows: Row[]): void {
    for (const u of rows) for (const c of u.clientIds) this.knownClients.add(`${u.documentId}:${c}`)
    for (const u of rows) for (let seq = u.firstSeq; seq <= u.seq; seq++) this.unsettled.delete(seq)
    this.releaseWaiters()
    const upTo = new Map<string, number>()
    for (const u of rows) upTo.set(u.documentId, Math.max(u.seq, upTo.get(u.documentId) ?? 0))
    for (const [documentId, seq] of upTo) this.events.written(documentId, seq)
    for (const u of rows) {
      const count = (this.rowsAfterSnapshot.get(u.documentId) ?? 0) + 1
      this.rowsAfterSnapshot.set(u.documentId, count)
      const since = Date.now() - (this.lastCompaction.get(u.documentId) ?? 0)
      if (count >= this.options.compactAfterRows && since >= this.options.compactEveryMs) void this.compact(u.documentId)
    }
  }

  /** A document the database refuses: its updates leave the queue, its waiters fail, its sockets close. */
  private refuse(documentId: string, err: unknown, batch: Queued[]): void {
    const reason = new Error(`the database refused this document's changes: ${(err as Error).message}`)
    this.failed.set(documentId, reason)
    this.pending = this.pending.filter((u) => u.documentId !== documentId)
    for (const [seq, doc] of this.unsettled) if (doc === documentId) this.unsettled.delete(seq)
    const lost = batch.filter((u) => u.documentId === documentId).length
    this.logger.error({ err, documentId, updates: lost }, 'the database refused a document’s updates; closing its connections')
    for (const w of this.waiters.filter((w) => w.documentId === documentId)) w.reject(reason)
    this.waiters = this.waiters.filter((w) => w.documentId !== documentId)
    this.releaseWaiters()
    this.events.failed(documentId, err)
  }

  private waitsFor(w: Pick<Waiter, 'documentId' | 'upTo'>): boolean {
    for (const [seq, doc] of this.unsettled) {
      if (seq <= w.upTo && (w.documentId === undefined || doc === w.documentId)) return true
    }
    return false
  }

  private releaseWaiters(): void {
    if (this.waiters.length === 0) return
    const ready = this.waiters.filter((w) => !this.waitsFor(w))
    this.waiters = this.waiters.filter((w) => this.waitsFor(w))
    for (const w of ready) w.resolve()
  }

  /** Consecutive updates of one person on one document become one row: keystrokes are not rows. */
  private async mergeBatch(updates: Queued[]): Promise<Row[]> {
    const groups: Queued[][] = []
    for (const u of updates) {
      const last = groups.at(-1)
      if (last && last[0]!.documentId === u.documentId && last[0]!.userId === u.userId) last.push(u)
      else groups.push([u])
    }
    return Promise.all(
      groups.map(async (group) => {
        const updates = group.map((u) => u.data)
        // Keystrokes merge in microseconds here; a paste's parts on the document thread.
        const small = updates.reduce((n, u) => n + u.length, 0) <= INLINE_BYTES
        const merged = small ? mergeUpdates(updates) : await this.documents.task({ kind: 'merge', updates })
        const clientIds = merged.clients.filter((c) => !this.knownClients.has(`${group[0]!.documentId}:${c}`))
        return { ...group[0]!, data: merged.data, clientIds, firstSeq: group[0]!.seq, seq: group.at(-1)!.seq }
      }),
    )
  }

  /** Folds the stored log into the snapshot. Safe to run from several instances at once. */
  compact(documentId: string): Promise<void> {
    const running = this.compacting.get(documentId)
    if (running) return running
    this.lastCompaction.set(documentId, Date.now())
    const task = this.compactNow(documentId)
      .catch((err) => this.logger.error({ err, documentId }, 'compaction failed; the log is kept as it was'))
      .finally(() => this.compacting.delete(documentId))
    this.compacting.set(documentId, task)
    return task
  }

  private async compactNow(documentId: string): Promise<void> {
    const stored = await loadState(this.db, documentId)
    if (stored.updates.length === 0) return
    // Merged on the document thread, outside any transaction: edits and other queries never wait for it.
    const merged = await this.documents.task({ kind: 'fold', updates: storedUpdates(stored) })
    if (await saveSnapshot(this.db, documentId, merged, stored.lastUpdateId, stored.snapshotUpTo)) {
      this.rowsAfterSnapshot.set(documentId, Math.max(0, (this.rowsAfterSnapshot.get(documentId) ?? 0) - stored.updates.length))
    }
  }

  async writeDerived(documentId: string, derived: Derived): Promise<void> {
    await writeContent(this.db, documentId, derived.text, derived.prosemirrorJson)
  }

  forget(documentId: string): void {
    this.rowsAfterSnapshot.delete(documentId)
    this.lastCompaction.delete(documentId)
    this.failed.delete(documentId)
    for (const key of this.knownClients) if (key.startsWith(`${documentId}:`)) this.knownClients.delete(key)
  }
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  }
  return groups
}
