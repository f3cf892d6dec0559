/**
 * Reads a tfjs / Keras Layers topology — what tfjs `model.toJSON()` and Keras `to_json()` emit —
 * into a raw graph. Handles Sequential and functional models (`Model` in tfjs and Keras 2,
 * `Functional` in Keras 3) and both inbound-node encodings. Only the structure is read here;
 * whether the layers are acceptable is decided later, for every format alike.
 */
import { isPlainObject } from './json-guard.js'
import { ModelValidationError, quoteId } from './model-error.js'
import type { RawGraph, RawNode } from './types.js'

/** Top-level class names of a Keras model topology. */
export const KERAS_MODEL_CLASSES: readonly string[] = ['Sequential', 'Model', 'Functional']

/** Config keys that give a Sequential model its input shape, batch dimension included or not. */
const BATCH_SHAPE_KEYS = ['batch_input_shape', 'batchInputShape', 'batch_shape', 'batchShape']
const SAMPLE_SHAPE_KEYS = ['input_shape', 'inputShape']

function formatError (message: string, nodeId?: string): ModelValidationError {
  return new ModelValidationError('ERR_MODEL_FORMAT', message, nodeId)
}

/** Layer entries of a model config; old Keras wrote the Sequential config as the bare list. */
function layerEntries (config: unknown, maxNodes: number): Record<string, unknown>[] {
  const layers = Array.isArray(config) ? config : isPlainObject(config) ? config.layers : undefined
  if (!Array.isArray(layers)) throw formatError('model config has no layers list')
  // checked before touching any entry, so a huge list costs nothing
  if (layers.length > maxNodes) {
    throw new ModelValidationError('ERR_MODEL_TOO_LARGE', `${layers.length} layers, over the cap of ${maxNodes}`)
  }
  return layers.map((entry, i) => {
    if (!isPlainObject(entry)) throw formatError(`layer #${i} is not an object`)
    return entry
  })
}

/** The pieces of a layer entry every Keras flavour shares. */
function readEntry (entry: Record<string, unknown>, i: number): Omit<RawNode, 'inputs'> {
  const className = entry.class_name ?? entry.className
  if (typeof className !== 'string') throw formatError(`layer #${i} has no class_name`)
  const config = entry.config ?? {}
  if (!isPlainObject(config)) throw formatError(`layer #${i} (${quoteId(className)}) has a config that is not an object`)
  const name = entry.name ?? config.name ?? `${className.toLowerCase()}_${i + 1}`
  if (typeof name !== 'string') throw formatError(`layer #${i} (${quoteId(className)}) has a name that is not a string`)
  return { id: name, className, config, registeredName: entry.registered_name, module: entry.module }
}

function uniqueId (wanted: string, taken: ReadonlySet<string>): string {
  let id = wanted
  for (let n = 1; taken.has(id); n++) id = `${wanted}_${n}`
  return id
}

/** Sequential: a chain; the input comes from an InputLayer or the first layer's input shape. */
export function parseSequential (config: unknown, maxNodes: number): RawGraph {
  const entries = layerEntries(config, maxNodes)
  const name = isPlainObject(config) && typeof config.name === 'string' ? config.name : undefined
  const layers = entries.map(readEntry)
  const first = layers[0]
  if (first === undefined) throw new ModelValidationError('ERR_MODEL_NO_INPUT', 'sequential model has no layers')
  const nodes: RawNode[] = []
  if (first.className !== 'InputLayer' && first.className !== 'Input') {
    const fromConfig = (keys: string[]): unknown => keys.map(k => first.config[k]).find(v => v != null)
    const batchShape = fromConfig(BATCH_SHAPE_KEYS) ??
      (isPlainObject(config) ? config.build_input_shape : undefined)
    const sampleShape = fromConfig(SAMPLE_SHAPE_KEYS)
    if (batchShape == null && sampleShape == null) {
      throw new ModelValidationError('ERR_MODEL_NO_INPUT', 'first layer of a sequential model gives no input shape (batch_input_shape)', first.id)
    }
    // Keras names the implicit input layer `<first layer>_input`; keep that so names line up
    const id = uniqueId(`${first.id}_input`, new Set(layers.map(l => l.id)))
    const inputConfig = batchShape != null ? { batch_input_shape: batchShape } : { shape: sampleShape }
    nodes.push({ id, className: 'InputLayer', config: inputConfig, inputs: [] })
  }
  for (const layer of layers) {
    const prev = nodes.at(-1)
    nodes.push({ ...layer, inputs: prev === undefined ? [] : [prev.id] })
  }
  const head = nodes[0] as RawNode
  const last = nodes.at(-1) as RawNode
  return { format: 'keras-sequential', name, nodes, inputs: [head.id], outputs: [last.id] }
}

