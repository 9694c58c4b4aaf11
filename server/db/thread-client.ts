import type { Worker } from 'node:worker_threads'
import { Utf8Text, type Db, type Executor, type Row } from './db'
import { DbThreadLink } from './thread-link'

/**
 * The `Db` served by a database thread (PGlite's or the PostgreSQL client's), once it is open.
 * Both drivers run off the main thread so that what is proportional to a query's size — PGlite's
 * WebAssembly, postgres.js turning megabytes of parameters into text and results back — never
 * holds the requests and live documents this thread serves. What crosses is copied once (bytes
 * are moved, not copied).
 */
export async function connectDbThread(worker: Worker, driver: Db['driver'], label: string): Promise<Db> {
  const link = new DbThreadLink(worker, label)
  try {
    await link.opened
  } catch (err) {
    await worker.terminate()
    throw new Error(`Could not open ${label}: ${(err as Error).message}`, { cause: err })
  }
  const run = (tx?: number): Executor => ({
    async query<T extends Row>(text: string, params: readonly unknown[] = []) {
      const { values, transfer } = outgoing(params)
      const { rows } = await link.request({ op: 'query', text, params: values, tx }, transfer)
      return rows as T[]
    },
    async exec(script) {
      await link.request({ op: 'exec', script, tx })
    },
  })
  let closing: Promise<void> | undefined
  return {
    driver,
    ...run(),
    async transaction<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
      const { id: tx } = await link.request({ op: 'begin' })
      let result: T
      try {
        result = await fn(run(tx))
      } catch (err) {
        await link.request({ op: 'end', tx, commit: false })
        throw err
      }
      await link.request({ op: 'end', tx, commit: true })
      return result
    },
    async listen(channel, onPayload, onListening) {
      const sub = await link.listen(channel, onPayload, onListening)
      return () => link.unlisten(sub)
    },
    async notify(channel, payload) {
      await run().query('select pg_notify($1, $2)', [channel, payload])
    },
    close: () => (closing ??= link.close()),
  }
}

/**
 * Structured clone copies a Uint8Array's whole ArrayBuffer, and a small view may sit in a large
 * one (Buffer's shared pool, a socket's read): such a view is copied to its exact size first, and
 * that copy, which nothing else holds, is transferred rather than cloned.
 */
function outgoing(params: readonly unknown[]): { values: unknown[]; transfer: ArrayBuffer[] } {
  const transfer: ArrayBuffer[] = []
  const values = params.map((param) => {
    // Large text crosses as bytes and becomes text on the database's thread (see Utf8Text).
    const value = param instanceof Utf8Text ? param.bytes : param
    const wrap = (bytes: Uint8Array) => (param instanceof Utf8Text ? { utf8: bytes } : bytes)
    if (!(value instanceof Uint8Array) || (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength))
      return value === param ? value : wrap(value as Uint8Array)
    const copy = new Uint8Array(value)
    transfer.push(copy.buffer)
    return wrap(copy)
  })
  return { values, transfer }
}
