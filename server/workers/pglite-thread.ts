import { mkdirSync } from 'node:fs'
import { workerData } from 'node:worker_threads'
import { PGlite, types, type Transaction } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { assertIdentifier } from '../db/db'
import { parseBytea, serializeBytea } from '../db/pglite-bytea'
import { ownedBuffers, type PgliteInput } from '../db/thread-protocol'
import { incomingParams, serveDbThread, type DriverRequest } from '../db/thread-server'

/**
 * The embedded database's own thread: PGlite runs its WebAssembly synchronously, so here it
 * stalls only this thread, never the server's event loop. Answers the requests of
 * server/db/thread-client.ts; PGlite's own locks keep their order (a query outside an open transaction
 * waits for it to end).
 */

const { dataDir, schema } = workerData as PgliteInput

/** Rejects a transaction's callback so that PGlite rolls it back; the client asked for it, so it is no error. */
const ROLLBACK = Symbol('rollback')

type OpenTransaction = { tx: Transaction; end(commit: boolean): Promise<void> }
const transactions = new Map<number, OpenTransaction>()

async function open(): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true })
  const pg = await PGlite.create({
    dataDir,
    // Search (migration 014): accent-insensitive text search and typo-tolerant names.
    extensions: { unaccent, pg_trgm },
    serializers: { [types.BYTEA]: serializeBytea },
    parsers: { [types.BYTEA]: parseBytea },
  })
  if (schema) {
    // PGlite is a single session, so a session-level search_path holds for every later query.
    await pg.exec(`create schema if not exists ${assertIdentifier(schema)}; set search_path to ${schema}`)
  }
  return pg
}

const { send, answer, refuse, listening } = serveDbThread(open(), handle)

async function handle(pg: PGlite, request: DriverRequest): Promise<void> {
  const { id } = request
  switch (request.op) {
    case 'query': {
      const { rows } = await executor(pg, request.tx).query<Record<string, unknown>>(request.text, incomingParams(request.params))
      return send({ type: 'result', id, rows }, ownedBuffers(rows))
    }
    case 'exec':
      await executor(pg, request.tx).exec(request.script)
      return answer(id)
    case 'begin':
      return begin(pg, id)
    case 'end': {
      const transaction = transactions.get(request.tx)
      if (!transaction) throw new Error('Transaction is closed')
      await transaction.end(request.commit)
      return answer(id)
    }
    case 'listen': {
      const unlisten = await pg.listen(request.channel, (payload) => send({ type: 'notification', sub: id, payload }))
      listening(id, unlisten)
      // In-process: once listening, it never stops until closed.
      send({ type: 'listening', sub: id })
      return answer(id)
    }
    case 'close':
      await pg.close()
      return answer(id)
  }
}

function executor(pg: PGlite, tx: number | undefined): PGlite | Transaction {
  if (tx === undefined) return pg
  const transaction = transactions.get(tx)
  if (!transaction) throw new Error('Transaction is closed')
  return transaction.tx
}

/**
 * Holds a PGlite transaction open until the client ends it: the callback PGlite runs inside
 * BEGIN/COMMIT settles only when the `end` request comes.
 */
function begin(pg: PGlite, id: number): void {
  let begun = false
  const outcome: Promise<void> = pg.transaction(
    (tx) =>
      new Promise<void>((resolve, reject) => {
        begun = true
        transactions.set(id, {
          tx,
          end(commit) {
            transactions.delete(id)
            if (commit) resolve()
            else reject(ROLLBACK)
            return outcome.catch((err: unknown) => {
              if (err !== ROLLBACK) throw err
            })
          },
        })
        answer(id)
      }),
  )
  // When BEGIN itself fails the callback never runs: the begin request gets the error.
  outcome.catch((err: unknown) => {
    if (!begun) refuse(id, err)
  })
}
