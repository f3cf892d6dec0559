/**
 * The builder's model: a node graph in the format `cyxwiz job submit` accepts, checked by the same
 * validator the coordinator runs (src/model, bundled here), and Keras / tfjs JSON read into it.
 */
import './buffer-shim.js'
import { parseModel, isModelValidationError, type ValidatedModel } from '../src/model/index.js'
import { isPlainObject } from '../src/model/json-guard.js'
import { parseFunctional, parseSequential } from '../src/model/keras-format.js'
import { LAYER_TABLE } from '../src/model/layer-table.js'
import { defaultModelOptions } from '../src/model/caps.js'

export interface GraphNode { id: string, op: string, params: Record<string, unknown> }
export interface Graph { nodes: GraphNode[], edges: Array<[string, string]> }

/** the layers the coordinator accepts, in the validator's own table */
export const LAYERS: readonly string[] = Object.keys(LAYER_TABLE)

/** a sensible first setting for each layer, edited afterwards */
export const DEFAULT_PARAMS: Record<string, Record<string, unknown>> = {
  InputLayer: { shape: [784] },
  Dense: { units: 64, activation: 'relu' },
  Conv2D: { filters: 8, kernel_size: [3, 3], activation: 'relu' },
  MaxPooling2D: { pool_size: [2, 2] },
  AveragePooling2D: { pool_size: [2, 2] },
  Reshape: { target_shape: [28, 28, 1] },
  Dropout: { rate: 0.2 },
  Activation: { activation: 'relu' },
  Concatenate: { axis: -1 }
}

export type Verdict =
  | { ok: true, model: ValidatedModel }
  | { ok: false, code: string, message: string, nodeId: string | undefined }

export function validate (g: Graph): Verdict {
  try {
    return { ok: true, model: parseModel(JSON.stringify(g)) }
  } catch (err) {
    if (isModelValidationError(err)) return { ok: false, code: err.code, message: err.message, nodeId: err.nodeId }
    return { ok: false, code: 'ERR_MODEL_FORMAT', message: (err as Error).message, nodeId: undefined }
  }
}

/** keys of a Keras layer config that say nothing about the computation */
const NOISE = new Set(['name', 'trainable', 'dtype'])

/**
 * A Keras `to_json()` or tfjs `model.toJSON()` / model.json topology as a builder graph: its layers
 * as nodes (config as params), its connections as edges. Throws the validator's error when the
 * definition is not acceptable at all.
 */
export function importKeras (text: string): Graph {
  parseModel(text) // refuses what the coordinator would refuse, with the same error
  let top = JSON.parse(text) as unknown
  if (isPlainObject(top) && isPlainObject(top.modelTopology)) top = top.modelTopology
  if (isPlainObject(top) && isPlainObject(top.model_config)) top = top.model_config
  if (!isPlainObject(top)) throw new Error('not a model definition')
  if (Array.isArray(top.nodes)) return top as unknown as Graph
  const cls = top.class_name ?? top.className
  const raw = cls === 'Sequential' ? parseSequential(top.config, defaultModelOptions.maxNodes) : parseFunctional(top.config, defaultModelOptions.maxNodes)
  const nodes = raw.nodes.map(n => {
    const params = Object.fromEntries(Object.entries(n.config).filter(([k]) => !NOISE.has(k)))
    const batch = params.batch_input_shape ?? params.batch_shape
    if (n.className === 'InputLayer' && Array.isArray(batch)) {
      delete params.batch_input_shape
      delete params.batch_shape
      params.shape = batch.slice(1)
    } else if (n.className !== 'InputLayer') {
      delete params.batch_input_shape
    }
    return { id: n.id, op: n.className === 'Input' ? 'InputLayer' : n.className, params }
  })
  const edges = raw.nodes.flatMap(n => n.inputs.map(i => [i, n.id] as [string, string]))
  return { nodes, edges }
}
