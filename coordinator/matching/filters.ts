/**
 * The matcher's filters: a candidate passes every one or is unsuitable for the job, with a named
 * code and a sentence a person can read in `job status`.
 *
 * The order of the chain matters twice. The first failing filter names the reason, so the cheap,
 * job-independent checks come first. And BUSY comes last because it is the only filter whose
 * answer changes during a tick (slots fill up): for a job nobody could take, every candidate's
 * first failing filter is then the same at the end of the tick as when the job was considered,
 * which lets the matcher explain unmatched jobs after the tick, once per kind of job (reasons.ts).
 */
import { DeviceKind } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import type { Candidate, Filter, FilterCode, FilterResult, JobRequirements } from './types.js'

/** What the filters can be told; the matcher's options include these. */
export interface FilterOptions {
  /** measure CPU and ANY jobs against the heartbeat's free memory too, not only the offered RAM */
  liveMemory: boolean
}

/** The filters' defaults, each with its reason. */
export const defaultFilterOptions: FilterOptions = {
  // off: the offer is what the operator commits to, and free memory moves with whatever else the
  // machine runs (and with the OS cache); a peer short of memory declines the job itself
  liveMemory: false
}

const OK: FilterResult = { ok: true }
const no = (code: FilterCode, reason: string): FilterResult => ({ ok: false, code, reason })
const GiB = 1024 ** 3
const size = (b: bigint): string => `${(Number(b) / GiB).toFixed(1)} GiB`

/** A u64 price as sent on the wire, or undefined when it is not a plain decimal integer. */
export function parsePrice (s: string): bigint | undefined {
  return /^\d{1,20}$/.test(s) ? BigInt(s) : undefined
}

/**
 * The memory a job is measured against. GPU jobs: the offered GPU memory. CPU and ANY jobs: the
 * offered RAM — an ANY job can always fall back to the CPU backends, and the peer's own check before
 * accepting measures it the same way — capped by the heartbeat's free memory when there is one.
 */
export function usableMemory (job: JobRequirements, c: Candidate, liveMemory = defaultFilterOptions.liveMemory): bigint {
  return job.requiredDevice === 'GPU' ? c.offer.gpuMemoryBytes : hostMemory(c, liveMemory)
}

/** The offered RAM, capped by the heartbeat's free memory when `liveMemory` and there is a heartbeat. */
export function hostMemory (c: Candidate, liveMemory = defaultFilterOptions.liveMemory): bigint {
  const free = c.heartbeat?.availableMemoryBytes
  return liveMemory && free != null && free < c.offer.ramBytes ? free : c.offer.ramBytes
}

/** Only peers the registry sees as online now: a stale peer would likely miss the assignment. */
export const online: Filter = (_job, c) =>
  c.liveness === 'ONLINE' ? OK : no('NOT_ONLINE', `the peer is ${c.liveness.toLowerCase()}`)

/** Peers that declined this job or let it time out are not asked again. */
export const notExcluded: Filter = (job, c) =>
  job.excludeNodes?.includes(c.nodeId) === true ? no('EXCLUDED', 'declined or did not answer this job before') : OK

/**
 * A GPU job needs a GPU peer. A CPU job may run on a GPU peer (it has CPUs and CPU backends too);
 * the device_match score prefers CPU peers for it so GPUs stay free for GPU work.
 */
export const deviceKind: Filter = (job, c) =>
  job.requiredDevice === 'GPU' && c.offer.deviceKind !== DeviceKind.GPU ? no('DEVICE_MISMATCH', 'the job needs a GPU; the peer offers a CPU') : OK

/** The memory filter (see `usableMemory` for what is measured). */
export function enoughMemory (liveMemory = defaultFilterOptions.liveMemory): Filter {
  return (job, c) => {
    const have = usableMemory(job, c, liveMemory)
    if (have >= job.minMemoryBytes) return OK
    if (job.requiredDevice === 'GPU') return no('INSUFFICIENT_MEMORY', `needs ${size(job.minMemoryBytes)} of GPU memory, offers ${size(have)}`)
    const capped = have < c.offer.ramBytes ? `, ${size(have)} free now` : ''
    return no('INSUFFICIENT_MEMORY', `needs ${size(job.minMemoryBytes)} of RAM, offers ${size(c.offer.ramBytes)}${capped}`)
  }
}

