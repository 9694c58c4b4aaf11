import type * as Y from 'yjs'
import type { SpaceRef } from '../../shared/domain'
import type { EditOrigin, PeerOrigin } from './origins'

/** An admission that cannot be decided now (see RoomExtension.admit). */
export const TRY_LATER = Symbol('try later')

/** What an extension sees of its live document, and the little it may do to it. */
export interface LiveDocument {
  readonly documentId: string
  readonly space: SpaceRef
  /** The document itself, to read, never to change: changes go through the apply queue. */
  readonly doc: Y.Doc
  /** Approximate encoded size: work that rewrites the whole document waits longer on a large one. */
  readonly bytes: number
  /** What the document holds, as a Yjs state vector: another copy answers with what this one lacks. */
  stateVector(): Uint8Array
  /**
   * Applies a change relayed by another instance, in order with every other change (through the
   * room's apply queue). Settles as soon as it is applied, before anyone waiting for the queue to
   * drain hears of it; rejects, applying nothing, if it is not a valid update.
   */
  applyFromPeer(update: Uint8Array, origin: PeerOrigin): Promise<unknown>
  /** Presence relayed by another instance: the sockets here get it with the next batch. */
  applyPeerAwareness(update: Uint8Array): void
  /** A MESSAGE_COMMENTS frame, to the connections here that asked for them. */
  sendComments(frame: Uint8Array<ArrayBuffer>): void
}

/**
 * A concern that follows a live document's life without being part of it: its storage, the
 * other instances holding it, its derived copy, its automatic versions, and next search indexing
 * and suggestion checks. The room keeps the Y.Doc, its sockets, presence and broadcast; it calls
 * each hook of every extension in the order the extensions were given (server.ts: storage, the
 * other instances, then the rest). Only admit can stop a change, before it is applied; every
 * other hook runs after. One document's life, hook by hook:
 *
 *   beforeLoad → onLoad → afterLoad → (admit → onChange), onAwareness, stored … → onStop → beforeUnload
 *
 * A document that fails to load, or whose changes storage refuses, gets onStop and no beforeUnload.
 */
export interface RoomExtension {
  /**
   * Loading, first: start hearing about changes made elsewhere, keeping them until afterLoad,
   * so that none made while the stored state is read is missed.
   */
  beforeLoad?(): Promise<void>
  /** Loading: the updates the document starts from (storage's), applied in the extensions' order. */
  onLoad?(): Promise<Uint8Array[] | undefined>
  /** Loaded: the document holds every update onLoad gave; sockets are let in after this. */
  afterLoad?(): void
  /**
   * Before a client's update is applied, in the apply queue (so in order, with every change
   * before it applied): a reason refuses it whole, and nothing of it is applied, reported to
   * onChange, stored or relayed; the client is sent the reason as a permission-denied message,
   * then closed with CLOSE_SUGGESTION_REFUSED (its copy must start afresh). null lets it in (the
   * next extension is asked). TRY_LATER refuses it for now: the sender is closed with 1013 and its
   * provider reconnects and sends it again, losing nothing. Runs on the event loop for every
   * client update: it must be quick, and bound its own work. Updates relayed by other instances
   * were admitted there, and are not asked.
   */
  admit?(update: Uint8Array, origin: EditOrigin): string | typeof TRY_LATER | null
  /**
   * After each change, once the people here have been sent it. `origin` says where it came
   * from (see origins.ts): an EditOrigin for someone's edit made on this instance, FROM_PEER or
   * REPAIR_FROM_PEER for one relayed by another instance, null for Yjs tidying formatting marks
   * after one. Updates given by onLoad are not reported.
   */
  onChange?(update: Uint8Array, origin: unknown): void
  /**
   * Presence changed by the people on this instance (not relayed by another one), batched as the
   * sockets here are sent it: an awareness update with those clients' states.
   */
  onAwareness?(update: Uint8Array): void
  /**
   * Resolves once every change reported so far is kept wherever this extension keeps it; the
   * room asks before telling a client its edits are saved. Rejects if they never will be.
   */
  stored?(): Promise<void>
  /**
   * The document stops taking changes (unloading, or it failed to load): drop timers and stop
   * listening. Changes already being applied are still reported to onChange after this.
   */
  onStop?(): void
  /**
   * Unloading, once every change has been applied. Storage, first, writes them all, so the
   * extensions after it find every update stored. `extras` is false when the server is stopping
   * and must be quick; whatever is skipped then happens at the document's next unload.
   */
  beforeUnload?(extras: boolean): Promise<void>
}

/** Makes an extension's instance for one live document, when it loads. */
export type RoomExtensionFactory = (doc: LiveDocument) => RoomExtension
