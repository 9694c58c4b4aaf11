import type { AddressInfo } from 'node:net'
import { simpleParser, type ParsedMail } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/**
 * A real SMTP server on a free port, keeping every mail it accepts (parsed). It can go down and
 * come back on the same port, as a mail server does during an outage.
 */
export class SmtpSink {
  readonly mails: ParsedMail[] = []
  private server: SMTPServer | null = null
  port = 0

  static async start(): Promise<SmtpSink> {
    const sink = new SmtpSink()
    await sink.up()
    return sink
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`
  }

  /** Starts (again) on the same port once it has one. */
  async up(): Promise<void> {
    const server = new SMTPServer({
      authOptional: true,
      // Plain SMTP on the loopback: nodemailer would otherwise upgrade to TLS with a self-signed certificate.
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, _session, done) => {
        simpleParser(stream)
          .then((mail) => {
            this.mails.push(mail)
            done()
          })
          .catch(done)
      },
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(this.port, '127.0.0.1', () => resolve())
    })
    this.port = (server.server.address() as AddressInfo).port
    this.server = server
  }

  async down(): Promise<void> {
    const server = this.server
    this.server = null
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()))
  }

  /** The mails sent to an address. */
  to(address: string): ParsedMail[] {
    return this.mails.filter((m) => [m.to].flat().some((t) => t?.value.some((v) => v.address?.toLowerCase() === address.toLowerCase())))
  }
}

/** The first Atelier link in a mail's plain text. */
export function linkIn(mail: ParsedMail, origin: string): string {
  const match = (mail.text ?? '').match(new RegExp(`${origin.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+`))
  if (!match) throw new Error(`no link to ${origin} in: ${mail.text}`)
  return match[0]
}
