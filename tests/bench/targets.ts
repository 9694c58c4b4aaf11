import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { compiledServerArgs } from '../helpers/server-build'

/** A document as a client addresses it: room name plus the query parameters the server wants. */
export type DocRef = { name: string; params: Record<string, string> }

export interface Target {
  readonly label: string
  /** Launches a fresh server process (each shape gets its own, so RSS and CPU are per shape). */
  start(): Promise<void>
  stop(): Promise<void>
  /** Pid of the launched process, for /proc sampling. */
  readonly pid: number
  readonly collabUrl: string
  /** An HTTP route that answers 200 without work of its own: how fast the server answers at all. */
  readonly healthUrl: string
  createDocs(count: number): Promise<DocRef[]>
  /**
   * Makes the next load of `docs` come from storage rather than server memory, and returns the
   * refs to use afterwards (Atelier needs new tokens after a restart).
   */
  makeCold(docs: DocRef[]): Promise<DocRef[]>
  /** What "cold" means for this target, printed next to shape 4. */
  readonly coldNote: string
}

const OUTPUT_LINES = 200

/** Server processes still running, killed if the bench itself dies so that none outlives it. */
const running = new Set<ChildProcess>()
process.on('exit', () => running.forEach((child) => child.kill('SIGKILL')))

/**
 * A server child process (one process, as `npm start` runs it), ready once it prints its JSON
 * "listening" line.
 */
class ServerProcess {
  private output: string[] = []
  private readonly exited: Promise<number | null>
  readonly url: Promise<string>

