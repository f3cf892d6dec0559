/**
 * The price of a job: training FLOPs per sample × samples × epochs, in compute units (1 unit =
 * 1 GFLOP of training work, rounded up), × the market price per unit (price-index.ts: the median
 * of the online peers' prices weighted by their verified jobs; the default when no proven peer is
 * online). A payment that does not cover the estimate is refused with the estimate in the error.
 */
import type { Estimate } from '../../protocols/jobs.js'

/** one compute unit: 10^9 floating-point operations of training (forward + backward) */
export const FLOPS_PER_UNIT = 1_000_000_000n

export interface ModelCost {
  /** forward + backward FLOPs for one sample */
  trainingFlopsPerSample: bigint
  parameters: number
  /** per-sample shapes of the model's inputs and outputs (no batch axis) */
  inputs?: number[][]
  outputs?: number[][]
}

/** validates a model definition and costs it; throws a named error when it is not acceptable */
export type AnalyzeModel = (definition: string) => ModelCost

export function computeUnits (cost: ModelCost, samples: bigint, epochs: number): bigint {
  const flops = cost.trainingFlopsPerSample * samples * BigInt(epochs)
  return (flops + FLOPS_PER_UNIT - 1n) / FLOPS_PER_UNIT
}

export function estimate (cost: ModelCost, samples: bigint, epochs: number, pricePerUnit: bigint): Estimate {
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
