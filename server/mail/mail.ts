import nodemailer from 'nodemailer'
import type { Logger } from 'pino'
import type { MailConfig } from '../config'
import type { Db, Queryable } from '../db/db'
import { queueMail, recentMailCount } from '../data/outbox'
import type { MailKind } from '../../shared/api'
import type { TemplateLocale } from '../../shared/templates'
import { renderMail, type MailInput } from './messages'
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
}

const localeOf = (l: string): TemplateLocale => (l === 'en' || l === 'es' ? l : 'fr')

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
    logger: Logger,
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
   * Writes the mail to the outbox within `q`'s transaction, in the recipient's language. Returns
   * whether it was queued: not without SMTP_URL, nor past the recipient's hourly limit for its kind.
   */
  async queue(q: Queryable, to: Recipient, input: MailInput, networkIds: string[], calendar: string | null = null): Promise<boolean> {
    if (!this.enabled) return false
    if ((await recentMailCount(q, to.email, input.kind, 3_600_000)) >= PER_RECIPIENT_PER_HOUR[input.kind]) return false
    const message = renderMail(localeOf(to.locale), input)
    await queueMail(q, { kind: input.kind, recipientId: to.id, to: to.email, networkIds, calendar, ...message })
    return true
  }

  /** Who a calendar event comes from: MAIL_FROM's name and address. */
  organizer(): { name: string; email: string } {
    const from = this.config?.from ?? 'Atelier <atelier@localhost>'
    const address = /<([^>]+)>/.exec(from)
    return address
      ? { name: from.slice(0, address.index).trim().replace(/^"|"$/g, '') || 'Atelier', email: address[1]! }
      : { name: 'Atelier', email: from.trim() }
  }

  /** Called once what queued mail has committed: the worker looks now instead of at its next poll. */
  nudge(): void {
    this.worker?.nudge()
  }

  start(): void {
    this.worker?.start()
  }

  async stop(): Promise<void> {
    await this.worker?.stop()
  }
}

/** nodemailer over SMTP_URL: smtp:// upgrades to TLS when the server offers STARTTLS, smtps:// is TLS from the start. */
function smtpSender(config: MailConfig): SendMail {
  const transport = nodemailer.createTransport(config.smtpUrl)
  return async (mail) => {
    await transport.sendMail({
      from: config.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      // A calendar part that mail clients offer to add (or update, or remove), and the same as an .ics attachment.
      ...(mail.calendar ? { icalEvent: { filename: 'atelier.ics', method: calendarMethod(mail.calendar), content: mail.calendar } } : {}),
    })
  }
}
