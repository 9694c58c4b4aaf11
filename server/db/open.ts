import { join } from 'node:path'
import type { Db, DbOptions } from './db'
import { migrate } from './migrate'
import { openPostgres } from './postgres'

/** Opens the configured database and brings its schema up to date. */
export async function openDb(options: DbOptions): Promise<Db> {
  const db = options.url ? await openPostgres(options.url, options.schema) : await openEmbedded(options)
  try {
    await migrate(db)
  } catch (err) {
    await db.close()
    throw err
  }
  return db
}

/** Loaded only when used: an instance on PostgreSQL never starts the embedded database's code. */
async function openEmbedded(options: DbOptions): Promise<Db> {
  const { openPglite } = await import('./pglite')
  return openPglite(options.dataDir && join(options.dataDir, 'pglite'), options.schema)
}
