import type { Logger } from 'pino'
import type { DocumentThread } from '../../documents/thread'
import type { LiveDocument, RoomExtension, RoomExtensionFactory } from '../extension'
import type { Fanout, FanoutType } from '../fanout'
import { EditOrigin, FROM_PEER, REPAIR_FROM_PEER } from '../origins'
import { PeerUpdates, decodePeerUpdate, decodeStored, encodePeerUpdate, encodeStored } from '../peer-updates'
import { checkStateVector, decodeCommentsChanged, encodeCommentsChanged } from '../protocol'
import type { DocumentStore, LiveStorage } from './storage'

type PeerMessage = [type: FanoutType | 'reconnected', payload: Uint8Array, from: string]

/**
 * The other instances holding the document, kept in step through its Redis channel (fanout.ts):
 * changes and presence made here are relayed, theirs are applied here. It comes after storage
 * and works with it (see PeerUpdates): a change made here is relayed with the number storage
 * gave it, and "stored up to n" follows once storage has written it; a change relayed here is
 * stored here only if its instance does not confirm it in time. Installed only when there are
 * other instances (REDIS_URL).
 */
export function peers(deps: { fanout: Fanout; storage: LiveStorage; documents: DocumentThread; logger: Logger; graceMs: number }): RoomExtensionFactory {
  return (doc) => new PeerRelay(doc, deps.storage.of(doc.documentId), deps)
}

class PeerRelay implements RoomExtension {
  /** Messages heard while the document loads, handled once it has (undefined then). */
  private backlog: PeerMessage[] | undefined = []
  /** Updates other instances relayed, until they say they stored them. */
  private readonly relayed: PeerUpdates

  constructor(
    private readonly doc: LiveDocument,
    private readonly store: DocumentStore,
    private readonly deps: { fanout: Fanout; documents: DocumentThread; logger: Logger; graceMs: number },
  ) {
    this.relayed = new PeerUpdates((userId, update) => store.keep(userId, update), deps.graceMs)
    store.onWritten = (upTo) => this.publish('stored', encodeStored(upTo))
  }

  /** Listens before storage is read, so nothing relayed meanwhile is missed. */
  async beforeLoad(): Promise<void> {
    await this.deps.fanout.subscribe(this.doc.documentId, (...message) => {
      if (this.backlog) this.backlog.push(message)
      else this.handle(...message)
    })
  }

  afterLoad(): void {
    const heard = this.backlog ?? []
    this.backlog = undefined
    for (const message of heard) this.handle(...message)
    // Whatever another instance holds that storage lacks comes back as a repair, and is stored here.
    this.askForMissing()
  }

  onChange(update: Uint8Array, origin: unknown): void {
    // Made here (someone's edit, or Yjs tidying marks): the others keep it until told it is stored.
    if (origin instanceof EditOrigin) this.publish('update', encodePeerUpdate(this.store.numberOf(update), origin.userId, update))
    else if (origin === null) this.publish('update', encodePeerUpdate(this.store.numberOf(update), null, update))
  }

  onAwareness(update: Uint8Array): void {
    this.publish('awareness', update)
  }

  /** Relayed updates are stored by the instance they came from, or here: then storage is waited for too. */
  async stored(): Promise<void> {
    await this.relayed.settled()
    await this.store.stored()
  }

  onStop(): void {
    // The handler is dropped at once; Redis is told in the background.
    void this.deps.fanout.unsubscribe(this.doc.documentId).catch(() => {})
    this.relayed.close()
  }

  private handle(type: FanoutType | 'reconnected', payload: Uint8Array, from: string): void {
    const ignored = (err: unknown) => this.deps.logger.warn({ err, documentId: this.doc.documentId, type }, 'ignored a malformed message from a peer instance')
    try {
      switch (type) {
        case 'update': {
          const { seq, userId, update } = decodePeerUpdate(payload)
          // Sequence 0: an answer to a sync request, in nobody's write queue.
          if (seq === 0) this.doc.applyFromPeer(update, REPAIR_FROM_PEER).catch(ignored)
          else this.doc.applyFromPeer(update, FROM_PEER).then(() => this.relayed.received(from, seq, userId, update), ignored)
          break
        }
        case 'stored':
          this.relayed.confirmed(from, decodeStored(payload))
          break
        case 'reconnected':
          // Updates peers sent while Redis was away were missed: ask them again.
          this.askForMissing()
          break
        case 'awareness':
          this.doc.applyPeerAwareness(payload)
          break
        case 'comments':
          this.doc.sendComments(encodeCommentsChanged(decodeCommentsChanged(payload)))
          break
        case 'syncRequest':
          checkStateVector(payload)
          this.deps.documents
            .job({ live: this.doc.documentId }, { kind: 'missing', stateVector: payload })
            // Sequence 0: in nobody's write queue, so every instance that receives it stores it.
            .then((missing) => this.publish('update', encodePeerUpdate(0, null, missing)), ignored)
          break
      }
    } catch (err) {
      ignored(err)
    }
  }

  /** They answer with what this copy lacks (see 'syncRequest'). */
  private askForMissing(): void {
    this.publish('syncRequest', this.doc.stateVector())
  }

  private publish(type: FanoutType, payload: Uint8Array): void {
    this.deps.fanout.publish(this.doc.documentId, type, payload)
  }
}
