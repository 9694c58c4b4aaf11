import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Db, Queryable } from './db'

const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'migrations')

export type Migration = { version: number; name: string; sql: string }

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3,}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((file) => ({
      version: Number(file.split('_')[0]),
      name: file.replace(/\.sql$/, ''),
      sql: readFileSync(join(dir, file), 'utf8'),
    }))
}

/**
 * Applies the migrations not yet recorded, each in its own transaction. An advisory lock
 * makes a second instance starting at the same moment wait, then find nothing left to do.
 */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  // Even "create table if not exists" collides when run concurrently, so it takes the lock too.
  await db.transaction(async (tx) => {
    await lock(tx)
    await tx.exec(`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz not null default now()
    )`)
  })
  const applied: string[] = []
  for (const m of migrations) {
    const done = await db.transaction(async (tx) => {
      await lock(tx)
      const seen = await tx.query('select 1 from schema_migrations where version = $1', [m.version])
      if (seen.length > 0) return false
      await tx.exec(m.sql)
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [m.version, m.name])
      return true
    })
    if (done) applied.push(m.name)
  }
  return applied
}

const lock = (tx: Queryable) => tx.query(`select pg_advisory_xact_lock(hashtext('atelier:migrate:' || current_schema()))`)
