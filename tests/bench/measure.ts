import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'

export type Summary = { n: number; p50: number; p95: number; p99: number; max: number }

/** Nearest-rank percentiles; sorts a copy once, so it is O(n log n) per summary, not per sample. */
export function summarize(samples: readonly number[]): Summary | null {
  if (samples.length === 0) return null
  const sorted = Float64Array.from(samples).sort()
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
  return { n: sorted.length, p50: at(50), p95: at(95), p99: at(99), max: sorted[sorted.length - 1]! }
}

// Kernel clock ticks per second for /proc/<pid>/stat times (100 on every usual Linux build).
const CLK_TCK = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
  } catch {
    return 100
  }
})()

type ProcStat = { cpuTicks: number }

function readStat(pid: number): ProcStat | null {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may contain spaces and parentheses: split after its last ')'.
    const fields = raw.slice(raw.lastIndexOf(')') + 2).split(' ')
    // After the name: [0]=state [1]=ppid ... [11]=utime [12]=stime (fields 14 and 15 of stat(5)).
    return { cpuTicks: Number(fields[11]) + Number(fields[12]) }
  } catch {
    return null
  }
}

function readRssKb(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) : 0
  } catch {
    return 0
  }
}

export type ServerUsage = { peakRssMb: number; cpuSeconds: number }

/**
 * Samples the server's RSS every 100 ms (peak kept) and its user+sys CPU between start and stop.
 * Reading two small /proc files per sample costs the bench process next to nothing.
 */
export class ServerSampler {
  private peakKb = 0
  private startTicks = 0
  private timer: NodeJS.Timeout | undefined
  constructor(private readonly pid: number) {}

  start(): void {
    this.startTicks = this.ticks()
    this.sample()
    this.timer = setInterval(() => this.sample(), 100)
  }

  stop(): ServerUsage {
    clearInterval(this.timer)
    this.sample()
    return { peakRssMb: this.peakKb / 1024, cpuSeconds: (this.ticks() - this.startTicks) / CLK_TCK }
  }

  private sample() {
    this.peakKb = Math.max(this.peakKb, readRssKb(this.pid))
  }

  private ticks() {
    return readStat(this.pid)?.cpuTicks ?? 0
  }
}

export type BenchLoad = { cpuPercent: number; loopDelayP99Ms: number }

/**
 * All simulated clients share this one process: if its event loop is saturated, latencies
 * measure the load generator rather than the server. This records how busy it was.
 */
export class BenchLoadMonitor {
  private readonly histogram = monitorEventLoopDelay({ resolution: 10 })
  private cpu = process.cpuUsage()
  private wall = performance.now()

  start(): void {
    this.histogram.reset()
    this.histogram.enable()
    this.cpu = process.cpuUsage()
    this.wall = performance.now()
  }

  stop(): BenchLoad {
    this.histogram.disable()
    const used = process.cpuUsage(this.cpu)
    const wallMs = performance.now() - this.wall
    return {
      cpuPercent: ((used.user + used.system) / 1000 / wallMs) * 100,
      loopDelayP99Ms: this.histogram.percentile(99) / 1e6,
    }
  }
}
