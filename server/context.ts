import type { Logger } from 'pino'
import type { Config } from './config'
import type { Db } from './db/db'
import type { DbAvailability } from './db/availability'
import type { Auth, AuthSession } from './auth/lucia'
import type { LoginLimits } from './auth/login-limits'
import type { CollabHub } from './collab/hub'
import type { DocumentReader } from './collab/current-document'
import type { DocumentThread } from './documents/thread'
import type { VersionRecorder } from './versions/record'
import type { Mail } from './mail/mail'
import type { Actor } from '../shared/domain'
import type { PublicUser } from '../shared/api'

/** What every request handler can reach: built once at start, passed in, never imported as globals. */
export type AppDeps = {
  config: Config
  db: Db
  logger: Logger
  auth: Auth
  loginLimits: LoginLimits
  hub: CollabHub
  /** Whole-document work (text copies, versions, comparisons, exports) off the event loop. */
  documents: DocumentThread
  /** The current content of any document, live or stored (to tell detached comment threads). */
  documentReader: DocumentReader
  versions: VersionRecorder
  /** Whether the database can be reached, as the last queries found (503 while it cannot). */
  availability: DbAvailability
  /** Mail through the outbox (off without SMTP_URL). */
  mail: Mail
}

export type Identity = { user: PublicUser; session: AuthSession; actor: Actor }

export type AppEnv = {
  Variables: {
    deps: AppDeps
    identity: Identity | null
    requestId: string
  }
}
