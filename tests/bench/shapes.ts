import * as Y from 'yjs'
import type { WebsocketProvider } from 'y-websocket'
import { BenchLoadMonitor, ServerSampler, summarize, type BenchLoad, type ServerUsage, type Summary } from './measure'
import { connect, type DocRef, type Target } from './targets'
import { LightClient } from './light-client'

export type Options = { seconds: number }

/** What a shape reports for one target: printable columns plus the figures the comparison needs. */
export type ShapeResult = {
  columns: [string, string][]
  /** Set when the load generator could not keep up: its figures then measure the bench, not the server. */
  saturated?: string
  edit?: Summary | null
  awareness?: Summary | null
  load?: Summary | null
  /** Shape 6: how fast the health route answered. */
  health?: Summary | null
  /** Set when clients did not converge or content differs: the bench then fails, whatever the figures. */
  failed?: string
}

export type Shape = { id: number; title: string; run(target: Target, opts: Options): Promise<ShapeResult> }

// ---------------------------------------------------------------------------------------------
// Clients

/** The editor's shape: Tiptap (through y-prosemirror) keeps its content in this XmlFragment. */
const FRAGMENT = 'default'

/** connectMs: provider created -> synced and complete; applyMs: of that, time spent applying what arrived. */
export type Client = { ydoc: Y.Doc; provider: WebsocketProvider; connectMs: number; applyMs: number }

/** Every provider a shape opened, so they are all torn down even when the shape fails midway. */
export class ClientPool {
  private readonly providers: WebsocketProvider[] = []

  /**
   * Connects a fresh Y.Doc and resolves once it is synced and `complete(ydoc)` holds (used to
   * wait for content that a server might send after sync step 2). connectMs covers both.
   */
  open(target: Target, doc: DocRef, timeoutMs: number, complete: (ydoc: Y.Doc) => boolean = () => true): Promise<Client> {
    const ydoc = new Y.Doc()
    const started = performance.now()
    const provider = connect(target, doc, ydoc)
    this.providers.push(provider)
    return new Promise((resolve, reject) => {
      let lastProblem = ''
      const onError = (event: unknown) => {
        lastProblem = String((event as { message?: string }).message ?? 'connection error')
      }
      const onClose = (event: { code: number; reason: string } | null) => {
        if (event) lastProblem = `closed by server (${event.code}${event.reason ? ` ${event.reason}` : ''})`
      }
      let applyMs = 0
      let transactionStart = 0
      const beforeTransaction = () => {
        transactionStart = performance.now()
      }
      const afterTransaction = (tr: Y.Transaction) => {
        if (tr.origin === provider) applyMs += performance.now() - transactionStart
        check()
      }
      const check = () => {
        if (!provider.synced || !complete(ydoc)) return
        settle()
        resolve({ ydoc, provider, connectMs: performance.now() - started, applyMs })
      }
      const timer = setTimeout(() => {
        settle()
        reject(new Error(`not synced within ${timeoutMs / 1000} s${lastProblem ? `: ${lastProblem}` : ''}`))
      }, timeoutMs)
      const settle = () => {
        clearTimeout(timer)
        provider.off('sync', check)
        provider.off('connection-error', onError)
        provider.off('connection-close', onClose)
        ydoc.off('beforeTransaction', beforeTransaction)
        ydoc.off('afterTransaction', afterTransaction)
      }
      provider.on('sync', check)
      provider.on('connection-error', onError)
      provider.on('connection-close', onClose)
      ydoc.on('beforeTransaction', beforeTransaction)
      ydoc.on('afterTransaction', afterTransaction)
    })
  }

  close(client: Client): void {
    this.providers.splice(this.providers.indexOf(client.provider), 1)
    client.provider.destroy()
    client.ydoc.destroy()
  }

  closeAll(): void {
    for (const p of this.providers.splice(0)) {
      p.destroy()
      p.doc.destroy()
    }
  }
}

