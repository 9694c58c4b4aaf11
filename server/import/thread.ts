import type { CapturedState } from '../versions/state'
import { startWorker } from '../workers/spawn'
import type { RefusalKind } from './refusal'
import { ImportRefusal } from './refusal'
import type { ZipLimits } from './zip'

/**
 * Runs one import on its own thread (server/workers/import.ts), bounded in time and memory:
 * past `timeoutMs`, or past its heap, the thread is terminated and the file refused.
 */

export type ImportLimits = ZipLimits & { maxDocumentBytes: number; maxDocumentItems: number }
export type ImportInput = { bytes: Uint8Array; filename: string; limits: ImportLimits }
export type Imported = { update: Uint8Array; captured: CapturedState }
export type ImportOutput = Imported | { refusal: { kind: RefusalKind; message: string } }

/** A heap this size holds a conversion; the inflated parts it reads (at most maxInflatedBytes) are buffers outside it. */
const HEAP_MB = 512

/** Converts one file on a thread of its own; server/import/queue.ts decides when. */
export function importOnThread(input: ImportInput, timeoutMs: number): Promise<Imported> {
  return new Promise<Imported>((resolve, reject) => {
    const worker = startWorker('import', { workerData: input, resourceLimits: { maxOldGenerationSizeMb: HEAP_MB } })
    let settled = false
    const settle = (fn: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      fn()
      void worker.terminate()
    }
    const timer = setTimeout(
      () => settle(() => reject(new ImportRefusal('too_large', `The file took more than ${timeoutMs / 1000} s to read; it is refused`))),
      timeoutMs,
    )
    worker.on('message', (output: ImportOutput) =>
      settle(() => ('refusal' in output ? reject(new ImportRefusal(output.refusal.kind, output.refusal.message)) : resolve(output))),
    )
    worker.on('error', (err: Error & { code?: string }) =>
      settle(() =>
        reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ImportRefusal('too_large', 'The file needs more memory to read than an import may use') : err),
      ),
    )
    worker.on('exit', () => settle(() => reject(new Error('the import thread stopped before answering'))))
  })
}
