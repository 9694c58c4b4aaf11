import type { Worker } from 'node:worker_threads'
import { startWorker } from '../workers/spawn'
import type { Db } from './db'
import { connectDbThread } from './thread-client'
import type { PostgresInput } from './thread-protocol'

/**
 * PostgreSQL (postgres.js) as a `Db`, from a thread of its own (server/workers/postgres-thread.ts):
 * postgres.js writes every parameter as text and reads every result from text, so a large row —
 * a pasted report, a snapshot — would otherwise cost this thread its hex encoding and decoding.
 */
export const openPostgres = (url: string, schema?: string): Promise<Db> => connectPostgres(startPostgresThread(url, schema))

export const startPostgresThread = (url: string, schema?: string): Worker =>
  startWorker('postgres-thread', { workerData: { url, schema } satisfies PostgresInput })

/** The `Db` served by a started postgres-thread worker, once its pool answers. */
export const connectPostgres = (worker: Worker): Promise<Db> => connectDbThread(worker, 'postgres', 'the PostgreSQL client')
