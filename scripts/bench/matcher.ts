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
import { DeviceKind } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import { match } from '../../coordinator/matching/matcher.js'
import { matchReference } from '../../coordinator/matching/reference.js'
import type { Candidate, JobRequirements, MatchOutcome } from '../../coordinator/matching/types.js'
import { mulberry32 } from '../../src/random.js'

// a collectable heap makes the before/after numbers mean something without --expose-gc on the command line
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void


const GiB = 1024n ** 3n
const LOCATIONS = ['eu-west', 'eu-north', 'eu-central', 'us-east', 'us-west', 'ap-south', 'ap-east', 'sa-east']

/** Mostly idle or busy; a few peers draining or leaving, which take nothing new. */
const status = (u: number): WorkStatus => u < 0.03 ? WorkStatus.DRAINING : u < 0.04 ? WorkStatus.LEAVING : u < 0.5 ? WorkStatus.BUSY : WorkStatus.IDLE

/** Offers and requirements mixed the way a young network might look: mostly CPUs, a third GPUs. */
function market (jobs: number, nodes: number, seed: number, scarce = false): { js: JobRequirements[], cs: Candidate[] } {
  const r = mulberry32(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const cs: Candidate[] = Array.from({ length: nodes }, (_, i) => {
    const gpu = r() < 0.3
    const ram = BigInt(pick([4, 8, 16, 32, 64, 128, 256])) * GiB
    const maxQueueLength = scarce ? pick([1, 1, 2]) : pick([1, 1, 2, 4, 8])
    const u = r()
    const nodeId = `node-${i.toString().padStart(6, '0')}`
    return {
      nodeId,
      liveness: u < 0.9 ? 'ONLINE' : u < 0.96 ? 'STALE' : 'OFFLINE',
      reputation: Math.sqrt(r()),
      activeJobs: Math.floor(r() * (maxQueueLength + 1) * (scarce ? 0.9 : 0.6)),
      offer: {
        nodeId, seqno: 1n, timestampMs: 1n, deviceKind: gpu ? DeviceKind.GPU : DeviceKind.CPU, deviceModel: gpu ? 'gpu' : 'cpu',
        gpuMemoryBytes: gpu ? BigInt(pick([8, 12, 16, 24, 48, 80])) * GiB : 0n, cpuCores: pick([2, 4, 8, 16, 64]), ramBytes: ram,
        backends: gpu ? pick([['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'], ['tensorflow-gpu', 'cpu']]) : pick([['tensorflow', 'wasm', 'cpu'], ['wasm', 'cpu']]),
        pricePerUnit: String(gpu ? 10 + Math.floor(r() * 60) : 1 + Math.floor(r() * 25)),
        location: pick(LOCATIONS), walletAddress: '', softwareVersion: '0.1.0', maxQueueLength
      },
      ...(r() < 0.8
        ? {
            heartbeat: {
              nodeId, status: status(r()),
              seqno: 1n, timestampMs: 1n, queueLength: 0, availableMemoryBytes: ram * BigInt(30 + Math.floor(r() * 71)) / 100n, softwareVersion: '0.1.0'
            }
          }
        : {})
    }
  })
  const js: JobRequirements[] = Array.from({ length: jobs }, (_, i) => {
    const requiredDevice = pick(['ANY', 'ANY', 'CPU', 'CPU', 'GPU'] as const)
    const b = r()
    return {
      jobId: `job-${i}`,
      requiredDevice,
      minMemoryBytes: BigInt(pick([0, 1, 2, 4, 8, 16, 32, 64])) * GiB,
      maxPricePerUnit: BigInt(requiredDevice === 'GPU' ? 15 + Math.floor(r() * 70) : 3 + Math.floor(r() * 40)),
      ...(b < 0.15 ? { backends: requiredDevice === 'GPU' ? ['tensorflow-gpu'] : ['tensorflow'] } : b < 0.2 ? { backends: ['wasm'] } : {}),
      ...(r() < 0.5 ? { preferredLocation: pick(LOCATIONS) } : {}),
      ...(r() < 0.05 ? { excludeNodes: [cs[Math.floor(r() * nodes)]?.nodeId ?? ''] } : {})
    }
  })
  return { js, cs }
}

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
