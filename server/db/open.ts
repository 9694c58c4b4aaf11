import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { Db, DbOptions } from './db'
import { migrate } from './migrate'
import { openPostgres } from './postgres'

/** Opens the configured database and brings its schema up to date. */
export async function openDb(options: DbOptions): Promise<Db> {
  if (options.url) return migrated(await openPostgres(options.url, options.schema))
  const dir = options.dataDir && join(options.dataDir, 'pglite')
  const created = dir !== undefined && !existsSync(join(dir, 'PG_VERSION'))
  const db = await migrated(await openEmbedded(dir, options.schema))
  if (!created) return db
  // Creating a database (initdb) leaves ~400 MB of working memory with the thread that did it,
  // which it never gives back: the embedded database starts again on a new thread, lean.
  await db.close()
  return openEmbedded(dir, options.schema)
}

async function migrated(db: Db): Promise<Db> {
  try {
    await migrate(db)
  } catch (err) {
    await db.close()
    throw err
  }
  return db
}

/** Loaded only when used: an instance on PostgreSQL never starts the embedded database's code. */
async function openEmbedded(dir: string | undefined, schema: string | undefined): Promise<Db> {
  const { openPglite } = await import('./pglite')
  return openPglite(dir, schema)
}
