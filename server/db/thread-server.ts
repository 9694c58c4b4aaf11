import { parentPort } from 'node:worker_threads'
import { isUtf8Param, toWireError, type Reply, type Request } from './thread-protocol'

/** The requests a driver's thread handles itself: all but `unlisten`. */
export type DriverRequest = Exclude<Request, { op: 'unlisten' }>

/** How a database thread answers its client (server/db/thread-client.ts). */
export type ThreadReplies = {
  send(reply: Reply, transfer?: ArrayBuffer[]): void
  /** A request done, with nothing to return. */
  answer(id: number): void
  refuse(id: number, err: unknown): void
  /** A `listen` request is listening; `stop` ends it (on `unlisten`, or stopListening). */
  listening(id: number, stop: () => Promise<void>): void
  /** Ends every subscription, before the database closes. */
  stopListening(): Promise<void>
}

/**
 * The worker side of a database thread: request 0 is answered once `opening` settles (the
 * database is ready, or why it is not); every later request goes to `handle` once it is open,
 * and a failure there is that request's answer. `unlisten` is answered here, for both drivers.
 */
export function serveDbThread<D>(opening: Promise<D>, handle: (db: D, request: DriverRequest) => Promise<void>): ThreadReplies {
  const port = parentPort!
  const subscriptions = new Map<number, () => Promise<void>>()
  const send = (reply: Reply, transfer: ArrayBuffer[] = []) => port.postMessage(reply, transfer)
  const replies: ThreadReplies = {
    send,
    answer: (id) => send({ type: 'result', id }),
    refuse: (id, err) => send({ type: 'error', id, error: toWireError(err) }),
    listening: (id, stop) => subscriptions.set(id, stop),
    async stopListening() {
      const stops = [...subscriptions.values()]
      subscriptions.clear()
      await Promise.allSettled(stops.map((stop) => stop()))
    },
  }
  const unlisten = async (request: Extract<Request, { op: 'unlisten' }>) => {
    const stop = subscriptions.get(request.sub)
    subscriptions.delete(request.sub)
    await stop?.()
    replies.answer(request.id)
  }
  opening.then(
    () => replies.answer(0),
    (err: unknown) => replies.refuse(0, err),
  )
  port.on('message', (request: Request) => {
    opening.then((db) => (request.op === 'unlisten' ? unlisten(request) : handle(db, request))).catch((err: unknown) => replies.refuse(request.id, err))
  })
  return replies
}

const utf8 = new TextDecoder()

/** Parameters as a driver takes them: text that crossed as UTF-8 bytes (see Utf8Text in db.ts) is decoded here. */
export const incomingParams = (params: readonly unknown[]): unknown[] => params.map((p) => (isUtf8Param(p) ? utf8.decode(p.utf8) : p))
