import type { SpaceRef } from '../../shared/domain'
import type { CommentsChanged } from '../../shared/comments-message'
import type { Connection } from './connection'
import { CLOSE } from './connection'
import type { AccessChecks, Verdict } from './access-check'
import type { Fanout } from './fanout'
import type { Persistence } from './persistence'
import { encodeCommentsChanged } from './protocol'
import { Room, type RoomDeps, type RoomOptions } from './room'

export type HubOptions = RoomOptions & {
  /** A peer's update not confirmed stored by its origin within this long is stored here. */
  peerGraceMs: number
  /** The derived text/ProseMirror copy is refreshed this long after the last change. */
  contentDebounceMs: number
  /** An automatic version is stored once the document has been unchanged this long after an edit. */
  versionIdleMs: number
  /** A document stays loaded this long after its last connection leaves, for quick reconnects. */
  unloadDelayMs: number
  maxConnectionsPerDocument: number
}

/** `edits`: server edits in progress, which keep the document loaded like a connection. */
type Entry = { room: Promise<Room>; unloadTimer?: NodeJS.Timeout; edits: number }

/** setTimeout's longest wait; a later expiry is checked then, and waited for again. */
const MAX_TIMER_MS = 2 ** 31 - 1

/**
 * The live documents of this instance: loads one on its first connection, unloads it after
 * the last one leaves (once its writes are stored), and closes everything on shutdown.
 */
export class CollabHub {
  private readonly entries = new Map<string, Entry>()
  /** Every connection from its upgrade to its close, including those whose document is still loading. */
  private readonly members = new Set<Connection>()
  /** When each open connection's credential expires, it is checked again. */
  private readonly expiryTimers = new Map<Connection, NodeJS.Timeout>()
  private epoch = 0
  /** Documents being unloaded: when every change they accepted is applied (and so queued for storage), and when they are gone. */
  private readonly unloading = new Map<string, { stopped: Promise<void>; done: Promise<void> }>()
  private accepting = true

  constructor(
    private readonly deps: Omit<RoomDeps, 'options'> & {
      options: HubOptions
      access: AccessChecks
      /** Every document's storage: asked when nothing of a document is live here, and written out at shutdown. */
      persistence: Persistence
      /** Comment changes reach the other instances through it, whether they hold the document live or not. */
      fanout: Fanout
    },
  ) {}

  get options(): HubOptions {
    return this.deps.options
  }

  /** Counts access changes, so a connection admitted before one is checked again before it attaches. */
  get accessEpoch(): number {
    return this.epoch
  }

  connectionCount(documentId: string): number {
    let n = 0
    for (const c of this.members) if (c.documentId === documentId) n++
    return n
  }

  /** Adds a connection; resolves once its document is loaded and the sync has started. */
  async join(connection: Connection): Promise<void> {
    const { documentId, space } = connection
    this.members.add(connection)
    await this.unloading.get(documentId)?.done
    if (!this.accepting) {
      connection.close(CLOSE.restarting, 'server restarting')
      return
    }
    const entry = this.open(documentId, space)
    let room: Room
    try {
      room = await entry.room
    } catch {
      connection.close(CLOSE.loadFailed, 'the document could not be loaded; try again shortly')
      return
    }
    if (connection.epoch !== this.accessEpoch) {
      // Rights changed somewhere between the upgrade and now: ask again before letting it in.
      try {
        const verdict = await this.deps.access.round()(connection)
        if (verdict !== connection.access) closeFor(connection, verdict)
      } catch (err) {
        // Unanswerable now (the database is out of reach, or closing): not let in on a guess.
        this.deps.logger.warn({ err, documentId }, 'could not check a joining connection again; it will retry')
        connection.close(CLOSE.loadFailed, 'the document could not be opened; try again shortly')
      }
    }
    if (connection.isClosed) return this.leftRoom(documentId, room)
    room.connections.add(connection)
    connection.attach(room)
    this.watchExpiry(connection)
  }

