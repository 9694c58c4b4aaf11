import { workerData } from 'node:worker_threads'
import type postgres from 'postgres'
import { openPool, type PostgresPool } from '../db/postgres-pool'
import { ownedBuffers, type PostgresInput } from '../db/thread-protocol'
import { incomingParams, serveDbThread, type DriverRequest } from '../db/thread-server'

/**
 * The PostgreSQL client's own thread: postgres.js serialises parameters to text and parses
 * results from text on the thread that calls it, which for a few MiB of bytea is tens of
 * milliseconds. Here that holds only this thread. Answers the requests of
 * server/db/thread-client.ts; a transaction holds one reserved connection from `begin` to `end`.
 */

const { url, schema } = workerData as PostgresInput

const transactions = new Map<number, postgres.ReservedSql>()

const { send, answer, listening, stopListening } = serveDbThread(openPool(url, schema), handle)

async function handle(pool: PostgresPool, request: DriverRequest): Promise<void> {
  const { id } = request
  switch (request.op) {
    case 'query': {
      const result = await executor(pool, request.tx).unsafe(request.text, incomingParams(request.params) as postgres.ParameterOrJSON<never>[])
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
      listening(id, stop)
      return answer(id)
    }
    case 'close':
      await stopListening()
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
