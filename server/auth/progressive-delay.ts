import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

/** How failures on one key slow it down. */
export type DelaySchedule = {
  /** Failures that cost nothing. */
  free: number
  /** The wait after the first failure beyond the free ones; it doubles with each further failure… */
  firstDelaySeconds: number
  /** …up to this. */
  maxDelaySeconds: number
  /** Failures are forgotten this long after the first of them. */
  forgetAfterSeconds: number
}

/** Seconds the next attempt must wait after the key's `failures`-th failure (whole seconds: Redis expiries are). */
export function delayAfter(failures: number, schedule: DelaySchedule): number {
  if (failures <= schedule.free) return 0
  return Math.min(schedule.maxDelaySeconds, schedule.firstDelaySeconds * 2 ** (failures - schedule.free - 1))
}

/** Creates a rate-limiter-flexible limiter: in memory, or in Redis with memory as its insurance. */
export type LimiterStore = (options: { keyPrefix: string; points: number; duration: number }) => RateLimiterAbstract

/** An attempt let through. It counts as a failure unless it is forgiven or its key cleared. */
export type Ticket = { key: string; closedGate: boolean }

/**
 * Progressive delays on top of two rate-limiter-flexible counters per key: `failures` counts
 * them, and `gate` is closed for the current delay by each attempt beyond the free ones.
 * An attempt is counted before it is checked, and the gate is taken with an atomic consume, so
 * guesses sent all at once cannot slip through before the first of them is answered.
 */
export class ProgressiveDelay {
  private readonly failures: RateLimiterAbstract
  private readonly gate: RateLimiterAbstract

  constructor(
    name: string,
    private readonly schedule: DelaySchedule,
    store: LimiterStore,
  ) {
    this.failures = store({ keyPrefix: `${name}:failures`, points: schedule.free, duration: schedule.forgetAfterSeconds })
    // One attempt per opening; each closing sets its own duration (customDuration).
    this.gate = store({ keyPrefix: `${name}:gate`, points: 1, duration: schedule.maxDelaySeconds })
  }

  /** Lets an attempt through, or says how many milliseconds it must wait (and then counts nothing). */
  async take(key: string): Promise<Ticket | { waitMs: number }> {
    const { consumedPoints } = await this.failures.penalty(key)
    const delay = delayAfter(consumedPoints, this.schedule)
    if (delay === 0) return { key, closedGate: false }
    try {
      await this.gate.consume(key, 1, { customDuration: delay })
      return { key, closedGate: true }
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal
      await this.failures.reward(key)
      return { waitMs: refusal.msBeforeNext }
    }
  }

  /**
   * The attempt was no failure: it succeeded, or another limit refused it. Uncount it and reopen
   * the gate it closed (earlier failures still count).
   */
  async forgive(ticket: Ticket): Promise<void> {
    await Promise.all([this.failures.reward(ticket.key), ticket.closedGate && this.gate.delete(ticket.key)])
  }

  /** The attempt succeeded: forget every failure of its key. */
  async clear(ticket: Ticket): Promise<void> {
    await Promise.all([this.failures.delete(ticket.key), this.gate.delete(ticket.key)])
  }
}
