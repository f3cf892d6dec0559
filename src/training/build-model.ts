/**
 * Validated model graph → a tfjs LayersModel, built layer by layer with `tf.layers`, `tf.input` and
 * `tf.model` from the checked, normalised params only. The raw definition is hostile and never
 * reaches `tf.models.modelFromJSON`: whatever the validator did not keep (initializers,
 * regularizers, constraints, custom objects) does not exist here.
 *
 * Layer names are the node ids, so weights are named `<node id>/kernel` and a checkpoint maps back
 * to the same graph. tfjs only accepts names matching /^[A-Za-z0-9][-A-Za-z0-9._/]*$/ (it puts
 * them in tensor names); an id outside that is given a sanitised, unique name instead.
 *
 * Two whitelisted features tfjs cannot express with a whitelisted layer are refused with
 * ERR_MODEL_PARAM rather than approximated: ReLU with a negative slope or a threshold (tfjs'
 * LeakyReLU / ThresholdedReLU are not on the whitelist, so the saved model would not validate).
 * Global pooling with `keepdims` becomes a pooling layer `<id>_pool` and a Reshape named `<id>`.
 * Note: tfjs' `hardSigmoid` is Keras 2's (0.2·x + 0.5, clipped), not Keras 3's relu6(x + 3) / 6.
 */
import * as tf from '@tensorflow/tfjs'
import { CyxwizError } from '../errors.js'
import { ModelValidationError } from '../model/model-error.js'
import type { Activation, ModelNode, ParamValue, ValidatedModel } from '../model/types.js'

export interface BuildOptions {
  /** seeds the weight initializers and dropout masks, so the same job starts from the same weights */
  seed?: number
}

type ActivationIdentifier = NonNullable<Parameters<typeof tf.layers.dense>[0]['activation']>
type Initializer = ReturnType<typeof tf.initializers.glorotUniform>

/** Keras activation names → tfjs identifiers (they differ only in spelling). */
const ACTIVATION_IDS: Readonly<Record<Activation, ActivationIdentifier>> = {
  linear: 'linear',
  relu: 'relu',
  relu6: 'relu6',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  elu: 'elu',
  selu: 'selu',
  softplus: 'softplus',
  softsign: 'softsign',
  swish: 'swish',
  gelu: 'gelu',
  hard_sigmoid: 'hardSigmoid'
}

const VALID_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/

/** Typed reads of a node's normalised params; a missing or mistyped one is an internal error. */
class Params {
  constructor (private readonly node: ModelNode) {}

  private get (key: string): ParamValue {
    const v = this.node.params[key]
    if (v === undefined) throw new Error(`internal: node ${this.node.id} (${this.node.layer}) has no param ${key}`)
    return v
  }

  num (key: string): number {
    const v = this.get(key)
    if (typeof v !== 'number') throw new Error(`internal: param ${key} of ${this.node.id} is not a number`)
    return v
  }

  optNum (key: string): number | undefined {
    const v = this.get(key)
    return v === null ? undefined : this.num(key)
  }

  bool (key: string): boolean {
    const v = this.get(key)
    if (typeof v !== 'boolean') throw new Error(`internal: param ${key} of ${this.node.id} is not a boolean`)
    return v
  }

  padding (): 'valid' | 'same' {
    const v = this.get('padding')
    if (v !== 'valid' && v !== 'same') throw new Error(`internal: padding of ${this.node.id} is ${String(v)}`)
    return v
  }

  dims (key: string): number[] {
    const v = this.get(key)
    if (!Array.isArray(v)) throw new Error(`internal: param ${key} of ${this.node.id} is not a list`)
    return [...(v as readonly number[])]
  }

  pair (key: string): [number, number] {
    const [a, b] = this.dims(key)
    if (a === undefined || b === undefined) throw new Error(`internal: param ${key} of ${this.node.id} is not a pair`)
    return [a, b]
  }

  activation (): ActivationIdentifier {
    const v = this.get('activation')
    const id = typeof v === 'string' && Object.hasOwn(ACTIVATION_IDS, v) ? ACTIVATION_IDS[v as Activation] : undefined
    if (id === undefined) throw new Error(`internal: activation of ${this.node.id} is ${String(v)}`)
    return id
  }
}

/** Valid, unique tfjs names for node ids (ids are unique already; sanitising could collide). */
class Names {
  private readonly used = new Set<string>()
  private readonly byId = new Map<string, string>()

  constructor (ids: Iterable<string>) {
    const all = [...ids]
    for (const id of all) if (VALID_NAME.test(id)) this.used.add(id)
    for (const id of all) this.byId.set(id, VALID_NAME.test(id) ? id : this.fresh(id.replace(/[^-A-Za-z0-9._/]/g, '_').replace(/^[^A-Za-z0-9]+/, '')))
  }

  /** a name not used yet, `base` or `base_2`, `base_3`… */
  fresh (base: string): string {
    const stem = base === '' ? 'node' : base
    let name = stem
    for (let i = 2; this.used.has(name); i++) name = `${stem}_${i}`
    this.used.add(name)
    return name
  }

  of (id: string): string {
    return this.byId.get(id) ?? id
  }
}