  private constructor(
    readonly child: ChildProcess,
    listeningMsg: string,
  ) {
    this.exited = new Promise((r) => child.on('exit', (code) => r(code)))
    let partial = ''
    let onLine = (_line: string) => {}
    const keep = (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n')
      partial = lines.pop()!
      for (const line of lines) onLine(line)
      this.output.push(...lines)
      this.output = this.output.slice(-OUTPUT_LINES)
    }
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    this.url = new Promise((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no "${listeningMsg}" line within 90 s: ${this.tail()}`)), 90_000)
      onLine = (line) => {
        if (!line.includes(listeningMsg)) return
        clearTimeout(timer)
        onLine = () => {}
        ok(JSON.parse(line).url as string)
      }
      void this.exited.then((code) => {
        clearTimeout(timer)
        fail(new Error(`server exited with code ${code}: ${this.tail()}`))
      })
    })
  }

  /** `args`: what node runs (a script and its loader). */
  static start(args: string[], env: NodeJS.ProcessEnv, listeningMsg: string): ServerProcess {
    const child = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir=/tmp/prof'] : []), ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    running.add(child)
    child.on('exit', () => running.delete(child))
    return new ServerProcess(child, listeningMsg)
  }

  /** The last output lines, the very last first: error messages are cut to their first line. */
  tail(): string {
    const last = this.output.filter((l) => l.trim() !== '').slice(-15)
    return [last.at(-1) ?? '(no output)', ...last.slice(0, -1)].join('\n')
  }

  /** SIGTERM, then SIGKILL after 20 s; resolves to the exit code (0 when it flushed and stopped). */
  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return this.child.exitCode
    this.child.kill('SIGTERM')
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 20_000)
    const code = await this.exited
    clearTimeout(killer)
    return code
  }
}

/** Environment for a child server: the bench's own, minus what would change the reference's behaviour. */
function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env, ...extra }
  // @y/websocket-server reads these globals: persistence to LevelDB and HTTP callbacks.
  delete env.YPERSISTENCE
  delete env.CALLBACK_URL
  return env
}

export class ReferenceTarget implements Target {
  readonly label = 'reference'
  readonly coldNote = 'no persistence: loads from server memory'
  private proc: ServerProcess | undefined
  private url = ''
  private nextDoc = 0

  async start() {
    this.proc = ServerProcess.start(['--import', 'tsx', 'tests/bench/reference-server.ts'], childEnv({ PORT: '0' }), 'reference is listening')
    this.url = await this.proc.url
  }

  async stop() {
    await this.proc?.stop()
  }

  get pid() {
    return this.proc!.child.pid!
  }

  get collabUrl() {
    return `${this.url.replace(/^http/, 'ws')}/collab`
  }

  get healthUrl() {
    return `${this.url}/health`
  }

  async createDocs(count: number): Promise<DocRef[]> {
    return Array.from({ length: count }, () => ({ name: `bench-${this.nextDoc++}`, params: {} }))
  }

  async makeCold(docs: DocRef[]) {
    return docs
  }
}

/**
 * The bench's own account, the first secretariat of its network: made by first-run setup on a new
 * database, signed in with on the next starts (a database set up by someone else will not do).
 */
const BENCH_ACCOUNT = { name: 'Bench Secretariat', email: 'bench@example.org', password: 'bench-password', networkName: 'Bench Network' }

export class AtelierTarget implements Target {
  readonly label = 'Atelier'
  readonly coldNote = 'server restarted (SIGTERM) before each load: loads from the database'
  /** One data folder for the whole run: restarts within a run must find the same documents. */
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'atelier-bench-'))
  private proc: ServerProcess | undefined
  private url = ''
  private cookie = ''
  private networkId = ''
  private nextDoc = 0

  async start() {
    // The compiled server, as production runs it.
    this.proc = ServerProcess.start(
      compiledServerArgs(),
      childEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
        ATELIER_DATA_DIR: this.dataDir,
        // Empty means the embedded database; a DATABASE_URL given to the bench is passed through.
        DATABASE_URL: process.env.DATABASE_URL ?? '',
      }),
      'Atelier is listening',
    )
    this.url = await this.proc.url
    await this.signIn()
  }

  /** Stops the server; a non-zero exit on SIGTERM means it did not flush cleanly, which is a failure. */
  async stop() {
    if (!this.proc) return
    const code = await this.proc.stop()
    if (code !== 0) throw new Error(`Atelier exited with code ${code} on SIGTERM: ${this.proc.tail()}`)
  }

  /** Removes the run's data folder; called once at the end of the run. */
  cleanup() {
    rmSync(this.dataDir, { recursive: true, force: true })
  }

  get pid() {
    return this.proc!.child.pid!
  }

  get collabUrl() {
    return `${this.url.replace(/^http/, 'ws')}/collab`
  }

  get healthUrl() {
    return `${this.url}/api/health`
  }

  async createDocs(count: number): Promise<DocRef[]> {
    const docs: DocRef[] = []
    // A few at a time: setting up documents is not what is measured, and must not trip anything.
    for (let i = 0; i < count; i += 10) {
      const batch = Array.from({ length: Math.min(10, count - i) }, async () => {
        const created = await this.api('POST', '/api/documents', {
          space: { type: 'network', id: this.networkId },
          kind: 'workshop_report',
          title: `bench ${this.nextDoc++}`,
        })
        const id = (created as { id: string }).id
        return { name: id, params: await this.token(id) }
      })
      docs.push(...(await Promise.all(batch)))
    }
    return docs
  }

  async makeCold(docs: DocRef[]) {
    await this.stop()
    await this.start()
    return Promise.all(docs.map(async (d) => ({ name: d.name, params: await this.token(d.name) })))
  }

  private async token(docId: string): Promise<Record<string, string>> {
    const { token } = (await this.api('POST', `/api/documents/${docId}/collab-token`, {})) as { token: string }
    return { token }
  }

  /** Sets the server up on its first start (which signs in), signs in on the next ones. */
  private async signIn() {
    const { needed } = (await (await fetch(`${this.url}/api/setup`)).json()) as { needed: boolean }
    const [path, body] = needed ? ['/api/setup', BENCH_ACCOUNT] : ['/api/auth/login', { email: BENCH_ACCOUNT.email, password: BENCH_ACCOUNT.password }]
    const res = await fetch(`${this.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: this.url },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`)
    const session = res.headers.getSetCookie().find((c) => c.startsWith('atelier_session='))
    if (!session) throw new Error(`POST ${path} set no atelier_session cookie`)
    this.cookie = session.split(';')[0]!
    const me = (await this.api('GET', '/api/me')) as { networks?: { id: string }[] }
    const network = me.networks?.[0]
    if (!network) throw new Error('GET /api/me lists no network for the bench secretariat')
    this.networkId = network.id
  }

  private async api(method: 'GET' | 'POST', path: string, body?: unknown): Promise<unknown> {
    const headers: Record<string, string> = { cookie: this.cookie }
    if (method !== 'GET') {
      headers.origin = this.url
      headers['content-type'] = 'application/json'
    }
    const res = await fetch(`${this.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) })
    if (!res.ok) throw new Error(`${method} ${path.replace(/\/[0-9a-f-]{20,}\//, '/:id/')} answered ${res.status}: ${(await res.text()).slice(0, 200)}`)
    return res.json()
  }
}

/** The stock browser-side provider, as the editor uses it, on the `ws` package. */
export function connect(target: Target, doc: DocRef, ydoc: Y.Doc): WebsocketProvider {
  return new WebsocketProvider(target.collabUrl, doc.name, ydoc, {
    params: doc.params,
    // ws's class is API-compatible with the DOM WebSocket the provider is typed against.
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
}
