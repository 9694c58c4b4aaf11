import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Logger } from 'pino'
import type { SpaceRef } from '../../shared/domain'
import type { DocumentThread } from '../documents/thread'
import { ApplyQueue } from './apply-queue'
import { type LiveDocument, type RoomExtension, type RoomExtensionFactory, TRY_LATER } from './extension'
import { FROM_PEER, FROM_STORAGE, type PeerOrigin, ServerEdit, type EditOrigin } from './origins'
import { checkStateVector, encodeAwarenessStates, encodeSyncReply, encodeSyncStep2, encodeUpdate } from './protocol'

/** y-websocket's awareness message with no client in it: [1, [0]]. */
const EMPTY_AWARENESS = new Uint8Array([1, 1, 0])

export type RoomOptions = {
  /** Presence is sent out in batches at most this often, so cursors never crowd out edits. */
  awarenessBatchMs: number
  /**
   * A socket that sent presence and was sent nothing for this long gets an empty presence
   * message back: y-websocket reconnects after 30 s without hearing from the server, and a
   * lone typist is no longer sent their own presence.
   */
  keepAliveMs: number
  maxDocumentBytes: number
  /** Large updates are applied in transactions of at most this long, yielding in between. */
  applySliceMs: number
  /** Largest number of items (Yjs structs) writers may bring a live document to. */
  maxDocumentItems: number
}

/** Past this size, whole-document sync replies are encoded on the document thread. */
const INLINE_SYNC_BYTES = 256 * 1024

export type RoomDeps = {
  logger: Logger
  documents: DocumentThread
  /** What follows each live document (storage, other instances, …), in the order their hooks run. */
  extensions: RoomExtensionFactory[]
  options: RoomOptions
}

/** What the room needs of a socket (a Connection): to send it messages, and what it speaks for. */
export interface Member extends EditOrigin {
  send(message: Uint8Array<ArrayBuffer>): void
  /** When it was last sent anything (Date.now()). */
  readonly lastSentAt: number
  /** The awareness clients this socket speaks for. */
  readonly clientIds: Set<number>
  readonly wantsComments: boolean
}

/**
 * One live document on this instance: the shared Y.Doc, its presence, and the connections
 * editing it. Updates go through the apply queue and are broadcast at once; presence is stamped
 * by the connection and broadcast in batches. Work that grows with the document's size (large
 * sync replies, and the extensions' text copy and versions) is done on the document thread, on a
 * replica kept in step with every update. Everything else that follows the document — storage,
 * the other instances, its derived copy, its versions — is an extension (extension.ts,
 * extensions/), whose hooks the room calls in order.
 */
