import type { Logger } from 'pino'
import type { Queryable } from './db'
import { isUnavailable } from './errors'

/**
 * Whether the database can be reached, as the last queries found. Once one fails for want of a
 * connection, requests are answered "unavailable" at once (rather than each waiting for its own
 * connection attempt to fail) until a probe gets through again.
 */
export class DbAvailability {
  private down = false
  private probing: NodeJS.Timeout | undefined

  constructor(
    private readonly db: Queryable,
    private readonly logger: Logger,
    private readonly probeMs = 1_000,
  ) {}

  get reachable(): boolean {
    return !this.down
  }

  /** Looks at a failed query's error: true if it says the database cannot be reached (and notes it). */
  observe(err: unknown): boolean {
    if (!isUnavailable(err)) return false
    if (!this.down) {
      this.down = true
      this.logger.error({ err }, 'the database cannot be reached; answering 503 until it can')
      this.probing = setInterval(() => void this.probe(), this.probeMs)
      this.probing.unref()
    }
    return true
  }

  private async probe(): Promise<void> {
    try {
      await Promise.race([
        this.db.query('select 1'),
        new Promise((_, reject) => setTimeout(() => reject(new Error('probe timed out')), this.probeMs).unref()),
      ])
    } catch {
      return
    }
    if (!this.down) return
    this.down = false
    clearInterval(this.probing)
    this.logger.info('the database can be reached again')
  }

  stop(): void {
    clearInterval(this.probing)
  }
}
