import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * Updates another instance relayed here, kept until that instance says it has stored them. The
 * instance a writer is connected to stores the writer's update and then tells the others
 * ("stored up to n"); if it does not within `graceMs` — it died between relaying and storing —
 * every instance that received the update stores it itself. So an update that reached any
 * live instance is never only in the memory of a dead one, and the log normally gets it once.
 */

type Waiting = { from: string; seq: number; userId: string | null; update: Uint8Array; at: number }

export class PeerUpdates {
  private readonly waiting = new Set<Waiting>()
  private readonly settledWaiters: { entries: Set<Waiting>; resolve: () => void }[] = []
  private timer: NodeJS.Timeout | undefined
  private closed = false

  constructor(
    /** Stores an update here (it goes into this instance's write queue). */
    private readonly store: (userId: string | null, update: Uint8Array) => void,
    private readonly graceMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** An update from instance `from`, number `seq` in its write queue. */
  received(from: string, seq: number, userId: string | null, update: Uint8Array): void {
    if (this.closed) {
      this.store(userId, update)
      return
    }
    this.waiting.add({ from, seq, userId, update, at: this.now() })
    this.timer ??= setInterval(() => this.sweep(), Math.max(50, this.graceMs / 5))
  }

  /** Instance `from` stored everything it queued up to `seq`. */
  confirmed(from: string, seq: number): void {
    for (const w of this.waiting) if (w.from === from && w.seq <= seq) this.settle(w)
  }

  /**
   * The document is leaving this instance, and its origins' confirmations will not be heard any
   * more: everything still waiting is stored here, and so is anything received from now on (an
   * update that was still being applied).
   */
  close(): void {
    this.closed = true
    for (const w of this.waiting) this.storeHere(w)
  }

  /** Resolves once everything waiting now is either confirmed by its origin or queued here. */
  settled(): Promise<void> {
    if (this.waiting.size === 0) return Promise.resolve()
    return new Promise((resolve) => this.settledWaiters.push({ entries: new Set(this.waiting), resolve }))
  }

  private sweep(): void {
    const due = this.now() - this.graceMs
    for (const w of this.waiting) if (w.at <= due) this.storeHere(w)
  }

  private storeHere(w: Waiting): void {
    this.store(w.userId, w.update)
    this.settle(w)
  }

  private settle(w: Waiting): void {
    this.waiting.delete(w)
    for (let i = this.settledWaiters.length - 1; i >= 0; i--) {
      const waiter = this.settledWaiters[i]!
      waiter.entries.delete(w)
      if (waiter.entries.size === 0) {
        this.settledWaiters.splice(i, 1)
        waiter.resolve()
      }
    }
    if (this.waiting.size === 0) {
      clearInterval(this.timer)
      this.timer = undefined
    }
  }
}

/** An update as instances relay it: its number in the sender's write queue, its writer, the update. */
export function encodePeerUpdate(seq: number, userId: string | null, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, seq)
  encoding.writeVarString(e, userId ?? '')
  encoding.writeUint8Array(e, update)
  return encoding.toUint8Array(e)
}

export function decodePeerUpdate(payload: Uint8Array): { seq: number; userId: string | null; update: Uint8Array } {
  const d = decoding.createDecoder(payload)
  const seq = decoding.readVarUint(d)
  const userId = decoding.readVarString(d)
  return { seq, userId: userId === '' ? null : userId, update: payload.subarray(d.pos) }
}

/** "Stored everything up to seq", from the instance that queued it. */
export function encodeStored(seq: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, seq)
  return encoding.toUint8Array(e)
}

export function decodeStored(payload: Uint8Array): number {
  return decoding.readVarUint(decoding.createDecoder(payload))
}