  /**
   * A socket lives no longer than what it was opened with: when its session or collab token
   * expires, it is checked again, and closed (4401) unless that was extended meanwhile (a
   * session in use, a renewed token).
   */
  private watchExpiry(connection: Connection): void {
    this.checkExpiryIn(connection, Math.min(MAX_TIMER_MS, Math.max(0, connection.expiresAt.getTime() - Date.now())))
  }

  private checkExpiryIn(connection: Connection, ms: number): void {
    this.expiryTimers.set(
      connection,
      setTimeout(() => void this.expired(connection), ms),
    )
  }

  private async expired(connection: Connection): Promise<void> {
    this.expiryTimers.delete(connection)
    if (connection.isClosed) return
    try {
      const until = await this.deps.access.expiry(connection.credential)
      if (connection.isClosed) return
      if (!until || until.getTime() <= Date.now()) return closeFor(connection, 'session-ended')
      connection.expiresAt = until
      this.watchExpiry(connection)
    } catch (err) {
      // The database is out of reach: look again shortly rather than close on a guess.
      this.deps.logger.warn({ err, documentId: connection.documentId }, 'could not check an expiring connection; will retry')
      this.checkExpiryIn(connection, 5_000)
    }
  }

  /** The document's room, loading it if needed, kept from unloading until the caller is done. */
  private open(documentId: string, space: SpaceRef): Entry {
    let entry = this.entries.get(documentId)
    if (!entry) {
      const room = new Room(documentId, space, this.deps)
      const created: Entry = { room: room.load().then(() => room), edits: 0 }
      entry = created
      this.entries.set(documentId, created)
      created.room.catch((err) => {
        // Nothing was written for a document that did not load; forget it so the next connection retries.
        this.deps.logger.error({ err, documentId }, 'could not load a document')
        if (this.entries.get(documentId) === created) this.entries.delete(documentId)
        room.discard()
      })
    }
    clearTimeout(entry.unloadTimer)
    entry.unloadTimer = undefined
    return entry
  }

  /**
   * Makes an edit for a user on the live document (loading it here if no one has it open):
   * connected clients and other instances get it like any writer's edit, and it is stored as
   * that user's. `change` computes the edit once the document is live here (its replica can be
   * read); `then` runs just after the edit, while the document is still kept live.
   */
  async edit<T>(documentId: string, space: SpaceRef, userId: string, change: () => Promise<Uint8Array>, then: () => Promise<T>): Promise<T> {
    await this.unloading.get(documentId)?.done
    if (!this.accepting) throw new Error('server shutting down')
    const entry = this.open(documentId, space)
    entry.edits++
    try {
      const room = await entry.room
      await room.applyServerEdit(userId, await change())
      return await then()
    } finally {
      entry.edits--
      whenLoaded(entry, (room) => this.leftRoom(documentId, room))
    }
  }

  /** Resolves once every edit accepted here so far (on one document, or all) is stored. */
  async stored(documentId?: string): Promise<void> {
    if (documentId !== undefined) {
      const room = await this.entries.get(documentId)?.room.catch(() => undefined)
      if (room) return room.stored()
    }
    return this.deps.persistence.stored(documentId)
  }

  leave(connection: Connection): void {
    connection.markClosed()
    this.members.delete(connection)
    clearTimeout(this.expiryTimers.get(connection))
    this.expiryTimers.delete(connection)
    const { documentId } = connection
    const entry = this.entries.get(documentId)
    if (!entry) return
    whenLoaded(entry, (room) => {
      if (!room.connections.delete(connection)) return
      room.removePresence(connection)
      this.leftRoom(documentId, room)
    })
  }

  private leftRoom(documentId: string, room: Room): void {
    const entry = this.entries.get(documentId)
    if (!entry || room.connections.size > 0 || entry.edits > 0 || entry.unloadTimer) return
    entry.unloadTimer = setTimeout(() => void this.unload(documentId, room), this.deps.options.unloadDelayMs)
  }

