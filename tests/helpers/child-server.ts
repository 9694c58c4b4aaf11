import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { createConnection, createServer, type AddressInfo } from 'node:net'
import { compiledServerArgs } from './server-build'
import { PASSWORD } from './world'

/**
 * The compiled server (`node dist/server/main.js`, as `npm start` and the Dockerfile run it) in a
 * child process of its own, for tests that kill it: SIGKILL as `docker kill` does, SIGTERM as
 * Docker's stop does. No demo: tests build their data in its database, on PGlite before it starts
 * (the embedded database belongs to one process at a time).
 */

export type Child = {
  proc: ChildProcess
  url: string
  wsUrl: string
  exited: Promise<number | null>
  output(): string
  /** SIGKILL to the server's process group, as `docker kill` does. */
  crash(): Promise<void>
  /** SIGTERM to the server, as Docker's stop does; resolves with the exit code. */
  terminate(): Promise<number | null>
}

/** Children still running, so a failing test can kill them all. */
export const running = new Set<Child>()

/** Waits for a condition (usable outside a test, in hooks); throws `message` after `timeoutMs`. */
async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(message)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

export async function freePort(): Promise<number> {
  const srv = createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const { port } = srv.address() as AddressInfo
  await new Promise<void>((resolve) => srv.close(() => resolve()))
  return port
}

/** True once nothing accepts connections on the port any more (a crashed child is really gone). */
function portRefuses(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' })
    socket.once('connect', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(true))
  })
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0)
    return true
  } catch {
    return false
  }
}

export async function launch(env: Record<string, string>): Promise<Child> {
  const proc = spawn(process.execPath, compiledServerArgs(), {
    env: { ...process.env, LOG_LEVEL: 'info', HOST: '127.0.0.1', ATELIER_DEMO: '', DATABASE_URL: '', REDIS_URL: '', PUBLIC_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // A group of its own, so a crash leaves nothing behind.
    detached: true,
  })
  let out = ''
  let err = ''
  proc.stdout!.on('data', (d) => (out += d))
  proc.stderr!.on('data', (d) => (err += d))
  let exitCode: number | null | undefined
  const exited = new Promise<number | null>((resolve) =>
    proc.on('exit', (code) => {
      exitCode = code
      resolve(code)
    }),
  )
  const port = Number(env.PORT)
  const child: Child = {
    proc,
    url: '',
    wsUrl: '',
    exited,
    output: () => out,
    async crash() {
      if (groupAlive(proc.pid!)) process.kill(-proc.pid!, 'SIGKILL')
      await exited
      await until(() => portRefuses(port), 30_000, 'the killed server still accepts connections')
      running.delete(child)
    },
    async terminate() {
      proc.kill('SIGTERM')
      const code = await exited
      running.delete(child)
      return code
    },
  }
  running.add(child)
  await until(() => out.includes('Atelier is listening') || exitCode !== undefined, 90_000, `the server did not start:\n${out}\n${err}`)
  if (exitCode !== undefined) throw new Error(`the server exited (${exitCode}) before listening:\n${out}\n${err}`)
  const line = out.split('\n').find((l) => l.includes('Atelier is listening'))!
  child.url = (JSON.parse(line) as { url: string }).url
  child.wsUrl = `${child.url.replace('http', 'ws')}/collab`
  return child
}

/** A built person's session cookie (tests/helpers/world.ts). */
export async function login(url: string, email: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { origin: url, 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}

/** A database of its own on the test PostgreSQL server, for child servers (which take a URL, not a schema). */
export async function createDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`
  const admin = () => postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} })
  const run = async (statement: string) => {
    const sql = admin()
    try {
      await sql.unsafe(statement)
    } finally {
      await sql.end()
    }
  }
  await run(`create database ${name}`)
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${name}`
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) }
}
