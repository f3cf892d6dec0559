/**
 * The price of a job: training work per sample × samples × epochs, in compute units (1 unit =
 * 1 GFLOP of training work, rounded up), × the market price per unit (price-index.ts: the median
 * of the online peers' prices weighted by their verified jobs; the default when no proven peer is
 * online). A payment that does not cover the estimate is refused with the estimate in the error.
 *
 * Memory is priced and capped. Training work per sample is the model's FLOPs plus
 * `MEMORY_FLOPS_PER_ACTIVATION` FLOP-equivalents per activation element: layers that compute
 * nothing (Reshape, Flatten, Concatenate) still write a tensor forward and its gradient backward,
 * and a peer's time (the memory it holds for the job, too) goes into moving those bytes. The peak
 * memory of one step at the job's batch size (src/model/memory.ts) must stay under
 * `MAX_TRAINING_MEMORY_BYTES`, or the job is refused before any money is locked.
 */
import type { Estimate, SubmitJob } from '../../protocols/jobs.js'
import { CyxwizError } from '../../src/errors.js'
import { formatGiB, trainingMemoryBytes } from '../../src/model/index.js'
import { DEFAULT_HYPERPARAMETERS } from '../../src/training/spec.js'

/** one compute unit: 10^9 floating-point operations of training (forward + backward) */
export const FLOPS_PER_UNIT = 1_000_000_000n

/**
 * FLOP-equivalents charged per activation element per training sample: the element is written
 * forward and read backward, its gradient written and read — 4 touches of 4 bytes = 16 bytes, and
 * a CPU peer moves about one byte of memory in the time of one FLOP of a matrix product (tens of
 * GB/s against tens of GFLOP/s), so 16.
 */
export const MEMORY_FLOPS_PER_ACTIVATION = 16n

/**
 * The most one training step may need (bytes): 256 GiB is beyond the RAM of nearly every machine a
 * peer runs on (and 3× the largest GPU's), so a job over it could only wait in the queue with its
 * payment locked.
 */
export const MAX_TRAINING_MEMORY_BYTES = 256n << 30n

export interface ModelCost {
  /** forward + backward FLOPs for one sample */
  trainingFlopsPerSample: bigint
  parameters: number
  /** elements of every node's output for one sample (what training holds until the backward pass); absent = 0 */
  activationElementsPerSample?: bigint
  /** per-sample shapes of the model's inputs and outputs (no batch axis) */
  inputs?: number[][]
  outputs?: number[][]
  /** the activation of the (first) output: 'softmax', 'sigmoid', … (a Softmax layer counts as 'softmax') */
  outputActivation?: string
}

/** validates a model definition and costs it; throws a named error when it is not acceptable */
export type AnalyzeModel = (definition: string) => ModelCost

/** training work for one sample: FLOPs plus the memory traffic of its activations */
export function workPerSample (cost: ModelCost): bigint {
  return cost.trainingFlopsPerSample + MEMORY_FLOPS_PER_ACTIVATION * (cost.activationElementsPerSample ?? 0n)
}

export function computeUnits (cost: ModelCost, samples: bigint, epochs: number): bigint {
  const flops = workPerSample(cost) * samples * BigInt(epochs)
  return (flops + FLOPS_PER_UNIT - 1n) / FLOPS_PER_UNIT
}

/** peak bytes of one training step at `batchSize` (src/model/memory.ts) */
export function trainingMemory (cost: ModelCost, batchSize: number): bigint {
  return trainingMemoryBytes({ params: cost.parameters, activationElementsPerSample: Number(cost.activationElementsPerSample ?? 0n) }, batchSize)
}

/** the batch size a submission trains with: its own, or the default (as `specOf` fills it in) */
export function batchSizeOf (submit: Pick<SubmitJob, 'hyperparameters'>): number {
  const b = submit.hyperparameters?.batchSize
  return b !== undefined && b > 0 ? b : DEFAULT_HYPERPARAMETERS.batchSize
}

/** the estimate of a job; throws ERR_MODEL_MEMORY_CAP when one step at `batchSize` needs more than the cap */
export function estimate (cost: ModelCost, samples: bigint, epochs: number, pricePerUnit: bigint, batchSize: number = DEFAULT_HYPERPARAMETERS.batchSize): Estimate {
  const memory = trainingMemory(cost, batchSize)
  if (memory > MAX_TRAINING_MEMORY_BYTES) {
    throw new CyxwizError('ERR_MODEL_MEMORY_CAP', `one training step of ${batchSize} samples needs about ${formatGiB(memory)}, over the cap of ${formatGiB(MAX_TRAINING_MEMORY_BYTES)} (use smaller batches or a smaller model)`)
  }
  const units = computeUnits(cost, samples, epochs)
  return {
    flopsPerSample: cost.trainingFlopsPerSample,
    computeUnits: units.toString(),
    pricePerUnit: pricePerUnit.toString(),
    total: (units * pricePerUnit).toString(),
    parameters: BigInt(cost.parameters)
  }
}

/** the most a job can pay per compute unit: its payment spread over its work (at least 1 unit) */
export function budgetPerUnit (payment: bigint, units: bigint): bigint {
  return payment / (units > 0n ? units : 1n)
}