/** Runs `fn` over `items`, `limit` at a time. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i]!, i)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return out
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const randInt = (n: number) => Math.floor(Math.random() * n)
const WORDS = ['ville ', 'atelier ', 'réseau ', 'mobilité ', 'budget ', 'quartier ', 'eau ', 'plan ']

function paragraphWith(text: string): Y.XmlElement {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  return paragraph
}

/** A paragraph chosen at random (scanning past headings and other nodes), or null if none. */
function randomParagraph(fragment: Y.XmlFragment): Y.XmlElement | null {
  const n = fragment.length
  const start = randInt(Math.max(n, 1))
  for (let k = 0; k < n; k++) {
    const node = fragment.get((start + k) % n)
    if (node instanceof Y.XmlElement && node.nodeName === 'paragraph') return node
  }
  return null
}

/** One editor keystroke burst: a word typed at a random place in a paragraph; sometimes a new paragraph. */
export function makeEdit(ydoc: Y.Doc): void {
  const fragment = ydoc.getXmlFragment(FRAGMENT)
  const word = WORDS[randInt(WORDS.length)]!
  ydoc.transact(() => {
    const paragraph = Math.random() < 0.1 ? null : randomParagraph(fragment)
    if (!paragraph) {
      fragment.insert(randInt(fragment.length + 1), [paragraphWith(word)])
      return
    }
    const first = paragraph.get(0)
    if (first instanceof Y.XmlText) first.insert(randInt(first.length + 1), word)
    else paragraph.insert(0, [new Y.XmlText(word)]) // an empty paragraph has no text node yet
  })
}

export const content = (ydoc: Y.Doc) => ydoc.getXmlFragment(FRAGMENT).toString()
const stateVector = (ydoc: Y.Doc) => Buffer.from(Y.encodeStateVector(ydoc)).toString('base64')

// ---------------------------------------------------------------------------------------------
// Latency bookkeeping

/**
 * Edit propagation for one document. An edit is identified by its sender and the sender's Yjs
 * clock after it (every edit inserts, so the clock grows). A receiver has observed the edit once
 * its own state for that sender reaches that clock; that is read from each incoming update's
 * metadata (Y.parseUpdateMeta, proportional to the update's size). Each receiver keeps one
 * cursor per sender into that sender's ordered edit log, so recording costs O(1) per delivered
 * (edit, receiver) pair: no per-edit map, nothing quadratic in the number of clients.
 */
export class Room {
  private readonly senders = new Map<number, { index: number; clocks: number[]; sentAt: number[] }>()
  private delivered = 0
  private expected = 0
  edits = 0

