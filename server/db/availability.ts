import type { Logger } from 'pino'
import type { Queryable } from './db'
import { isUnavailable } from './errors'

export type AvailabilityTiming = {
  /** While unreachable: how often to try again. */
  probeMs: number
  /** The health check: one query at most this often… */
  checkEveryMs: number
  /** …a success this recent answers while the next one runs… */
  checkTrustedMs: number
  /** …and one taking longer than this counts as a failure. */
  checkTimeoutMs: number
}

const TIMING: AvailabilityTiming = { probeMs: 1_000, checkEveryMs: 1_000, checkTrustedMs: 5_000, checkTimeoutMs: 2_000 }

/**
 * Whether the database can be reached, as the last queries found. Once one fails for want of a
 * connection, requests are answered "unavailable" at once (rather than each waiting for its own
 * connection attempt to fail) until a probe gets through again.
 */
export class DbAvailability {
  private down = false
  private probing: NodeJS.Timeout | undefined
  private lastCheck: { ok: boolean; at: number } | undefined
  private checking: Promise<boolean> | undefined

  private readonly timing: AvailabilityTiming

  constructor(
    private readonly db: Queryable,
    private readonly logger: Logger,
    timing: Partial<AvailabilityTiming> = {},
  ) {
    this.timing = { ...TIMING, ...timing }
  }

  get reachable(): boolean {
    return !this.down
  }

  /** Looks at a failed query's error: true if it says the database cannot be reached (and notes it). */
  observe(err: unknown): boolean {
    if (!isUnavailable(err)) return false
    if (!this.down) {
      this.down = true
      this.logger.error({ err }, 'the database cannot be reached; answering 503 until it can')
      this.probing = setInterval(() => void this.probe(), this.timing.probeMs)
      this.probing.unref()
    }
    return true
  }

  private async probe(): Promise<void> {
    if (!(await this.answers(this.timing.probeMs)) || !this.down) return
    this.down = false
    clearInterval(this.probing)
    this.logger.info('the database can be reached again')
  }

  /**
   * The health route's answer. One `select 1` at most every `checkEveryMs`, shared by every
   * caller; while it runs, a success less than `checkTrustedMs` old answers at once. On the
   * embedded database the check queues behind whatever the database thread is writing (a large
   * paste, say): the instance is not held then, and saying it is would get it taken out of a load
   * balancer for nothing. A database that stops answering is reported within a few seconds.
   */
  async check(): Promise<boolean> {
    if (this.down) return false
    const now = Date.now()
    if (!this.checking && (!this.lastCheck || now - this.lastCheck.at >= this.timing.checkEveryMs)) this.checking = this.runCheck()
    const last = this.lastCheck
    if (last?.ok && now - last.at < this.timing.checkTrustedMs) return true
    return this.checking ?? last?.ok ?? false
  }

  private async runCheck(): Promise<boolean> {
    const ok = await this.answers(this.timing.checkTimeoutMs)
    this.lastCheck = { ok, at: Date.now() }
    this.checking = undefined
    return ok
  }

  /** Whether the database answers `select 1` within `timeoutMs`. */
  private async answers(timeoutMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('timed out')), timeoutMs)
    })
    try {
      await Promise.race([this.db.query('select 1'), timedOut])
      return true
    } catch {
      return false
    } finally {
      clearTimeout(timer)
    }
  }

  stop(): void {
    clearInterval(this.probing)
  }
}
