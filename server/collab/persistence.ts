import * as Y from 'yjs'
import type { Logger } from 'pino'
import type { Db } from '../db/db'
import {
  appendUpdates, loadState, saveSnapshot, writeContent, type PendingUpdate, type StoredState,
} from '../data/live-documents'
import { plainText, readProsemirror } from './content'

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

/**
 * Durable storage of live documents. Every update a writer sends is queued and written with
 * the others of the same moment in one multi-row insert; a failed write keeps its updates
 * and retries. Compaction folds a long log into a snapshot in the background.
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
  /** Sequence numbers of the last update queued and the last one stored; the queue is FIFO. */
  private enqueued = 0
  private written = 0
  private storedWaiters: { upTo: number; resolve: () => void }[] = []

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
    options: Partial<PersistenceOptions> = {},
  ) {
    this.options = { ...DEFAULTS, ...options }
  }

  async load(documentId: string): Promise<StoredState> {
    const state = await loadState(this.db, documentId)
    this.rowsAfterSnapshot.set(documentId, state.updates.length)
    return state
  }

  enqueue(documentId: string, userId: string | null, data: Uint8Array): void {
    this.pending.push({ documentId, userId, data, clientIds: [], seq: ++this.enqueued })
    this.schedule(this.options.flushMs)
  }

  /** Resolves once every update queued before the call is in the database, with the next regular batch. */
  stored(): Promise<void> {
    if (this.written >= this.enqueued) return Promise.resolve()
    return new Promise((resolve) => this.storedWaiters.push({ upTo: this.enqueued, resolve }))
  }

  hasPending(documentId?: string): boolean {
    return this.pending.some((u) => documentId === undefined || u.documentId === documentId)
  }

  /** Writes everything queued so far; resolves when it is in the database. */
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

  private async writeBatch(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const batch = mergeBatch(this.pending.splice(0))
    if (batch.length === 0) return
    const rows = batch.map((u) => ({ ...u, clientIds: u.clientIds.filter((c) => !this.knownClients.has(`${u.documentId}:${c}`)) }))
    try {
      await appendUpdates(this.db, rows)
      for (const u of rows) for (const c of u.clientIds) this.knownClients.add(`${u.documentId}:${c}`)
      this.retryMs = 0
      this.written = batch.at(-1)!.seq
      this.releaseStoredWaiters()
    } catch (err) {
      // Nothing is dropped: the batch goes back to the front of the queue and is retried.
      this.pending.unshift(...batch)
      this.retryMs = Math.min(MAX_RETRY_MS, Math.max(200, this.retryMs * 2))
      this.logger.error({ err, updates: batch.length, retryInMs: this.retryMs }, 'could not store document updates; will retry')
      throw err
    }
    for (const u of batch) {
      const rows = (this.rowsAfterSnapshot.get(u.documentId) ?? 0) + 1
      this.rowsAfterSnapshot.set(u.documentId, rows)
      const since = Date.now() - (this.lastCompaction.get(u.documentId) ?? 0)
      if (rows >= this.options.compactAfterRows && since >= this.options.compactEveryMs) void this.compact(u.documentId)
    }
  }

  private releaseStoredWaiters(): void {
    if (this.storedWaiters.length === 0) return
    const ready = this.storedWaiters.filter((w) => w.upTo <= this.written)
    this.storedWaiters = this.storedWaiters.filter((w) => w.upTo > this.written)
    for (const w of ready) w.resolve()
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
    // Merged outside any transaction: edits and other queries never wait for it.
    const doc = new Y.Doc()
    try {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const u of stored.updates) Y.applyUpdate(doc, u)
      const merged = Y.encodeStateAsUpdate(doc)
      if (await saveSnapshot(this.db, documentId, merged, stored.lastUpdateId, stored.snapshotUpTo)) {
        this.rowsAfterSnapshot.set(documentId, Math.max(0, (this.rowsAfterSnapshot.get(documentId) ?? 0) - stored.updates.length))
      }
    } finally {
      doc.destroy()
    }
  }

  async writeContent(documentId: string, doc: Y.Doc): Promise<void> {
    const json = readProsemirror(doc)
    await writeContent(this.db, documentId, plainText(json), json)
  }

  forget(documentId: string): void {
    this.rowsAfterSnapshot.delete(documentId)
    this.lastCompaction.delete(documentId)
    for (const key of this.knownClients) if (key.startsWith(`${documentId}:`)) this.knownClients.delete(key)
  }
}

type Queued = PendingUpdate & { seq: number }

/** Consecutive updates of one person on one document become one row: keystrokes are not rows. */
function mergeBatch(updates: Queued[]): Queued[] {
  const groups: Queued[][] = []
  for (const u of updates) {
    const last = groups.at(-1)
    if (last && last[0]!.documentId === u.documentId && last[0]!.userId === u.userId) last.push(u)
    else groups.push([u])
  }
  return groups.map((group) => {
    const data = group.length === 1 ? group[0]!.data : Y.mergeUpdates(group.map((u) => u.data))
    return { ...group[0]!, data, clientIds: [...Y.parseUpdateMeta(data).from.keys()], seq: group.at(-1)!.seq }
  })
}
