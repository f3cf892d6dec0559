/**
 * The seeded market the matcher benchmarks tick over (bench:matcher, bench:matcher-ab), so both
 * measure the same jobs and peers.
 */
import { DeviceKind } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import type { Candidate, JobRequirements } from '../../coordinator/matching/types.js'
import { mulberry32 } from '../../src/random.js'

const GiB = 1024n ** 3n
const LOCATIONS = ['eu-west', 'eu-north', 'eu-central', 'us-east', 'us-west', 'ap-south', 'ap-east', 'sa-east']

/** Mostly idle or busy; a few peers draining or leaving, which take nothing new. */
const status = (u: number): WorkStatus => u < 0.03 ? WorkStatus.DRAINING : u < 0.04 ? WorkStatus.LEAVING : u < 0.5 ? WorkStatus.BUSY : WorkStatus.IDLE

/** Offers and requirements mixed the way a young network might look: mostly CPUs, a third GPUs. */
export function market (jobs: number, nodes: number, seed: number, scarce = false): { js: JobRequirements[], cs: Candidate[] } {
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
