import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import type { Config } from './config'
import type { AppDeps } from './context'
import { createApp } from './app'
import { createLucia } from './auth/lucia'
import { FailureLimiter } from './auth/rate-limit'
import { openDb } from './db/open'
import { createLogger } from './logger'
import { seedDemo } from './demo/seed'

const FIFTEEN_MINUTES = 15 * 60_000

export type RunningServer = { url: string; deps: AppDeps; close(): Promise<void> }

/** Opens the database, builds the app and listens. Used by main.ts and by tests that need a real port. */
export async function startServer(config: Config, options: { schema?: string; clientDir?: string } = {}): Promise<RunningServer> {
  const logger = createLogger(config.logLevel)
  const db = await openDb({ url: config.databaseUrl, dataDir: config.dataDir, schema: options.schema })
  const deps: AppDeps = {
    config,
    db,
    logger,
    auth: createLucia(db, { secureCookies: config.publicUrl?.startsWith('https:') ?? false, sessionDays: config.sessionDays }),
    limiters: {
      loginByAccount: new FailureLimiter(5, FIFTEEN_MINUTES),
      loginByIp: new FailureLimiter(30, FIFTEEN_MINUTES),
    },
  }
  if (config.demo && (await seedDemo(db, config.demoPassword))) logger.info('demonstration network seeded')
  const app = createApp(deps, options)
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`
  logger.info({ url, driver: db.driver }, 'Atelier is listening')
  return {
    url,
    deps,
    async close() {
      // Stop taking connections, let requests in flight finish, then release the database.
      await new Promise<void>((resolve) => server.close(() => resolve()))
      await db.close()
    },
  }
}
