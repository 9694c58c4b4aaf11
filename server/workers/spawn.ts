import { createRequire } from 'node:module'
import { dirname, extname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'

/**
 * Starts one of the worker threads whose entry files live in this folder (`server/workers/<name>.ts`).
 * The production build puts each entry next to this module as `<name>.js`, so the same relative URL
 * finds it. In development and tests the source runs through tsx, as the main thread does: Node 20
 * does not pass `--import` loaders on to workers, so the worker starts from a one-line script that
 * loads the entry through tsx's API.
 */
export function startWorker(name: string, options: WorkerOptions = {}): Worker {
  const ext = extname(new URL(import.meta.url).pathname)
  const entry = new URL(`./${name}${ext}`, import.meta.url)
  if (ext !== '.ts') return new Worker(entry, options)
  // tsx's ESM API entry, as its package exports name it for `import`.
  const tsx = pathToFileURL(join(dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href
  const script = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry.href)}, ${JSON.stringify(import.meta.url)}))`
  return new Worker(script, { ...options, eval: true })
}
