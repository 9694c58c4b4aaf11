import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Logger } from 'pino'
import type { SpaceRef } from '../../shared/domain'
import type { Connection } from './connection'
import type { Fanout, FanoutType } from './fanout'
import type { Persistence } from './persistence'
import type { AutomaticVersions } from '../versions/record'
import {
  checkStateVector, checkUpdate, decodeCommentsChanged, encodeAwarenessStates, encodeCommentsChanged, encodeSyncStep2, encodeUpdate,
} from './protocol'

/** Where a change came from, as the Y.Doc's transaction origin. */
const FROM_STORAGE = Symbol('storage')
const FROM_PEER = Symbol('peer instance')

/** An edit the server makes for someone (a restore): stored and attributed like theirs. */
export class ServerEdit {
  constructor(readonly userId: string) {}
}

export type RoomOptions = {
  /** Presence is sent out in batches at most this often, so cursors never crowd out edits. */
  awarenessBatchMs: number
  /** The derived text/ProseMirror copy is refreshed this long after the last change. */
  contentDebounceMs: number
  maxDocumentBytes: number
  /** An automatic version is stored once the document has been unchanged this long after an edit. */
  versionIdleMs: number
}

/**
 * One live document on this instance: the shared Y.Doc, its presence, and the connections
 * editing it. Updates from writers are broadcast at once, queued for storage and shared with
 * other instances; presence is stamped by the connection and broadcast in batches.
 */
export class Room {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<Connection>()
  /** Approximate encoded size: what was loaded plus every update since. */
  bytes = 0
  private loaded = false
  private readonly peerBacklog: [FanoutType, Uint8Array][] = []
  private readonly awarenessChanged = new Set<number>()
  private readonly awarenessToPeers = new Set<number>()
  private awarenessTimer: NodeJS.Timeout | undefined
  private lastAwarenessFlush = 0
  /** The whole document as a sync reply, for clients that arrive empty; dropped on any change. */
  private fullSync: Uint8Array<ArrayBuffer> | undefined
  private contentTimer: NodeJS.Timeout | undefined
  private idleTimer: NodeJS.Timeout | undefined
  /** Edited here since the last automatic version was taken (peers' edits are their instance's to snapshot). */
  private changedHere = false

  constructor(
    readonly documentId: string,
    readonly space: SpaceRef,
    private readonly deps: { persistence: Persistence; fanout: Fanout; logger: Logger; versions: AutomaticVersions; options: RoomOptions },
  ) {
    // The server itself is not a participant.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onUpdate)
    this.awareness.on('update', this.onAwareness)
  }

