import * as Y from 'yjs'
import { MalformedUpdate, splitUpdate, type SplitUpdate } from './update-parts'

/** Up to this size an update is checked and cut on the spot (a millisecond or two); larger ones on the document thread. */
export const INLINE_BYTES = 32 * 1024

export type Splitter = (update: Uint8Array) => Promise<SplitUpdate>

/**
 * Applies updates to one document in the order they arrive. Each update is checked and cut into
 * parts first (server/collab/update-parts.ts), then applied a few parts at a time, each batch in
 * one transaction of at most `sliceMs`, yielding to the event loop in between: a 100-page paste
 * takes as long as before, but every other socket and document is served meanwhile. A malformed
 * update is refused whole, before any of it reaches the document.
 */
export class ApplyQueue {
  private tail: Promise<void> = Promise.resolve()
  private busy = 0
  private bytes = 0

  constructor(
    private readonly doc: Y.Doc,
    /** Checks and cuts a large update away from the event loop. */
    private readonly splitLarge: Splitter,
    private readonly sliceMs: number,
  ) {}

  /** Bytes accepted but not applied yet. */
  get queuedBytes(): number {
    return this.bytes
  }

  /**
   * Applies `update` with `origin` after everything queued before it. A small update arriving
   * while nothing waits is applied before this returns, as a keystroke should be. `admit` sees the
   * checked update first and may refuse it (false: nothing is applied, resolves false).
   */
  apply(update: Uint8Array, origin: unknown, admit: (split: SplitUpdate) => boolean = () => true): Promise<boolean> {
    if (this.busy === 0 && update.length <= INLINE_BYTES) {
      try {
        const split = splitUpdate(update)
        if (!admit(split)) return Promise.resolve(false)
        this.applyAll(split.parts, origin)
        return Promise.resolve(true)
      } catch (err) {
        return Promise.reject(err)
      }
    }
    this.busy++
    this.bytes += update.length
    const split = update.length <= INLINE_BYTES ? Promise.resolve().then(() => splitUpdate(update)) : this.splitLarge(update)
    const run = this.tail.then(async () => {
      const checked = await split
      if (!admit(checked)) return false
      await this.applySliced(checked.parts, origin)
      return true
    })
    const done = () => {
      this.busy--
      this.bytes -= update.length
    }
    this.tail = run.then(done, done)
    return run
  }

  /** Resolves once everything queued so far is applied (or refused). */
  drained(): Promise<void> {
    return this.tail
  }

  private applyAll(parts: Uint8Array[], origin: unknown): void {
    this.doc.transact(() => {
      for (const part of parts) this.applyPart(part, origin)
    }, origin)
  }

  private async applySliced(parts: Uint8Array[], origin: unknown): Promise<void> {
    let next = 0
    while (next < parts.length) {
      const started = performance.now()
      this.doc.transact(() => {
        do this.applyPart(parts[next++]!, origin)
        while (next < parts.length && performance.now() - started < this.sliceMs)
      }, origin)
      if (next < parts.length) await new Promise((resolve) => setImmediate(resolve))
    }
  }

  /** Yjs refuses some well-formed updates that make no sense for this document (a parent that is not a type): the sender's error. */
  private applyPart(part: Uint8Array, origin: unknown): void {
    try {
      Y.applyUpdate(this.doc, part, origin)
    } catch (err) {
      throw new MalformedUpdate(`the update does not apply to this document: ${(err as Error).message}`)
    }
  }
}
