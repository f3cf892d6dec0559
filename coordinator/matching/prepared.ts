/**
 * Candidates and jobs converted once per tick into what the hot loop compares: prices and memory
 * already parsed, flags as booleans, locations normalised. `refusalCode`/`fits` and `total` here
 * must agree exactly with the readable filters (filters.ts) and `score` (scorers.ts), which stay the
 * definitions and produce the reasons and breakdowns people read; unit tests hold them equal on
 * random inputs, and `total` shares the scorers' arithmetic so equal means bit-for-bit equal.
 */
import { DeviceKind } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import { defaultFilterOptions, hostMemory, parsePrice, type FilterOptions } from './filters.js'
import { deviceValue, locationValue, memoryValue, normLocation, priceValue, queueValue, reputationValue, weightedTotal } from './scorers.js'
import type { Breakdown, Candidate, FilterCode, JobRequirements, ScoreWeights, TermScore } from './types.js'

/** A candidate as the matcher's hot loop reads it. */
export interface PreparedNode {
  c: Candidate
  online: boolean
  /** draining or leaving: takes nothing new */
  draining: boolean
  gpu: boolean
  /** undefined when the offer's price is unreadable: never within any budget */
  price: bigint | undefined
  priceN: number
  gpuMem: bigint
  gpuMemN: number
  /** what CPU and ANY jobs are measured against (`usableMemory`) */
  hostMem: bigint
  hostMemN: number
  backends: ReadonlySet<string>
  /** the backend list as sent, as JSON: a key for grouping nodes by it without writing it again */
  backendsKey: string
  location: string
  reputation: number
  active: number
  maxQueue: number
}

/** A job as the matcher's hot loop reads it. */
export interface PreparedJob {
  j: JobRequirements
  gpu: boolean
  need: bigint
  needN: number
  budget: bigint
  budgetN: number
  excluded: ReadonlySet<string> | undefined
  /** undefined when any backend will do */
  backends: readonly string[] | undefined
  location: string
}

/**
 * A candidate converted once per tick. `sets`, shared across a tick's candidates, lets those that
 * send the same backend list share one set: offers repeat a few lists.
 */
export function prepare (c: Candidate, options: FilterOptions = defaultFilterOptions, sets?: Map<string, ReadonlySet<string>>): PreparedNode {
  const status = c.heartbeat?.status
  const backendsKey = JSON.stringify(c.offer.backends)
  let backends = sets?.get(backendsKey)
  if (backends == null) {
    backends = new Set(c.offer.backends)
    sets?.set(backendsKey, backends)
  }
  const price = parsePrice(c.offer.pricePerUnit)
  const hostMem = hostMemory(c, options.liveMemory)
  return {
    c,
    online: c.liveness === 'ONLINE',
    draining: status === WorkStatus.DRAINING || status === WorkStatus.LEAVING,
    gpu: c.offer.deviceKind === DeviceKind.GPU,
    price,
    priceN: Number(price ?? 0n),
    gpuMem: c.offer.gpuMemoryBytes,
    gpuMemN: Number(c.offer.gpuMemoryBytes),
    hostMem,
    hostMemN: Number(hostMem),
    backends,
    backendsKey,
    location: normLocation(c.offer.location),
    reputation: reputationValue(c.reputation),
    active: c.activeJobs,
    maxQueue: c.offer.maxQueueLength
  }
}

/** A job converted once per tick. */
export function prepareJob (j: JobRequirements): PreparedJob {
  return {
    j,
    gpu: j.requiredDevice === 'GPU',
    need: j.minMemoryBytes,
    needN: Number(j.minMemoryBytes),
    budget: j.maxPricePerUnit,
    budgetN: Number(j.maxPricePerUnit),
    excluded: j.excludeNodes != null && j.excludeNodes.length > 0 ? new Set(j.excludeNodes) : undefined,
    backends: j.backends != null && j.backends.length > 0 ? j.backends : undefined,
    location: normLocation(j.preferredLocation)
  }
}

/** The same code as `firstRefusal` on the candidate with `taken` more slots used, or undefined. */
export function refusalCode (pj: PreparedJob, p: PreparedNode, taken: number): FilterCode | undefined {
  if (!p.online) return 'NOT_ONLINE'
  if (pj.excluded?.has(p.c.nodeId) === true) return 'EXCLUDED'
  if (pj.gpu && !p.gpu) return 'DEVICE_MISMATCH'
  if ((pj.gpu ? p.gpuMem : p.hostMem) < pj.need) return 'INSUFFICIENT_MEMORY'
  if (pj.backends != null && !pj.backends.some(b => p.backends.has(b))) return 'NO_BACKEND'
  if (p.price == null || p.price > pj.budget) return 'OVER_BUDGET'
  if (p.draining || p.active + taken >= p.maxQueue) return 'BUSY'
  return undefined
}

/** The same decision as `refusal(...) === undefined`. */
export function fits (pj: PreparedJob, p: PreparedNode, taken: number): boolean {
  return refusalCode(pj, p, taken) === undefined
}

/** The same number as `score(...).total`, bit for bit. */
export function total (pj: PreparedJob, p: PreparedNode, taken: number, w: ScoreWeights): number {
  return totalWith(pj, p, taken, w, deviceValue(pj.j.requiredDevice, p.gpu), locationValue(pj.location, p.location))
}

/** `total` with the device and location values already known (they are shared by a whole group). */
export function totalWith (pj: PreparedJob, p: PreparedNode, taken: number, w: ScoreWeights, device: number, location: number): number {
  return weightedTotal(w, device, memoryValue(pj.gpu ? p.gpuMemN : p.hostMemN, pj.needN), p.reputation, location,
    queueValue(p.active + taken, p.maxQueue), priceValue(p.priceN, pj.budgetN))
}

/**
 * `score(...)` of a node that fits, total and breakdown, from prepared values: the same numbers bit
 * for bit (the same value functions on the same inputs), without re-reading the candidate.
 */
export function scored (pj: PreparedJob, p: PreparedNode, taken: number, w: ScoreWeights): { total: number, breakdown: Breakdown } {
  const device = deviceValue(pj.j.requiredDevice, p.gpu)
  const memory = memoryValue(pj.gpu ? p.gpuMemN : p.hostMemN, pj.needN)
  const location = locationValue(pj.location, p.location)
  const queue = queueValue(p.active + taken, p.maxQueue)
  const price = priceValue(p.priceN, pj.budgetN)
  return {
    total: weightedTotal(w, device, memory, p.reputation, location, queue, price),
    breakdown: {
      device_match: term(w.device_match, device),
      memory_available: term(w.memory_available, memory),
      reputation: term(w.reputation, p.reputation),
      location: term(w.location, location),
      queue_length: term(w.queue_length, queue),
      price: term(w.price, price)
    }
  }
}

const term = (weight: number, value: number): TermScore => ({ value, weight, weighted: weight * value })

/** The part of the score no job changes — reputation and queue — with `taken` slots used this tick. */
export function staticPart (p: PreparedNode, taken: number, w: ScoreWeights): number {
  return w.reputation * p.reputation + w.queue_length * queueValue(p.active + taken, p.maxQueue)
}