  /**
   * `clients` are full observers (they decode everything and are where latency is measured);
   * `light` clients send edits like the others but receive without decoding (see LightClient).
   * Sender indices: observers first, then light clients.
   */
  constructor(
    readonly clients: Client[],
    readonly light: LightClient[],
    private readonly samples: number[],
  ) {
    const ids = [...clients.map((c) => c.ydoc.clientID), ...light.map((l) => l.clientID)]
    ids.forEach((id, i) => this.senders.set(id, { index: i, clocks: [], sentAt: [] }))
    for (const c of clients) {
      const cursor = new Int32Array(ids.length)
      c.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== c.provider) return // only what arrived over the wire
        const now = performance.now()
        for (const [client, clock] of Y.parseUpdateMeta(update).to) {
          const sender = this.senders.get(client)
          if (!sender) continue
          let seen = cursor[sender.index]!
          while (seen < sender.clocks.length && sender.clocks[seen]! <= clock) this.samples.push(now - sender.sentAt[seen++]!)
          this.delivered += seen - cursor[sender.index]!
          cursor[sender.index] = seen
        }
      })
    }
  }

  get size(): number {
    return this.clients.length + this.light.length
  }

  edit(senderIndex: number): void {
    const observer = senderIndex < this.clients.length
    const light = observer ? undefined : this.light[senderIndex - this.clients.length]!
    const ydoc = observer ? this.clients[senderIndex]!.ydoc : light!.ydoc
    const sender = this.senders.get(ydoc.clientID)!
    const sentAt = performance.now()
    // Either way the update is sent synchronously, inside the transaction.
    if (light) light.edit()
    else makeEdit(ydoc)
    sender.clocks.push(Y.getState(ydoc.store, ydoc.clientID))
    sender.sentAt.push(sentAt)
    this.edits++
    this.expected += observer ? this.clients.length - 1 : this.clients.length
  }

  /** (edit, observer) pairs not yet observed. */
  pending(): number {
    return this.expected - this.delivered
  }

  /** Null if every observer holds the same content and state, including all light clients' edits; otherwise what differs. */
  divergence(): string | null {
    const [first, ...rest] = this.clients
    const sv = stateVector(first!.ydoc)
    const text = content(first!.ydoc)
    const bad = rest.filter((c) => stateVector(c.ydoc) !== sv || content(c.ydoc) !== text).length
    const missing = this.missingLight(first!.ydoc)
    const problems = this.light.filter((l) => l.problem).length
    const out = [
      bad ? `${bad}/${this.clients.length} observers differ` : '',
      missing ? `${missing} light clients' edits missing` : '',
      problems ? `${problems} light clients cut off (${this.light.find((l) => l.problem)!.problem})` : '',
    ].filter(Boolean)
    return out.length === 0 ? null : out.join(', ')
  }

  /** Light clients whose own edits `ydoc` does not hold in full. */
  missingLight(ydoc: Y.Doc): number {
    return this.light.filter((l) => Y.getState(ydoc.store, l.clientID) < l.clock).length
  }
}

/**
 * Presence: each cursor move carries its sequence number and send time in the awareness state
 * itself; an observer records a latency the first time it sees a newer sequence from a client.
 * Awareness is last-writer-wins, so a server may legitimately coalesce moves: those count as
 * "superseded", not as lost. Light clients move cursors too but do not observe.
 */
class Presence {
  moves = 0
  private expectedCount = 0

  constructor(
    private readonly clients: Client[],
    private readonly light: LightClient[],
    readonly samples: number[],
  ) {
    for (const c of clients) {
      const lastSeq = new Map<number, number>()
      c.provider.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
        if (origin === 'local') return
        const now = performance.now()
        const states = c.provider.awareness.getStates()
        for (const id of added.concat(updated)) {
          const cursor = states.get(id)?.cursor as { seq?: number; t?: number } | undefined
          if (typeof cursor?.seq !== 'number' || typeof cursor.t !== 'number') continue
          if (cursor.seq <= (lastSeq.get(id) ?? 0)) continue
          lastSeq.set(id, cursor.seq)
          this.samples.push(now - cursor.t)
        }
      })
    }
  }

  move(clientIndex: number): void {
    this.moves++
    const observer = clientIndex < this.clients.length
    const awareness = observer ? this.clients[clientIndex]!.provider.awareness : this.light[clientIndex - this.clients.length]!.awareness
    this.expectedCount += observer ? this.clients.length - 1 : this.clients.length
    awareness.setLocalStateField('cursor', {
      anchor: randInt(1000),
      head: randInt(1000),
      seq: this.moves,
      t: performance.now(),
    })
  }

  expected(): number {
    return this.expectedCount
  }
}

/** Calls `fn(i)` for each of `count` actors every `periodMs`, each with a random phase, until stopped. */
export function every(count: number, periodMs: number, fn: (i: number) => void): () => void {
  const timers: NodeJS.Timeout[] = []
  for (let i = 0; i < count; i++) {
    timers.push(
      setTimeout(() => {
        fn(i)
        timers[i] = setInterval(() => fn(i), periodMs)
      }, Math.random() * periodMs),
    )
  }
  return () => timers.forEach((t) => clearInterval(t))
}

// ---------------------------------------------------------------------------------------------
// Formatting

