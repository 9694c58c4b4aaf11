import { parentPort } from 'node:worker_threads'
import * as Y from 'yjs'
import { docOf, runJob, runTask } from '../documents/jobs'
import type { ThreadRequest, ThreadReply } from '../documents/protocol'

/**
 * The document thread: replicas of this instance's live documents (kept in step with every
 * update the main thread applies), a few stored documents read recently, and the jobs and tasks
 * of server/documents/jobs.ts. Nothing here touches the network or the database.
 */

const port = parentPort!
const replicas = new Map<string, Y.Doc>()
/** Stored states by document and stored version, oldest first; a few are kept for repeated reads. */
const stored = new Map<string, Y.Doc>()
const STORED_KEPT = 8

function storedDoc(key: string, updates: Uint8Array[] | undefined): Y.Doc | null {
  let doc = stored.get(key)
  if (doc) stored.delete(key)
  else if (updates) doc = docOf(updates)
  else return null
  stored.set(key, doc)
  for (const [k, old] of stored) {
    if (stored.size <= STORED_KEPT) break
    stored.delete(k)
    old.destroy()
  }
  return doc
}

/** ArrayBuffers the reply can hand over instead of copying: fresh, whole-buffer Uint8Arrays. */
function transferables(value: unknown, out: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (value instanceof Uint8Array) {
    if (value.byteOffset === 0 && value.byteLength === value.buffer.byteLength && value.buffer instanceof ArrayBuffer && !out.includes(value.buffer)) {
      out.push(value.buffer)
    }
  } else if (depth < 2 && value && typeof value === 'object') {
    for (const v of Array.isArray(value) ? value : Object.values(value)) transferables(v, out, depth + 1)
  }
  return out
}

async function handle(request: ThreadRequest): Promise<ThreadReply | null> {
  switch (request.type) {
    case 'open':
      replicas.get(request.documentId)?.destroy()
      replicas.set(request.documentId, docOf(request.updates))
      return null
    case 'apply': {
      const doc = replicas.get(request.documentId)
      if (doc) Y.applyUpdate(doc, request.update)
      return null
    }
    case 'close':
      replicas.get(request.documentId)?.destroy()
      replicas.delete(request.documentId)
      return null
    case 'job': {
      const source = request.source
      const doc = 'live' in source ? (replicas.get(source.live) ?? null) : storedDoc(source.key, source.updates)
      if (!doc) return { id: request.id, missing: true }
      return { id: request.id, value: runJob(doc, request.job) }
    }
    case 'task':
      return { id: request.id, value: await runTask(request.task) }
  }
}

port.on('message', (request: ThreadRequest) => {
  handle(request).then(
    (reply) => reply && port.postMessage(reply, 'value' in reply ? transferables(reply.value) : []),
    (err: Error) => {
      if ('id' in request) port.postMessage({ id: request.id, error: { name: err.name, message: err.message } } satisfies ThreadReply)
      else port.postMessage({ id: 0, error: { name: err.name, message: `${request.type}: ${err.message}` } } satisfies ThreadReply)
    },
  )
})
