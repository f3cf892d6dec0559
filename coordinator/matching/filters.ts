/**
 * The matcher's filters: a candidate either passes all of them or is unsuitable for the job, with
 * a named code and a reason a person can read in `job status`.
 */
import { DeviceKind } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import type { Candidate, JobRequirements } from '../jobs/match-types.js'

export type FilterCode = 'NOT_ONLINE' | 'EXCLUDED' | 'DEVICE_MISMATCH' | 'INSUFFICIENT_MEMORY' | 'NO_BACKEND' | 'OVER_BUDGET' | 'BUSY'

export interface Refusal { code: FilterCode, reason: string }

const GiB = 1024 ** 3
const size = (b: bigint): string => `${(Number(b) / GiB).toFixed(1)} GiB`

/** the memory a job is measured against: GPU memory for GPU jobs, RAM otherwise */
export function memoryFor (job: JobRequirements, c: Candidate): bigint {
  return job.requiredDevice === 'GPU' ? c.offer.gpuMemoryBytes : c.offer.ramBytes
}

/**
 * The first filter the candidate fails, or undefined. `taken` counts slots given to other jobs
 * earlier in the same tick. The offer's memory decides (what the operator offers); the heartbeat's
 * free memory only weighs in the score, because it moves with whatever else the machine runs.
 * A CPU job may run on a GPU peer (it has CPUs too); the score prefers CPU peers for it.
 */
export function refusal (job: JobRequirements, c: Candidate, taken = 0): Refusal | undefined {
  if (c.liveness !== 'ONLINE') return { code: 'NOT_ONLINE', reason: `the peer is ${c.liveness.toLowerCase()}` }
  if (job.excludeNodes?.includes(c.nodeId) === true) return { code: 'EXCLUDED', reason: 'declined or did not answer this job before' }
  if (job.requiredDevice === 'GPU' && c.offer.deviceKind !== DeviceKind.GPU) return { code: 'DEVICE_MISMATCH', reason: 'the job needs a GPU; the peer offers a CPU' }
  const memory = memoryFor(job, c)
  if (memory < job.minMemoryBytes) {
    return { code: 'INSUFFICIENT_MEMORY', reason: `needs ${size(job.minMemoryBytes)} of ${job.requiredDevice === 'GPU' ? 'GPU memory' : 'RAM'}, offers ${size(memory)}` }
  }
  if (job.backends != null && job.backends.length > 0 && !job.backends.some(b => c.offer.backends.includes(b))) {
    return { code: 'NO_BACKEND', reason: `runs ${c.offer.backends.join(', ') || 'no backend'}; the job accepts ${job.backends.join(', ')}` }
  }
  const price = BigInt(c.offer.pricePerUnit)
  if (price > job.maxPricePerUnit) return { code: 'OVER_BUDGET', reason: `asks ${price} per unit; the job's budget is ${job.maxPricePerUnit}` }
  const status = c.heartbeat?.status
  if (status === WorkStatus.DRAINING || status === WorkStatus.LEAVING) return { code: 'BUSY', reason: `the peer is ${status.toLowerCase()}` }
  if (c.activeJobs + taken >= c.offer.maxQueueLength) return { code: 'BUSY', reason: `all ${c.offer.maxQueueLength} slots taken` }
  return undefined
}
