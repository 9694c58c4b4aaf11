import { AtelierTarget, ReferenceTarget, type Target } from './targets'
import { probe, SHAPES as EDITING_SHAPES, type Shape, type ShapeResult } from './shapes'
import { HOSTILE_SHAPE } from './hostile'
import type { Summary } from './measure'
import { benchSearch, printSearch } from './search'
import { benchSuggestions, printSuggestions } from './suggestions'

/**
 * `npm run bench`: the six load shapes against Atelier and against the reference y-websocket
 * server, one fresh server process per shape and target. Prints; exits non-zero only when
 * something crashed, never because a figure is slow.
 *   BENCH_SECONDS=15        editing time of shapes 1-3
 *   BENCH_SHAPES=1,3        which shapes (default: all)
 *   BENCH_TARGETS=reference which targets (default: atelier,reference)
 *   DATABASE_URL            passed to Atelier (otherwise its embedded database)
 *   BENCH_SEARCH_DOCS=10000 documents of the search figures (0: none), see ./search.ts
 *   BENCH_SUGGESTIONS=0     no suggestion-guard figures (see ./suggestions.ts)
 */

type Outcome = { status: 'ok'; result: ShapeResult } | { status: 'unavailable' | 'error'; message: string }

function listEnv(name: string, fallback: string[]): string[] {
  const raw = process.env[name]?.trim()
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean)
    : fallback
}

const SHAPES = [...EDITING_SHAPES, HOSTILE_SHAPE]
const seconds = Number(process.env.BENCH_SECONDS ?? 15)
if (!(seconds > 0)) throw new Error(`BENCH_SECONDS must be a positive number, got ${process.env.BENCH_SECONDS}`)
const shapeIds = listEnv(
  'BENCH_SHAPES',
  SHAPES.map((s) => String(s.id)),
)
const shapes = SHAPES.filter((s) => shapeIds.includes(String(s.id)))
if (shapes.length !== shapeIds.length) throw new Error(`BENCH_SHAPES must list shapes among 1-${SHAPES.length}`)
const targetNames = listEnv('BENCH_TARGETS', ['atelier', 'reference'])

const t0 = performance.now()
const log = (msg: string) => console.error(`[bench ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${msg}`)
const firstLine = (err: unknown) => (err instanceof Error ? err.message : String(err)).split('\n')[0]!
// Each WebsocketProvider adds a process 'exit' listener; the bench holds hundreds of them on purpose.
process.setMaxListeners(0)

/** A target that cannot start or serve /collab is reported once, up front, rather than failing every shape. */
async function availability(target: Target): Promise<string | null> {
  try {
    await target.start()
    await probe(target)
    return null
  } catch (err) {
    return firstLine(err)
  } finally {
    await target.stop().catch(() => {})
  }
}

async function runShape(target: Target, shape: Shape): Promise<Outcome> {
  log(`shape ${shape.id} on ${target.label}`)
  let outcome: Outcome
  try {
    await target.start()
    outcome = { status: 'ok', result: await shape.run(target, { seconds }) }
  } catch (err) {
    outcome = { status: 'error', message: firstLine(err) }
  }
  try {
    await target.stop()
  } catch (err) {
    // A server that does not stop cleanly (e.g. fails to flush) crashed, whatever its figures.
    if (outcome.status === 'ok') outcome = { status: 'error', message: `on stop: ${firstLine(err)}` }
    log(`stop failed: ${err instanceof Error ? err.message : String(err)}`)
  }
  return outcome
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)))
  return rows
    .map(
      (r) =>
        '  ' +
        r
          .map((cell, c) => cell.padEnd(widths[c]!))
          .join('   ')
          .trimEnd(),
    )
    .join('\n')
}

function printShape(shape: Shape, outcomes: Map<Target, Outcome>) {
  console.log(`\nShape ${shape.id}: ${shape.title}${shape.id <= 3 || shape.id === 6 ? ` (${seconds} s of editing)` : ''}`)
  const targets = [...outcomes.keys()]
  const metrics = [...outcomes.values()].find((o) => o.status === 'ok')
  const names = metrics?.status === 'ok' ? metrics.result.columns.map(([name]) => name) : []
  const rows = [['', ...targets.map((t) => t.label)]]
  for (const name of names) {
    rows.push([
      name,
      ...targets.map((t) => {
        const o = outcomes.get(t)!
        return o.status === 'ok' ? (o.result.columns.find(([n]) => n === name)?.[1] ?? '-') : '-'
      }),
    ])
  }
  if (names.length > 0) console.log(table(rows))
  for (const [t, o] of outcomes) {
    if (o.status === 'ok' && o.result.failed) console.log(`  ${t.label} FAILED: ${o.result.failed}`)
    if (o.status === 'ok' && o.result.saturated)
      console.log(`  ! ${t.label}: load generator saturated (${o.result.saturated}): latencies include client-side queueing`)
    if (o.status === 'unavailable') console.log(`  ${t.label} target unavailable: ${o.message}`)
    if (o.status === 'error') console.log(`  ${t.label} FAILED: ${o.message}`)
  }
}

const triple = (s: Summary | null | undefined) => (s ? [s.p50, s.p95, s.p99].map((v) => v.toFixed(1)).join(' / ') : '-')
const ratios = (a: Summary | null | undefined, b: Summary | null | undefined) =>
  a && b ? (['p50', 'p95', 'p99'] as const).map((k) => (b[k] > 0 ? (a[k] / b[k]).toFixed(2) : '-')).join(' / ') : '-'

