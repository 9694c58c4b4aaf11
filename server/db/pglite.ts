import type { Worker } from 'node:worker_threads'
import { startWorker } from '../workers/spawn'
import { Utf8Text, type Db, type Executor, type Row } from './db'
import { WorkerLink } from './pglite-link'
import type { WorkerInput } from './pglite-protocol'

/**
 * The embedded database (PGlite) as a `Db`. PGlite runs its WebAssembly synchronously, so it
 * lives in a worker thread of its own (server/workers/pglite-thread.ts): a large write there
 * never stalls the requests and live documents served by this thread.
 */
export const openPglite = (dataDir: string | undefined, schema?: string): Promise<Db> => connectPglite(startPgliteThread(dataDir, schema))

export const startPgliteThread = (dataDir: string | undefined, schema?: string): Worker =>
  startWorker('pglite-thread', { workerData: { dataDir, schema } satisfies WorkerInput })

/** The `Db` served by a started pglite-thread worker, once PGlite is open there. */
export async function connectPglite(worker: Worker): Promise<Db> {
  const link = new WorkerLink(worker)
  try {
    await link.opened
  } catch (err) {
    await worker.terminate()
    throw new Error(`Could not open the embedded database: ${(err as Error).message}`, { cause: err })
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
    driver: 'pglite',
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
      // In-process: once listening, it never stops until closed.
      const sub = await link.listen(channel, onPayload)
      onListening?.()
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
    if (!(value instanceof Uint8Array) || (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength)) return value === param ? value : wrap(value as Uint8Array)
    const copy = new Uint8Array(value)
    transfer.push(copy.buffer)
    return wrap(copy)
  })
  return { values, transfer }
}