export class Room implements LiveDocument {
  readonly doc = new Y.Doc()
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<Member>()
  /** Approximate encoded size: what was loaded plus every update since. */
  bytes = 0
  /** Items (Yjs structs) written by clients since loaded, plus those loaded: what the document's memory grows with. */
  private items = 0
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
    this.extensions = deps.extensions.map((make) => make(this))
    // The server itself is not a participant.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.onUpdate)
    this.awareness.on('update', this.onAwareness)
  }

  /**
   * The extensions listen first (the other instances' changes are kept aside), then give the
   * updates the document starts from (storage's), so nothing changed in between is missed; once
   * they are applied, the extensions catch up (see RoomExtension).
   */
  async load(): Promise<void> {
    for (const extension of this.extensions) await extension.beforeLoad?.()
    let updates: Uint8Array[] = []
    for (const extension of this.extensions) updates = updates.concat((await extension.onLoad?.()) ?? [])
    this.deps.documents.open(this.documentId, updates, () => [Y.encodeStateAsUpdate(this.doc)])
    // Queued in order; a stored update that does not apply fails the load (nothing is written then).
    const count = (split: { structs: number }) => {
      this.items += split.structs
      return true
    }
    await Promise.all(updates.map((update) => this.queue.apply(update, FROM_STORAGE, count)))
    this.bytes = updates.reduce((n, update) => n + update.length, 0)
    this.checkComplete()
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

  /**
   * Resolves once every update this room has accepted or been relayed so far is kept by every
   * extension (stored, here or by the instance it came from); rejects if it never will be.
   */
  async stored(): Promise<void> {
    await this.queue.drained()
    for (const extension of this.extensions) await extension.stored?.()
  }

  /**
   * Applies a client's update (in parts, see ApplyQueue): 'too-large' if it would make the
   * document larger than allowed; `{ refused }` with the reason if an extension refuses it, and
   * 'try-later' if one cannot decide now (see RoomExtension.admit); rejects with MalformedUpdate, applying nothing, if it is not a valid
   * update. Nothing of a refused update is applied.
   */
  async applyFromClient(connection: Member, update: Uint8Array): Promise<'applied' | 'too-large' | 'try-later' | { refused: string }> {
    if (this.bytes + this.queue.queuedBytes + update.length > this.deps.options.maxDocumentBytes) return 'too-large'
    let refused: string | typeof TRY_LATER | null = null
    const admitted = await this.queue.apply(update, connection, (split) => {
      // Memory grows with items more than with bytes (a paste of tiny paragraphs): both are bounded.
      if (this.items + split.structs > this.deps.options.maxDocumentItems) return false
      for (const extension of this.extensions) {
        refused = extension.admit?.(update, connection) ?? null
        if (refused !== null) return false
      }
      this.items += split.structs
      return true
    })
    if (refused === TRY_LATER) return 'try-later'
    if (refused !== null) return { refused }
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

  applyFromPeer(update: Uint8Array, origin: PeerOrigin): Promise<unknown> {
    return this.queue.apply(update, origin)
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
    for (const extension of this.extensions) extension.onChange?.(update, origin)
    if (this.incomplete) this.checkComplete()
  }

  private readonly onAwareness = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
    const changed = [...added, ...updated, ...removed]
    for (const id of changed) this.awarenessChanged.add(id)
    if (origin !== FROM_PEER) for (const id of changed) this.awarenessHere.add(id)
    // A quiet document sends presence at once (next tick); a busy one at most once per batch window.
    const wait = Math.max(0, this.lastAwarenessFlush + this.deps.options.awarenessBatchMs - Date.now())
    this.awarenessTimer ??= setTimeout(this.flushAwareness, wait)
  }

  /** One message with every presence change of the last few milliseconds, to everyone but whose presence it is. */
  private readonly flushAwareness = () => {
    this.awarenessTimer = undefined
    this.lastAwarenessFlush = Date.now()
    if (this.awarenessChanged.size > 0) {
      const changed = [...this.awarenessChanged]
      this.awarenessChanged.clear()
      const message = encodeAwarenessStates(this.awareness, changed)
      for (const c of this.connections) {
        // Nobody is sent back their own presence: on a slow line that echo of each keystroke's
        // cursor cost more than the keystroke itself.
        const others = changed.filter((id) => !c.clientIds.has(id))
        if (others.length === changed.length) c.send(message)
        else if (others.length > 0) c.send(encodeAwarenessStates(this.awareness, others))
        else if (Date.now() - c.lastSentAt >= this.deps.options.keepAliveMs) c.send(EMPTY_AWARENESS)
      }
    }
    if (this.awarenessHere.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...this.awarenessHere])
      this.awarenessHere.clear()
      for (const extension of this.extensions) extension.onAwareness?.(update)
    }
  }

  /**
   * Unloading, first part, the one that must happen even when the server stops: the document
   * stops taking changes, and every change already accepted is applied (and so reported).
   */
  async stop(): Promise<void> {
    this.stopListening()
    await this.queue.drained()
  }

  /**
   * Unloading, second part: the extensions' last work (storage's first: every update is written);
   * `extras` is false when the server is stopping and must be quick. Then frees memory.
   */
  async unload(extras: boolean): Promise<void> {
    for (const extension of this.extensions) await extension.beforeUnload?.(extras)
    this.deps.documents.close(this.documentId)
    this.doc.destroy()
  }

  private stopListening(): void {
    this.awareness.off('update', this.onAwareness)
    this.awareness.destroy()
    clearTimeout(this.awarenessTimer)
    for (const extension of this.extensions) extension.onStop?.()
  }

  /** Frees memory, skipping the extensions' last work: for a document that failed to load, or whose changes storage refused. */
  discard(): void {
    this.stopListening()
    this.deps.documents.close(this.documentId)
    this.doc.destroy()
  }
}
