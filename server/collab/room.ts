import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Logger } from 'pino'
import type { SpaceRef } from '../../shared/domain'
import type { Fanout, FanoutType } from './fanout'
import type { Persistence } from './persistence'
import { storedUpdates } from '../data/live-documents'
import type { DocumentThread } from '../documents/thread'
import { ApplyQueue } from './apply-queue'
import type { LiveDocument, RoomExtension, RoomExtensionFactory } from './extension'
import { EditOrigin, FROM_PEER, FROM_STORAGE, type PeerOrigin, REPAIR_FROM_PEER, ServerEdit } from './origins'
import { PeerUpdates, decodePeerUpdate, decodeStored, encodePeerUpdate, encodeStored } from './peer-updates'
import {
  checkStateVector,
  decodeCommentsChanged,
  encodeAwarenessStates,
  encodeCommentsChanged,
  encodeSyncReply,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol'

export type RoomOptions = {
  /** Presence is sent out in batches at most this often, so cursors never crowd out edits. */
  awarenessBatchMs: number
  maxDocumentBytes: number
  /** Large updates are applied in transactions of at most this long, yielding in between. */
  applySliceMs: number
  /** A peer's update not confirmed stored by its origin within this long is stored here. */
  peerGraceMs: number
  /** Largest number of items (Yjs structs) writers may bring a live document to. */
  maxDocumentItems: number
}

/** Past this size, whole-document sync replies are encoded on the document thread. */
const INLINE_SYNC_BYTES = 256 * 1024

export type RoomDeps = {
  persistence: Persistence
  fanout: Fanout
  logger: Logger
  documents: DocumentThread
  /** What follows each live document besides storage and other instances, in the order their hooks run. */
  extensions: RoomExtensionFactory[]
  options: RoomOptions
}

/** What the room needs of a socket (a Connection): to send it messages, and what it speaks for. */
export interface Member extends EditOrigin {
  send(message: Uint8Array<ArrayBuffer>): void
  /** The awareness clients this socket speaks for. */
  readonly clientIds: Set<number>
  readonly wantsComments: boolean
}

/**
 * One live document on this instance: the shared Y.Doc, its presence, and the connections
 * editing it. Updates from writers are broadcast at once, queued for storage and shared with
 * other instances; presence is stamped by the connection and broadcast in batches. Work that
 * grows with the document's size (large sync replies, and the extensions' text copy and
 * versions) is done on the document thread, on a replica kept in step with every update.
 * Everything else that follows the document is an extension (extension.ts, extensions/).
 */
export class Room implements LiveDocument {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<Member>()
  /** Approximate encoded size: what was loaded plus every update since. */
  bytes = 0
  /** Items (Yjs structs) written by clients since loaded, plus those loaded: what the document's memory grows with. */
  private items = 0
  private loaded = false
  private readonly peerBacklog: [FanoutType | 'reconnected', Uint8Array, string][] = []
  /** Updates other instances relayed, until they say they stored them (see PeerUpdates). */
  private readonly peers: PeerUpdates
  /** Loaded from a log with a gap (an update never stored): logged, and repaired once someone sends the missing update. */
  private incomplete = false
  private readonly awarenessChanged = new Set<number>()
  /** Presence changed by the people here (not relayed by a peer), for the extensions. */
  private readonly awarenessHere = new Set<number>()
  private awarenessTimer: NodeJS.Timeout | undefined
  private lastAwarenessFlush = 0
  /** The whole document as a sync reply, for clients that arrive empty; dropped on any change. */
  private fullSync: Uint8Array<ArrayBuffer> | Promise<Uint8Array<ArrayBuffer>> | undefined
  private readonly queue: ApplyQueue
  private readonly extensions: RoomExtension[]

  constructor(
    readonly documentId: string,
    readonly space: SpaceRef,
    private readonly deps: RoomDeps,
  ) {
    this.queue = new ApplyQueue(this.doc, (update) => deps.documents.task({ kind: 'split', update }), deps.options.applySliceMs)
    this.peers = new PeerUpdates((userId, update) => deps.persistence.enqueue(documentId, userId, update), deps.options.peerGraceMs)
    this.extensions = deps.extensions.map((make) => make(this))
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
    const { persistence, fanout, documents } = this.deps
    await fanout.subscribe(this.documentId, (type, payload, from) => this.fromPeer(type, payload, from))
    for (const extension of this.extensions) await extension.beforeLoad?.()
    const stored = await persistence.load(this.documentId)
    let updates = storedUpdates(stored)
    for (const extension of this.extensions) updates = updates.concat((await extension.onLoad?.()) ?? [])
    documents.open(this.documentId, updates, () => [Y.encodeStateAsUpdate(this.doc)])
    // Queued in order; a stored update that does not apply fails the load (nothing is written then).
    const count = (split: { structs: number }) => {
      this.items += split.structs
      return true
    }
    await Promise.all(updates.map((update) => this.queue.apply(update, FROM_STORAGE, count)))
    this.bytes = updates.reduce((n, update) => n + update.length, 0)
    this.loaded = true
    this.checkComplete()
    for (const [type, payload, from] of this.peerBacklog.splice(0)) this.fromPeer(type, payload, from)
    // Whatever another instance holds that storage lacks comes back as a repair, and is stored here.
    fanout.publish(this.documentId, 'syncRequest', Y.encodeStateVector(this.doc))
    for (const extension of this.extensions) extension.afterLoad?.()
  }

  /**
   * Updates that build on one that never reached storage cannot be integrated: Yjs keeps them
   * aside. That is logged as an error (it means an edit was lost somewhere), and again once a
   * live copy — another instance, or a client reconnecting — has sent the missing update.
   */
  private checkComplete(): void {
    const { pendingStructs, pendingDs } = this.doc.store
    const incomplete = pendingStructs !== null || pendingDs !== null
    if (incomplete && !this.incomplete) {
      this.deps.logger.error(
        { documentId: this.documentId, missingFrom: pendingStructs ? [...pendingStructs.missing].map(([client, clock]) => ({ client, clock })) : [] },
        'stored updates of this document build on an update that was never stored; waiting for a live copy to send it',
      )
    } else if (!incomplete && this.incomplete) {
      this.deps.logger.info({ documentId: this.documentId }, 'the missing update arrived: the document is whole again')
    }
    this.incomplete = incomplete
  }

  /**
   * The sync reply to a client's state vector. Clients that arrive with nothing (every joiner of
   * a join storm) all get the same reply, encoded once. For a large document the reply is encoded
   * on the document thread; it may then reach the client after later updates, which Yjs holds
   * until what they build on arrives.
   */
  syncReply(stateVector: Uint8Array): Uint8Array<ArrayBuffer> | Promise<Uint8Array<ArrayBuffer>> {
    checkStateVector(stateVector)
    const empty = stateVector.length === 1 && stateVector[0] === 0
    if (empty && this.fullSync) return this.fullSync
    if (this.bytes <= INLINE_SYNC_BYTES) {
      const reply = encodeSyncStep2(this.doc, empty ? undefined : stateVector)
      if (empty) this.fullSync = reply
      return reply
    }
    const missing = this.deps.documents.job({ live: this.documentId }, { kind: 'missing', stateVector: empty ? null : stateVector })
    const reply = missing.then(encodeSyncReply)
    if (empty) {
      this.fullSync = reply
      // A failed encoding is not kept for the next joiner.
      reply.catch(() => {
        if (this.fullSync === reply) this.fullSync = undefined
      })
    }
    return reply
  }

  /** Resolves once every update this room has accepted or been relayed so far is stored (here or by its origin). */
  async stored(): Promise<void> {
    await this.queue.drained()
    await this.peers.settled()
    await this.deps.persistence.stored(this.documentId)
    for (const extension of this.extensions) await extension.stored?.()
  }

  /** This instance's updates of the document are stored up to `seq`: tell the others. */
  storedUpTo(seq: number): void {
    this.deps.fanout.publish(this.documentId, 'stored', encodeStored(seq))
  }

  /**
   * Applies a writer's update (in parts, see ApplyQueue): 'too-large' if it would make the
   * document larger than allowed; rejects with MalformedUpdate, applying nothing, if it is not a
   * valid update.
   */
  async applyFromClient(connection: Member, update: Uint8Array): Promise<'applied' | 'too-large'> {
    if (this.bytes + this.queue.queuedBytes + update.length > this.deps.options.maxDocumentBytes) return 'too-large'
    // Memory grows with items more than with bytes (a paste of tiny paragraphs): both are bounded.
    const admitted = await this.queue.apply(update, connection, (split) => {
      if (this.items + split.structs > this.deps.options.maxDocumentItems) return false
      this.items += split.structs
      return true
    })
    return admitted ? 'applied' : 'too-large'
  }

  /** True if the update holds anything the document does not have (content or deletions). */
  wouldChange(update: Uint8Array): Promise<boolean> {
    return this.deps.documents.job({ live: this.documentId }, { kind: 'wouldChange', update })
  }

  /** Applies an edit the server makes for a user: everyone here sees it, and it is stored as theirs. */
  async applyServerEdit(userId: string, update: Uint8Array): Promise<void> {
    await this.queue.apply(update, new ServerEdit(userId))
  }

  stateVector(): Uint8Array {
    return Y.encodeStateVector(this.doc)
  }

  async applyFromPeer(update: Uint8Array, origin: PeerOrigin): Promise<void> {
    await this.queue.apply(update, origin)
  }

  applyPeerAwareness(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_PEER)
  }

  /** A MESSAGE_COMMENTS frame, to the connections that asked for them. */
  sendComments(frame: Uint8Array<ArrayBuffer>): void {
    for (const c of this.connections) if (c.wantsComments) c.send(frame)
  }

  applyAwareness(connection: Member, update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection)
  }

  allAwareness(): Uint8Array<ArrayBuffer> | null {
    const clients = [...this.awareness.getStates().keys()]
    return clients.length > 0 ? encodeAwarenessStates(this.awareness, clients) : null
  }

  /** The connection that speaks for an awareness client id, if any. */
  ownerOf(clientId: number): Member | undefined {
    for (const c of this.connections) if (c.clientIds.has(clientId)) return c
    return undefined
  }

  removePresence(connection: Member): void {
    if (connection.clientIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...connection.clientIds], connection)
    }
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    this.fullSync = undefined
    if (origin === FROM_STORAGE) return
    this.deps.documents.apply(this.documentId, update)
    this.bytes += update.length
    const message = encodeUpdate(update)
    for (const c of this.connections) if (c !== origin) c.send(message)
    if (origin instanceof EditOrigin) {
      // The instance a writer is connected to stores its update, and tells the others when it
      // has (PeerUpdates); they store it themselves only if it does not. The log gets it once.
      // (A writer whose socket closed while its paste was being applied still counts.)
      const seq = this.deps.persistence.enqueue(this.documentId, origin.userId, update)
      this.deps.fanout.publish(this.documentId, 'update', encodePeerUpdate(seq, origin.userId, update))
    } else if (origin === null) {
      // Yjs tidying formatting marks after a remote update: everyone here has just been sent it,
      // so storage and other instances get it too (it only deletes marks; doing it twice is harmless).
      const seq = this.deps.persistence.enqueue(this.documentId, null, update)
      this.deps.fanout.publish(this.documentId, 'update', encodePeerUpdate(seq, null, update))
    } else if (origin === REPAIR_FROM_PEER) {
      // Only what was new here (Yjs reports exactly that): possibly never stored by anyone.
      this.deps.persistence.enqueue(this.documentId, null, update)
    }
    if (this.incomplete) this.checkComplete()
    for (const extension of this.extensions) extension.onChange?.(update, origin)
  }

  private readonly onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const changed = [...added, ...updated, ...removed]
    for (const id of changed) this.awarenessChanged.add(id)
    if (origin !== FROM_PEER) for (const id of changed) this.awarenessHere.add(id)
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
    if (this.awarenessHere.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessHere])
      this.awarenessHere.clear()
      this.deps.fanout.publish(this.documentId, 'awareness', update)
      for (const extension of this.extensions) extension.onAwareness?.(update)
    }
  }

  private fromPeer(type: FanoutType | 'reconnected', payload: Uint8Array, from: string): void {
    if (!this.loaded) {
      this.peerBacklog.push([type, payload, from])
      return
    }
    const ignored = (err: unknown) => this.deps.logger.warn({ err, documentId: this.documentId, type }, 'ignored a malformed message from a peer instance')
    try {
      if (type === 'update') {
        const { seq, userId, update } = decodePeerUpdate(payload)
        // Sequence 0: an answer to a sync request, in nobody's write queue.
        if (seq === 0) this.queue.apply(update, REPAIR_FROM_PEER).catch(ignored)
        else this.queue.apply(update, FROM_PEER).then(() => this.peers.received(from, seq, userId, update), ignored)
      } else if (type === 'stored') this.peers.confirmed(from, decodeStored(payload))
      else if (type === 'reconnected') {
        // Updates peers sent while Redis was away were missed: ask them again (they answer with what we lack).
        this.deps.fanout.publish(this.documentId, 'syncRequest', Y.encodeStateVector(this.doc))
      } else if (type === 'awareness') awarenessProtocol.applyAwarenessUpdate(this.awareness, payload, FROM_PEER)
      else if (type === 'comments') this.sendComments(encodeCommentsChanged(decodeCommentsChanged(payload)))
      else {
        checkStateVector(payload)
        this.deps.documents
          .job({ live: this.documentId }, { kind: 'missing', stateVector: payload })
          // Sequence 0: in nobody's write queue, so every instance that receives it stores it.
          .then((missing) => this.deps.fanout.publish(this.documentId, 'update', encodePeerUpdate(0, null, missing)), ignored)
      }
    } catch (err) {
      ignored(err)
    }
  }

  /** Unloading, first part, the one that must happen even when the server stops: every update this copy holds is stored. */
  async storePending(): Promise<void> {
    this.stopTimers()
    await this.deps.fanout.unsubscribe(this.documentId).catch(() => {})
    await this.queue.drained()
    // Whatever peers relayed and have not confirmed is stored here before the copy goes.
    this.peers.storeAll()
    this.peers.stop()
    await this.deps.persistence.flush()
  }

  /**
   * Unloading, second part: the extensions' last work, then with `extras` (not when the server
   * is stopping, which must be quick) the log's compaction; then frees memory. What is skipped
   * happens at the document's next unload.
   */
  async finish(extras: boolean): Promise<void> {
    for (const extension of this.extensions) await extension.beforeUnload?.(extras)
    if (extras && !this.deps.persistence.hasPending(this.documentId)) await this.deps.persistence.compact(this.documentId)
    this.deps.persistence.forget(this.documentId)
    this.deps.documents.close(this.documentId)
    this.doc.destroy()
  }

  private stopTimers(): void {
    this.awareness.off('update', this.onAwareness)
    this.awareness.destroy()
    clearTimeout(this.awarenessTimer)
    for (const extension of this.extensions) extension.onStop?.()
  }

  /** Frees memory without writing anything: for a document that failed to load. */
  discard(): void {
    this.stopTimers()
    this.peers.stop()
    this.deps.documents.close(this.documentId)
    this.doc.destroy()
    void this.deps.fanout.unsubscribe(this.documentId).catch(() => {})
  }
}
