/**
 * How much one socket may send: a burst of `burst` bytes (the largest message, so a big paste goes
 * through at once), then `perSecond` on average. Past it the socket is paused until the budget
 * refills: TCP then holds the sender back, and no one else on the server waits for it.
 */
export class ByteBudget {
  private tokens: number
  private last: number

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = burst
    this.last = now()
  }

  /** Spends `bytes`; returns how many milliseconds to stop reading for (0: none). */
  spend(bytes: number): number {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond)
    this.last = now
    this.tokens -= bytes
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000)
  }
}

/** Every message counts this much on top of its bytes, so a flood of tiny messages is paced too. */
export const MESSAGE_COST_BYTES = 256
