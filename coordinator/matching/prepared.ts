/**
 * The matcher's hot loop runs jobs × nodes times, so each candidate is prepared once per tick:
 * prices, memory and flags as plain numbers, nothing allocated per comparison. `fits` and `total`
 * here must agree exactly with `refusal` and `score` (filters.ts, scorers.ts), which stay the
 * readable definitions and produce the reasons and breakdowns; a unit test holds them equal.
 */
import { DeviceKind } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import type { Candidate, JobRequirements } from '../jobs/match-types.js'
import type { ScoreWeights } from './scorers.js'

export interface Prepared {
  c: Candidate
  online: boolean
  draining: boolean
  gpu: boolean
  price: bigint
  priceN: number
  ram: bigint
  gpuMem: bigint
  ramN: number
  gpuMemN: number
  /** RAM that counts for the memory score of non-GPU jobs: min(offered, free now) */
  ramFreeN: number
  region: string
  capacity: number
  /** slots given out in this tick */
  taken: number
}

export function prepare (c: Candidate): Prepared {
  const status = c.heartbeat?.status
  const ramN = Number(c.offer.ramBytes)
  return {
    c,
    online: c.liveness === 'ONLINE',
    draining: status === WorkStatus.DRAINING || status === WorkStatus.LEAVING,
    gpu: c.offer.deviceKind === DeviceKind.GPU,
    price: BigInt(c.offer.pricePerUnit),
    priceN: Number(BigInt(c.offer.pricePerUnit)),
    ram: c.offer.ramBytes,
    gpuMem: c.offer.gpuMemoryBytes,
    ramN,
    gpuMemN: Number(c.offer.gpuMemoryBytes),
    ramFreeN: c.heartbeat != null ? Math.min(ramN, Number(c.heartbeat.availableMemoryBytes)) : ramN,
    region: c.offer.location.split('-')[0] ?? c.offer.location,
    capacity: c.offer.maxQueueLength - c.activeJobs,
    taken: 0
  }
}

export interface PreparedJob {
  j: JobRequirements
  gpu: boolean
  cpu: boolean
  need: bigint
  needN: number
  budget: bigint
  budgetN: number
  excluded: Set<string> | undefined
  backends: string[] | undefined
  location: string | undefined
  region: string | undefined
}

export function prepareJob (j: JobRequirements): PreparedJob {
  const loc = j.preferredLocation != null && j.preferredLocation !== '' ? j.preferredLocation : undefined
  return {
    j,
    gpu: j.requiredDevice === 'GPU',
    cpu: j.requiredDevice === 'CPU',
    need: j.minMemoryBytes,
    needN: Number(j.minMemoryBytes),
    budget: j.maxPricePerUnit,
    budgetN: Number(j.maxPricePerUnit),
    excluded: j.excludeNodes != null && j.excludeNodes.length > 0 ? new Set(j.excludeNodes) : undefined,
    backends: j.backends != null && j.backends.length > 0 ? j.backends : undefined,
    location: loc,
    region: loc?.split('-')[0]
  }
}

/** the same decision as `refusal(...) === undefined` */
export function fits (pj: PreparedJob, p: Prepared, taken: number): boolean {
  if (!p.online || p.draining || taken >= p.capacity) return false
  if (pj.excluded?.has(p.c.nodeId) === true) return false
  if (pj.gpu && !p.gpu) return false
  if ((pj.gpu ? p.gpuMem : p.ram) < pj.need) return false
  if (pj.backends != null && !pj.backends.some(b => p.c.offer.backends.includes(b))) return false
  return p.price <= pj.budget
}

const clamp = (x: number): number => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0))

/** the same number as `score(...).total` */
export function total (pj: PreparedJob, p: Prepared, taken: number, w: ScoreWeights): number {
  const device = pj.gpu ? (p.gpu ? 1 : 0) : pj.cpu ? (p.gpu ? 0.5 : 1) : (p.gpu ? 1 : 0.6)
  const offered = pj.gpu ? p.gpuMemN : p.ramN
  let memory = 0
  if (offered > 0) {
    const free = pj.gpu ? offered : p.ramFreeN
    memory = pj.needN === 0 ? clamp(free / (64 * 1024 ** 3)) : clamp((free - pj.needN) / free)
  }
  const location = pj.location == null ? 0.5 : p.c.offer.location === pj.location ? 1 : p.region === pj.region ? 0.5 : 0
  const queue = clamp(1 - (p.c.activeJobs + taken) / Math.max(1, p.c.offer.maxQueueLength))
  const price = pj.budgetN <= 0 ? 0 : clamp(1 - p.priceN / pj.budgetN)
  return device * w.device_match + memory * w.memory_available + clamp(p.c.reputation) * w.reputation +
    location * w.location + queue * w.queue_length + price * w.price
}
