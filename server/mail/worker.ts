import type { Logger } from 'pino'
import type { Db } from '../db/db'
import { claimDueMail, markAttemptFailed, markSent, type ClaimedMail } from '../data/outbox'

/** What sends one mail: nodemailer's SMTP transport in production (transport.ts). */
export type SendMail = (mail: ClaimedMail & { messageId: string }) => Promise<void>

export type MailWorkerOptions = {
  /** How often the outbox is looked at when nobody nudges the worker. */
  pollMs: number
  /** How long a claimed mail is held: past it, a worker that died is assumed gone and the mail is tried again. */
  leaseMs: number
  /** The first retry waits this long, then twice as long each time, up to maxRetryMs. */
  retryMs: number
  maxRetryMs: number
  /** After this many attempts the mail is given up, marked failed with the last reason. */
  maxAttempts: number
  batch: number
}

/**
 * A mail is claimed alone, for longer than the SMTP client may take on it (transport.ts's
 * timeouts), so its lease never ends while it is being sent; a mail server down for a day and a
 * half only delays mail (1 h between tries past the first few).
 */
export const MAIL_WORKER_DEFAULTS: MailWorkerOptions = { pollMs: 5_000, leaseMs: 300_000, retryMs: 30_000, maxRetryMs: 3_600_000, maxAttempts: 40, batch: 1 }

/**
 * Sends what the outbox holds, on every instance: claiming a mail takes a lease on it (row locks
 * skipped by the others), so each mail is sent by one worker at a time, and it is recorded as sent
 * once the SMTP server has taken it. A mail server outage only delays mail: failed attempts are
 * tried again later, with a longer wait each time.
 */
export class MailWorker {
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private again = false
  private stopped = true

  constructor(
    private readonly db: Db,
    private readonly send: SendMail,
    private readonly logger: Logger,
    private readonly options: MailWorkerOptions = MAIL_WORKER_DEFAULTS,
  ) {}

  start(): void {
    this.stopped = false
    this.schedule(0)
  }

  /** Something was queued: look now rather than at the next poll. */
  nudge(): void {
    if (this.stopped) return
    if (this.running) this.again = true
    else this.schedule(0)
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      this.running = this.round().finally(() => {
        this.running = null
        if (this.stopped) return
        const next = this.again ? 0 : this.options.pollMs
        this.again = false
        this.schedule(next)
      })
    }, ms)
    this.timer.unref()
  }

  /** Sends every due mail, a batch at a time, until none is left or the worker stops. */
  private async round(): Promise<void> {
    try {
      for (;;) {
        const due = await claimDueMail(this.db, this.options.batch, this.options.leaseMs)
        for (const mail of due) await this.deliver(mail)
        if (due.length < this.options.batch || this.stopped) return
      }
    } catch (err) {
      this.logger.warn({ err }, 'the outbox could not be read; mail waits for the next round')
    }
  }

  private async deliver(mail: ClaimedMail): Promise<void> {
    try {
      await this.send({ ...mail, messageId: `<${mail.id}@atelier>` })
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      const retry = mail.attempts >= this.options.maxAttempts ? null : Math.min(this.options.retryMs * 2 ** (mail.attempts - 1), this.options.maxRetryMs)
      this.logger.warn({ mailId: mail.id, attempts: mail.attempts, reason, retryInMs: retry }, 'a mail could not be sent')
      await markAttemptFailed(this.db, mail, reason, retry)
      return
    }
    await markSent(this.db, mail)
  }
}
