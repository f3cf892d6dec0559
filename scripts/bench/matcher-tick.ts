/**
 * Benchmark (not a test): one matcher tick over Q queued jobs × N nodes with a seeded mix of offers
 * and requirements — time, assignments per second and heap growth — at 1,000 × 1,000 and
 * 10,000 × 10,000 by default.
 *
 *   npm run bench:matcher -- --sizes 1000x1000,10000x10000
 */
import { Command } from 'commander'
import { DeviceKind } from '../../protocols/availability.js'
import { match } from '../../coordinator/matching/matcher.js'
import type { Candidate, JobRequirements } from '../../coordinator/jobs/match-types.js'

const opts = new Command().option('--sizes <list>', 'QxN pairs', '1000x1000,10000x10000').parse().opts<{ sizes: string }>()

/** mulberry32: a small seeded PRNG so every run matches the same market */
function prng (seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6D2B79F5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const GiB = 1024n ** 3n
const REGIONS = ['eu-west', 'eu-north', 'us-east', 'us-west', 'ap-south']

function market (jobs: number, nodes: number): { js: JobRequirements[], cs: Candidate[] } {
  const r = prng(42)
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)] as T
  const cs: Candidate[] = Array.from({ length: nodes }, (_, i) => {
    const gpu = r() < 0.3
    return {
      nodeId: `node-${i.toString().padStart(6, '0')}`,
      liveness: r() < 0.9 ? 'ONLINE' : 'STALE',
      reputation: r(),
      activeJobs: Math.floor(r() * 2),
      offer: {
        nodeId: '', seqno: 1n, timestampMs: 1n, deviceKind: gpu ? DeviceKind.GPU : DeviceKind.CPU, deviceModel: gpu ? 'gpu' : 'cpu',
        gpuMemoryBytes: gpu ? BigInt(pick([8, 16, 24, 48, 80])) * GiB : 0n, cpuCores: pick([2, 4, 8, 16, 64]),
        ramBytes: BigInt(pick([4, 8, 16, 32, 64, 256])) * GiB, backends: gpu ? ['tensorflow-gpu', 'wasm', 'cpu'] : ['wasm', 'cpu'],
        pricePerUnit: String(1 + Math.floor(r() * 50)), location: pick(REGIONS), walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: pick([1, 2, 4])
      }
    }
  })
  const js: JobRequirements[] = Array.from({ length: jobs }, (_, i) => ({
    jobId: `job-${i}`,
    requiredDevice: pick(['ANY', 'CPU', 'GPU'] as const),
    minMemoryBytes: BigInt(pick([0, 1, 4, 8, 16, 32])) * GiB,
    maxPricePerUnit: BigInt(5 + Math.floor(r() * 60)),
    ...(r() < 0.5 ? { preferredLocation: pick(REGIONS) } : {})
  }))
  return { js, cs }
}

const rows: Array<{ q: number, n: number, ms: number, assigned: number, heap: number }> = []
for (const size of opts.sizes.split(',')) {
  const [q = 0, n = 0] = size.split('x').map(Number)
  const { js, cs } = market(q, n)
  globalThis.gc?.()
  const heap0 = process.memoryUsage().heapUsed
  const t0 = performance.now()
  const result = match(js, cs)
  const ms = performance.now() - t0
  const heap = (process.memoryUsage().heapUsed - heap0) / 1024 / 1024
  rows.push({ q, n, ms, assigned: result.assignments.length, heap })
  console.log(`${q} jobs × ${n} nodes: ${ms.toFixed(0)} ms, ${result.assignments.length} assigned, ${result.unmatched.length} unmatched, ` +
    `${(result.assignments.length / (ms / 1000)).toFixed(0)} assignments/s, heap +${heap.toFixed(1)} MiB`)
}
const base = rows[0]
if (base != null) {
  for (const r of rows.slice(1)) {
    console.log(`${r.q}×${r.n} vs ${base.q}×${base.n}: work ×${((r.q * r.n) / (base.q * base.n)).toFixed(0)}, time ×${(r.ms / base.ms).toFixed(1)}`)
  }
}