/** One `[layer_name, node_index, tensor_index, ...]` reference, as Keras 2 / tfjs / Keras 3 write it. */
function readRef (ref: unknown, where: string): string {
  if (!Array.isArray(ref) || typeof ref[0] !== 'string') throw formatError(`${where}: malformed tensor reference`)
  const [layer, nodeIndex = 0, tensorIndex = 0] = ref as [string, unknown, unknown]
  // every whitelisted layer is called once and has one output, so any other index is a construct
  // (shared layers, multi-output layers) this graph cannot represent
  if (nodeIndex !== 0 || tensorIndex !== 0) {
    throw formatError(`${where}: reference to ${quoteId(layer)} call ${String(nodeIndex).slice(0, 8)} output ${String(tensorIndex).slice(0, 8)}; shared layers and multi-output layers are not supported`)
  }
  return layer
}

/** `[['a', 0, 0], ...]` or Keras 3's bare `['a', 0, 0]` for a single tensor. */
function readRefList (refs: unknown, where: string): string[] {
  if (!Array.isArray(refs)) return []
  if (typeof refs[0] === 'string') return [readRef(refs, where)]
  return refs.map(r => readRef(r, where))
}

/** Keras 3: collect `__keras_tensor__` histories from a call's (nested) positional arguments. */
function collectTensors (arg: unknown, out: string[], where: string): void {
  if (Array.isArray(arg)) {
    for (const a of arg) collectTensors(a, out, where)
  } else if (isPlainObject(arg) && arg.class_name === '__keras_tensor__') {
    const config = arg.config
    out.push(readRef(isPlainObject(config) ? config.keras_history : undefined, where))
  }
}

function containsTensor (v: unknown): boolean {
  if (Array.isArray(v)) return v.some(containsTensor)
  if (!isPlainObject(v)) return false
  return v.class_name === '__keras_tensor__' || Object.values(v).some(containsTensor)
}

/** The input layer names of one functional layer entry, in argument order. */
function readInbound (inbound: unknown, id: string): string[] {
  if (inbound == null) return []
  if (!Array.isArray(inbound)) throw formatError('inbound_nodes is not a list', id)
  if (inbound.length === 0) return []
  if (inbound.length > 1) throw formatError(`layer is called ${inbound.length} times; shared layers are not supported`, id)
  const call: unknown = inbound[0]
  const where = `inbound of ${quoteId(id)}`
  if (Array.isArray(call)) {
    // Keras 2 / tfjs: a list of references; some writers drop the outer list for one reference
    return typeof call[0] === 'string' ? [readRef(call, where)] : call.map(r => readRef(r, where))
  }
  if (isPlainObject(call) && Array.isArray(call.args)) {
    if (containsTensor(call.kwargs)) throw formatError('tensor passed as a keyword argument is not supported', id)
    const out: string[] = []
    collectTensors(call.args, out, where)
    return out
  }
  throw formatError('inbound node is neither a Keras 2 reference list nor a Keras 3 call', id)
}

/** Functional (`Model` / `Functional`): layers name their inputs; the model names its ends. */
export function parseFunctional (config: unknown, maxNodes: number): RawGraph {
  const entries = layerEntries(config, maxNodes)
  const cfg = config as Record<string, unknown>
  const nodes = entries.map((entry, i): RawNode => {
    const base = readEntry(entry, i)
    return { ...base, inputs: readInbound(entry.inbound_nodes, base.id) }
  })
  return {
    format: 'keras-functional',
    name: typeof cfg.name === 'string' ? cfg.name : undefined,
    nodes,
    inputs: readRefList(cfg.input_layers, 'input_layers'),
    outputs: readRefList(cfg.output_layers, 'output_layers')
  }
}
