import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { Logger } from 'pino'
import type { Config } from './config'
import type { AppDeps } from './context'
import type { Db } from './db/db'
import { createApp } from './app'
import { createLucia } from './auth/lucia'
import { createLoginLimits, limitsRedis, type LoginLimits } from './auth/login-limits'
import { purgeExpiredSessions } from './auth/session-purge'
import { redisFanout, singleInstance, type Fanout } from './collab/fanout'
import { CollabHub, type HubOptions } from './collab/hub'
import { accessChecks } from './collab/access-check'
import type { RoomExtensionFactory } from './collab/extension'
import { automaticVersions } from './collab/extensions/automatic-versions'
import { derivedCopy } from './collab/extensions/derived-copy'
import { peers } from './collab/extensions/peers'
import { LiveStorage } from './collab/extensions/storage'
import { suggestionGuard } from './collab/extensions/suggestion-guard'
import { DocumentReader } from './collab/current-document'
import { DocumentThread } from './documents/thread'
import { DbAvailability } from './db/availability'
import { Persistence, type PersistenceOptions } from './collab/persistence'
import { watchAccessChanges } from './collab/revocation'
import { openDb } from './db/open'
import { createLogger } from './logger'
import { seedDemo } from './demo/seed'
import { VersionRecorder } from './versions/record'
import { Mail } from './mail/mail'
import { scheduleMailRounds } from './mail/schedule'
import type { MailWorkerOptions } from './mail/worker'

export const HUB_DEFAULTS = { awarenessBatchMs: 50, keepAliveMs: 10_000, contentDebounceMs: 2_000, unloadDelayMs: 2_000, applySliceMs: 8, peerGraceMs: 5_000 }

export type ServerOptions = {
  schema?: string
  clientDir?: string
  /** Tests shorten timers; production uses the defaults. */
  hub?: Partial<HubOptions>
  persistence?: Partial<PersistenceOptions>
  /** Tests wrap the database (to make it fail on purpose). */
  wrapDb?: (db: Db) => Db
  /** Extensions of every live document, after the built-in ones. */
  extensions?: RoomExtensionFactory[]
  /** Tests retry mail sooner. */
  mail?: Partial<MailWorkerOptions>
}

export type RunningServer = { url: string; deps: AppDeps; close(): Promise<void> }

/** Everything a request needs, built once. Shared by the real server and the in-process test app. */
export function createDeps(
  config: Config,
  db: Db,
  logger: Logger,
  fanout: Fanout,
  options: ServerOptions = {},
  loginLimits: LoginLimits = createLoginLimits(),
): AppDeps {
  const documents = new DocumentThread(logger)
  // The hub and the storage extension exist by the time a write is reported: a refusal closes that
  // document's sockets, a success is told to the other instances holding it.
  const persistence = new Persistence(
    db,
    logger,
    documents,
    { failed: (documentId) => hub.storageFailed(documentId), written: (documentId, seq) => storage.written(documentId, seq) },
    options.persistence,
  )
  const storage = new LiveStorage(persistence)
  const versions = new VersionRecorder(db, logger, config.versions.retention, (documentId) => persistence.stored(documentId))
  const auth = createLucia(db, { secureCookies: config.publicUrl?.startsWith('https:') ?? false, sessionDays: config.sessionDays })
  const hubOptions: HubOptions = {
    ...HUB_DEFAULTS,
    versionIdleMs: config.versions.idleMs,
    maxDocumentBytes: config.collab.maxDocumentBytes,
    maxDocumentItems: config.collab.maxDocumentItems,
    maxConnectionsPerDocument: config.collab.maxConnectionsPerDocument,
    ...options.hub,
  }
  const hub: CollabHub = new CollabHub({
    persistence,
    fanout,
    logger,
    documents,
    access: accessChecks({ db, auth }),
    // Each hook runs in this order. Storage first: it numbers each change, which the other
    // instances are told with it, and at unload writes everything before the rest; the text
    // copy is written before the version that follows it. One instance has no peers to tell.
    extensions: [
      storage.extension,
      ...(fanout === singleInstance ? [] : [peers({ fanout, storage, documents, logger, graceMs: hubOptions.peerGraceMs })]),
      derivedCopy({ documents, persistence, logger, debounceMs: hubOptions.contentDebounceMs }),
      automaticVersions({ versions, documents, idleMs: hubOptions.versionIdleMs }),
      suggestionGuard,
      ...(options.extensions ?? []),
    ],
    options: hubOptions,
  })
  return {
    config,
    db,
    logger,
    auth,
    loginLimits,
    hub,
    documents,
    documentReader: new DocumentReader(hub, documents, db),
    versions,
    availability: new DbAvailability(db, logger),
    mail: new Mail(config.mail, db, logger, options.mail),
  }
}

/** Opens the database, builds the app and listens. Used by main.ts and by tests that need a real port. */
export async function startServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel)
  const opened = await openDb({ url: config.databaseUrl, dataDir: config.dataDir, schema: options.schema })
  const db = options.wrapDb ? options.wrapDb(opened) : opened
  const fanout = config.redisUrl ? await redisFanout(config.redisUrl, logger) : singleInstance
  // Sign-in limits shared between instances through Redis, when there is one.
  const limitsStore = config.redisUrl ? limitsRedis(config.redisUrl, logger) : undefined
  const deps = createDeps(config, db, logger, fanout, options, createLoginLimits({ redis: limitsStore }))
  deps.documents.start()
  deps.mail.start()
  const stopMailRounds = scheduleMailRounds(deps)
  if (config.demo && (await seedDemo(deps, config.demoPassword))) logger.info('demonstration network seeded')
  const stopWatching = await watchAccessChanges(deps, deps.hub, config.collab.accessRecheckMs)
  const stopPurging = purgeExpiredSessions(deps.auth, logger)
  const { app, injectWebSocket } = createApp(deps, options)
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
  })
  injectWebSocket(server)
  const { port } = server.address() as AddressInfo
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  logger.info({ url, driver: db.driver, instances: config.redisUrl ? 'shared through redis' : 'single' }, 'Atelier is listening')
  return {
    url,
    deps,
    async close() {
      // Stop taking requests, close live sockets after storing every pending edit, then release the rest.
      const httpClosed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Idle keep-alive connections would hold server.close() until they time out.
      if ('closeIdleConnections' in server) server.closeIdleConnections()
      await deps.hub.shutdown()
      logger.info('every live document is stored')
      // Every socket is closed and every edit stored: requests still running are cut, not waited
      // for, and the rest gets a few seconds (a container is killed ~10 s after SIGTERM).
      if ('closeAllConnections' in server) server.closeAllConnections()
      const released = (async () => {
        await httpClosed
        await stopWatching()
        await stopPurging()
        stopMailRounds()
        await deps.mail.stop()
        await fanout.close()
        await deps.documents.stop()
        deps.availability.stop()
        limitsStore?.disconnect()
        await opened.close()
      })()
      const late = await Promise.race([released.then(() => false), new Promise((resolve) => setTimeout(() => resolve(true), 4_000).unref())])
      if (late) logger.warn('connections were still closing after 4 s; stopping anyway (every edit is stored)')
    },
  }
}
