import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { MESSAGE_SAVED } from '../../../shared/collab'

/** WebSocket.OPEN, spelled out: Node (where this is tested) has no global WebSocket before v22. */
const OPEN = 1
/** While someone types, the question waits for a pause this long: one question, not one per key. */
const ASK_AFTER_PAUSE_MS = 500

/**
 * Knows whether every change made on this device is stored on the server. Each change not
 * received from the server counts; once connected and synced, the tracker asks the server
 * (MESSAGE_SAVED) to confirm when what it sent so far is in the database. One question is in
 * flight at a time, asked once typing pauses, after `beforeAsking` has sent any edit held back
 * (PacedSending); a reconnection forgets the unanswered one and asks again after the sync, which
 * carries whatever the server missed.
 */
export class SaveTracker {
  private changes = 0
  private confirmed = 0
  private asked: number | null = null
  private pause: ReturnType<typeof setTimeout> | undefined
  private readonly listeners = new Set<() => void>()

  constructor(
    private readonly doc: Y.Doc,
    private readonly provider: WebsocketProvider,
    private readonly beforeAsking: () => void = () => {},
  ) {
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => this.onConfirmed(decoding.readVarUint(decoder))
    doc.on('update', this.onUpdate)
    provider.on('sync', this.onSync)
    provider.on('status', this.onStatus)
  }

  /** True while some change made here may not be stored on the server yet. */
  get hasUnsavedChanges(): boolean {
    return this.confirmed < this.changes
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate)
    this.provider.off('sync', this.onSync)
    this.provider.off('status', this.onStatus)
    clearTimeout(this.pause)
    this.listeners.clear()
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return
    const wasSaved = !this.hasUnsavedChanges
    this.changes++
    if (wasSaved) this.emit()
    clearTimeout(this.pause)
    this.pause = setTimeout(() => this.ask(), ASK_AFTER_PAUSE_MS)
  }

  private readonly onSync = (synced: boolean) => {
    this.asked = null
    if (synced) this.ask()
  }

  private readonly onStatus = ({ status }: { status: string }) => {
    if (status !== 'connected') this.asked = null
  }

  private ask(): void {
    const ws = this.provider.ws
    if (this.asked !== null || !this.hasUnsavedChanges || !this.provider.synced || !ws || ws.readyState !== OPEN) return
    this.beforeAsking()
    this.asked = this.changes
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MESSAGE_SAVED)
    encoding.writeVarUint(encoder, this.asked)
    ws.send(encoding.toUint8Array(encoder))
  }

  private onConfirmed(id: number): void {
    // An answer to a question this connection did not ask (or asked before a reconnection) proves nothing.
    if (id !== this.asked) return
    this.asked = null
    this.confirmed = Math.max(this.confirmed, id)
    if (!this.hasUnsavedChanges) this.emit()
    else this.ask()
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}