  private async unload(documentId: string, room: Room): Promise<void> {
    const entry = this.entries.get(documentId)
    if (!entry || room.connections.size > 0 || entry.edits > 0) return
    this.entries.delete(documentId)
    const stopped = room.stop()
    const done = stopped
      .then(() => room.unload(this.accepting))
      .catch((err) => this.deps.logger.error({ err, documentId }, 'error while unloading a document'))
      .finally(() => this.unloading.delete(documentId))
    this.unloading.set(documentId, { stopped: stopped.catch(() => {}), done })
    await done
  }

  /**
   * Someone's rights may have changed: every selected connection, loaded or still loading, is
   * asked about again, and closed if its level is no longer the one it was opened with.
   */
  async accessChanged(select: (c: Connection) => boolean): Promise<number> {
    this.epoch++
    const check = this.deps.access.round()
    let closed = 0
    for (const c of [...this.members]) {
      if (c.isClosed || !select(c)) continue
      const verdict = await check(c)
      if (verdict === c.access) continue
      closeFor(c, verdict)
      closed++
    }
    return closed
  }

  /** Whether this instance holds the document live (its replica on the document thread can be read). */
  async isLive(documentId: string): Promise<boolean> {
    const entry = this.entries.get(documentId)
    if (!entry) return false
    return entry.room.then(
      () => true,
      () => false,
    )
  }

  /**
   * The database refused a document's changes for good: its sockets close (clients keep their
   * copies and retry later) and its live copy is dropped without being written.
   */
  storageFailed(documentId: string): void {
    const entry = this.entries.get(documentId)
    for (const c of this.members) if (c.documentId === documentId) c.close(CLOSE.loadFailed, 'the document could not be saved; try again shortly')
    if (!entry) return
    this.entries.delete(documentId)
    clearTimeout(entry.unloadTimer)
    whenLoaded(entry, (room) => room.discard())
  }

  /** A comment thread changed: tell the sockets that asked, on this instance and on every other. */
  commentsChanged(documentId: string, message: CommentsChanged): void {
    const frame = encodeCommentsChanged(message)
    whenLoaded(this.entries.get(documentId), (room) => room.sendComments(frame))
    this.deps.fanout.publish(documentId, 'comments', frame)
  }

  /** Stops taking connections, closes every socket (clients reconnect elsewhere), stores everything. */
  async shutdown(): Promise<void> {
    this.accepting = false
    for (const timer of this.expiryTimers.values()) clearTimeout(timer)
    this.expiryTimers.clear()
    for (const c of this.members) c.close(CLOSE.restarting, 'server restarting')
    const pending = [...this.entries.values()]
    this.entries.clear()
    // Stopping must be quick (a container gets ~10 s): store every update, leave the rest for next time.
    await Promise.allSettled(
      pending.map(async (e) => {
        clearTimeout(e.unloadTimer)
        const room = await e.room
        await room.stop()
        await room.unload(false)
      }),
    )
    // Documents already unloading: once their changes are applied, everything queued is written.
    await Promise.allSettled([...this.unloading.values()].map((u) => u.stopped))
    await this.deps.persistence.flush()
  }
}

/** Runs `fn` on the entry's room once it is loaded; a room that failed to load needs nothing (open() dealt with it). */
function whenLoaded(entry: Entry | undefined, fn: (room: Room) => void): void {
  void entry?.room.then(fn, () => {})
}

/** Removed or signed out: final (the provider stops). Another level: reconnect and get it. */
function closeFor(connection: Connection, verdict: Verdict): void {
  if (verdict === 'session-ended') connection.close(CLOSE.sessionEnded, 'session ended')
  else if (verdict === 'none') connection.close(CLOSE.accessRevoked, 'access revoked')
  else connection.close(CLOSE.levelChanged, 'access level changed; reconnect')
}
