import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/** Edits leave at once after a pause, then at most this often, merged into one update. */
const UPDATE_MS = 500
/**
 * This person's caret, likewise. Others hardly see the wait while this person types: a caret is
 * a position relative to the text beside it, so it moves along as the typed words arrive.
 */
const PRESENCE_MS = 3000

type AwarenessChange = { added: number[]; updated: number[]; removed: number[] }

/**
 * Paces what the stock y-websocket provider sends while someone types. Unpaced, every keystroke
 * sent its own update and its caret's presence, about a kilobyte a character on a 3G line
 * (`npm run bench:web`). A quiet document still sends at once; a busy one sends one merged update
 * per window, and the latest presence. It swaps the provider's own handlers for paced ones
 * (they are what provider.destroy() removes), so the protocol on the wire is unchanged.
 */
export class PacedSending {
  private pending: Uint8Array[] = []
  private updateTimer: ReturnType<typeof setTimeout> | undefined
  private lastUpdateSent = 0
  private presenceTimer: ReturnType<typeof setTimeout> | undefined
  private lastPresenceSent = 0
  private readonly sendUpdate: WebsocketProvider['_updateHandler']
  private readonly sendPresence: WebsocketProvider['_awarenessUpdateHandler']

  constructor(private readonly provider: WebsocketProvider) {
    this.sendUpdate = provider._updateHandler
    this.sendPresence = provider._awarenessUpdateHandler
    provider.doc.off('update', this.sendUpdate)
    provider.awareness.off('update', this.sendPresence)
    provider._updateHandler = this.onUpdate
    provider._awarenessUpdateHandler = this.onPresence
    provider.doc.on('update', this.onUpdate)
    provider.awareness.on('update', this.onPresence)
  }

  /** Sends the edits held back now: before asking the server whether they are stored. */
  flush(): void {
    clearTimeout(this.updateTimer)
    this.updateTimer = undefined
    if (this.pending.length === 0) return
    const update = this.pending.length === 1 ? this.pending[0]! : Y.mergeUpdates(this.pending)
    this.pending = []
    this.lastUpdateSent = Date.now()
    this.sendUpdate(update, null)
  }

  destroy(): void {
    clearTimeout(this.updateTimer)
    clearTimeout(this.presenceTimer)
  }

  private readonly onUpdate = (update: Uint8Array, origin: unknown) => {
    // What the server sent needs no sending back.
    if (origin === this.provider) return
    this.pending.push(update)
    this.updateTimer ??= setTimeout(() => this.flush(), Math.max(0, this.lastUpdateSent + UPDATE_MS - Date.now()))
  }

  private readonly onPresence = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
    // Only this person's own presence: the stock provider also sent the others' back, which cost
    // upload and, relayed late, could make the server take someone's caret for this socket's.
    const own = this.provider.awareness.clientID
    if (![...added, ...updated, ...removed].includes(own)) return
    // Leaving (the local state removed) is said at once.
    const wait = removed.includes(own) ? 0 : Math.max(0, this.lastPresenceSent + PRESENCE_MS - Date.now())
    if (wait === 0) clearTimeout(this.presenceTimer)
    else if (this.presenceTimer) return
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = undefined
      this.lastPresenceSent = Date.now()
      this.sendPresence({ added: [], updated: [own], removed: [] }, origin)
    }, wait)
  }
}
