/**
 * The seed's score f(device_match, memory_available, reputation, location, queue_length), plus
 * price: each term in 0…1, weighted, summed. The weights live here, each with its reason.
 */
import { DeviceKind } from '../../protocols/availability.js'
import type { Candidate, JobRequirements } from '../jobs/match-types.js'
import { memoryFor } from './filters.js'

export interface ScoreWeights {
  device_match: number
  memory_available: number
  reputation: number
  location: number
  queue_length: number
  price: number
}

export const defaultScoreWeights: ScoreWeights = {
  // the right kind of device matters most: a CPU job parked on a GPU wastes the scarcest resource
  device_match: 0.30,
  // a peer that has done what it accepted is the best predictor that it will again
  reputation: 0.20,
  // headroom above the job's need avoids out-of-memory failures mid-training
  memory_available: 0.15,
  // an idle peer starts now; a busy one shares its machine
  queue_length: 0.15,
  // cheaper is better for the submitter, but never worth a bad peer
  price: 0.10,
  // nearby peers move datasets and weights faster; a preference, not a requirement
  location: 0.10
}

export type Breakdown = Record<keyof ScoreWeights, { value: number, weight: number, weighted: number }>

const clamp = (x: number): number => Math.min(1, Math.max(0, Number.isFinite(x) ? x : 0))

export function deviceMatch (job: JobRequirements, c: Candidate): number {
  const gpu = c.offer.deviceKind === DeviceKind.GPU
  if (job.requiredDevice === 'GPU') return gpu ? 1 : 0
  if (job.requiredDevice === 'CPU') return gpu ? 0.5 : 1
  return gpu ? 1 : 0.6
}

/** headroom: the share of the peer's memory left after the job (and free memory now, if known) */
export function memoryAvailable (job: JobRequirements, c: Candidate): number {
  const offered = Number(memoryFor(job, c))
  if (offered <= 0) return 0
  const free = job.requiredDevice !== 'GPU' && c.heartbeat != null ? Math.min(offered, Number(c.heartbeat.availableMemoryBytes)) : offered
  const need = Number(job.minMemoryBytes)
  // with no stated need, more memory is better up to 64 GiB
  return need === 0 ? clamp(free / (64 * 1024 ** 3)) : clamp((free - need) / free)
}

export function location (job: JobRequirements, c: Candidate): number {
  if (job.preferredLocation == null || job.preferredLocation === '') return 0.5
  if (c.offer.location === job.preferredLocation) return 1
  const region = (s: string): string => s.split('-')[0] ?? s
  return region(c.offer.location) === region(job.preferredLocation) ? 0.5 : 0
}

export function score (job: JobRequirements, c: Candidate, taken: number, w: ScoreWeights = defaultScoreWeights): { total: number, breakdown: Breakdown } {
  const price = Number(BigInt(c.offer.pricePerUnit))
  const budget = Number(job.maxPricePerUnit)
  const values: Record<keyof ScoreWeights, number> = {
    device_match: deviceMatch(job, c),
    memory_available: memoryAvailable(job, c),
    reputation: clamp(c.reputation),
    location: location(job, c),
    queue_length: clamp(1 - (c.activeJobs + taken) / Math.max(1, c.offer.maxQueueLength)),
    price: budget <= 0 ? 0 : clamp(1 - price / budget)
  }
  let total = 0
  const breakdown = {} as Breakdown
  for (const k of Object.keys(w) as Array<keyof ScoreWeights>) {
    const weighted = values[k] * w[k]
    breakdown[k] = { value: values[k], weight: w[k], weighted }
    total += weighted
  }
  return { total, breakdown }
}