export const ms = (v: number | undefined) => (v === undefined ? '-' : v < 10 ? v.toFixed(2) : v < 1000 ? v.toFixed(1) : v.toFixed(0))
export const pcts = (s: Summary | null | undefined, keys: (keyof Summary)[]) => (s ? keys.map((k) => ms(s[k])).join(' / ') : 'no samples')
export const usageColumns = (u: ServerUsage, b: BenchLoad): [string, string][] => [
  ['server RSS peak MB', u.peakRssMb.toFixed(0)],
  ['server CPU s', u.cpuSeconds.toFixed(2)],
  ['bench CPU % / loop lag p99 ms', `${b.cpuPercent.toFixed(0)} / ${ms(b.loopDelayP99Ms)}`],
]

/**
 * Past this event-loop lag (p99) the clients' own queueing, not the server, dominates what they
 * measure. A shape that could not sustain 90% of its edit rate is saturated too.
 */
export const SATURATED_LAG_MS = 50

// ---------------------------------------------------------------------------------------------
// Shapes 1-3: clients editing the same documents

/**
 * observersPerDoc: how many of each document's clients are full observers (default: all); the
 * others are light clients that send the same edits and cursor moves but do not decode what
 * they receive, so a hundred of them do not saturate this one process (see LightClient).
 */
type Editing = { docs: number; clientsPerDoc: number; editsPerSecond: number; presence: boolean; observersPerDoc?: number }

