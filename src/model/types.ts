/**
 * The internal model graph: what every accepted definition format turns into, and the raw
 * intermediate the format parsers hand to validation. Only plain data lives here, so the graph can
 * be stored, sent and compared without carrying any code.
 */

/** The layer classes a model may use; anything else is refused before it is looked at further. */
export const LAYER_CLASSES = [
  'InputLayer', 'Dense', 'Conv2D', 'MaxPooling2D', 'AveragePooling2D', 'GlobalAveragePooling2D',
  'GlobalMaxPooling2D', 'Flatten', 'Reshape', 'Dropout', 'BatchNormalization', 'Activation', 'Add',
  'Concatenate', 'Softmax', 'ReLU'
] as const

/** One of the whitelisted layer classes. */
export type LayerClass = typeof LAYER_CLASSES[number]

/** The activation functions a layer may name (Keras spelling). */
export const ACTIVATIONS = [
  'linear', 'relu', 'relu6', 'sigmoid', 'tanh', 'softmax', 'elu', 'selu', 'softplus', 'softsign',
  'swish', 'gelu', 'hard_sigmoid'
] as const

/** One of the whitelisted activation names. */
export type Activation = typeof ACTIVATIONS[number]

/**
 * A tensor shape as Keras writes it: the batch dimension first and always `null`, then the
 * per-sample dimensions, each a known positive integer (unknown sizes are refused because FLOPs
 * could not be bounded).
 */
export type Shape = readonly [null, ...number[]]

/** A normalised parameter value: what is left of a layer config once it has been checked. */
export type ParamValue = number | string | boolean | null | readonly number[]

/** Normalised layer parameters, snake_case keys, defaults filled in. */
export type NormalisedParams = Readonly<Record<string, ParamValue>>

/** One node (layer) of a validated model. */
export interface ModelNode {
  /** unique id: the Keras layer name or the builder's node id */
  readonly id: string
  readonly layer: LayerClass
  readonly params: NormalisedParams
  /** ids of the nodes feeding this one, in argument order (it matters for Concatenate) */
  readonly inputs: readonly string[]
  readonly outputShape: Shape
  /** weights held by the layer, trainable or not (what tfjs `countParams()` counts) */
  readonly paramCount: number
  /** forward-pass floating point operations for one sample; a multiply-add counts as 2 */
  readonly flops: number
}

/** Which input format a definition arrived in. */
export type ModelFormat = 'keras-sequential' | 'keras-functional' | 'node-graph'

/** Whole-model sums. Per-sample figures are exact integers under the caps, so `number` is safe. */
export interface ModelTotals {
  readonly params: number
  /** forward FLOPs for one sample */
  readonly forwardFlopsPerSample: number
  /**
   * FLOPs for one sample of training (forward + backward), taken as 3 × forward: the backward pass
   * computes the gradient with respect to both the activations and the weights, each about as
   * costly as the forward pass (the usual "6N per token = 2N forward + 4N backward" estimate).
   */
  readonly trainingFlopsPerSample: number
  /**
   * elements of every node's output for one sample, model inputs included: the activations a
   * training step holds from the forward pass until the backward pass has used them
   */
  readonly activationElementsPerSample: number
}

/** A definition that passed every check: structure, whitelist, shapes and caps. */
export interface ValidatedModel {
  readonly format: ModelFormat
  readonly name: string | undefined
  /** every node, keyed by id, in topological order (Map iteration follows insertion order) */
  readonly nodes: ReadonlyMap<string, ModelNode>
  readonly inputs: readonly string[]
  readonly outputs: readonly string[]
  /** node ids in an order where each node comes after all of its inputs */
  readonly order: readonly string[]
  readonly totals: ModelTotals
}

/** A node as a format parser found it: names resolved, nothing checked beyond the format itself. */
export interface RawNode {
  readonly id: string
  /** the class name exactly as written (policy decides whether it is acceptable) */
  readonly className: string
  readonly config: Readonly<Record<string, unknown>>
  readonly inputs: readonly string[]
  /** Keras 3 `registered_name` / `module` of the layer entry, when present */
  readonly registeredName?: unknown
  readonly module?: unknown
}

/** What a format parser produces and graph validation consumes. */
export interface RawGraph {
  readonly format: ModelFormat
  readonly name: string | undefined
  readonly nodes: readonly RawNode[]
  readonly inputs: readonly string[]
  readonly outputs: readonly string[]
}
