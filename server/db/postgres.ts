import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { assertIdentifier, Utf8Text, type Db, type Executor, type Row } from './db'

/** How often a listening connection is checked to be alive. */
const PROBE_MS = 5_000

export async function openPostgres(url: string, schema?: string): Promise<Db> {
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
  const run = (q: postgres.Sql | postgres.TransactionSql): Executor => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const values = params.map((p) => (p instanceof Utf8Text ? Buffer.from(p.bytes.buffer, p.bytes.byteOffset, p.bytes.byteLength).toString('utf8') : p))
      const rows = await q.unsafe(text, values as postgres.ParameterOrJSON<never>[])
      return rows as unknown as T[]
    },
    async exec(script) {
      // Without parameters postgres.js uses the simple protocol, which accepts several statements.
      await q.unsafe(script)
    },
  })
  return {
    driver: 'postgres',
    ...run(sql),
    transaction: (fn) => sql.begin((tx) => fn(run(tx))) as Promise<Awaited<ReturnType<typeof fn>>>,
    listen: (channel, onPayload, onListening) => listenReliably(url, options, sql, channel, onPayload, onListening),
    async notify(channel, payload) {
      await sql.notify(channel, payload)
    },
    // Stopping must be quick: queries still running after 2 s (derived copies, maintenance) are cut.
    close: () => sql.end({ timeout: 2 }),
  }
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
  onListening: (() => void) | undefined,
): Promise<() => Promise<void>> {
  const probe = `${channel}_probe_${randomBytes(8).toString('hex')}`
  let heard = true
  let conn: postgres.Sql | undefined
  let stopped = false
  const start = async () => {
    const fresh = postgres(url, { ...options, max: 1 })
    try {
      await fresh.listen(probe, () => (heard = true))
      await fresh.listen(channel, onPayload, () => onListening?.())
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
  timer.unref()
  return async () => {
    stopped = true
    clearInterval(timer)
    await conn?.end({ timeout: 1 })
  }
}
