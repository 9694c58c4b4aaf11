import { WebSocket } from 'ws'
import * as Y from 'yjs'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import { DEFAULT_MAX_MESSAGE_BYTES } from '../../server/config'
import { BenchLoadMonitor, ServerSampler, summarize } from './measure'
import { ClientPool, Room, SATURATED_LAG_MS, content, every, ms, pcts, sleep, usageColumns, type Options, type Shape, type ShapeResult } from './shapes'
import type { DocRef, Target } from './targets'

/**
 * Shape 6: one writer — any city team, in a document of its own — sends the largest update the
 * server accepts, again and again, while two people edit another document and a monitor asks
 * the health route ten times a second. What it measures is whether one tenant can slow down
 * another: the other document's edit latency and the health route's answer time, while the
 * writer writes and for a while after it leaves (the server's unload work runs then).
 *
 * Two kinds of update, both of the same size: one long text (cheap per byte for Yjs), and many
 * short paragraphs (thousands of small items: the expensive kind per byte).
 */

const HOSTILE_EVERY_MS = 3_000
/** The unload path (stored copy, automatic version, compaction) runs after the last socket leaves. */
const AFTER_LEAVING_MS = 8_000
const VICTIM_EDITS_PER_SECOND = 5
const HEALTH_EVERY_MS = 100
/** Frame overhead: message type, sync type and the update's length prefix. */
const FRAME_BYTES = 8

const hostileBytes = Number(process.env.BENCH_HOSTILE_BYTES ?? DEFAULT_MAX_MESSAGE_BYTES) - FRAME_BYTES

type Variant = { name: string; build(bytes: number): Uint8Array }

const LETTERS = 'abcdefghijklmnopqrstuvwxyz '

/** Each update comes from a fresh Y.Doc (a new client id), so each one is new content for the server. */
const VARIANTS: Variant[] = [
  {
    name: 'one long text',
    build(bytes) {
      const doc = new Y.Doc()
      const paragraph = new Y.XmlElement('paragraph')
      const chars = Array.from({ length: 1024 }, (_, i) => LETTERS[(i * 7) % LETTERS.length]).join('')
      paragraph.insert(0, [new Y.XmlText(chars.repeat(Math.ceil(bytes / chars.length)).slice(0, bytes - 64))])
      doc.getXmlFragment('default').insert(0, [paragraph])
      return Y.encodeStateAsUpdate(doc)
    },
  },
  {
    name: 'many short paragraphs',
    build(bytes) {
      const doc = new Y.Doc()
      const fragment = doc.getXmlFragment('default')
      const batch = (n: number) =>
        Array.from({ length: n }, (_, i) => {
          const p = new Y.XmlElement('paragraph')
          p.insert(0, [new Y.XmlText(`point ${i}`)])
          return p
        })
      // Sized from a sample (paragraph numbers grow longer, so with a margin), then filled in chunks.
      const sample = new Y.Doc()
      sample.getXmlFragment('default').insert(0, batch(20_000))
      const perParagraph = Y.encodeStateAsUpdate(sample).length / 20_000
      const count = Math.floor((bytes / perParagraph) * 0.9)
      doc.transact(() => {
        for (let i = 0; i < count; i += 5000) fragment.insert(fragment.length, batch(Math.min(5000, count - i)))
      })
      const update = Y.encodeStateAsUpdate(doc)
      if (update.length > bytes) throw new Error(`the hostile update came out at ${update.length} bytes, over ${bytes}`)
      return update
    },
  },
]

function frame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 0)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

/**
 * The hostile socket: sends the next update every few seconds once the previous one has left
 * this process (a server that stops reading holds the writer back). Reconnects when closed.
 */
class HostileWriter {
  sent = 0
  closes = new Map<number, number>()
  private ws: WebSocket | undefined
  private timer: NodeJS.Timeout | undefined
  private next = 0
  private stopped = false

  constructor(
    private readonly url: string,
    private readonly updates: Uint8Array[],
  ) {}

  start(): void {
    this.connect()
    this.timer = setInterval(() => this.send(), HOSTILE_EVERY_MS)
  }

  private connect(): void {
    const ws = new WebSocket(this.url)
    this.ws = ws
    ws.on('open', () => this.send())
    ws.on('message', () => {})
    ws.on('error', () => {})
    ws.on('close', (code) => {
      // Its own ending (terminate: 1006) is not the server's doing.
      if (this.stopped) return
      this.closes.set(code, (this.closes.get(code) ?? 0) + 1)
      if (!this.stopped) setTimeout(() => !this.stopped && this.connect(), 500)
    })
  }

  private send(): void {
    const ws = this.ws
    if (!ws || ws.readyState !== WebSocket.OPEN || ws.bufferedAmount > 0) return
    ws.send(frame(this.updates[this.next++ % this.updates.length]!))
    this.sent++
  }

  stop(): void {
    this.stopped = true
    clearInterval(this.timer)
    this.ws?.terminate()
  }
}

/** Asks the health route every 100 ms (one request at a time) and records each answer's time. */
function pollHealth(url: string, samples: number[], failures: { count: number }): () => Promise<void> {
  let running = true
  const loop = (async () => {
    while (running) {
      const started = performance.now()
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(30_000) })
        await res.arrayBuffer()
        if (!res.ok) failures.count++
      } catch {
        failures.count++
      }
      const took = performance.now() - started
      samples.push(took)
      await sleep(Math.max(0, HEALTH_EVERY_MS - took))
    }
  })()
  return async () => {
    running = false
    await loop
  }
}

