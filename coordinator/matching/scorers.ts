/**
 * The product's score f(device_match, memory_available, reputation, location, queue_length), plus
 * price: every term is a value in 0…1 (1 = best), the total is their weighted sum. The weights live
 * here, each with its reason.
 *
 * The value formulas are small exported functions on plain numbers because the fast path
 * (prepared.ts) must produce bit-for-bit the same totals as these readable scorers — otherwise a
 * tie could be broken differently — and sharing the arithmetic is how that is guaranteed.
 */
import { DeviceKind } from '../../protocols/availability.js'
import { InvalidArgumentError } from '../../src/errors.js'
import { defaultFilterOptions, parsePrice, usableMemory, withTaken, type FilterOptions } from './filters.js'
import type { Breakdown, Candidate, JobRequirements, Scorer, ScoreTerm, ScoreWeights } from './types.js'

/** The weights, summing to 1 so a total reads as "how good a fit, out of 1". */
export const defaultScoreWeights: ScoreWeights = {
  // the right kind of device matters most: a CPU job parked on a GPU wastes the scarcest resource
  device_match: 0.30,
  // headroom above the job's need avoids running out of memory mid-training
  memory_available: 0.15,
  // a peer that finished what it accepted is the best predictor that it will again
  reputation: 0.20,
  // nearby peers move datasets and weights faster; a preference, never a requirement
  location: 0.10,
  // an idle peer starts now and spreads load; a busy one shares its machine
  queue_length: 0.15,
  // cheaper is better for the submitter, but never worth a worse peer: the smallest weight with location
  price: 0.10
}

/** The order terms are summed in — fixed, so every path adds the same floats in the same order. */
export const scoreTerms: readonly ScoreTerm[] = ['device_match', 'memory_available', 'reputation', 'location', 'queue_length', 'price']

const clamp = (x: number): number => (x >= 1 ? 1 : x > 0 ? x : 0) // NaN → 0

/** GPU job: a GPU peer (CPU peers never pass the filter). CPU job: a CPU peer 1, a GPU peer 0.5.
 * ANY job: a GPU peer 1 (it trains faster for the same price), a CPU peer 0.5. */
export function deviceValue (required: JobRequirements['requiredDevice'], gpu: boolean): number {
  if (required === 'CPU') return gpu ? 0.5 : 1
  return gpu ? 1 : required === 'GPU' ? 0 : 0.5
}

/** The share of the usable memory left after the job: 1 − need/memory (no need → 1, none → 0). */
export function memoryValue (memory: number, need: number): number {
  return memory > 0 ? clamp(1 - need / memory) : 0
}

/** Reputation as the registry keeps it, clamped to 0…1. */
export function reputationValue (reputation: number): number {
  return clamp(reputation)
}

/** Locations compare trimmed and case-insensitive: they are free-text region codes. */
export function normLocation (s: string | undefined): string {
  return s == null ? '' : s.trim().toLowerCase()
}

const region = (s: string): string => { const i = s.indexOf('-'); return i < 0 ? s : s.slice(0, i) }

/** Same location 1, same region ("eu-west" vs "eu-north") 0.5, elsewhere 0; no preference 0.5 for all. */
export function locationValue (preferred: string, location: string): number {
  if (preferred === '') return 0.5
  if (location === preferred) return 1
  const r = region(location)
  return r !== '' && r === region(preferred) ? 0.5 : 0
}

/** Free slots as a share of the queue: an idle peer 1, one with its last slot left close to 0. */
export function queueValue (load: number, maxQueueLength: number): number {
  return clamp(1 - load / Math.max(1, maxQueueLength))
}

/** What the job saves against its budget: free 1, exactly the budget 0. */
export function priceValue (price: number, budget: number): number {
  return budget > 0 ? clamp(1 - price / budget) : 1
}

/** The weighted sum, in `scoreTerms` order. */
export function weightedTotal (w: ScoreWeights, device: number, memory: number, reputation: number, location: number, queue: number, price: number): number {
  return w.device_match * device + w.memory_available * memory + w.reputation * reputation + w.location * location + w.queue_length * queue + w.price * price
}

/** The scorers on a job and a candidate as they are (with `activeJobs` counting this tick's slots). */
export function scorers (options: FilterOptions = defaultFilterOptions): Record<ScoreTerm, Scorer> {
  return {
    device_match: (job, c) => deviceValue(job.requiredDevice, c.offer.deviceKind === DeviceKind.GPU),
    memory_available: (job, c) => memoryValue(Number(usableMemory(job, c, options.liveMemory)), Number(job.minMemoryBytes)),
    reputation: (_job, c) => reputationValue(c.reputation),
    location: (job, c) => locationValue(normLocation(job.preferredLocation), normLocation(c.offer.location)),
    queue_length: (_job, c) => queueValue(c.activeJobs, c.offer.maxQueueLength),
    price: (job, c) => priceValue(Number(parsePrice(c.offer.pricePerUnit) ?? 0n), Number(job.maxPricePerUnit))
  }
}

const defaultScorers = scorers()

/**
 * A candidate's score for a job with its breakdown; `taken` counts slots given to it earlier in the
 * same tick. The candidate is assumed to pass the filters: scores of unsuitable ones mean nothing.
 */
export function score (job: JobRequirements, c: Candidate, taken = 0, weights: ScoreWeights = defaultScoreWeights,
  options: FilterOptions = defaultFilterOptions): { total: number, breakdown: Breakdown } {
  const s = options.liveMemory === defaultFilterOptions.liveMemory ? defaultScorers : scorers(options)
  const eff = withTaken(c, taken)
  const v = {} as Record<ScoreTerm, number>
  const breakdown = {} as Breakdown
  for (const k of scoreTerms) {
    v[k] = s[k](job, eff)
    breakdown[k] = { value: v[k], weight: weights[k], weighted: weights[k] * v[k] }
  }
  const total = weightedTotal(weights, v.device_match, v.memory_available, v.reputation, v.location, v.queue_length, v.price)
  return { total, breakdown }
}

/** Weights must be finite and not negative: the fast path's pruning relies on every term only adding. */
export function checkWeights (w: ScoreWeights): void {
  for (const k of scoreTerms) {
    if (!Number.isFinite(w[k]) || w[k] < 0) throw new InvalidArgumentError(`score weight ${k} must be a finite number ≥ 0, got ${w[k]}`)
  }
}
