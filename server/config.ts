import { resolve } from 'node:path'
import { z } from 'zod'
import type { QueueLimits } from './import/queue'
import type { RetentionPolicy } from './versions/retention'

/** The largest WebSocket message (so the largest single update) accepted by default; the bench's hostile writer sends this much. */
export const DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024

/** Every setting Atelier reads from the environment; the README lists the same names and defaults. */
const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ATELIER_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  PUBLIC_URL: z
    .string()
    .url('must be a full URL such as https://atelier.example.org')
    .refine((u) => /^https?:/.test(u), 'must use http or https')
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ATELIER_DEMO: z.enum(['0', '1', 'true', 'false', '']).default('0'),
  ATELIER_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo-atelier'),
  TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0'),
  SESSION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  ATELIER_MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_MAX_MESSAGE_BYTES),
  ATELIER_MAX_DOCUMENT_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(16 * 1024 * 1024),
  ATELIER_MAX_DOCUMENT_ITEMS: z.coerce.number().int().min(1000).default(500_000),
  ATELIER_WRITE_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .default(256 * 1024),
  ATELIER_ACCESS_RECHECK_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  ATELIER_MAX_CONNECTIONS_PER_DOCUMENT: z.coerce.number().int().min(1).default(250),
  ATELIER_VERSION_IDLE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(300),
  ATELIER_VERSION_KEEP_ALL_HOURS: z.coerce.number().int().min(0).default(24),
  ATELIER_VERSION_HOURLY_DAYS: z.coerce.number().int().min(0).default(7),
  SMTP_URL: z
    .string()
    .url('must be a URL such as smtp://user:pass@mail.example.org:587')
    .refine((u) => /^smtps?:/.test(u), 'must start with smtp:// (STARTTLS when offered) or smtps:// (TLS)')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Atelier <atelier@localhost>'),
  ATELIER_IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(20 * 1024 * 1024),
  ATELIER_IMPORTS_PER_USER: z.coerce.number().int().min(1).default(2),
  ATELIER_IMPORT_QUEUE: z.coerce.number().int().min(0).default(4),
  ATELIER_IMPORT_WAIT_SECONDS: z.coerce.number().int().min(1).max(600).default(60),
})

export type Config = {
  port: number
  host: string
  dataDir: string
  databaseUrl?: string
  redisUrl?: string
  /** Origin the app is reached at; when unset, the request's own Host is trusted. */
  publicUrl?: string
  logLevel: z.infer<typeof schema>['LOG_LEVEL']
  demo: boolean
  demoPassword: string
  sessionDays: number
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean
  /** writeBytesPerSecond: what one socket may send on average, after a burst of one largest message. */
  /** accessRecheckMs: every open socket is checked again this often, whatever was (not) announced. */
  collab: {
    maxMessageBytes: number
    maxDocumentBytes: number
    maxDocumentItems: number
    maxConnectionsPerDocument: number
    writeBytesPerSecond: number
    accessRecheckMs: number
  }
  /** Automatic versions: taken after this much idle time; thinned as they age. */
  versions: { idleMs: number; retention: RetentionPolicy }
  /** The largest Word or Markdown file accepted by `POST /api/documents/import`. */
  importMaxBytes: number
  /** Sending mail (SMTP_URL): off when unset, and links are then copied by hand. */
  mail: MailConfig | null
  /** Imports under way per person, imports waiting for a conversion thread, and how long one may wait (server/import/queue.ts). */
  importQueue: QueueLimits
}

/** Mails carry links, so they need the address people reach Atelier at (PUBLIC_URL). */
export type MailConfig = { smtpUrl: string; from: string; baseUrl: string }

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable means "use the default", as most shells and compose files expect.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''))
  const parsed = schema.safeParse(cleaned)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0])
    throw new ConfigError(`Invalid ${name}=${JSON.stringify(env[name])}: ${issue.message}`)
  }
  const e = parsed.data
  const publicUrl = e.PUBLIC_URL?.replace(/\/+$/, '')
  if (e.SMTP_URL && !publicUrl) throw new ConfigError('SMTP_URL needs PUBLIC_URL: every mail carries links to Atelier, which must say where it is reached')
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.ATELIER_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    demo: e.ATELIER_DEMO === '1' || e.ATELIER_DEMO === 'true',
    demoPassword: e.ATELIER_DEMO_PASSWORD,
    sessionDays: e.SESSION_DAYS,
    trustProxy: e.TRUST_PROXY === '1' || e.TRUST_PROXY === 'true',
    collab: {
      maxMessageBytes: e.ATELIER_MAX_MESSAGE_BYTES,
      maxDocumentBytes: e.ATELIER_MAX_DOCUMENT_BYTES,
      maxDocumentItems: e.ATELIER_MAX_DOCUMENT_ITEMS,
      maxConnectionsPerDocument: e.ATELIER_MAX_CONNECTIONS_PER_DOCUMENT,
      writeBytesPerSecond: e.ATELIER_WRITE_BYTES_PER_SECOND,
      accessRecheckMs: e.ATELIER_ACCESS_RECHECK_SECONDS * 1000,
    },
    versions: {
      idleMs: e.ATELIER_VERSION_IDLE_SECONDS * 1000,
      retention: { keepAllHours: e.ATELIER_VERSION_KEEP_ALL_HOURS, hourlyDays: e.ATELIER_VERSION_HOURLY_DAYS },
    },
    importMaxBytes: e.ATELIER_IMPORT_MAX_BYTES,
    mail: e.SMTP_URL && publicUrl ? { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, baseUrl: publicUrl } : null,
    importQueue: { perUser: e.ATELIER_IMPORTS_PER_USER, waiting: e.ATELIER_IMPORT_QUEUE, waitMs: e.ATELIER_IMPORT_WAIT_SECONDS * 1000 },
  }
}