type Phase = { edit: number[]; health: number[] }

async function runVariant(target: Target, opts: Options, variant: Variant, hostileDoc: DocRef, victimDoc: DocRef) {
  const pool = new ClientPool()
  // Built before anything is timed: building many paragraphs costs this process seconds.
  const updates = Array.from({ length: Math.ceil((opts.seconds * 1000) / HOSTILE_EVERY_MS) + 1 }, () => variant.build(hostileBytes))
  try {
    const clients = [await pool.open(target, victimDoc, 30_000), await pool.open(target, victimDoc, 30_000)]
    const during: Phase = { edit: [], health: [] }
    const after: Phase = { edit: [], health: [] }
    let phase = during
    const editSamples: number[] = []
    const room = new Room(clients, [], editSamples)
    const healthSamples: number[] = []
    const healthFailures = { count: 0 }
    // Samples are moved into the current phase as they arrive.
    const sorter = setInterval(() => {
      phase.edit.push(...editSamples.splice(0))
      phase.health.push(...healthSamples.splice(0))
    }, 50)

    const sampler = new ServerSampler(target.pid)
    const bench = new BenchLoadMonitor()
    sampler.start()
    bench.start()
    const stopHealth = pollHealth(target.healthUrl, healthSamples, healthFailures)
    const stopEdits = every(clients.length, 1000 / VICTIM_EDITS_PER_SECOND, (i) => room.edit(i))
    const params = new URLSearchParams(hostileDoc.params).toString()
    const writer = new HostileWriter(`${target.collabUrl}/${hostileDoc.name}${params ? `?${params}` : ''}`, updates)
    writer.start()
    await sleep(opts.seconds * 1000)
    writer.stop()
    phase.edit.push(...editSamples.splice(0))
    phase.health.push(...healthSamples.splice(0))
    phase = after
    await sleep(AFTER_LEAVING_MS)
    stopEdits()
    const deadline = performance.now() + 30_000
    while (room.pending() > 0 && performance.now() < deadline) await sleep(100)
    await stopHealth()
    clearInterval(sorter)
    phase.edit.push(...editSamples.splice(0))
    phase.health.push(...healthSamples.splice(0))
    const usage = sampler.stop()
    const load = bench.stop()
    const diverged = room.divergence()
    const observer = await pool.open(target, victimDoc, 30_000)
    const serverDiffers = content(observer.ydoc) !== content(clients[0]!.ydoc)
    return { during, after, writer, usage, load, undelivered: room.pending(), healthFailures: healthFailures.count, diverged, serverDiffers }
  } finally {
    pool.closeAll()
  }
}

async function hostileWriter(target: Target, opts: Options): Promise<ShapeResult> {
  const columns: [string, string][] = [
    ['largest accepted update', `${(hostileBytes / 2 ** 20).toFixed(1)} MiB, sent every ${HOSTILE_EVERY_MS / 1000} s for ${opts.seconds} s`],
  ]
  const allEdits: number[] = []
  const allHealth: number[] = []
  const problems: string[] = []
  let saturated: string | undefined
  for (const variant of VARIANTS) {
    const [hostileDoc, victimDoc] = await target.createDocs(2)
    const r = await runVariant(target, opts, variant, hostileDoc!, victimDoc!)
    const closes = [...r.writer.closes].map(([code, n]) => `${n}× ${code}`).join(', ')
    allEdits.push(...r.during.edit, ...r.after.edit)
    allHealth.push(...r.during.health, ...r.after.health)
    const v = variant.name
    columns.push(
      [`${v}: hostile updates sent`, `${r.writer.sent}${closes ? ` (socket closed by server: ${closes})` : ''}`],
      [`${v}: other document, edit ms p50 / p95 / p99 / max, while it writes`, pcts(summarize(r.during.edit), ['p50', 'p95', 'p99', 'max'])],
      [`${v}: … in the ${AFTER_LEAVING_MS / 1000} s after it left`, pcts(summarize(r.after.edit), ['p50', 'p95', 'p99', 'max'])],
      [`${v}: health ms p50 / p95 / p99 / max, while it writes`, pcts(summarize(r.during.health), ['p50', 'p95', 'p99', 'max'])],
      [`${v}: health … in the ${AFTER_LEAVING_MS / 1000} s after it left`, pcts(summarize(r.after.health), ['p50', 'p95', 'p99', 'max'])],
      ...usageColumns(r.usage, r.load).map(([k, val]): [string, string] => [`${v}: ${k}`, val]),
    )
    if (r.diverged || r.serverDiffers || r.undelivered > 0) {
      problems.push(
        `${variant.name}: ${[r.diverged, r.serverDiffers ? 'the server copy differs' : '', r.undelivered ? `${r.undelivered} edits undelivered` : ''].filter(Boolean).join(', ')}`,
      )
    }
    if (r.healthFailures > 0) columns.push([`${v}: health failures`, String(r.healthFailures)])
    if (r.load.loopDelayP99Ms > SATURATED_LAG_MS) saturated = `event-loop lag p99 ${ms(r.load.loopDelayP99Ms)} ms`
  }
  return {
    columns,
    edit: summarize(allEdits),
    health: summarize(allHealth),
    saturated,
    failed: problems.length > 0 ? `the other document did not converge: ${problems.join('; ')}` : undefined,
  }
}

export const HOSTILE_SHAPE: Shape = {
  id: 6,
  title: 'hostile writer: the largest accepted update every 3 s into one document, while another is edited',
  run: hostileWriter,
}
