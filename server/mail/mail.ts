import nodemailer from 'nodemailer'
import type { Logger } from 'pino'
import type { MailConfig } from '../config'
import type { Db, Queryable } from '../db/db'
import { queueMail, recentMailCount } from '../data/outbox'
import { topicOf, type MailKind } from '../../shared/api'
import { addDigestItem, lockAddress, mailToken, modeFor } from '../data/mail-preferences'
import { mailLocale, renderMail, type MailInput } from './messages'
import { calendarMethod } from './calendar'
import { MAIL_WORKER_DEFAULTS, MailWorker, type MailWorkerOptions, type SendMail } from './worker'

/** What commands need of mail: whether it is on, links, and queueing within their transaction. */
export type MailQueue = Pick<Mail, 'enabled' | 'link' | 'queue' | 'organizer'>

/** For what must never send mail (the demonstration's story, told as its cast). */
export const MAIL_OFF: MailQueue = {
  enabled: false,
  link: (path) => path,
  queue: async () => false,
  organizer: () => ({ name: 'Atelier', email: 'atelier@localhost' }),
}

/**
 * What a mail is about: the networks whose secretariat sees it, the calendar event it carries,
 * and the document it tells of (a digest checks again that its reader may still read it).
 */
export type MailContext = { networkIds: string[]; calendar?: string | null; documentId?: string | null }

/** Who a mail goes to: their account's address and language. */
export type Recipient = { id: string | null; email: string; locale: string }

/** At most this many mails of one kind to one address per hour: nobody is flooded through Atelier. */
const PER_RECIPIENT_PER_HOUR: Record<MailKind, number> = {
  invitation: 5,
  password_reset: 3,
  mention: 30,
  reply: 30,
  submitted: 30,
  returned: 30,
  validated: 30,
  due: 30,
  workshop: 30,
  digest: 2,
}

/**
 * Atelier's mail: commands queue mails in their own transaction (so a mail exists exactly when
 * what it tells of does), and the worker sends them. Without SMTP_URL nothing is queued and
 * links are copied by hand, as the screens then say.
 */
export class Mail {
  readonly enabled: boolean
  private readonly worker: MailWorker | null

  constructor(
    private readonly config: MailConfig | null,
    db: Db,
    private readonly logger: Logger,
    options: Partial<MailWorkerOptions> & { send?: SendMail } = {},
  ) {
    this.enabled = config !== null
    this.worker = config ? new MailWorker(db, options.send ?? smtpSender(config), logger, { ...MAIL_WORKER_DEFAULTS, ...options }) : null
  }

  /** An address in Atelier, for a mail's link. */
  link(path: string): string {
    return `${this.config?.baseUrl ?? ''}${path}`
  }

  /**
   * Writes the mail within `q`'s transaction, in the recipient's language, as they chose for its
   * topic: to the outbox (with a link that stops the topic), to their daily digest, or nowhere.
   * Returns whether it will reach them: not without SMTP_URL, nor past the hourly limit for its kind.
   */
  async queue(q: Queryable, to: Recipient, input: MailInput, about: MailContext): Promise<boolean> {
    const { networkIds, calendar = null, documentId = null } = about
    if (!this.enabled) return false
    const topic = to.id ? topicOf(input.kind) : null
    const mode = topic && to.id ? await modeFor(q, to.id, topic) : 'now'
    if (mode === 'never') return false
    const token = topic && to.id ? await mailToken(q, to.id) : null
    const unsubscribe = topic && token ? { topic, link: this.link(`/unsubscribe/${token}/${topic}`) } : null
    const message = renderMail(mailLocale(to.locale), input, unsubscribe)
    // A calendar event waits for no digest: the calendar must hold the workshop's dates as they are.
    if (mode === 'daily' && to.id && !calendar) {
      await addDigestItem(q, to.id, { kind: input.kind, subject: message.subject, detail: message.summary, link: input.link, networkIds, documentId })
      return true
    }
    // Mail asked for by someone else (a reset, an invitation) goes to one address per transaction:
    // those to the same address take turns, so the hourly count holds under concurrent requests.
    if (input.kind === 'password_reset' || input.kind === 'invitation') await lockAddress(q, to.email, input.kind)
    const over = (await recentMailCount(q, to.email, input.kind, 3_600_000)) >= PER_RECIPIENT_PER_HOUR[input.kind]
    const oneClick = topic && token ? this.link(`/mail/unsubscribe/${token}/${topic}`) : null
    const mail = { kind: input.kind, recipientId: to.id, to: to.email, networkIds, calendar, unsubscribeUrl: oneClick, ...message }
    await queueMail(q, mail, over ? `Not sent: ${to.email} already had ${PER_RECIPIENT_PER_HOUR[input.kind]} such mails this hour` : null)
    return !over
  }

  /** Who a calendar event comes from: MAIL_FROM's name and address. */
  organizer(): { name: string; email: string } {
    const from = this.config?.from ?? 'Atelier <atelier@localhost>'
    const address = /<([^>]+)>/.exec(from)
    return address
      ? { name: from.slice(0, address.index).trim().replace(/^"|"$/g, '') || 'Atelier', email: address[1]! }
      : { name: 'Atelier', email: from.trim() }
  }

  private readonly pending = new Set<Promise<void>>()

  /**
   * Work done after answering (a reset asked for by address): the answer takes the same time
   * whether or not the address has an account. Failures are logged; stop() waits for it.
   */
  afterAnswer(work: () => Promise<void>): void {
    const done = work()
      .then(() => this.nudge())
      .catch((err) => this.logger.warn({ err }, 'mail work after an answer failed'))
      .finally(() => this.pending.delete(done))
    this.pending.add(done)
  }

  /** Resolves once the work started after answers has ended. */
  async settled(): Promise<void> {
    await Promise.all([...this.pending])
  }

  /** Called once what queued mail has committed: the worker looks now instead of at its next poll. */
  nudge(): void {
    this.worker?.nudge()
  }

  start(): void {
    this.worker?.start()
  }

  async stop(): Promise<void> {
    await this.settled()
    await this.worker?.stop()
  }
}

/** nodemailer over SMTP_URL: smtp:// upgrades to TLS when the server offers STARTTLS, smtps:// is TLS from the start. */
function smtpSender(config: MailConfig): SendMail {
  // Well within the worker's lease on a mail (worker.ts), so a hung server never outlasts it.
  const transport = nodemailer.createTransport({ url: config.smtpUrl, connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 })
  return async (mail) => {
    await transport.sendMail({
      from: config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      // One click in the mail client stops this topic (RFC 8058): a POST to the link, no page to open.
      ...(mail.unsubscribeUrl ? { list: { unsubscribe: mail.unsubscribeUrl }, headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } } : {}),
      // A calendar part that mail clients offer to add (or update, or remove), and the same as an .ics attachment.
      ...(mail.calendar ? { icalEvent: { filename: 'atelier.ics', method: calendarMethod(mail.calendar), content: mail.calendar } } : {}),
    })
  }
}
