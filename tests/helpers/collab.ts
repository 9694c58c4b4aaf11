import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { loadConfig, type Config } from '../../server/config'
import type { Queryable } from '../../server/db/db'
import { startServer, type RunningServer, type ServerOptions } from '../../server/server'
import { dropSchema, freshSchemaName, type Driver } from './db'
import { storedDoc } from './comments'
import { PASSWORD, type Person } from './world'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { MESSAGE_COMMENTS, MESSAGE_SAVED } from '../../shared/collab'
import { encodeCommentsSubscribe, readCommentsChanged, type CommentsChanged } from '../../shared/comments-message'

/**
 * A real Atelier server on a real port, on a fresh database of the given driver, empty: the test
 * builds the people and documents it needs in `deps.db` (tests/helpers/world.ts).
 */
export type TestServer = RunningServer & {
  wsUrl: string
  /** A session cookie; the password defaults to the one built people have. */
  login(email: string, password?: string): Promise<string>
  api<T = any>(cookie: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>
  token(cookie: string, documentId: string): Promise<string>
  stop(): Promise<void>
}

export async function startTestServer(driver: Driver, options: ServerOptions & { env?: Record<string, string>; schema?: string } = {}): Promise<TestServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'atelier-collab-'))
  const schema = options.schema ?? freshSchemaName()
  const config: Config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ATELIER_DATA_DIR: dataDir,
    ...(driver === 'postgres' ? { DATABASE_URL: process.env.DATABASE_URL! } : {}),
    ...options.env,
  })
  const server = await startServer(config, { hub: { unloadDelayMs: 50, contentDebounceMs: 50 }, ...options, schema })
  const api = async (cookie: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { cookie, origin: server.url, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await res.text()
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
  }
  return {
    ...server,
    wsUrl: `${server.url.replace('http', 'ws')}/collab`,
    async login(email, password = PASSWORD) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { origin: server.url, 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      })
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`)
      return res.headers.get('set-cookie')!.split(';')[0]!
    },
    api,
    async token(cookie, documentId) {
      const res = await api(cookie, 'POST', `/api/documents/${documentId}/collab-token`, {})
      if (res.status !== 201) throw new Error(`collab token: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body.token
    },
    async stop() {
      await server.close()
      rmSync(dataDir, { recursive: true, force: true })
      if (driver === 'postgres' && !options.schema) await dropSchema(process.env.DATABASE_URL!, schema)
    },
  }
}

/** Session cookies of built people on a test server, under the same keys. */
export async function cookiesOf<K extends string>(server: Pick<TestServer, 'login'>, people: Record<K, Person>): Promise<Record<K, string>> {
  const cookies = {} as Record<K, string>
  for (const [key, person] of Object.entries(people) as [K, Person][]) cookies[key] = await server.login(person.email)
  return cookies
}

/** A WebSocket that sends a cookie and an Origin, and records every frame it receives. */
export function socketClass(headers: Record<string, string>, received: Uint8Array[] = []) {
  return class extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
      this.on('message', (data: Buffer) => received.push(new Uint8Array(data)))
    }
  }
}

export type TestClient = {
  doc: Y.Doc
  provider: WebsocketProvider
  received: Uint8Array[]
  text(): string
  closes: { code: number; reason: string }[]
  /** Resolves once the server says everything this client sent before is stored (MESSAGE_SAVED), as the editor asks. */
  saved(): Promise<void>
  destroy(): void
}

/** The stock y-websocket provider, as any integration would use it. */
export function connect(
  server: Pick<TestServer, 'wsUrl' | 'url'>,
  documentId: string,
  auth: { token: string } | { cookie: string; origin?: string },
  options: { connect?: boolean } = {},
): TestClient {
  const doc = new Y.Doc()
  const received: Uint8Array[] = []
  const headers: Record<string, string> = 'cookie' in auth ? { cookie: auth.cookie, origin: auth.origin ?? server.url } : {}
  const provider = new WebsocketProvider(server.wsUrl, documentId, doc, {
    params: 'token' in auth ? { token: auth.token } : {},
    WebSocketPolyfill: socketClass(headers, received) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    connect: options.connect ?? true,
    maxBackoffTime: 300,
  })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason })
  })
  const confirmations = new Map<number, () => void>()
  let asked = 0
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
    const id = decoding.readVarUint(decoder)
    confirmations.get(id)?.()
    confirmations.delete(id)
  }
  return {
    doc,
    provider,
    received,
    closes,
    text: () => docText(doc),
    saved: () =>
      new Promise<void>((resolve) => {
        const id = ++asked
        confirmations.set(id, resolve)
        const e = encoding.createEncoder()
        encoding.writeVarUint(e, MESSAGE_SAVED)
        encoding.writeVarUint(e, id)
        provider.ws?.send(encoding.toUint8Array(e))
      }),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export const synced = (client: TestClient) =>
  new Promise<void>((resolve) => {
    if (client.provider.synced) resolve()
    else client.provider.once('sync', (s: boolean) => s && resolve())
  })

/** The text of every paragraph and heading, one per line, as the editor shows it. */
export function docText(doc: Y.Doc): string {
  return doc
    .getXmlFragment('default')
    .toArray()
    .map((node) =>
      node instanceof Y.XmlElement
        ? node
            .toArray()
            .map((t) => (t instanceof Y.XmlText ? t.toString().replace(/<[^>]+>/g, '') : ''))
            .join('')
        : '',
    )
    .join('\n')
}

/** Types into a new paragraph at the end, as the editor would. */
export function appendParagraph(doc: Y.Doc, text: string): void {
  doc.transact(() => {
    const p = new Y.XmlElement('paragraph')
    p.insert(0, [new Y.XmlText(text)])
    const fragment = doc.getXmlFragment('default')
    fragment.insert(fragment.length, [p])
  })
}

/** Opens a raw socket (no provider) and reports how it ended. */
export function rawSocket(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers })
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)))
    ws.once('error', reject)
  })
  const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })))
  return { ws, opened, closed }
}

/** The HTTP status a refused upgrade answered with. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers })
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0)
      ws.terminate()
    })
    ws.once('open', () => {
      ws.close()
      resolve(101)
    })
    ws.once('error', (err) => reject(err))
  })
}

/** What the editor does: handle MESSAGE_COMMENTS, and ask for it on every connection. */
export function listenForComments(client: TestClient): CommentsChanged[] {
  const changes: CommentsChanged[] = []
  client.provider.messageHandlers[MESSAGE_COMMENTS] = (_encoder, decoder) => {
    changes.push(readCommentsChanged(decoder))
  }
  client.provider.on('status', ({ status }: { status: string }) => {
    if (status === 'connected') client.provider.ws!.send(encodeCommentsSubscribe())
  })
  return changes
}

/**
 * What the database holds for a document, replayed as a fresh load would: its text, and whether
 * every stored update could be integrated (none builds on one that never reached storage).
 */
export async function stored(q: Queryable, documentId: string): Promise<{ text: string; whole: boolean }> {
  const doc = await storedDoc(q, documentId)
  const result = { text: docText(doc), whole: doc.store.pendingStructs === null && doc.store.pendingDs === null }
  doc.destroy()
  return result
}
