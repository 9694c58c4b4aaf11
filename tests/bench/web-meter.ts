import { EventEmitter } from 'node:events'
import type { CDPSession, Page } from 'playwright-core'

/**
 * Chromium's "3G" throttled profile as the issue measured it: 400 kb/s each way, 300 ms round trip.
 * Applied through the DevTools protocol to the page, as DevTools' own throttling menu does, and
 * to each service worker: Chromium throttles a page's requests, not the worker's own fetches.
 */
export const SLOW_LINE = { offline: false, latency: 300, downloadThroughput: 50_000, uploadThroughput: 50_000 } as const

/**
 * What a WebSocket frame costs beyond its payload and its own header: a TCP/IPv4 segment's
 * headers (40 bytes) and a TLS 1.3 record's (22 bytes), since a deployment serves /collab over
 * wss. Each small frame of live editing travels in a segment of its own.
 */
export const FRAME_TRANSPORT_BYTES = 40 + 22

export type RequestRecord = { url: string; status: number; bytes: number; startMs: number; endMs: number | null; cached: boolean }

type Counters = { httpReceived: number; httpSent: number; wsFrames: number; wsBytes: number }

/** What the meter listens to: a page's CDP session, or a service worker's messages (workerEvents). */
type NetworkEvents = { on(event: string, listener: (params: any) => void): unknown }

/**
 * Counts what crosses the wire for one page, from Chromium's own network events: HTTP bytes as
 * received (encoded, headers included: what DevTools calls "transferred"), an estimate of HTTP
 * bytes sent, and WebSocket frames both ways with their framing. `mark()` starts a new window.
 */
export class WireMeter {
  private readonly requests = new Map<string, RequestRecord & { partial: number; done: boolean }>()
  private totals: Counters = { httpReceived: 0, httpSent: 0, wsFrames: 0, wsBytes: 0 }
  private origin: Counters = { ...this.totals }
  private windowStart = performance.now()
  private log: RequestRecord[] = []
  /** Frames of the window by direction and first payload byte (y-websocket's message type): count and bytes. */
  private frameKinds = new Map<string, { frames: number; bytes: number }>()

  private constructor(readonly cdp: CDPSession) {}

