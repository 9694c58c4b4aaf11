import { extname } from 'node:path'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * Starts one of the worker threads whose entry files live in this folder (`server/workers/<name>.ts`).
 * In development and tests the source runs through tsx, as the main thread does; the production
 * build puts each entry next to this module as `<name>.js`, so the same relative URL finds it.
 */
export function startWorker(name: string, options: WorkerOptions = {}): Worker {
  const ext = extname(new URL(import.meta.url).pathname)
  const url = new URL(`./${name}${ext}`, import.meta.url)
  return new Worker(url, { ...options, execArgv: ext === '.ts' ? ['--import', 'tsx'] : [] })
}
