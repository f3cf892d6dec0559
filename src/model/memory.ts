/**
 * Peak memory of training a validated model, estimated from its totals: what a peer must hold for
 * one training step at a given batch size. The coordinator prices and caps it, a peer declines a
 * job whose estimate is over the memory it offers, and the training worker's heap limit is sized
 * from it.
 *
 *   bytes = 4 × (ACTIVATION_COPIES × activations per sample × batch + WEIGHT_COPIES × weights)
 *
 * Activations: every node's output is kept from the forward pass until the backward pass has
 * used it, and the backward pass makes a gradient of the same size for each; measured on tfjs'
 * cpu backend (a chain of free layers and one of tanh, batches of 256) the step peaks at 2.1× the
 * activations, so 3 copies leave room for kernels with larger temporaries. Weights: the weights and
 * two optimizer slots stay held, and tfjs keeps every intermediate of an optimizer update until the
 * update ends: measured peaks above the held state of 15× the weights (adam), 15.7× (rmsprop),
 * 16.7× (adadelta), 11× (adamax), 7.9× (adagrad), 3× (sgd) — so 20 copies in all. The estimate is
 * an upper bound of the two phases added, not a model of tfjs' allocator.
 */
import { InvalidArgumentError } from '../errors.js'
import { BYTES_PER_ELEMENT } from './caps.js'
import type { ModelTotals } from './types.js'

/** an activation, its gradient and room for a kernel's temporaries (see the file comment) */
export const ACTIVATION_COPIES = 3
/** a weight, two optimizer slots and the optimizer update's intermediates (see the file comment) */
export const WEIGHT_COPIES = 20

/** The estimated peak bytes of one training step of `batchSize` samples (see the file comment). */
export function trainingMemoryBytes (totals: Pick<ModelTotals, 'params' | 'activationElementsPerSample'>, batchSize: number): bigint {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new InvalidArgumentError(`batch size must be a positive integer, got ${String(batchSize)}`)
  const activations = BigInt(ACTIVATION_COPIES) * BigInt(totals.activationElementsPerSample) * BigInt(batchSize)
  const weights = BigInt(WEIGHT_COPIES) * BigInt(totals.params)
  return BigInt(BYTES_PER_ELEMENT) * (activations + weights)
}

/** bytes as GiB with one decimal, for messages */
export function formatGiB (bytes: bigint): string {
  return `${(Number(bytes) / 2 ** 30).toFixed(1)} GiB`
}