/** One layer for a non-input node (or a small chain of them, for keepdims pooling). */
function makeLayer (node: ModelNode, name: string, names: Names, init: () => Initializer | undefined, seed: number | undefined): (x: tf.SymbolicTensor[]) => tf.SymbolicTensor {
  const p = new Params(node)
  const one = (layer: tf.layers.Layer) => (xs: tf.SymbolicTensor[]) => layer.apply(xs.length === 1 ? xs[0] as tf.SymbolicTensor : xs) as tf.SymbolicTensor
  const kernel = (): { kernelInitializer?: Initializer } => {
    const k = init()
    return k === undefined ? {} : { kernelInitializer: k }
  }
  switch (node.layer) {
    case 'Dense':
      return one(tf.layers.dense({ name, units: p.num('units'), activation: p.activation(), useBias: p.bool('use_bias'), ...kernel() }))
    case 'Conv2D':
      return one(tf.layers.conv2d({
        name,
        filters: p.num('filters'),
        kernelSize: p.pair('kernel_size'),
        strides: p.pair('strides'),
        padding: p.padding(),
        activation: p.activation(),
        useBias: p.bool('use_bias'),
        dataFormat: 'channelsLast',
        ...kernel()
      }))
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const args = { name, poolSize: p.pair('pool_size'), strides: p.pair('strides'), padding: p.padding(), dataFormat: 'channelsLast' as const }
      return one(node.layer === 'MaxPooling2D' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args))
    }
    case 'GlobalAveragePooling2D':
    case 'GlobalMaxPooling2D': {
      const keep = p.bool('keepdims')
      const poolName = keep ? names.fresh(`${name}_pool`) : name
      const args = { name: poolName, dataFormat: 'channelsLast' as const }
      const pool = node.layer === 'GlobalAveragePooling2D' ? tf.layers.globalAveragePooling2d(args) : tf.layers.globalMaxPooling2d(args)
      if (!keep) return one(pool)
      // tfjs global pooling has no keepdims: restore the [1, 1, C] shape with a Reshape
      const reshape = tf.layers.reshape({ name, targetShape: node.outputShape.slice(1) as number[] })
      return xs => reshape.apply(one(pool)(xs)) as tf.SymbolicTensor
    }
    case 'Flatten':
      return one(tf.layers.flatten({ name }))
    case 'Reshape':
      return one(tf.layers.reshape({ name, targetShape: p.dims('target_shape') }))
    case 'Dropout':
      return one(tf.layers.dropout({ name, rate: p.num('rate'), ...(seed === undefined ? {} : { seed }) }))
    case 'BatchNormalization':
      return one(tf.layers.batchNormalization({
        name, axis: p.num('axis'), center: p.bool('center'), scale: p.bool('scale'), epsilon: p.num('epsilon'), momentum: p.num('momentum')
      }))
    case 'Activation':
      return one(tf.layers.activation({ name, activation: p.activation() }))
    case 'Add':
      return one(tf.layers.add({ name }))
    case 'Concatenate':
      return one(tf.layers.concatenate({ name, axis: -1 }))
    case 'Softmax':
      return one(tf.layers.softmax({ name, axis: p.num('axis') }))
    case 'ReLU': {
      if (p.num('negative_slope') !== 0 || p.num('threshold') !== 0) {
        throw new ModelValidationError('ERR_MODEL_PARAM', 'ReLU with a negative_slope or threshold cannot be trained here (tfjs has no whitelisted equivalent)', node.id)
      }
      const max = p.optNum('max_value')
      return one(tf.layers.reLU({ name, ...(max === undefined ? {} : { maxValue: max }) }))
    }
    case 'InputLayer':
      throw new Error(`internal: input ${node.id} reached makeLayer`)
  }
}

/**
 * Builds the tfjs model of a validated graph: every node becomes the layer of its class with its
 * normalised params, wired in topological order; inputs and outputs keep the graph's order.
 * Throws ModelValidationError for a feature that cannot be built (see the file comment), and
 * CyxwizError ERR_TRAINING naming the node if tfjs refuses a layer.
 */
export function buildModel (v: ValidatedModel, options: BuildOptions = {}): tf.LayersModel {
  const names = new Names(v.order)
  const tensors = new Map<string, tf.SymbolicTensor>()
  let initCount = 0
  const init = (): Initializer | undefined =>
    options.seed === undefined ? undefined : tf.initializers.glorotUniform({ seed: options.seed + initCount++ })
  for (const id of v.order) {
    const node = v.nodes.get(id)
    if (node === undefined) throw new Error(`internal: node ${id} is in the order but not in the graph`)
    try {
      if (node.layer === 'InputLayer') {
        tensors.set(id, tf.input({ name: names.of(id), shape: new Params(node).dims('shape') }))
        continue
      }
      const inputs = node.inputs.map(i => {
        const t = tensors.get(i)
        if (t === undefined) throw new Error(`internal: input ${i} of ${id} not built yet`)
        return t
      })
      const dropoutSeed = options.seed === undefined ? undefined : options.seed + 10_000 + tensors.size
      tensors.set(id, makeLayer(node, names.of(id), names, init, dropoutSeed)(inputs))
    } catch (err) {
      if (err instanceof CyxwizError) throw err
      throw new CyxwizError('ERR_TRAINING', `cannot build node ${JSON.stringify(id.slice(0, 64))} (${node.layer}): ${(err as Error).message}`, { cause: err })
    }
  }
  const pick = (ids: readonly string[]): tf.SymbolicTensor[] => ids.map(id => tensors.get(id) as tf.SymbolicTensor)
  const inputs = pick(v.inputs)
  const outputs = pick(v.outputs)
  return tf.model({
    inputs: inputs.length === 1 ? inputs[0] as tf.SymbolicTensor : inputs,
    outputs: outputs.length === 1 ? outputs[0] as tf.SymbolicTensor : outputs,
    ...(v.name !== undefined && VALID_NAME.test(v.name) ? { name: v.name } : {})
  })
}
