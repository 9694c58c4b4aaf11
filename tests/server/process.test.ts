import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freshSchemaName } from '../helpers/db'
import { compiledServerArgs } from '../helpers/server-build'

/** The compiled server, as `npm start` and the Docker image run it, in a child process. */

/** A bound on a cold start (migrations on a new database), generous: a busy machine must not fail this. */
const STARTUP_MS = 150_000

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, compiledServerArgs(), { env: { ...process.env, LOG_LEVEL: 'info', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout!.on('data', (d) => (out += d))
  child.stderr!.on('data', (d) => (err += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, exited, output: () => out, errors: () => err }
}

async function listening(output: () => string): Promise<string> {
  await expect.poll(() => output().includes('Atelier is listening'), { timeout: STARTUP_MS, interval: 100 }).toBe(true)
  return JSON.parse(
    output()
      .split('\n')
      .find((l) => l.includes('Atelier is listening'))!,
  ).url
}

const dirs: string[] = []
const children: ChildProcess[] = []
afterAll(() => {
  for (const c of children) c.kill('SIGKILL')
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('the server process', () => {
  it('refuses to start on a wrong setting, with one clear line', async () => {
    const run = start({ PORT: 'not-a-port' })
    expect(await run.exited).toBe(1)
    expect(run.errors().trim()).toMatch(/^atelier: Invalid PORT="not-a-port": /)
    expect(run.errors().trim().split('\n')).toHaveLength(1)
  })

  it(
    'starts on the embedded database in its data folder, answers health, logs requests, and stops cleanly on SIGTERM',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'atelier-data-'))
      dirs.push(dataDir)
      const run = start({ PORT: '0', ATELIER_DATA_DIR: dataDir, DATABASE_URL: '' })
      children.push(run.child)
      const url = await listening(run.output)
      const health = await fetch(`${url}/api/health`)
      expect(health.status).toBe(200)
      expect(await health.json()).toEqual({ status: 'ok', database: 'ok', driver: 'pglite' })
      const requestLine = () =>
        run
          .output()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l))
          .find((l) => l.msg === 'request')
      await expect.poll(requestLine).toMatchObject({ req: { method: 'GET', path: '/api/health' }, status: 200 })
      run.child.kill('SIGTERM')
      expect(await run.exited).toBe(0)
      expect(run.output()).toContain('shutting down')
    },
    STARTUP_MS * 2,
  )

  it.runIf(process.env.DATABASE_URL)(
    'starts on PostgreSQL when DATABASE_URL is set',
    async () => {
      const schema = freshSchemaName()
      const url = new URL(process.env.DATABASE_URL!)
      // A schema of its own through the connection's search_path option.
      url.searchParams.set('options', `-c search_path=${schema}`)
      const { openPostgres } = await import('../../server/db/postgres')
      const prep = await openPostgres(process.env.DATABASE_URL!, schema)
      await prep.close()
      const run = start({ PORT: '0', DATABASE_URL: url.toString() })
      children.push(run.child)
      const base = await listening(run.output)
      expect(await (await fetch(`${base}/api/health`)).json()).toMatchObject({ driver: 'postgres', database: 'ok' })
      run.child.kill('SIGINT')
      expect(await run.exited).toBe(0)
      const { dropSchema } = await import('../helpers/db')
      await dropSchema(process.env.DATABASE_URL!, schema)
    },
    STARTUP_MS * 2,
  )
})
