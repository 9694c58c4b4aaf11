import type { Logger } from 'pino'
import type { SpaceRef } from '../../shared/domain'
import type { Access, Connection } from './connection'
import { CLOSE } from './connection'
import type { Fanout } from './fanout'
import type { Persistence } from './persistence'
import { Room, type RoomOptions } from './room'

export type HubOptions = RoomOptions & {
  /** A document stays loaded this long after its last connection leaves, for quick reconnects. */
  unloadDelayMs: number
  maxConnectionsPerDocument: number
}

type Entry = { room: Promise<Room>; unloadTimer?: NodeJS.Timeout }

/**
 * The live documents of this instance: loads one on its first connection, unloads it after
 * the last one leaves (once its writes are stored), and closes everything on shutdown.
 */
export class CollabHub {
  private readonly entries = new Map<string, Entry>()
  private readonly loaded = new Set<Room>()
  private readonly unloading = new Map<string, Promise<void>>()
  private accepting = true

  constructor(
    private readonly deps: { persistence: Persistence; fanout: Fanout; logger: Logger; options: HubOptions },
  ) {}

  get options(): HubOptions {
    return this.deps.options
  }

  connectionCount(documentId: string): number {
    let n = 0
    for (const c of this.connections()) if (c.documentId === documentId) n++
    return n
  }

  /** Adds a connection; resolves once its document is loaded and the sync has started. */
  async join(connection: Connection): Promise<void> {
    const { documentId, space } = connection
    if (!this.accepting) {
      connection.close(CLOSE.restarting, 'server restarting')
      return
    }
    await this.unloading.get(documentId)
    let entry = this.entries.get(documentId)
    if (!entry) {
      const room = new Room(documentId, space, this.deps)
      entry = {
        room: room.load().then(() => {
          this.loaded.add(room)
          return room
        }),
      }
      this.entries.set(documentId, entry)
      entry.room.catch((err) => {
        // Nothing was written for a document that did not load; forget it so the next connection retries.
        this.deps.logger.error({ err, documentId }, 'could not load a document')
        if (this.entries.get(documentId) === entry) this.entries.delete(documentId)
        room.discard()
      })
    }
    clearTimeout(entry.unloadTimer)
    entry.unloadTimer = undefined
    let room: Room
    try {
      room = await entry.room
    } catch {
      connection.close(CLOSE.loadFailed, 'the document could not be loaded; try again shortly')
      return
    }
    if (connection.isClosed) return this.leftRoom(documentId, room)
    room.connections.add(connection)
    connection.attach(room)
  }

  leave(connection: Connection): void {
    connection.markClosed()
    const { documentId } = connection
    const entry = this.entries.get(documentId)
    if (!entry) return
    void entry.room.then((room) => {
      if (!room.connections.delete(connection)) return
      room.removePresence(connection)
      this.leftRoom(documentId, room)
    }, () => {})
  }

  private leftRoom(documentId: string, room: Room): void {
    const entry = this.entries.get(documentId)
    if (!entry || room.connections.size > 0 || entry.unloadTimer) return
    entry.unloadTimer = setTimeout(() => void this.unload(documentId, room), this.deps.options.unloadDelayMs)
  }

  private async unload(documentId: string, room: Room): Promise<void> {
    const entry = this.entries.get(documentId)
    if (!entry || room.connections.size > 0) return
    this.entries.delete(documentId)
    this.loaded.delete(room)
    const task = room
      .unload()
      .catch((err) => this.deps.logger.error({ err, documentId }, 'error while unloading a document'))
      .finally(() => this.unloading.delete(documentId))
    this.unloading.set(documentId, task)
    await task
  }

  *connections(): Generator<Connection> {
    for (const room of this.loaded) yield* room.connections
  }

  /**
   * Re-evaluates connections after someone's rights changed: a connection whose level is no
   * longer what it was opened with is closed (the client reconnects and is checked again).
   */
  async recheck(
    select: (c: Connection) => boolean,
    levelFor: (c: Connection, space: SpaceRef) => Promise<Access | 'none' | 'session-ended'>,
  ): Promise<number> {
    let closed = 0
    for (const c of [...this.connections()]) {
      if (!select(c)) continue
      const level = await levelFor(c, c.space)
      if (level === c.access) continue
      c.close(level === 'session-ended' ? CLOSE.sessionEnded : CLOSE.accessChanged, level === 'none' || level === 'session-ended' ? 'access revoked' : 'access changed')
      closed++
    }
    return closed
  }

  /** Stops taking connections, closes every socket (clients reconnect elsewhere), stores everything. */
  async shutdown(): Promise<void> {
    this.accepting = false
    const rooms = await Promise.allSettled([...this.entries.values()].map((e) => e.room))
    for (const r of rooms) {
      if (r.status !== 'fulfilled') continue
      for (const c of r.value.connections) c.close(CLOSE.restarting, 'server restarting')
    }
    const pending = [...this.entries.entries()]
    this.entries.clear()
    this.loaded.clear()
    await Promise.allSettled(pending.map(async ([, e]) => {
      clearTimeout(e.unloadTimer)
      const room = await e.room
      await room.unload()
    }))
    await Promise.allSettled(this.unloading.values())
    await this.deps.persistence.flush()
  }
}