function printComparison(results: Map<number, Map<Target, Outcome>>, atelier: Target | undefined, reference: Target | undefined) {
  const outcome = (shape: number, target: Target | undefined) => (target ? results.get(shape)?.get(target) : undefined)
  const pick = (shape: number, target: Target | undefined, key: 'edit' | 'awareness' | 'load' | 'health') => {
    const o = outcome(shape, target)
    return o?.status === 'ok' ? o.result[key] : undefined
  }
  const saturated = (shape: number) =>
    [atelier, reference].some((t) => {
      const o = outcome(shape, t)
      return o?.status === 'ok' && o.result.saturated !== undefined
    })
  const lines: [number, string, 'edit' | 'awareness' | 'load' | 'health'][] = [
    [1, 'edit latency', 'edit'],
    [2, 'edit latency', 'edit'],
    [3, 'edit latency', 'edit'],
    [3, 'awareness latency', 'awareness'],
    [4, 'cold load', 'load'],
    [5, 'join', 'load'],
    [6, 'other document edit', 'edit'],
    [6, 'health answer', 'health'],
  ]
  const rows = [['shape', 'metric (ms)', 'Atelier p50 / p95 / p99', 'reference p50 / p95 / p99', 'Atelier/reference p50 / p95 / p99']]
  for (const [shape, label, key] of lines.filter(([s]) => results.has(s))) {
    const a = pick(shape, atelier, key)
    const r = pick(shape, reference, key)
    rows.push([String(shape), label, triple(a), triple(r), ratios(a, r)])
  }
  console.log('\nComparison')
  console.log(table(rows))

  /**
   * A saturated load generator only adds latency, so a pass still stands; a fail then says
   * nothing about the server and is reported as n/a.
   */
  const verdict = (shape: number, text: string, ok: boolean | undefined, detail: string) => {
    const unmeasurable = ok === false && saturated(shape)
    const status = ok === undefined || unmeasurable ? 'n/a ' : ok ? 'PASS' : 'FAIL'
    const why = ok === undefined ? 'missing figures' : unmeasurable ? `${detail}, but the load generator was saturated` : detail
    console.log(`  [${status}] shape ${shape}: ${text} (${why})`)
  }
  console.log('\nTargets')
  for (const shape of [1, 2, 3].filter((s) => results.has(s))) {
    const a = pick(shape, atelier, 'edit')
    const r = pick(shape, reference, 'edit')
    verdict(shape, 'Atelier edit p99 <= reference p99', a && r ? a.p99 <= r.p99 : undefined, `${a?.p99.toFixed(1)} vs ${r?.p99.toFixed(1)} ms`)
  }
  if (results.has(3)) {
    const a = pick(3, atelier, 'edit')
    verdict(3, 'Atelier edit p95 < 50 ms with presence', a ? a.p95 < 50 : undefined, `${a?.p95.toFixed(1)} ms`)
  }
  if (results.has(5)) {
    const a = pick(5, atelier, 'load')
    verdict(5, 'Atelier join p50 < 1 s', a ? a.p50 < 1000 : undefined, `${a?.p50.toFixed(0)} ms`)
  }
  if (results.has(6)) {
    const edit = pick(6, atelier, 'edit')
    const health = pick(6, atelier, 'health')
    verdict(6, 'Atelier, another document: edit p99 < 100 ms beside a hostile writer', edit ? edit.p99 < 100 : undefined, `${edit?.p99.toFixed(1)} ms`)
    verdict(6, 'Atelier: /api/health p99 < 100 ms beside a hostile writer', health ? health.p99 < 100 : undefined, `${health?.p99.toFixed(1)} ms`)
  }
}

async function main(): Promise<number> {
  const atelier = targetNames.includes('atelier') ? new AtelierTarget() : undefined
  const reference = targetNames.includes('reference') ? new ReferenceTarget() : undefined
  const targets = [atelier, reference].filter((t): t is AtelierTarget | ReferenceTarget => t !== undefined)
  if (targets.length === 0) throw new Error('BENCH_TARGETS must name atelier and/or reference')
  const unavailable = new Map<Target, string>()
  try {
    if (atelier) {
      log('checking that Atelier serves /collab')
      const reason = await availability(atelier)
      if (reason) {
        unavailable.set(atelier, reason)
        console.log(`Atelier target unavailable: ${reason}`)
      }
    }
    const results = new Map<number, Map<Target, Outcome>>()
    for (const shape of shapes) {
      const outcomes = new Map<Target, Outcome>()
      for (const target of targets) {
        const reason = unavailable.get(target)
        outcomes.set(target, reason ? { status: 'unavailable', message: reason } : await runShape(target, shape))
      }
      results.set(shape.id, outcomes)
      printShape(shape, outcomes)
    }
    printComparison(results, atelier, reference)
    if (Number(process.env.BENCH_SEARCH_DOCS ?? 10_000) > 0) {
      log('search figures')
      printSearch(await benchSearch())
    }
    if (process.env.BENCH_SUGGESTIONS !== '0') {
      log('suggestion guard figures')
      printSuggestions(await benchSuggestions())
    }
    console.log(`\nTotal bench time: ${((performance.now() - t0) / 1000).toFixed(0)} s`)
    // A crash, or clients that did not converge; never a slow figure.
    const failed = [...results.values()].some((o) => [...o.values()].some((x) => x.status === 'error' || (x.status === 'ok' && x.result.failed !== undefined)))
    return failed ? 1 : 0
  } finally {
    atelier?.cleanup()
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('bench crashed:', err)
    process.exit(1)
  },
)
