import type { Row } from './db'

/**
 * The messages between a database thread — PGlite's (server/workers/pglite-thread.ts) or the
 * PostgreSQL client's (server/workers/postgres-thread.ts) — and its client on the main thread
 * (./thread-client.ts). Request 0 is the opening itself: the worker answers it once the
 * database is ready, or with the reason it could not open.
 */

export type PgliteInput = { dataDir?: string; schema?: string }
export type PostgresInput = { url: string; schema?: string }

/** A text parameter that crossed as UTF-8 bytes (see Utf8Text); the worker decodes it. */
export type Utf8Param = { utf8: Uint8Array }
export const isUtf8Param = (p: unknown): p is Utf8Param => typeof p === 'object' && p !== null && 'utf8' in p

export type Operation =
  | { op: 'query'; text: string; params: unknown[]; tx?: number }
  | { op: 'exec'; script: string; tx?: number }
  /** Answered once the transaction holds PGlite's lock; its request id names it from then on. */
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  /** Its notifications carry the request id as `sub`; `listening` comes at each (re)start of listening. */
  | { op: 'listen'; channel: string }
  | { op: 'unlisten'; sub: number }
  | { op: 'close' }

export type Request = Operation & { id: number }

export type Answer = { type: 'result'; id: number; rows?: Row[] }

export type Reply =
  | Answer
  | { type: 'error'; id: number; error: WireError }
  | { type: 'notification'; sub: number; payload: string }
  | { type: 'listening'; sub: number }

/** An Error in a form structured clone keeps whole: PostgreSQL's fields (code, detail, ...) as own strings. */
export type WireError = { message: string; fields: Record<string, string> }

export function toWireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { message: String(err), fields: {} }
  const fields: Record<string, string> = {}
  // Strings only: a PGlite error also holds the query's parameters, which may be megabytes.
  for (const [key, value] of Object.entries(err)) if (typeof value === 'string' && key !== 'name') fields[key] = value
  return { message: err.message, fields }
}

export const fromWireError = (wire: WireError): Error => Object.assign(new Error(wire.message), wire.fields)

/**
 * A row's top-level Uint8Arrays that are alone on their ArrayBuffer (bytea values as the drivers
 * parse them): they move to the main thread instead of being copied. A view into a shared buffer
 * (Buffer's pool) is left to be copied.
 */
export function ownedBuffers(rows: Record<string, unknown>[]): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = []
  for (const row of rows) {
    for (const key in row) {
      const value = row[key]
      if (value instanceof Uint8Array && value.byteOffset === 0 && value.byteLength === value.buffer.byteLength) buffers.push(value.buffer as ArrayBuffer)
    }
  }
  return buffers
}
