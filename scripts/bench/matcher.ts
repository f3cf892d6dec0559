/**
 * Benchmark (not a test): one matcher tick over a seeded market — 1,000 jobs × 1,000 nodes,
 * 10,000 × 10,000, and 10,000 × 10,000 with scarce slots (a third of the jobs stay unmatched and
 * need reasons) — printing time (first run and median of five warm runs, wall and CPU), assignments per second
 * and heap growth, then ratios between the sizes and against the full-scan reference
 * (`matchReference`) at the small size. `--reference-large` also runs the reference at the large
 * sizes (slow: minutes).
 *
 *   node --import tsx scripts/bench/matcher.ts [--reference-large]
 */
import { cpus, loadavg } from 'node:os'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { isDeepStrictEqual } from 'node:util'
import { WorkStatus } from '../../protocols/heartbeat.js'
import { match } from '../../coordinator/matching/matcher.js'
import { matchReference } from '../../coordinator/matching/reference.js'
import type { Candidate, JobRequirements, MatchOutcome } from '../../coordinator/matching/types.js'
import { market } from './matcher-market.js'

// a collectable heap makes the before/after numbers mean something without --expose-gc on the command line
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

interface Run { ms: number, cpuMs: number, heapMiB: number, retainedMiB: number, out: MatchOutcome }

/** One tick: heap growth right after it (garbage included), then what the result keeps after a GC. */
function run (fn: typeof match, js: JobRequirements[], cs: Candidate[]): Run {
  gc()
  const heap0 = process.memoryUsage().heapUsed
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const out = fn(js, cs)
  const ms = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  const heapMiB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20
  gc()
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, heapMiB, retainedMiB: (process.memoryUsage().heapUsed - heap0) / 2 ** 20, out }
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const f1 = (x: number): string => x.toFixed(1)
/** free slots on peers that can take work at all: how tight the market is */
const slots = (cs: Candidate[]): number => cs.reduce((s, c) => s + (c.liveness === 'ONLINE' && c.heartbeat?.status !== WorkStatus.DRAINING &&
  c.heartbeat?.status !== WorkStatus.LEAVING ? Math.max(0, c.offer.maxQueueLength - c.activeJobs) : 0), 0)

// on a shared machine wall time includes waiting for a core; the CPU time of the tick is printed beside it
console.log(`matcher bench: Node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]?.toFixed(1)} at start`)
const rows: Array<{ q: number, n: number, warm: number }> = []
for (const [q, n, scarce] of [[1_000, 1_000, false], [10_000, 10_000, false], [10_000, 10_000, true]] as const) {
  const { js, cs } = market(q, n, 42, scarce)
  const cold = run(match, js, cs)
  const warmRuns = [1, 2, 3, 4, 5].map(() => run(match, js, cs))
  const warm = median(warmRuns.map(x => x.ms))
  const warmCpu = median(warmRuns.map(x => x.cpuMs))
  const a = cold.out.assignments.length
  console.log(`${q} jobs × ${n} nodes${scarce ? ' (scarce)' : ''}, ${slots(cs)} free slots: first ${f1(cold.ms)} ms, warm median ${f1(warm)} ms ` +
    `(CPU ${f1(warmCpu)} ms; target ≤ 200 ms at 10,000 × 10,000); ` +
    `${a} assigned, ${cold.out.unmatched.length} unmatched; ${Math.round(a / (warm / 1000))} assignments/s; ` +
    `heap +${f1(cold.heapMiB)} MiB during the tick, +${f1(cold.retainedMiB)} MiB kept by the result`)
  if (q <= 1_000 || process.argv.includes('--reference-large')) {
    const ref = run(matchReference, js, cs)
    console.log(`  reference full scan: ${f1(ref.ms)} ms, heap +${f1(ref.heapMiB)} MiB; fast path ${f1(ref.ms / warm)}× faster (warm); ` +
      `results identical: ${isDeepStrictEqual(ref.out, cold.out)}`)
  }
  if (!scarce) rows.push({ q, n, warm })
}
const [small, large] = rows
if (small != null && large != null) {
  console.log(`${large.q}×${large.n} vs ${small.q}×${small.n}: work (jobs × nodes) ×${(large.q * large.n) / (small.q * small.n)}, ` +
    `time ×${f1(large.warm / small.warm)}, time per job ×${f1((large.warm / large.q) / (small.warm / small.q))}`)
}
