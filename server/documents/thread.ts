import type { Worker } from 'node:worker_threads'
import type { Logger } from 'pino'
import { MalformedUpdate } from '../collab/update-parts'
import { InvalidContent } from '../content/schema'
import { startWorker } from '../workers/spawn'
import type { DocumentJob, DocumentTask, JobResult, TaskResult } from './jobs'
import type { Source, ThreadReply, ThreadRequest } from './protocol'

/** Where a job reads its document: this instance's live copy, or storage (loaded only if the thread does not keep it). */
export type JobSource = { live: string } | { stored: { documentId: string; version: number; load: () => Promise<Uint8Array[]> } }

type Waiter = { resolve: (reply: ThreadReply) => void; reject: (err: Error) => void }

/**
 * The main thread's side of the document thread (server/workers/documents.ts): it keeps a
 * replica of every live document in step, runs jobs and tasks there and returns their results.
 * The thread starts on first use; if it dies, pending work fails, and the next use starts a new
 * one and rebuilds the replicas from the live documents.
 */
export class DocumentThread {
  private worker: Worker | undefined
  private nextId = 1
  private readonly waiting = new Map<number, Waiter>()
  /** Live documents with a replica, and how to rebuild it on a new thread. */
  private readonly replicas = new Map<string, () => Uint8Array[]>()
  private stopped = false

  constructor(private readonly logger: Logger) {}

  /** Starts the thread now rather than on first use, so the first edit does not wait for it. */
  start(): void {
    if (!this.stopped) this.thread()
  }

  open(documentId: string, updates: Uint8Array[], rebuild: () => Uint8Array[]): void {
    this.replicas.set(documentId, rebuild)
    this.post({ type: 'open', documentId, updates })
  }

  apply(documentId: string, update: Uint8Array): void {
    if (this.replicas.has(documentId)) this.post({ type: 'apply', documentId, update })
  }

  close(documentId: string): void {
    if (!this.replicas.delete(documentId) || !this.worker) return
    this.post({ type: 'close', documentId })
  }

  async job<J extends DocumentJob>(source: JobSource, job: J): Promise<JobResult<J>> {
    if ('live' in source) {
      const reply = await this.request({ type: 'job', id: 0, source, job })
      if ('missing' in reply) throw new Error(`document ${source.live} has no live replica`)
      return reply.value as JobResult<J>
    }
    const key = `${source.stored.documentId}@${source.stored.version}`
    let reply = await this.request({ type: 'job', id: 0, source: { key }, job })
    if ('missing' in reply) {
      const updates = await source.stored.load()
      reply = await this.request({ type: 'job', id: 0, source: { key, updates } satisfies Source, job })
    }
    if ('missing' in reply) throw new Error(`document ${source.stored.documentId} could not be read`)
    return reply.value as JobResult<J>
  }

  async task<T extends DocumentTask>(task: T): Promise<TaskResult<T>> {
    const reply = await this.request({ type: 'task', id: 0, task })
    if ('missing' in reply) throw new Error('a task cannot miss a document')
    return reply.value as TaskResult<T>
  }

  async stop(): Promise<void> {
    this.stopped = true
    const worker = this.worker
    this.worker = undefined
    await worker?.terminate()
  }

  private request(message: Extract<ThreadRequest, { id: number }>): Promise<Exclude<ThreadReply, { error: unknown }>> {
    const id = this.nextId++
    return new Promise<ThreadReply>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      this.post({ ...message, id })
    }).then((reply) => {
      if (!('error' in reply)) return reply
      throw rebuilt(reply.error)
    })
  }

  private post(message: ThreadRequest): void {
    if (this.stopped) {
      if ('id' in message) this.waiting.get(message.id)?.reject(new Error('the document thread is stopped'))
      return
    }
    this.thread().postMessage(message)
  }

  private thread(): Worker {
    if (this.worker) return this.worker
    const worker = startWorker('documents')
    // It must never keep a process alive on its own (tests, scripts); the server's sockets do.
    worker.unref()
    worker.on('message', (reply: ThreadReply) => {
      if (reply.id === 0 && 'error' in reply) {
        this.logger.error({ reason: reply.error.message }, 'the document thread failed to apply a change to a replica')
        return
      }
      const waiter = this.waiting.get(reply.id)
      this.waiting.delete(reply.id)
      waiter?.resolve(reply)
    })
    worker.on('error', (err) => this.logger.error({ err }, 'the document thread failed'))
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined
      const failed = [...this.waiting.values()]
      this.waiting.clear()
      for (const w of failed) w.reject(new Error('the document thread stopped'))
      if (!this.stopped) this.logger.error({ code, pending: failed.length }, 'the document thread stopped; a new one starts on next use')
    })
    this.worker = worker
    // A new thread starts without replicas: rebuild them from the live documents.
    for (const [documentId, rebuild] of this.replicas) worker.postMessage({ type: 'open', documentId, updates: rebuild() } satisfies ThreadRequest)
    return worker
  }
}

/** The errors callers tell apart keep their class across the thread boundary. */
function rebuilt(error: { name: string; message: string }): Error {
  if (error.name === 'MalformedUpdate') return new MalformedUpdate(error.message)
  if (error.name === 'InvalidContent') return InvalidContent.withMessage(error.message)
  return new Error(error.message)
}
