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
  if (ext !== '.ts') return new Worker(url, { ...options, execArgv: [] })
  // On Node 20, `--import tsx` in a worker's execArgv does not reach its entry module
  // (privatenumber/tsx#354): the worker registers tsx's hooks itself, then imports the entry.
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'))
  return new Worker(`import(${tsx}).then((tsx) => tsx.register()).then(() => import(${JSON.stringify(url.href)}))`, {
    ...options,
    execArgv: [],
    eval: true,
  })
}
