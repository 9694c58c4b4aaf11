import { parentPort, workerData } from 'node:worker_threads'
import type postgres from 'postgres'
import { openPool, type PostgresPool } from '../db/postgres-pool'
import { isUtf8Param, ownedBuffers, toWireError, type PostgresInput, type Reply, type Request } from '../db/thread-protocol'

/**
 * The PostgreSQL client's own thread: postgres.js serialises parameters to text and parses
 * results from text on the thread that calls it, which for a few MiB of bytea is tens of
 * milliseconds. Here that holds only this thread. Answers the requests of
 * server/db/thread-client.ts; a transaction holds one reserved connection from `begin` to `end`.
 */

const port = parentPort!
const { url, schema } = workerData as PostgresInput

const transactions = new Map<number, postgres.ReservedSql>()
const subscriptions = new Map<number, () => Promise<void>>()

const send = (reply: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer)
const answer = (id: number) => send({ type: 'result', id })
const refuse = (id: number, err: unknown) => send({ type: 'error', id, error: toWireError(err) })

/** Text that crossed from the main thread as UTF-8 bytes (see Utf8Text in server/db/db.ts). */
const utf8 = new TextDecoder()

const opening = openPool(url, schema)
opening.then(
  () => answer(0),
  (err: unknown) => refuse(0, err),
)

port.on('message', (request: Request) => {
  opening.then((pool) => handle(pool, request)).catch((err: unknown) => refuse(request.id, err))
})

async function handle(pool: PostgresPool, request: Request): Promise<void> {
  const { id } = request
  switch (request.op) {
    case 'query': {
      const params = request.params.map((p) => (isUtf8Param(p) ? utf8.decode(p.utf8) : p))
      const result = await executor(pool, request.tx).unsafe(request.text, params as postgres.ParameterOrJSON<never>[])
      // Only the rows: the result array also carries column descriptions with parser functions.
      const rows = [...result] as Record<string, unknown>[]
      return send({ type: 'result', id, rows }, ownedBuffers(rows))
    }
    case 'exec':
      // Without parameters postgres.js uses the simple protocol, which accepts several statements.
      await executor(pool, request.tx).unsafe(request.script)
      return answer(id)
    case 'begin': {
      const reserved = await pool.sql.reserve()
      try {
        await reserved.unsafe('begin')
      } catch (err) {
        reserved.release()
        throw err
      }
      transactions.set(id, reserved)
      return answer(id)
    }
    case 'end': {
      const reserved = transactions.get(request.tx)
      if (!reserved) throw new Error('Transaction is closed')
      transactions.delete(request.tx)
      try {
        await reserved.unsafe(request.commit ? 'commit' : 'rollback')
      } finally {
        reserved.release()
      }
      return answer(id)
    }
    case 'listen': {
      const stop = await pool.listen(
        request.channel,
        (payload) => send({ type: 'notification', sub: id, payload }),
        () => send({ type: 'listening', sub: id }),
      )
      subscriptions.set(id, stop)
      return answer(id)
    }
    case 'unlisten': {
      const stop = subscriptions.get(request.sub)
      subscriptions.delete(request.sub)
      await stop?.()
      return answer(id)
    }
    case 'close':
      await Promise.allSettled([...subscriptions.values()].map((stop) => stop()))
      subscriptions.clear()
      // Stopping must be quick: queries still running after 2 s (derived copies, maintenance) are cut.
      await pool.sql.end({ timeout: 2 })
      return answer(id)
  }
}

function executor(pool: PostgresPool, tx: number | undefined): postgres.Sql | postgres.ReservedSql {
  if (tx === undefined) return pool.sql
  const reserved = transactions.get(tx)
  if (!reserved) throw new Error('Transaction is closed')
  return reserved
}
