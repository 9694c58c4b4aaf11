import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import type { Db } from '../../server/db/db'
import { openDb } from '../../server/db/open'

/**
 * Every data test runs on PGlite, and again on real PostgreSQL when DATABASE_URL is set.
 * Each run works in a schema of its own, dropped afterwards, so reruns never collide.
 */
export type Driver = 'pglite' | 'postgres'
export const DRIVERS: Driver[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

export const freshSchemaName = () => `t_${randomBytes(6).toString('hex')}`

export type TestDb = Db & { schema: string; url?: string; drop(): Promise<void> }

export async function openTestDb(driver: Driver): Promise<TestDb> {
  const schema = freshSchemaName()
  const url = driver === 'postgres' ? process.env.DATABASE_URL : undefined
  const db = await openDb({ url, schema })
  return Object.assign(db, {
    schema,
    url,
    async drop() {
      await db.close()
      if (url) await dropSchema(url, schema)
    },
  })
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await sql.unsafe(`drop schema if exists ${schema} cascade`)
  } finally {
    await sql.end()
  }
}