async function editing(target: Target, opts: Options, shape: Editing): Promise<ShapeResult> {
  const pool = new ClientPool()
  const lights: LightClient[] = []
  try {
    const docs = await target.createDocs(shape.docs)
    const observersPerDoc = Math.min(shape.observersPerDoc ?? shape.clientsPerDoc, shape.clientsPerDoc)
    const lightPerDoc = shape.clientsPerDoc - observersPerDoc
    const sampler = new ServerSampler(target.pid)
    const bench = new BenchLoadMonitor()
    sampler.start()

    // Ten connections in flight at a time: connect time should measure a connection, not a storm (shape 5).
    const slots = docs.flatMap((doc) => Array.from({ length: observersPerDoc }, () => doc))
    const clients = await mapLimit(slots, 10, (doc) => pool.open(target, doc, 30_000))
    const lightSlots = docs.flatMap((doc) => Array.from({ length: lightPerDoc }, () => doc))
    const light = await mapLimit(lightSlots, 10, (doc) => LightClient.open(target, doc, 30_000, WORDS, (l) => lights.push(l)))
    const samples: number[] = []
    const rooms = docs.map(
      (_, d) => new Room(clients.slice(d * observersPerDoc, (d + 1) * observersPerDoc), light.slice(d * lightPerDoc, (d + 1) * lightPerDoc), samples),
    )
    const awarenessSamples: number[] = []
    const presences = shape.presence ? rooms.map((r) => new Presence(r.clients, r.light, awarenessSamples)) : null

    bench.start()
    const started = performance.now()
    const total = docs.length * shape.clientsPerDoc
    const stopEdits = every(total, 1000 / shape.editsPerSecond, (i) => rooms[Math.floor(i / shape.clientsPerDoc)]!.edit(i % shape.clientsPerDoc))
    const stopMoves = presences ? every(total, 1000, (i) => presences[Math.floor(i / shape.clientsPerDoc)]!.move(i % shape.clientsPerDoc)) : () => {}
    await sleep(opts.seconds * 1000)
    stopEdits()
    stopMoves()
    const editSeconds = (performance.now() - started) / 1000

    // Let in-flight edits land; whatever has not arrived after 15 s is reported as undelivered.
    const deadline = performance.now() + 15_000
    while (rooms.some((r) => r.pending() > 0) && performance.now() < deadline) await sleep(100)
    await sleep(300) // trailing awareness messages
    const usage = sampler.stop()
    const load = bench.stop()

    const undelivered = rooms.reduce((n, r) => n + r.pending(), 0)
    const diverged = rooms.map((r) => r.divergence()).filter((d) => d !== null)
    // The server's own copy: a fresh client's view of each document must match the editors'.
    const serverMismatch = (
      await mapLimit(rooms, 10, async (room, d) => {
        const observer = await pool.open(target, docs[d]!, 30_000)
        return content(observer.ydoc) !== content(room.clients[0]!.ydoc) || room.missingLight(observer.ydoc) > 0
      })
    ).filter(Boolean).length

    const edits = rooms.reduce((n, r) => n + r.edits, 0)
    const edit = summarize(samples)
    const connectTimes = summarize([...clients.map((c) => c.connectMs), ...light.map((l) => l.syncMs)])
    const converged =
      diverged.length === 0 && serverMismatch === 0
        ? 'yes (clients + server copy)'
        : `NO: ${[...diverged.slice(0, 3), serverMismatch ? `${serverMismatch} docs differ from the server copy` : ''].filter(Boolean).join('; ')}`
    const columns: [string, string][] = [
      ['edit latency ms p50 / p95 / p99 / max', pcts(edit, ['p50', 'p95', 'p99', 'max'])],
      ['deliveries', `${edit?.n ?? 0}${undelivered ? ` (${undelivered} undelivered)` : ''}`],
    ]
    let awareness: Summary | null = null
    if (presences) {
      awareness = summarize(awarenessSamples)
      const expected = presences.reduce((n, p) => n + p.expected(), 0)
      const superseded = expected - awarenessSamples.length
      columns.push(
        ['awareness latency ms p50 / p95 / p99 / max', pcts(awareness, ['p50', 'p95', 'p99', 'max'])],
        ['awareness seen', `${awarenessSamples.length}/${expected}${superseded ? ` (${superseded} superseded or lost)` : ''}`],
      )
    }
    columns.push(
      ['converged', converged],
      ...(lightPerDoc > 0
        ? ([['clients per document', `${shape.clientsPerDoc}: ${observersPerDoc} full observers (latency measured there) + ${lightPerDoc} light`]] as [
            string,
            string,
          ][])
        : []),
      ['connect ms p50 / p95', pcts(connectTimes, ['p50', 'p95'])],
      ...(light.length > 0
        ? ([
            [
              'light clients received',
              `${(light.reduce((n, l) => n + l.bytesIn, 0) / 1e6).toFixed(1)} MB in ${light.reduce((n, l) => n + l.framesIn, 0)} frames (not decoded)`,
            ],
          ] as [string, string][])
        : []),
      ['edits/s (target)', `${(edits / editSeconds).toFixed(0)} (${total * shape.editsPerSecond})`],
      ...usageColumns(usage, load),
    )
    const rate = edits / editSeconds / (total * shape.editsPerSecond)
    const saturated =
      rate < 0.9 || load.loopDelayP99Ms > SATURATED_LAG_MS
        ? `the bench reached ${(rate * 100).toFixed(0)}% of the edit rate, event-loop lag p99 ${ms(load.loopDelayP99Ms)} ms`
        : undefined
    const failed = converged.startsWith('NO') ? `did not converge: ${converged.slice(4)}` : undefined
    return { columns, edit, awareness, saturated, failed }
  } finally {
    lights.forEach((l) => l.close())
    pool.closeAll()
  }
}

// ---------------------------------------------------------------------------------------------
// Shape 4: cold load of a long-edited document

const PRIOR_EDITS = 20_000
const LOAD_TRIES = 3

