import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

/**
 * The production build of the server (vite.server.config.ts), made from a copy of the sources
 * with two throwaway worker entries added: every file of server/workers is picked up on its own,
 * and spawn.ts, once compiled, finds them. (The compiled server itself runs in process.test.ts,
 * durability.test.ts and the browser tests.)
 */

const BUILD_MS = 120_000
let copy: string
let out: string

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'atelier-build-'))
  for (const path of ['server', 'shared', 'vite.server.config.ts', 'package.json', 'tsconfig.json']) cpSync(path, join(copy, path), { recursive: true })
  symlinkSync(resolve('node_modules'), join(copy, 'node_modules'))
  // A worker that starts another through spawn.ts, and that other one, which answers.
  writeFileSync(
    join(copy, 'server/workers/build-probe.ts'),
    `import { startWorker } from './spawn'\nconst worker = startWorker('build-probe-echo', { workerData: 'ping' })\nworker.once('message', (m) => { console.log(m); void worker.terminate() })\n`,
  )
  writeFileSync(
    join(copy, 'server/workers/build-probe-echo.ts'),
    `import { parentPort, workerData } from 'node:worker_threads'\nparentPort!.postMessage(\`\${workerData} → pong\`)\n`,
  )
  const build = spawnSync(process.execPath, [resolve('node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.server.config.ts', '--logLevel', 'warn'], {
    cwd: copy,
    encoding: 'utf8',
    timeout: BUILD_MS,
  })
  if (build.status !== 0) throw new Error(`the server build failed:\n${build.stdout}\n${build.stderr}`)
  out = join(copy, 'dist/server')
}, BUILD_MS)

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true })
})

describe('the production build of the server', () => {
  it('makes main.js and one file per worker entry, flat, with sourcemaps', () => {
    const files = readdirSync(out)
    for (const name of ['main', 'build-probe', 'build-probe-echo']) {
      expect(files).toContain(`${name}.js`)
      expect(files).toContain(`${name}.js.map`)
    }
    expect(files).not.toContain('spawn.js')
  })

  it('starts a worker through the compiled spawn.ts, which finds it beside its own code', () => {
    const run = spawnSync(process.execPath, [join(out, 'build-probe.js')], { encoding: 'utf8', timeout: 30_000 })
    expect(run.stderr).toBe('')
    expect(run.stdout.trim()).toBe('ping → pong')
  })

  it('bundles only Atelier’s own code: every npm package stays an import', () => {
    const maps = readdirSync(out).filter((f) => f.endsWith('.js.map'))
    const sources = maps.flatMap((f) => (JSON.parse(readFileSync(join(out, f), 'utf8')) as { sources: string[] }).sources)
    expect(sources.length).toBeGreaterThan(0)
    expect(sources.filter((s) => s.includes('node_modules'))).toEqual([])
    expect(sources).toContain('../../server/main.ts')
  })

  it('puts the migrations where migrate.ts looks for them: beside the compiled modules', () => {
    const source = readdirSync('server/db/migrations').filter((f) => f.endsWith('.sql'))
    expect(source.length).toBeGreaterThan(0)
    expect(readdirSync(join(out, 'migrations')).sort()).toEqual(source.sort())
    for (const file of source) expect(readFileSync(join(out, 'migrations', file), 'utf8')).toBe(readFileSync(join('server/db/migrations', file), 'utf8'))
  })
})
