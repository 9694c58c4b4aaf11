import type { Worker } from 'node:worker_threads'
import { startWorker } from '../workers/spawn'
import type { Db } from './db'
import { connectDbThread } from './thread-client'
import type { PgliteInput } from './thread-protocol'

/**
 * The embedded database (PGlite) as a `Db`. PGlite runs its WebAssembly synchronously, so it
 * lives in a worker thread of its own (server/workers/pglite-thread.ts).
 */
export const openPglite = (dataDir: string | undefined, schema?: string): Promise<Db> => connectPglite(startPgliteThread(dataDir, schema))

export const startPgliteThread = (dataDir: string | undefined, schema?: string): Worker =>
  startWorker('pglite-thread', { workerData: { dataDir, schema } satisfies PgliteInput })

/** The `Db` served by a started pglite-thread worker, once PGlite is open there. */
export const connectPglite = (worker: Worker): Promise<Db> => connectDbThread(worker, 'pglite', 'the embedded database')
