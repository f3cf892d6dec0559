/**
 * The layer table: one row per whitelisted class, plus the two merge layers, and the single entry
 * point that runs a row for a node after checking how many inputs it has.
 */
import { LayerConfig } from './layer-config.js'
import { elements, type LayerResult, type LayerSpec } from './layer-spec.js'
import { activation, batchNormalization, dense, dropout, flatten, inputLayer, relu, reshape, softmax } from './layers-basic.js'
import { averagePooling2d, conv2d, globalAveragePooling2d, globalMaxPooling2d, maxPooling2d } from './layers-spatial.js'
import type { LayerClass } from './types.js'

/** Inputs a merge layer may take; far beyond any real model, it bounds the per-node work. */
const MAX_MERGE_INPUTS = 64

const sameDims = (a: readonly number[], b: readonly number[]): boolean =>
  a.length === b.length && a.every((d, i) => d === b[i])

/** Add: elementwise sum of equal shapes (no broadcasting, so a mismatch is always a mistake). */
const add: LayerSpec = {
  minInputs: 2,
  maxInputs: MAX_MERGE_INPUTS,
  apply (cfg, inputs) {
    const first = inputs[0] as readonly number[]
    for (const x of inputs) {
      if (!sameDims(x, first)) {
        cfg.shapeFail(`Add needs inputs of one shape, got ${inputs.map(s => `[null, ${s.join(', ')}]`).join(' and ')}`)
      }
    }
    return { params: {}, dims: first, paramCount: 0, flops: (inputs.length - 1) * elements(first) }
  }
}

/** Concatenate along the last axis; every other axis must agree. */
const concatenate: LayerSpec = {
  minInputs: 2,
  maxInputs: MAX_MERGE_INPUTS,
  apply (cfg, inputs) {
    const first = inputs[0] as readonly number[]
    if (first.length === 0) cfg.shapeFail('Concatenate needs inputs of rank 2 or more')
    const axis = cfg.axis('axis', -1, first.length + 1)
    if (axis !== first.length - 1) cfg.fail('only the last axis (axis -1) is supported')
    let last = 0
    for (const x of inputs) {
      if (x.length !== first.length || !sameDims(x.slice(0, -1), first.slice(0, -1))) {
        cfg.shapeFail(`Concatenate needs inputs that differ only in the last axis, got ${inputs.map(s => `[null, ${s.join(', ')}]`).join(' and ')}`)
      }
      last += x.at(-1) as number
    }
    return { params: { axis: -1 }, dims: [...first.slice(0, -1), last], paramCount: 0, flops: 0 }
  }
}

/** Every whitelisted class and its row; `satisfies` keeps the table complete. */
export const LAYER_TABLE: Readonly<Record<LayerClass, LayerSpec>> = Object.freeze({
  InputLayer: inputLayer,
  Dense: dense,
  Conv2D: conv2d,
  MaxPooling2D: maxPooling2d,
  AveragePooling2D: averagePooling2d,
  GlobalAveragePooling2D: globalAveragePooling2d,
  GlobalMaxPooling2D: globalMaxPooling2d,
  Flatten: flatten,
  Reshape: reshape,
  Dropout: dropout,
  BatchNormalization: batchNormalization,
  Activation: activation,
  Add: add,
  Concatenate: concatenate,
  Softmax: softmax,
  ReLU: relu
} satisfies Record<LayerClass, LayerSpec>)

/**
 * Run the table row of `layer` for one node: check its arity, then its config against the input
 * shapes. Throws ERR_MODEL_SHAPE / ERR_MODEL_PARAM naming the node.
 */
export function applyLayer (
  nodeId: string,
  layer: LayerClass,
  config: Readonly<Record<string, unknown>>,
  inputs: readonly (readonly number[])[]
): LayerResult {
  const spec = LAYER_TABLE[layer]
  const cfg = new LayerConfig(nodeId, config)
  if (inputs.length < spec.minInputs || inputs.length > spec.maxInputs) {
    const want = spec.minInputs === spec.maxInputs ? `${spec.minInputs}` : `${spec.minInputs}–${spec.maxInputs}`
    cfg.shapeFail(`${layer} takes ${want} input${spec.maxInputs === 1 ? '' : 's'}, got ${inputs.length}`)
  }
  return spec.apply(cfg, inputs)
}
