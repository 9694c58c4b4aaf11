import { parentPort, workerData } from 'node:worker_threads'
import { initialUpdate } from '../content/yjs'
import { InvalidContent } from '../content/schema'
import { convertFile } from '../import/convert'
import { ImportRefusal } from '../import/refusal'
import type { ImportInput, ImportOutput } from '../import/thread'
import { captureState, docFrom } from '../versions/state'

/**
 * One import, on a thread of its own (server/import/thread.ts starts it and ends it): unpacking,
 * converting and laying out a file costs what the file makes it cost, and a thread that takes
 * too long is terminated without touching anyone else's requests.
 */

const { bytes, filename, limits } = workerData as ImportInput

async function run(): Promise<ImportOutput> {
  try {
    const update = initialUpdate(await convertFile(bytes, filename, limits))
    const doc = docFrom(update)
    try {
      // The same bounds as a live document's writers meet (server/collab/room.ts), or it could not be edited.
      const items = [...doc.store.clients.values()].reduce((sum, structs) => sum + structs.length, 0)
      if (update.byteLength > limits.maxDocumentBytes || items > limits.maxDocumentItems) {
        return { refusal: { kind: 'too_large', message: 'Once imported, this document would be larger than a document may be' } }
      }
      return { update, captured: captureState(doc) }
    } finally {
      doc.destroy()
    }
  } catch (err) {
    if (err instanceof ImportRefusal) return { refusal: { kind: err.kind, message: err.message } }
    if (err instanceof InvalidContent) return { refusal: { kind: 'unreadable', message: `The file cannot be turned into a document (${err.message})` } }
    throw err
  }
}

run().then((output) => parentPort!.postMessage(output))
