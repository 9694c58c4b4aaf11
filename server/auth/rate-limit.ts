/**
 * Counts failures per key in a sliding window. Login uses one per account and one per IP.
 * Kept in memory: behind several instances each one limits separately, which still bounds
 * guessing to a small multiple of the limit.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until the key may try again, or 0 if it may try now. */
  retryAfter(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.max) return 0
    return Math.ceil((recent[0]! + this.windowMs - this.now()) / 1000)
  }

  fail(key: string): void {
    if (this.failures.size > 10_000) this.sweep()
    const recent = this.recent(key)
    recent.push(this.now())
    this.failures.set(key, recent)
  }

  reset(key: string): void {
    this.failures.delete(key)
  }

  /** Forgets keys whose failures are all outside the window, so many one-off keys cannot grow the map forever. */
  private sweep(): void {
    for (const key of [...this.failures.keys()]) this.recent(key)
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    const recent = (this.failures.get(key) ?? []).filter((t) => t > since)
    if (recent.length === 0) this.failures.delete(key)
    return recent
  }
}
