import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { assertIdentifier } from './db'

/** How often a listening connection is checked to be alive. */
const PROBE_MS = 5_000

export type PostgresPool = {
  sql: postgres.Sql
  listen(channel: string, onPayload: (payload: string) => void, onListening: () => void): Promise<() => Promise<void>>
}

/** postgres.js's pool on the server at `url`, working in `schema` (created if missing). Runs on the PostgreSQL client's thread. */
export async function openPool(url: string, schema?: string): Promise<PostgresPool> {
  if (schema) {
    const admin = postgres(url, { max: 1, onnotice: () => {} })
    try {
      await admin.begin(async (tx) => {
        await tx.unsafe(`select pg_advisory_xact_lock(hashtext('atelier:create-schema'))`)
        await tx.unsafe(`create schema if not exists ${assertIdentifier(schema)}`)
      })
    } finally {
      await admin.end()
    }
  }
  const options = { onnotice: () => {}, connection: schema ? { search_path: schema } : {} }
  const sql = postgres(url, { ...options, max: 10 })
  return { sql, listen: (channel, onPayload, onListening) => listenReliably(url, options, sql, channel, onPayload, onListening) }
}

/**
 * LISTEN on a connection of its own that is checked every few seconds: a probe notice sent on
 * the pool must come back through it. postgres.js listens again after losing its connection, but
 * gives up quietly if the database is still down at that moment; when a probe is not heard, the
 * listening connection is replaced by a new one. `onListening` runs at every (re)start.
 */
async function listenReliably(
  url: string,
  options: postgres.Options<Record<string, never>>,
  pool: postgres.Sql,
  channel: string,
  onPayload: (payload: string) => void,
  onListening: () => void,
): Promise<() => Promise<void>> {
  const probe = `${channel}_probe_${randomBytes(8).toString('hex')}`
  let heard = true
  let conn: postgres.Sql | undefined
  let stopped = false
  const start = async () => {
    const fresh = postgres(url, { ...options, max: 1 })
    try {
      await fresh.listen(probe, () => (heard = true))
      await fresh.listen(channel, onPayload, onListening)
    } catch (err) {
      void fresh.end({ timeout: 0 })
      throw err
    }
    conn = fresh
    heard = true
  }
  await start()
  let checking = false
  const timer = setInterval(async () => {
    if (checking || stopped) return
    checking = true
    try {
      if (!heard) {
        const old = conn
        conn = undefined
        void old?.end({ timeout: 0 })
        await start()
      }
      heard = false
      await pool.notify(probe, '')
    } catch {
      // The database is out of reach: the next round tries again.
    } finally {
      checking = false
    }
  }, PROBE_MS)
  return async () => {
    stopped = true
    clearInterval(timer)
    await conn?.end({ timeout: 1 })
  }
}
