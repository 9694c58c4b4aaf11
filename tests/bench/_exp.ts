import { ReferenceTarget } from './targets'
import { SHAPES } from './shapes'
import { PerformanceObserver } from 'node:perf_hooks'
const t = new ReferenceTarget()
await t.start()
const gcs: number[] = []
new PerformanceObserver((l) => { for (const e of l.getEntries()) if (e.duration > 5) gcs.push(Math.round(e.duration)) }).observe({ entryTypes: ['gc'] })
let last = performance.now(); const stalls: number[] = []
const iv = setInterval(() => { const n = performance.now(); if (n - last > 15) stalls.push(Math.round(n - last - 5)); last = n }, 5)
const r = await SHAPES[0]!.run(t, { seconds: 5 })
clearInterval(iv)
console.log(r.columns.map((c) => c.join(': ')).join('\n'))
console.log('stalls', stalls.join(','), 'gc>5ms', gcs.join(','))
await t.stop()
process.exit(0)