async function coldLoad(target: Target): Promise<ShapeResult> {
  const pool = new ClientPool()
  try {
    let docs = await target.createDocs(1)
    const writer = await pool.open(target, docs[0]!, 30_000)
    for (let i = 0; i < PRIOR_EDITS; i++) {
      makeEdit(writer.ydoc)
      // Yield now and then so the socket drains instead of buffering all 20k messages.
      if (i % 200 === 199) await new Promise((r) => setImmediate(r))
    }
    const writerId = writer.ydoc.clientID
    const finalClock = Y.getState(writer.ydoc.store, writerId)
    const expected = content(writer.ydoc)
    const complete = (ydoc: Y.Doc) => Y.getState(ydoc.store, writerId) >= finalClock
    // The server has everything once an independent client receives it all.
    await pool.open(target, docs[0]!, 60_000, complete)
    pool.closeAll()

    const times: number[] = []
    const usages: ServerUsage[] = []
    const bench = new BenchLoadMonitor()
    bench.start()
    let wrong = 0
    for (let t = 0; t < LOAD_TRIES; t++) {
      docs = await target.makeCold(docs)
      // Sampled from after the restart: the load's cost, not the server's startup.
      const sampler = new ServerSampler(target.pid)
      sampler.start()
      const reader = await pool.open(target, docs[0]!, 60_000, complete)
      usages.push(sampler.stop())
      times.push(reader.connectMs)
      if (content(reader.ydoc) !== expected) wrong++
      pool.closeAll()
    }
    const load = summarize(times)
    return {
      columns: [
        ['load ms p50 / max', pcts(load, ['p50', 'max'])],
        ['tries', String(times.length)],
        ['content', wrong === 0 ? 'identical to the writer' : `NO: ${wrong} loads differ from the writer`],
        ['how cold', target.coldNote],
        ...usageColumns({ peakRssMb: Math.max(...usages.map((u) => u.peakRssMb)), cpuSeconds: usages.reduce((s, u) => s + u.cpuSeconds, 0) }, bench.stop()),
      ],
      load,
      failed: wrong === 0 ? undefined : `cold load: ${wrong} loads differ from the writer`,
    }
  } finally {
    pool.closeAll()
  }
}

// ---------------------------------------------------------------------------------------------
// Shape 5: a join storm on a large document

const JOINERS = 150
/**
 * Joiners that apply the 1 MB state, to check what the others received; the rest are light
 * clients that only time the arrival of the full sync reply. 150 full Y.Docs applying 1 MB each
 * on this one thread would serialize ~150 decodes into every join time and measure the bench.
 */
const FULL_JOINERS = 5
const BIG_DOC_BYTES = 1_000_000

