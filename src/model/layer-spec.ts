/**
 * The contract every whitelisted layer implements — arity, and one `apply` that checks the config
 * against the input shapes and returns the output shape, weight count and FLOPs — plus the small
 * arithmetic they share. FLOPs count a multiply-add as 2 and are per sample, forward only.
 */
import type { LayerConfig } from './layer-config.js'
import type { Activation, NormalisedParams } from './types.js'

/** What a layer yields for given input shapes (per-sample dims, batch left out). */
export interface LayerResult {
  readonly params: NormalisedParams
  readonly dims: readonly number[]
  readonly paramCount: number
  readonly flops: number
}

/** One row of the layer table. */
export interface LayerSpec {
  readonly minInputs: number
  readonly maxInputs: number
  /** Check the config against the input shapes; throw ERR_MODEL_PARAM / ERR_MODEL_SHAPE via `cfg`. */
  apply (cfg: LayerConfig, inputs: readonly (readonly number[])[]): LayerResult
}

/**
 * Rough FLOPs per element for each activation, counting exp / log / erf as one operation, as
 * fvcore- and ptflops-style counters do. They are small next to the matrix products, so rough is
 * enough for a price estimate.
 */
export const ACTIVATION_FLOPS: Readonly<Record<Activation, number>> = Object.freeze({
  linear: 0,
  relu: 1,
  relu6: 2, // max, min
  sigmoid: 4, // neg, exp, add, div
  tanh: 5,
  softmax: 5, // max, sub, exp, sum, div
  elu: 4,
  selu: 5,
  softplus: 3, // exp, add, log
  softsign: 3, // abs, add, div
  swish: 5, // sigmoid, mul
  gelu: 8, // tanh approximation
  hard_sigmoid: 3 // mul, add, clip
})

/** Elements in a per-sample tensor. */
export function elements (dims: readonly number[]): number {
  let n = 1
  for (const d of dims) n *= d
  return n
}

/** The one input of a single-input layer (arity is checked before `apply`). */
export function only (inputs: readonly (readonly number[])[]): readonly number[] {
  return inputs[0] as readonly number[]
}

/** Require an exact per-sample rank, or fail with a shape error saying what was expected. */
export function requireRank (cfg: LayerConfig, dims: readonly number[], rank: number, what: string): void {
  if (dims.length !== rank) {
    cfg.shapeFail(`needs a rank-${rank + 1} input (batch, ${what}), got rank ${dims.length + 1} [null, ${dims.join(', ')}]`)
  }
}

/**
 * Output length of one spatial axis of a window op (conv, pooling) with dilation 1:
 * `valid` keeps only full windows, `same` pads so the output is ceil(size / stride).
 */
export function windowOutput (cfg: LayerConfig, size: number, window: number, stride: number, padding: 'valid' | 'same', what: string): number {
  if (padding === 'same') return Math.ceil(size / stride)
  if (window > size) cfg.fail(`${what} ${window} is larger than the input size ${size} with valid padding`)
  return Math.floor((size - window) / stride) + 1
}
