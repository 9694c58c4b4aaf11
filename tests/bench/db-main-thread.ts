import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDb } from '../../server/db/open'
import { summarize } from './measure'

/**
 * `npx tsx tests/bench/db-main-thread.ts`: what the embedded database costs the server's own
 * thread. Opens a fresh PGlite data dir, then reports the process RSS at rest, the round trip
 * of `select 1`, and how long the event loop stalls while 8 MiB of bytea and of jsonb go in and
 * come back; then the RSS once the same data dir is reopened. Prints one JSON object; the figures
 * are for comparing builds on one machine (`idleControl` is the stall the machine itself causes).
 */

const MIB = 1024 * 1024
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const rssMib = () => Math.round(process.memoryUsage().rss / MIB)
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits
/** With --expose-gc (NODE_OPTIONS), RSS is read after a full collection, so it is less noisy. */
const settle = async () => {
  await sleep(2_000)
  ;(globalThis as { gc?: () => void }).gc?.()
  await sleep(200)
}

/** Runs fn and reports its duration and the longest a 1 ms interval went without firing meanwhile. */
async function blocking(fn: () => Promise<unknown>) {
  let last = performance.now()
  let maxGap = 0
  const tick = setInterval(() => {
    const now = performance.now()
    maxGap = Math.max(maxGap, now - last)
    last = now
  }, 1)
  const start = performance.now()
  await fn()
  const ms = performance.now() - start
  clearInterval(tick)
  maxGap = Math.max(maxGap, performance.now() - last)
  return { ms: Math.round(ms), maxIntervalGapMs: round(maxGap) }
}

/** A ProseMirror-shaped document whose JSON text is about `bytes` long. */
function bigDocumentJson(bytes: number): string {
  const paragraph = { type: 'paragraph', content: [{ type: 'text', text: 'Plan d’action de la ville — atelier '.repeat(8) }] }
  const each = JSON.stringify(paragraph).length + 1
  return JSON.stringify({ type: 'doc', content: Array.from({ length: Math.ceil(bytes / each) }, () => paragraph) })
}

const dir = mkdtempSync(join(tmpdir(), 'atelier-bench-db-'))
try {
  await settle()
  const rssBeforeOpen = rssMib()
  const openStart = performance.now()
  const db = await openDb({ dataDir: dir })
  const openMs = Math.round(performance.now() - openStart)
  await settle()
  const rssAtRest = rssMib()

  for (let i = 0; i < 200; i++) await db.query('select 1')
  const roundTrips: number[] = []
  for (let i = 0; i < 2_000; i++) {
    const t = performance.now()
    await db.query('select 1')
    roundTrips.push(performance.now() - t)
  }
  const select1 = summarize(roundTrips)!

  await db.exec('create table bench_blob (id serial primary key, data bytea); create table bench_doc (id serial primary key, doc jsonb)')
  const blob = randomBytes(8 * MIB)
  const json = bigDocumentJson(8 * MIB)
  let readBack: Uint8Array | undefined
  const figures = {
    driver: db.driver,
    openMs,
    rssMib: { beforeOpen: rssBeforeOpen, atRestAfterOpen: rssAtRest },
    select1Ms: { p50: round(select1.p50, 3), p99: round(select1.p99, 3) },
    // The same measure while nothing runs: what the machine's own scheduling costs a 1 ms timer.
    idleControl: await blocking(() => sleep(500)),
    byteaInsert8MiB: await blocking(() => db.query('insert into bench_blob (data) values ($1)', [blob])),
    byteaSelect8MiB: await blocking(async () => {
      readBack = (await db.query<{ data: Uint8Array }>('select data from bench_blob'))[0]!.data
    }),
    jsonbInsert8MiB: await blocking(() => db.query('insert into bench_doc (doc) values ($1::jsonb)', [json])),
    jsonbSelect8MiB: await blocking(() => db.query('select doc from bench_doc')),
  }
  if (!readBack || Buffer.compare(Buffer.from(readBack), blob) !== 0) throw new Error('the bytea read back differs from what was written')
  await settle()
  const rssMibAfterWork = rssMib()
  await db.close()
  // A restart: the same data dir opened again, without initdb's one-time garbage.
  const reopened = await openDb({ dataDir: dir })
  await settle()
  const rssMibAfterReopen = rssMib()
  await reopened.close()
  console.log(JSON.stringify({ jsonTextMiB: round(json.length / MIB), ...figures, rssMibAfterWork, rssMibAfterReopen }, null, 2))
} finally {
  rmSync(dir, { recursive: true, force: true })
}