  static async attach(page: Page): Promise<WireMeter> {
    const cdp = await page.context().newCDPSession(page)
    const meter = new WireMeter(cdp)
    meter.listen(cdp, 'page:')
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINE)
    const browser = page.context().browser()
    if (browser) await meter.throttleWorkers(await browser.newBrowserCDPSession())
    return meter
  }

  /**
   * Every service worker gets the same slow line, and what it fetches is counted. Playwright's
   * CDP sessions cannot address a worker's own session, so the worker is reached the older way:
   * attached without flattening, its messages carried by Target.sendMessageToTarget.
   */
  private async throttleWorkers(browserSession: CDPSession): Promise<void> {
    const workers = new Map<string, EventEmitter>()
    let nextId = 1
    const sendTo = (sessionId: string, method: string, params: object) =>
      browserSession.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: nextId++, method, params }) })
    browserSession.on('Target.receivedMessageFromTarget', ({ sessionId, message }) => {
      const { method, params } = JSON.parse(message) as { method?: string; params?: unknown }
      if (method) workers.get(sessionId)?.emit(method, params)
    })
    const attached = new Set<string>()
    browserSession.on('Target.targetCreated', async ({ targetInfo }) => {
      if (targetInfo.type !== 'service_worker' || attached.has(targetInfo.targetId)) return
      attached.add(targetInfo.targetId)
      const { sessionId } = await browserSession.send('Target.attachToTarget', { targetId: targetInfo.targetId, flatten: false })
      const events = new EventEmitter()
      workers.set(sessionId, events)
      this.listen(events, `worker ${sessionId}:`)
      await sendTo(sessionId, 'Network.enable', {})
      await sendTo(sessionId, 'Network.emulateNetworkConditions', SLOW_LINE)
    })
    await browserSession.send('Target.setDiscoverTargets', { discover: true })
  }

  /** Starts a new window: counters and the request log begin again from zero. */
  mark(): void {
    this.origin = { ...this.totals, httpReceived: this.httpReceivedNow() }
    this.windowStart = performance.now()
    this.log = []
    this.frameKinds = new Map()
  }

  /** What crossed the wire since the last mark. */
  window(): Counters & { total: number; requests: RequestRecord[]; frameKinds: Map<string, { frames: number; bytes: number }> } {
    const now = { ...this.totals, httpReceived: this.httpReceivedNow() }
    const w = {
      httpReceived: now.httpReceived - this.origin.httpReceived,
      httpSent: now.httpSent - this.origin.httpSent,
      wsFrames: now.wsFrames - this.origin.wsFrames,
      wsBytes: now.wsBytes - this.origin.wsBytes,
    }
    return { ...w, total: w.httpReceived + w.httpSent + w.wsBytes, requests: [...this.log], frameKinds: new Map(this.frameKinds) }
  }

  /** Resolves once no HTTP request has been running for `quietMs` (WebSockets aside). */
  async settle(quietMs = 1000, timeoutMs = 60_000): Promise<void> {
    const deadline = performance.now() + timeoutMs
    let quietSince = performance.now()
    while (performance.now() < deadline) {
      if (this.running() > 0) quietSince = performance.now()
      else if (performance.now() - quietSince >= quietMs) return
      await new Promise((r) => setTimeout(r, 50))
    }
    throw new Error(`the page kept loading for ${timeoutMs} ms`)
  }

  private running(): number {
    let n = 0
    for (const r of this.requests.values()) if (!r.done) n++
    return n
  }

  /** Finished requests count their final size; running ones what has arrived so far. */
  private httpReceivedNow(): number {
    let running = 0
    for (const r of this.requests.values()) if (!r.done) running += r.partial
    return this.totals.httpReceived + running
  }

  private listen(events: NetworkEvents, prefix: string): void {
    const key = (requestId: string) => prefix + requestId
    events.on('Network.requestWillBeSent', (e) => {
      // A redirect reuses the id: the first hop has ended.
      this.finish(key(e.requestId), 0)
      const record = { url: e.request.url, status: 0, bytes: 0, startMs: this.elapsed(), endMs: null, cached: false, partial: 0, done: false }
      this.requests.set(key(e.requestId), record)
      this.log.push(record)
      // Request line, headers as sent and body; Chromium reports the exact headers only later, an estimate is enough.
      const headers = Object.entries(e.request.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0)
      this.totals.httpSent += e.request.method.length + e.request.url.length + 12 + headers + (e.request.postData?.length ?? 0)
    })
    events.on('Network.requestServedFromCache', (e) => {
      const r = this.requests.get(key(e.requestId))
      if (r) r.cached = true
    })
    events.on('Network.responseReceived', (e) => {
      const r = this.requests.get(key(e.requestId))
      if (!r) return
      r.status = e.response.status
      r.cached ||= Boolean(e.response.fromDiskCache || e.response.fromServiceWorker || e.response.fromPrefetchCache)
      r.partial = r.cached ? 0 : e.response.encodedDataLength
    })
    events.on('Network.dataReceived', (e) => {
      const r = this.requests.get(key(e.requestId))
      if (r && !r.cached) r.partial += e.encodedDataLength
    })
    events.on('Network.loadingFinished', (e) => this.finish(key(e.requestId), e.encodedDataLength))
    events.on('Network.loadingFailed', (e) => this.finish(key(e.requestId), 0))
    events.on('Network.webSocketFrameSent', (e) => this.frame(e.response.opcode, e.response.payloadData, true))
    events.on('Network.webSocketFrameReceived', (e) => this.frame(e.response.opcode, e.response.payloadData, false))
  }

  private elapsed(): number {
    return Math.round(performance.now() - this.windowStart)
  }

  private finish(requestId: string, encodedDataLength: number): void {
    const r = this.requests.get(requestId)
    if (!r || r.done) return
    r.done = true
    // Served from this browser's cache or service worker: nothing crossed the wire.
    r.bytes = r.cached ? 0 : Math.max(encodedDataLength, r.partial)
    r.endMs = this.elapsed()
    this.totals.httpReceived += r.bytes
  }

  private frame(opcode: number, payload: string, sent: boolean): void {
    // Binary payloads come base64-encoded; text ones as the text itself.
    const bytes = opcode === 2 ? Buffer.from(payload, 'base64') : Buffer.from(payload)
    const length = bytes.length
    // RFC 6455: 2 bytes, 2 or 8 more for longer payloads, and a 4-byte mask from the browser.
    const header = 2 + (length > 65_535 ? 8 : length > 125 ? 2 : 0) + (sent ? 4 : 0)
    this.totals.wsFrames++
    this.totals.wsBytes += length + header + FRAME_TRANSPORT_BYTES
    const kind = `${sent ? 'sent' : 'received'} type ${bytes[0] ?? '-'}${bytes[0] === 0 ? `/${bytes[1]}` : ''}`
    const k = this.frameKinds.get(kind) ?? { frames: 0, bytes: 0 }
    this.frameKinds.set(kind, { frames: k.frames + 1, bytes: k.bytes + length + header + FRAME_TRANSPORT_BYTES })
  }
}