async function joinStorm(target: Target): Promise<ShapeResult> {
  const pool = new ClientPool()
  const lights: LightClient[] = []
  try {
    const docs = await target.createDocs(1)
    // The author stays connected, so the storm meets a document that is loaded (cold loads are shape 4).
    const host = await pool.open(target, docs[0]!, 30_000)
    const fragment = host.ydoc.getXmlFragment(FRAGMENT)
    const line = 'Les villes du réseau partagent leurs retours sur la mobilité et le budget. '.repeat(14)
    while (Y.encodeStateAsUpdate(host.ydoc).length < BIG_DOC_BYTES) {
      host.ydoc.transact(() =>
        fragment.insert(
          fragment.length,
          Array.from({ length: 50 }, () => paragraphWith(line)),
        ),
      )
      await new Promise((r) => setImmediate(r))
    }
    const hostId = host.ydoc.clientID
    const finalClock = Y.getState(host.ydoc.store, hostId)
    const complete = (ydoc: Y.Doc) => Y.getState(ydoc.store, hostId) >= finalClock
    pool.close(await pool.open(target, docs[0]!, 60_000, complete)) // the server holds it all before the storm
    const size = Y.encodeStateAsUpdate(host.ydoc).length

    const sampler = new ServerSampler(target.pid)
    const bench = new BenchLoadMonitor()
    sampler.start()
    bench.start()
    // All sockets are created in the same tick: they open together. Light joiners first, so the
    // full joiners' applying cannot delay their sockets' creation.
    const lightResults = Array.from({ length: JOINERS - FULL_JOINERS }, () => LightClient.open(target, docs[0]!, 120_000, WORDS, (l) => lights.push(l)))
    const fullResults = Array.from({ length: FULL_JOINERS }, () => pool.open(target, docs[0]!, 120_000, complete))
    const [lightSettled, fullSettled] = await Promise.all([Promise.allSettled(lightResults), Promise.allSettled(fullResults)])
    const usage = sampler.stop()
    const load = bench.stop()

    const results = [...lightSettled, ...fullSettled]
    const joinedLight = lightSettled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const joinedFull = fullSettled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const failed = results.filter((r) => r.status === 'rejected').length
    const sv = stateVector(host.ydoc)
    const differ = joinedFull.filter((c) => stateVector(c.ydoc) !== sv).length
    // The sync reply is one frame; a light joiner's must be as large as the whole state.
    const short = joinedLight.filter((l) => l.syncReplyBytes < size).length
    const join = summarize(joinedLight.map((l) => l.syncMs))
    const opened = summarize(joinedLight.map((l) => l.openMs))
    const fullJoin = summarize(joinedFull.map((c) => c.connectMs))
    const saturated = load.loopDelayP99Ms > SATURATED_LAG_MS ? `event-loop lag p99 ${ms(load.loopDelayP99Ms)} ms` : undefined
    const applySeconds = joinedFull.reduce((sum, c) => sum + c.applyMs, 0) / 1000
    const contentOk = differ === 0 && short === 0
    const firstFailure = results.find((r) => r.status === 'rejected') as PromiseRejectedResult | undefined
    return {
      columns: [
        ['join ms p50 / p95 / p99 / max', pcts(join, ['p50', 'p95', 'p99', 'max'])],
        ['  = connect -> full sync reply received, light joiners', `${joinedLight.length}`],
        ['socket open ms p50 / p95', pcts(opened, ['p50', 'p95'])],
        ['full joiners: synced + applied ms p50 / max', pcts(fullJoin, ['p50', 'max'])],
        ['full joiners: client-side apply, all', `${applySeconds.toFixed(2)} s`],
        ['joined', `${joinedLight.length + joinedFull.length}/${JOINERS}${failed ? ` (${failed} failed: ${firstFailure!.reason.message})` : ''}`],
        ['doc size', `${(size / 1e6).toFixed(2)} MB`],
        [
          'content',
          contentOk
            ? `${joinedFull.length} full joiners match the author; ${joinedLight.length} sync replies >= doc size`
            : `NO: ${differ} full joiners differ, ${short} sync replies smaller than the document`,
        ],
        ...usageColumns(usage, load),
      ],
      load: join,
      saturated,
      failed: contentOk ? undefined : 'join storm: joiners did not receive the whole document',
    }
  } finally {
    lights.forEach((l) => l.close())
    pool.closeAll()
  }
}

/** One client on one new document, synced within 10 s: the target can be benchmarked at all. */
export async function probe(target: Target): Promise<void> {
  const pool = new ClientPool()
  try {
    const docs = await target.createDocs(1)
    await pool.open(target, docs[0]!, 10_000)
  } finally {
    pool.closeAll()
  }
}

/** Full observers among shape 3's 100 clients; the other 90 are light clients. */
const OBSERVERS = 10

export const SHAPES: Shape[] = [
  {
    id: 1,
    title: '1 document x 20 clients x 5 edits/s',
    run: (t, o) => editing(t, o, { docs: 1, clientsPerDoc: 20, editsPerSecond: 5, presence: false }),
  },
  {
    id: 2,
    title: '200 documents x 3 clients x 1 edit/s',
    run: (t, o) => editing(t, o, { docs: 200, clientsPerDoc: 3, editsPerSecond: 1, presence: false }),
  },
  {
    id: 3,
    title: '1 document x 100 clients x 2 edits/s, cursors moving at 1 Hz',
    run: (t, o) => editing(t, o, { docs: 1, clientsPerDoc: 100, editsPerSecond: 2, presence: true, observersPerDoc: OBSERVERS }),
  },
  { id: 4, title: `cold load of a document with ${PRIOR_EDITS} prior edits`, run: (t) => coldLoad(t) },
  { id: 5, title: `${JOINERS} clients joining a ~1 MB document at once`, run: (t) => joinStorm(t) },
]