  /**
   * Listens to peers first (buffering what they send), then reads storage, so nothing sent
   * in between is missed; then asks peers for anything they hold that is not stored yet.
   */
  async load(): Promise<void> {
    const { persistence, fanout } = this.deps
    await fanout.subscribe(this.documentId, (type, payload) => this.fromPeer(type, payload))
    const stored = await persistence.load(this.documentId)
    this.doc.transact(() => {
      if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot, FROM_STORAGE)
      for (const update of stored.updates) Y.applyUpdate(this.doc, update, FROM_STORAGE)
    }, FROM_STORAGE)
    this.bytes = stored.bytes
    this.loaded = true
    for (const [type, payload] of this.peerBacklog.splice(0)) this.fromPeer(type, payload)
    fanout.publish(this.documentId, 'syncRequest', Y.encodeStateVector(this.doc))
  }

  /**
   * The sync reply to a client's state vector. Clients that arrive with nothing (every joiner of
   * a join storm) all get the same reply, encoded once.
   */
  syncReply(stateVector: Uint8Array): Uint8Array<ArrayBuffer> {
    checkStateVector(stateVector)
    if (stateVector.length === 1 && stateVector[0] === 0) return (this.fullSync ??= encodeSyncStep2(this.doc))
    return encodeSyncStep2(this.doc, stateVector)
  }

  /** Resolves once every update this room has accepted so far is stored. */
  stored(): Promise<void> {
    return this.deps.persistence.stored()
  }

  /** Applies a writer's update; false if it would make the document larger than allowed. */
  applyFromClient(connection: Connection, update: Uint8Array): boolean {
    checkUpdate(update)
    if (this.bytes + update.length > this.deps.options.maxDocumentBytes) return false
    Y.applyUpdate(this.doc, update, connection)
    return true
  }

  /** True if the update holds anything the document does not have (content or deletions). */
  wouldChange(update: Uint8Array): boolean {
    checkUpdate(update)
    const { structs, ds } = Y.decodeUpdate(update)
    const known = Y.decodeStateVector(Y.encodeStateVector(this.doc))
    for (const struct of structs) {
      if (struct instanceof Y.Skip) continue
      if (struct.id.clock + struct.length > (known.get(struct.id.client) ?? 0)) return true
    }
    if (ds.clients.size === 0) return false
    const deleted = Y.snapshot(this.doc).ds
    for (const [client, ranges] of ds.clients) {
      for (const range of ranges) {
        if (!coveredBy(deleted.clients.get(client) ?? [], range.clock, range.len)) return true
      }
    }
    return false
  }

  /** Applies an edit the server makes for a user: everyone here sees it, and it is stored as theirs. */
  applyServerEdit(userId: string, update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, new ServerEdit(userId))
  }

  /** A MESSAGE_COMMENTS frame, to the connections that asked for them. */
  sendComments(frame: Uint8Array<ArrayBuffer>): void {
    for (const c of this.connections) if (c.wantsComments) c.send(frame)
  }

  applyAwareness(connection: Connection, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection)
  }

  allAwareness(): Uint8Array<ArrayBuffer> | null {
    const clients = [...this.awareness.getStates().keys()]
    return clients.length > 0 ? encodeAwarenessStates(this.awareness, clients) : null
  }

  /** The connection that speaks for an awareness client id, if any. */
  ownerOf(clientId: number): Connection | undefined {
    for (const c of this.connections) if (c.clientIds.has(clientId)) return c
    return undefined
  }

  removePresence(connection: Connection): void {
    if (connection.clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.clientIds], connection)
    }
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    this.fullSync = undefined
    if (origin === FROM_STORAGE) return
    this.bytes += update.length
    const message = encodeUpdate(update)
    for (const c of this.connections) if (c !== origin) c.send(message)
    if (isConnection(origin, this.connections) || origin instanceof ServerEdit) {
      // Only the instance a writer is connected to stores its update: the log gets it once.
      this.deps.persistence.enqueue(this.documentId, origin.userId, update)
      this.deps.fanout.publish(this.documentId, 'update', update)
      this.changedHere = true
      this.scheduleVersion()
    }
    this.scheduleContent()
  }

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const changed = [...added, ...updated, ...removed]
    for (const id of changed) this.awarenessChanged.add(id)
    if (origin !== FROM_PEER) for (const id of changed) this.awarenessToPeers.add(id)
    // A quiet document sends presence at once (next tick); a busy one at most once per batch window.
    const wait = Math.max(0, this.lastAwarenessFlush + this.deps.options.awarenessBatchMs - Date.now())
    this.awarenessTimer ??= setTimeout(this.flushAwareness, wait)
  }

  /** One message with every presence change of the last few milliseconds, to everyone. */
  private readonly flushAwareness = () => {
    this.awarenessTimer = undefined
    this.lastAwarenessFlush = Date.now()
    if (this.awarenessChanged.size > 0) {
      const message = encodeAwarenessStates(this.awareness, [...this.awarenessChanged])
      this.awarenessChanged.clear()
      for (const c of this.connections) c.send(message)
    }
    if (this.awarenessToPeers.size > 0) {
      this.deps.fanout.publish(this.documentId, 'awareness', awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessToPeers]))
      this.awarenessToPeers.clear()
    }
  }

  private fromPeer(type: FanoutType, payload: Uint8Array): void {
    if (!this.loaded) {
      this.peerBacklog.push([type, payload])
      return
    }
    try {
      if (type === 'update') Y.applyUpdate(this.doc, payload, FROM_PEER)
      else if (type === 'awareness') awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, FROM_PEER)
      else if (type === 'comments') this.sendComments(encodeCommentsChanged(decodeCommentsChanged(payload)))
      else {
        checkStateVector(payload)
        this.deps.fanout.publish(this.documentId, 'update', Y.encodeStateAsUpdate(this.doc, payload))
      }
    } catch (err) {
      this.deps.logger.warn({ err, documentId: this.documentId, type }, 'ignored a malformed message from a peer instance')
    }
  }

  private scheduleContent(): void {
    clearTimeout(this.contentTimer)
    this.contentTimer = setTimeout(() => {
      this.contentTimer = undefined
      this.deps.persistence.writeContent(this.documentId, this.doc).catch((err) =>
        this.deps.logger.error({ err, documentId: this.documentId }, 'could not refresh the derived document copy'),
      )
    }, this.deps.options.contentDebounceMs)
  }

  private scheduleVersion(): void {
    clearTimeout(this.idleTimer)
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined
      void this.storeVersion()
    }, this.deps.options.versionIdleMs)
  }

  private async storeVersion(): Promise<void> {
    if (!this.changedHere) return
    this.changedHere = false
    await this.deps.versions.automatic(this.documentId, this.space, this.doc)
  }

  /** Stores what is pending, refreshes the derived copy if it is stale, takes a version if edited, and frees memory. */
  async unload(): Promise<void> {
    const contentStale = this.contentTimer !== undefined
    this.stopTimers()
    await this.deps.fanout.unsubscribe(this.documentId).catch(() => {})
    await this.deps.persistence.flush()
    if (contentStale) await this.deps.persistence.writeContent(this.documentId, this.doc)
    await this.storeVersion()
    if (!this.deps.persistence.hasPending(this.documentId)) await this.deps.persistence.compact(this.documentId)
    this.deps.persistence.forget(this.documentId)
    this.doc.destroy()
  }

  private stopTimers(): void {
    this.awareness.off('update', this.onAwareness)
    this.awareness.destroy()
    clearTimeout(this.awarenessTimer)
    clearTimeout(this.contentTimer)
    this.contentTimer = undefined
    clearTimeout(this.idleTimer)
    this.idleTimer = undefined
  }

  /** Frees memory without writing anything: for a document that failed to load. */
  discard(): void {
    this.stopTimers()
    this.doc.destroy()
    void this.deps.fanout.unsubscribe(this.documentId).catch(() => {})
  }
}

const isConnection = (origin: unknown, connections: Set<Connection>): origin is Connection =>
  connections.has(origin as Connection)

/** Whether [clock, clock+len) lies within the sorted, merged deleted ranges. */
function coveredBy(ranges: { clock: number; len: number }[], clock: number, len: number): boolean {
  let lo = 0
  let hi = ranges.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const r = ranges[mid]!
    if (clock < r.clock) hi = mid - 1
    else if (clock >= r.clock + r.len) lo = mid + 1
    else return clock + len <= r.clock + r.len
  }
  return false
}