/** At least one of the job's acceptable backends; no list means any backend will do. */
export const hasBackend: Filter = (job, c) => {
  if (job.backends == null || job.backends.length === 0 || job.backends.some(b => c.offer.backends.includes(b))) return OK
  return no('NO_BACKEND', `runs ${c.offer.backends.join(', ') || 'no backend'}; the job accepts ${job.backends.join(', ')}`)
}

/** The peer's price per compute unit within the job's budget per unit. */
export const withinBudget: Filter = (job, c) => {
  const price = parsePrice(c.offer.pricePerUnit)
  if (price == null) return no('OVER_BUDGET', `asks an unreadable price "${c.offer.pricePerUnit.slice(0, 24)}"`)
  return price <= job.maxPricePerUnit ? OK : no('OVER_BUDGET', `asks ${price} per unit; the job's budget is ${job.maxPricePerUnit}`)
}

/** A free slot, and a peer that still takes work (draining or leaving peers take nothing new). */
export const hasCapacity: Filter = (_job, c) => {
  const status = c.heartbeat?.status
  if (status === WorkStatus.DRAINING || status === WorkStatus.LEAVING) return no('BUSY', `the peer is ${status.toLowerCase()}`)
  return c.activeJobs < c.offer.maxQueueLength ? OK : no('BUSY', `all ${c.offer.maxQueueLength} slots taken`)
}

/** The codes in chain order: the order in which the filters run and why-not lines are listed. */
export const filterCodes: readonly FilterCode[] = ['NOT_ONLINE', 'EXCLUDED', 'DEVICE_MISMATCH', 'INSUFFICIENT_MEMORY', 'NO_BACKEND', 'OVER_BUDGET', 'BUSY']

const chains = new Map<boolean, readonly Filter[]>()

/** The filters in the order they are applied; BUSY stays last (see the file comment). */
export function filterChain (options: FilterOptions = defaultFilterOptions): readonly Filter[] {
  let chain = chains.get(options.liveMemory)
  if (chain == null) {
    chain = Object.freeze([online, notExcluded, deviceKind, enoughMemory(options.liveMemory), hasBackend, withinBudget, hasCapacity])
    chains.set(options.liveMemory, chain)
  }
  return chain
}

/** The first filter the candidate fails, or `{ ok: true }` when it passes them all. */
export function firstRefusal (job: JobRequirements, c: Candidate, options: FilterOptions = defaultFilterOptions): FilterResult {
  for (const f of filterChain(options)) {
    const r = f(job, c)
    if (!r.ok) return r
  }
  return OK
}

/** The candidate as it stands after `taken` more jobs were given to it earlier in the same tick. */
export function withTaken (c: Candidate, taken: number): Candidate {
  return taken === 0 ? c : { ...c, activeJobs: c.activeJobs + taken }
}

/** `firstRefusal` with slots taken earlier in the tick, as `{ code, reason }` or undefined. */
export function refusal (job: JobRequirements, c: Candidate, taken = 0, options: FilterOptions = defaultFilterOptions): { code: FilterCode, reason: string } | undefined {
  const r = firstRefusal(job, withTaken(c, taken), options)
  return r.ok ? undefined : { code: r.code, reason: r.reason }
}

/** Candidates unique by node id, first occurrence kept: one peer must not get two sets of slots. */
export function uniqueCandidates (candidates: readonly Candidate[]): Candidate[] {
  const seen = new Set<string>()
  const out: Candidate[] = []
  for (const c of candidates) {
    if (seen.has(c.nodeId)) continue
    seen.add(c.nodeId)
    out.push(c)
  }
  return out
}
