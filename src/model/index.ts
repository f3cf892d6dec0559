/**
 * Model definitions → one validated internal graph. A definition (tfjs / Keras Layers topology or
 * the builder's node graph, as JSON text or a parsed value) goes through, in order: JSON guard
 * (size, depth, plain data), format parsing, layer policy (whitelist, nothing that runs code),
 * graph structure (edges, ends, cycles, connectivity), then shape inference with per-node params
 * and FLOPs under the caps. Nothing here allocates a tensor or imports tfjs.
 */
import { InvalidArgumentError } from '../errors.js'
import { resolveModelOptions, TotalsTracker, type ModelOptions } from './caps.js'
import { checkGraph } from './graph-checks.js'
import { isPlainObject, readDefinition } from './json-guard.js'
import { KERAS_MODEL_CLASSES, parseFunctional, parseSequential } from './keras-format.js'
import { checkConfigSafe, checkLayerClass, checkProvenance } from './layer-policy.js'
import { applyLayer } from './layer-table.js'
import { ModelValidationError, quoteId } from './model-error.js'
import { isNodeGraph, parseNodeGraph } from './node-graph-format.js'
import type { LayerClass, ModelNode, RawGraph, Shape, ValidatedModel } from './types.js'

export { defaultModelOptions, resolveModelOptions, TRAINING_FLOPS_FACTOR, type ModelOptions } from './caps.js'
export { ACTIVATION_FLOPS } from './layer-spec.js'
export { ACTIVATION_COPIES, formatGiB, trainingMemoryBytes, WEIGHT_COPIES } from './memory.js'
export { isModelValidationError, ModelValidationError, type ModelErrorCode } from './model-error.js'
export * from './types.js'

/** Pick the format and parse it; unwraps tfjs `model.json` (`modelTopology`) and converter output (`model_config`). */
function readFormat (value: unknown, maxNodes: number): RawGraph {
  if (!isPlainObject(value)) throw new ModelValidationError('ERR_MODEL_FORMAT', 'definition is not an object')
  let top = value
  if (isPlainObject(top.modelTopology)) top = top.modelTopology
  if (isPlainObject(top.model_config)) top = top.model_config
  if (isNodeGraph(top)) return parseNodeGraph(top, maxNodes)
  const cls = top.class_name ?? top.className
  if (typeof cls !== 'string') {
    throw new ModelValidationError('ERR_MODEL_FORMAT', 'definition is neither a Keras/tfjs model topology nor a {nodes, edges} graph')
  }
  // Keras 3 marks the model itself too; a custom model subclass would run its own call()
  checkProvenance(cls, top.registered_name, top.module, undefined)
  if (!KERAS_MODEL_CLASSES.includes(cls)) {
    throw new ModelValidationError('ERR_MODEL_FORMAT', `top-level class ${quoteId(cls)} is not ${KERAS_MODEL_CLASSES.join(', ')}; subclassed models are not accepted`)
  }
  return cls === 'Sequential' ? parseSequential(top.config, maxNodes) : parseFunctional(top.config, maxNodes)
}

/**
 * Parse and validate a model definition. Throws `ModelValidationError` (see `ModelErrorCode`) for
 * anything refused; the result has every node's shape, weight count and FLOPs, and the totals.
 */
export function parseModel (definition: unknown, options: Partial<ModelOptions> = {}): ValidatedModel {
  const opts = resolveModelOptions(options)
  const raw = readFormat(readDefinition(definition, opts), opts.maxNodes)
  // policy before structure: a definition that carries code is refused whatever else is wrong
  const classes = new Map<string, LayerClass>()
  for (const node of raw.nodes) {
    classes.set(node.id, checkLayerClass(node))
    checkConfigSafe(node.config, node.id)
  }
  const order = checkGraph(raw, opts.maxNodes)
  const rawById = new Map(raw.nodes.map(n => [n.id, n]))
  const tracker = new TotalsTracker(opts)
  const nodes = new Map<string, ModelNode>()
  for (const id of order) {
    const node = rawById.get(id)
    const layer = classes.get(id)
    if (node === undefined || layer === undefined) throw new Error(`internal: node ${id} lost between checks`)
    // topological order guarantees every input has been inferred already
    const inputs = node.inputs.map(i => (nodes.get(i) as ModelNode).outputShape.slice(1) as number[])
    const result = applyLayer(id, layer, node.config, inputs)
    tracker.checkTensor(id, result.dims)
    tracker.add(id, result.paramCount, result.flops)
    nodes.set(id, {
      id,
      layer,
      params: result.params,
      inputs: [...node.inputs],
      outputShape: [null, ...result.dims] as Shape,
      paramCount: result.paramCount,
      flops: result.flops
    })
  }
  return {
    format: raw.format,
    name: displayName(raw.name),
    nodes,
    inputs: [...raw.inputs],
    outputs: [...raw.outputs],
    order,
    totals: tracker.totals()
  }
}

/** Model names are display text from hostile input: keep short printable ones, drop the rest. */
function displayName (name: string | undefined): string | undefined {
  return name !== undefined && name.length <= 256 && !/[\p{Cc}]/u.test(name) ? name : undefined
}

function count (v: number | bigint, what: string): bigint {
  if (typeof v === 'bigint' ? v < 0n : !(Number.isSafeInteger(v) && v >= 0)) {
    throw new InvalidArgumentError(`${what} must be a non-negative integer, got ${String(v)}`)
  }
  return BigInt(v)
}

/**
 * Training FLOPs for a whole job: training FLOPs per sample (3 × forward, see
 * `ModelTotals.trainingFlopsPerSample`) × samples × epochs, exact in bigint. The price estimate
 * multiplies this by a price per FLOP.
 */
export function estimateTrainingFlops (model: ValidatedModel, samples: number | bigint, epochs: number | bigint): bigint {
  return BigInt(model.totals.trainingFlopsPerSample) * count(samples, 'samples') * count(epochs, 'epochs')
}
