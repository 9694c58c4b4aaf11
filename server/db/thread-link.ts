import type { Worker } from 'node:worker_threads'
import { fromWireError, type Answer, type Operation, type Reply } from './thread-protocol'

type Pending = { resolve(answer: Answer): void; reject(err: Error): void }

/**
 * Requests to a database thread and their answers, matched by id. When the thread dies, every
 * pending and later request fails at once with the reason instead of waiting forever. The
 * thread keeps the process alive only while a request is pending, as a driver in-process would.
 */
export class DbThreadLink {
  /** Settles with the worker's answer to request 0: PGlite is open, or why it could not be. */
  readonly opened: Promise<Answer>
  private nextId = 1
  private readonly pending = new Map<number, Pending>()
  private readonly listeners = new Map<number, { onPayload: (payload: string) => void; onListening?: () => void }>()
  private stopped: Error | undefined
  private closing = false

  /** `label` names the thread in errors: "the embedded database", "the PostgreSQL client". */
  constructor(
    private readonly worker: Worker,
    label: string,
  ) {
    this.opened = new Promise((resolve, reject) => this.pending.set(0, { resolve, reject }))
    worker.on('message', (reply: Reply) => this.receive(reply))
    worker.on('error', (err) => this.stop(new Error(`The thread of ${label} failed: ${err.message}`, { cause: err })))
    worker.on('exit', (code) => this.stop(new Error(this.closing ? 'The database is closed' : `The thread of ${label} stopped (exit code ${code})`)))
  }

  request(operation: Operation, transfer: ArrayBuffer[] = [], id = this.nextId++): Promise<Answer> {
    if (this.stopped) return Promise.reject(this.stopped)
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      if (this.pending.size === 1) this.worker.ref()
      try {
        this.worker.postMessage({ ...operation, id }, transfer)
      } catch (err) {
        // A parameter structured clone cannot copy (a function, a class with private state).
        this.settle(id)?.reject(err as Error)
      }
    })
  }

  /** Resolves with the subscription's id once PostgreSQL listens; `onListening` runs at each (re)start. */
  async listen(channel: string, onPayload: (payload: string) => void, onListening?: () => void): Promise<number> {
    const id = this.nextId++
    // Registered first: a notification may overtake the answer.
    this.listeners.set(id, { onPayload, onListening })
    try {
      await this.request({ op: 'listen', channel }, [], id)
    } catch (err) {
      this.listeners.delete(id)
      throw err
    }
    return id
  }

  async unlisten(sub: number): Promise<void> {
    this.listeners.delete(sub)
    await this.request({ op: 'unlisten', sub })
  }

  /** Closes PGlite (its data dir then holds every commit), then ends the thread. Throws if the thread had already died. */
  async close(): Promise<void> {
    if (this.stopped) throw this.stopped
    try {
      await this.request({ op: 'close' })
    } finally {
      this.closing = true
      await this.worker.terminate()
    }
  }

  private receive(reply: Reply): void {
    switch (reply.type) {
      case 'notification':
        this.listeners.get(reply.sub)?.onPayload(reply.payload)
        return
      case 'listening':
        this.listeners.get(reply.sub)?.onListening?.()
        return
      case 'result':
        this.settle(reply.id)?.resolve(reply)
        return
      case 'error':
        this.settle(reply.id)?.reject(fromWireError(reply.error))
        return
    }
  }

  private settle(id: number): Pending | undefined {
    const pending = this.pending.get(id)
    this.pending.delete(id)
    if (this.pending.size === 0) this.worker.unref()
    return pending
  }

  private stop(reason: Error): void {
    if (this.stopped) return
    this.stopped = reason
    for (const pending of this.pending.values()) pending.reject(reason)
    this.pending.clear()
    this.listeners.clear()
  }
}
