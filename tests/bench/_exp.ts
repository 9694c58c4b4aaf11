import { ReferenceTarget } from './targets'
import { SHAPES } from './shapes'
import { readFileSync } from 'node:fs'
process.setMaxListeners(0)
const t = new ReferenceTarget()
await t.start()
let lastCpu = process.cpuUsage(), lastT = performance.now(), lastLoop = performance.now(), maxGap = 0
const threads = () => readFileSync('/proc/self/status', 'utf8').match(/Threads:\s+(\d+)/)![1]
const statTicks = () => { const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' '); return +f[11]! + +f[12]! }
let lastTicks = statTicks()
const iv = setInterval(() => { const n = performance.now(); maxGap = Math.max(maxGap, n - lastLoop); lastLoop = n }, 10)
const rep = setInterval(() => {
  const c = process.cpuUsage(lastCpu); const n = performance.now(); const tk = statTicks()
  console.log(`cpu ${((c.user + c.system) / 10 / (n - lastT)).toFixed(0)}% ticks ${tk - lastTicks} maxgap ${maxGap.toFixed(0)}ms threads ${threads()}`)
  lastCpu = process.cpuUsage(); lastT = n; maxGap = 0; lastTicks = tk
}, 1000)
const r = await SHAPES[2]!.run(t, { seconds: 8 })
clearInterval(iv); clearInterval(rep)
console.log(r.columns.map((c) => c.join(': ')).join('\n'))
await t.stop()
process.exit(0)
