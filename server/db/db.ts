/**
 * The one database interface the rest of the server sees. Two drivers implement it:
 * PGlite (embedded, the default) and postgres.js (when DATABASE_URL is set).
 * SQL is plain PostgreSQL with $1-style parameters and stays in server/data/.
 */
export type Row = Record<string, unknown>

/**
 * A text parameter carried as UTF-8 bytes (large text encoded on another thread). Each driver
 * turns it into text where that costs least: postgres.js on the spot (one native decode; its
 * bytea path would cost ten times more), the embedded database on its own thread.
 */
export class Utf8Text {
  constructor(readonly bytes: Uint8Array) {}
}

export interface Queryable {
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>
}

export interface Executor extends Queryable {
  /** Runs a script of several statements (migrations); no parameters. */
  exec(script: string): Promise<void>
}

export interface Db extends Executor {
  readonly driver: 'pglite' | 'postgres'
  /** Runs fn in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T>
  /**
   * Delivers NOTIFY payloads of `channel`. `onListening` runs each time listening (re)starts: a
   * notice sent while it was not listening is lost, so a caller that cannot miss one checks again then.
   */
  listen(channel: string, onPayload: (payload: string) => void, onListening?: () => void): Promise<() => Promise<void>>
  notify(channel: string, payload: string): Promise<void>
  close(): Promise<void>
}

/**
 * Runs `fn` in one transaction: a new one on a `Db`, or the caller's when it already holds one
 * (a command called inside another, as the demo seed does).
 */
export function inTransaction<T>(q: Queryable, fn: (tx: Queryable) => Promise<T>): Promise<T> {
  return 'transaction' in q ? (q as Db).transaction(fn) : fn(q)
}

export type DbOptions = {
  /** postgres:// URL; when absent, PGlite stores its files in dataDir (or memory when dataDir is absent). */
  url?: string
  dataDir?: string
  /** Schema to work in (created if missing). Tests use a fresh one per run so reruns never collide. */
  schema?: string
}

export function assertIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`Invalid SQL identifier: ${name}`)
  return name
}
