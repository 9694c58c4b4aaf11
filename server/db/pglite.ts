import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import type { Transaction } from '@electric-sql/pglite'
import { assertIdentifier, type Db, type Executor, type Row } from './db'

export async function openPglite(dataDir: string | undefined, schema?: string): Promise<Db> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pg = await PGlite.create(dataDir)
  if (schema) {
    // PGlite is a single session, so a session-level search_path holds for every later query.
    await pg.exec(`create schema if not exists ${assertIdentifier(schema)}; set search_path to ${schema}`)
  }
  const run = (q: PGlite | Transaction): Executor => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const res = await q.query<T>(text, params as unknown[])
      return res.rows
    },
    async exec(script) {
      await q.exec(script)
    },
  })
  return {
    driver: 'pglite',
    ...run(pg),
    transaction: (fn) => pg.transaction((tx) => fn(run(tx))),
    async listen(channel, onPayload) {
      const unsubscribe = await pg.listen(channel, onPayload)
      return () => unsubscribe()
    },
    async notify(channel, payload) {
      await pg.query('select pg_notify($1, $2)', [channel, payload])
    },
    close: () => pg.close(),
  }
}
