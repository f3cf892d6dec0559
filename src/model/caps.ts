/**
 * Size caps for model definitions and the running totals that enforce them. A definition is
 * refused as soon as a cap is crossed, at the node that crossed it, so a hostile definition never
 * makes us do more work than the caps allow.
 */
import { ModelValidationError } from './model-error.js'
import type { ModelTotals } from './types.js'

/** float32: the only dtype datasets and models use */
export const BYTES_PER_ELEMENT = 4

const gib = (bytes: number): string => `${(bytes / 2 ** 30).toFixed(1)} GiB`

/** Limits on what a definition may ask for; see `defaultModelOptions` for the reasons. */
export interface ModelOptions {
  /** largest definition, in bytes of JSON text (for objects, an estimate of their JSON size) */
  maxJsonBytes: number
  /** deepest nesting of arrays/objects in the definition */
  maxJsonDepth: number
  /** most nodes (layers) in the graph, synthesised input layers included */
  maxNodes: number
  /** most weights in the whole model */
  maxParams: number
  /** most forward FLOPs for one sample */
  maxFlopsPerSample: number
  /** most elements in any one per-sample tensor (input, activation or output) */
  maxTensorElements: number
  /**
   * most elements of all per-sample tensors together (every node's output, inputs included): what
   * training keeps alive for one sample between the forward and the backward pass
   */
  maxActivationElementsPerSample: number
}

/** Defaults, one reason each. */
export const defaultModelOptions: Readonly<ModelOptions> = Object.freeze({
  // a topology without weights costs 0.6–1.2 KiB per layer (tfjs / Keras 3 with initializer
  // configs), so 1 MiB carries the 1,000-layer cap below with room to spare
  maxJsonBytes: 1024 * 1024,
  // real definitions nest about 12 levels (Keras 3 inbound tensors); 64 keeps every recursive walk
  // far from the stack limit
  maxJsonDepth: 64,
  // the largest whitelist-buildable Keras Applications models stay under it (ResNet152 ≈ 570
  // layers, EfficientNetB7 ≈ 810)
  maxNodes: 1000,
  // 50 M float32 weights are 200 MiB; with gradients and two Adam moments ≈ 800 MiB, which still
  // trains on a consumer GPU or a tfjs CPU peer
  maxParams: 50_000_000,
  // ResNet-50 at 224×224 is ≈ 8 GFLOPs forward; 50 G allows ~6× that while keeping one sample under
  // about a second on a CPU peer
  maxFlopsPerSample: 50_000_000_000,
  // 2^26 elements = 256 MiB of float32 per sample for one tensor (e.g. 1024×1024×64); beyond that a
  // batch of one does not fit next to the weights
  maxTensorElements: 2 ** 26,
  // 2^28 elements = 1 GiB of float32 activations per sample, 3 GiB in a training step (memory.ts);
  // ResNet-50 at 224×224 keeps ≈ 1/3 of that. Layers counted as free
  // (Reshape, Flatten, Concatenate) each still hold a tensor: without this cap 1000 of them at the
  // per-tensor cap would need 250 GiB per sample for almost no FLOPs
  maxActivationElementsPerSample: 2 ** 28
})

/** Fill in defaults and refuse caps that are not positive integers. */
export function resolveModelOptions (options: Partial<ModelOptions> = {}): ModelOptions {
  const o = { ...defaultModelOptions, ...options }
  for (const [key, value] of Object.entries(o)) {
    if (!Number.isSafeInteger(value) || value <= 0) {
      throw new RangeError(`model option ${key} must be a positive safe integer, got ${String(value)}`)
    }
  }
  return o
}

/** Training costs ≈ 3 × forward; see `ModelTotals.trainingFlopsPerSample` for why. */
export const TRAINING_FLOPS_FACTOR = 3

/** Running sums over the nodes, checked against the caps after every node. */
export class TotalsTracker {
  private params = 0
  private flops = 0
  private activations = 0
  private largestParams: { id: string, n: number } | undefined
  private largestFlops: { id: string, n: number } | undefined

  constructor (private readonly options: ModelOptions) {}

  /** Count one node's output against the per-tensor cap and the per-sample activation cap. */
  checkTensor (id: string, dims: readonly number[]): void {
    let n = 1
    for (const d of dims) n *= d
    if (n > this.options.maxTensorElements) {
      throw new ModelValidationError('ERR_MODEL_TOO_LARGE',
        `output of ${n} elements per sample exceeds the cap of ${this.options.maxTensorElements}`, id)
    }
    this.activations += n
    if (this.activations > this.options.maxActivationElementsPerSample) {
      throw new ModelValidationError('ERR_MODEL_MEMORY_CAP',
        `activations reach ${this.activations} elements per sample (${gib(this.activations * BYTES_PER_ELEMENT)} of float32) at this node, over the cap of ${this.options.maxActivationElementsPerSample}`, id)
    }
  }

  /** Add one node's weights and FLOPs; throw at the node that crosses a cap. */
  add (id: string, params: number, flops: number): void {
    this.params += params
    this.flops += flops
    if (this.largestParams === undefined || params > this.largestParams.n) this.largestParams = { id, n: params }
    if (this.largestFlops === undefined || flops > this.largestFlops.n) this.largestFlops = { id, n: flops }
    if (this.params > this.options.maxParams) {
      // name the biggest layer so far: that is the one worth shrinking, not the last one added
      throw new ModelValidationError('ERR_MODEL_PARAMS_CAP',
        `model has at least ${this.params} parameters, over the cap of ${this.options.maxParams} (largest layer: ${this.largestParams.n})`,
        this.largestParams.id)
    }
    if (this.flops > this.options.maxFlopsPerSample) {
      throw new ModelValidationError('ERR_MODEL_FLOPS_CAP',
        `model needs at least ${this.flops} FLOPs per sample, over the cap of ${this.options.maxFlopsPerSample} (largest layer: ${this.largestFlops.n})`,
        this.largestFlops.id)
    }
  }

  /** The final sums. */
  totals (): ModelTotals {
    return {
      params: this.params,
      forwardFlopsPerSample: this.flops,
      trainingFlopsPerSample: this.flops * TRAINING_FLOPS_FACTOR,
      activationElementsPerSample: this.activations
    }
  }
}
