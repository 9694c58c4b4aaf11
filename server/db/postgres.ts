import postgres from 'postgres'
import { assertIdentifier, type Db, type Executor, type Row } from './db'

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
  const sql = postgres(url, {
    max: 10,
    onnotice: () => {},
    connection: schema ? { search_path: schema } : {},
  })
  const run = (q: postgres.Sql | postgres.TransactionSql): Executor => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const rows = await q.unsafe(text, params as postgres.ParameterOrJSON<never>[])
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
    async listen(channel, onPayload) {
      const sub = await sql.listen(channel, onPayload)
      return () => sub.unlisten()
    },
    async notify(channel, payload) {
      await sql.notify(channel, payload)
    },
    close: () => sql.end({ timeout: 5 }),
  }
}
