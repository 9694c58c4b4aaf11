import type { Row } from './db'

/**
 * The messages between the PGlite worker thread (server/workers/pglite-thread.ts) and its
 * client on the main thread (./pglite.ts). Request 0 is the opening itself: the worker answers
 * it once PGlite is ready, or with the reason it could not open.
 */

export type WorkerInput = { dataDir?: string; schema?: string }

export type Operation =
  | { op: 'query'; text: string; params: unknown[]; tx?: number }
  | { op: 'exec'; script: string; tx?: number }
  /** Answered once the transaction holds PGlite's lock; its request id names it from then on. */
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  /** Its notifications carry the request id as `sub`. */
  | { op: 'listen'; channel: string }
  | { op: 'unlisten'; sub: number }
  | { op: 'close' }

export type Request = Operation & { id: number }

export type Answer = { type: 'result'; id: number; rows?: Row[] }

export type Reply =
  | Answer
  | { type: 'error'; id: number; error: WireError }
  | { type: 'notification'; sub: number; payload: string }

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
