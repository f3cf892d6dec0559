/**
 * Layer table rows for the layers that work on any rank: the input layer, Dense (applied to the
 * last axis, so a rank-3 input is fine), elementwise layers and the reshaping ones.
 */
import type { LayerConfig } from './layer-config.js'
import { ACTIVATION_FLOPS, elements, only, type LayerSpec } from './layer-spec.js'

/** Input shape keys: with the batch dimension first, or per sample (the builder's `shape`). */
const BATCH_SHAPE_KEYS = ['batch_input_shape', 'batch_shape']
const SAMPLE_SHAPE_KEYS = ['shape', 'input_shape']

function inputDims (cfg: LayerConfig): number[] {
  for (const key of BATCH_SHAPE_KEYS) {
    const v = cfg.get(key)
    if (v === undefined) continue
    if (!Array.isArray(v) || v.length === 0) cfg.fail(`${key} must be a list starting with the batch size`)
    const [batch, ...rest] = v as unknown[]
    // a fixed batch size is legal in Keras; it does not change per-sample costs
    if (batch !== null && !(Number.isInteger(batch) && (batch as number) >= 1)) cfg.fail(`${key} has an invalid batch size`)
    return cfg.dims(rest, key)
  }
  for (const key of SAMPLE_SHAPE_KEYS) {
    const v = cfg.get(key)
    if (v !== undefined) return cfg.dims(v, key)
  }
  return cfg.fail('input layer has no shape (shape or batch_input_shape)')
}

/** InputLayer: shape only; sparse and ragged inputs are not something tfjs layers train on. */
export const inputLayer: LayerSpec = {
  minInputs: 0,
  maxInputs: 0,
  apply (cfg) {
    if (cfg.bool('sparse', false)) cfg.fail('sparse inputs are not supported')
    if (cfg.bool('ragged', false)) cfg.fail('ragged inputs are not supported')
    const dims = inputDims(cfg)
    return { params: { shape: dims }, dims, paramCount: 0, flops: 0 }
  }
}

/** Dense: a matrix product over the last axis, plus bias and activation. */
export const dense: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    const units = cfg.positiveInt('units')
    const activation = cfg.activation()
    const useBias = cfg.bool('use_bias', true)
    // Keras 3 LoRA adds weights this table does not model
    if (cfg.get('lora_rank') !== undefined) cfg.fail('lora_rank is not supported')
    const x = only(inputs)
    const fanIn = x.at(-1)
    if (fanIn === undefined) return cfg.shapeFail('Dense needs an input of rank 2 or more (batch, features)')
    const dims = [...x.slice(0, -1), units]
    const positions = elements(x.slice(0, -1))
    const bias = useBias ? units : 0
    return {
      params: { units, activation, use_bias: useBias },
      dims,
      paramCount: fanIn * units + bias,
      flops: positions * (2 * fanIn * units + bias) + elements(dims) * ACTIVATION_FLOPS[activation]
    }
  }
}

/** Dropout: one multiply by the mask per element while training. */
export const dropout: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    const rate = cfg.number('rate', undefined, 0, 1) ?? cfg.fail('rate is required')
    if (rate >= 1) cfg.fail('rate must be below 1 (a rate of 1 drops everything)')
    if (cfg.get('noise_shape') !== undefined) cfg.fail('noise_shape is not supported')
    const dims = only(inputs)
    return { params: { rate }, dims, paramCount: 0, flops: elements(dims) }
  }
}

/** Activation: elementwise, cost from the activation table. */
export const activation: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    const fn = cfg.activation('activation', true)
    const dims = only(inputs)
    return { params: { activation: fn }, dims, paramCount: 0, flops: elements(dims) * ACTIVATION_FLOPS[fn] }
  }
}

/** Softmax over one axis (tfjs writes axis 1 for rank-2 inputs, Keras -1; both mean the last one). */
export const softmax: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    const dims = only(inputs)
    if (dims.length === 0) cfg.shapeFail('Softmax needs an input of rank 2 or more')
    const axis = cfg.axis('axis', -1, dims.length + 1)
    return { params: { axis: axis + 1 }, dims, paramCount: 0, flops: elements(dims) * ACTIVATION_FLOPS.softmax }
  }
}

/** ReLU with Keras' optional cap, leak and threshold. */
export const relu: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    const maxValue = cfg.number('max_value', undefined, 0, Number.MAX_VALUE) ?? null
    const negativeSlope = cfg.number('negative_slope', 0, 0, Number.MAX_VALUE) ?? 0
    const threshold = cfg.number('threshold', 0, -Number.MAX_VALUE, Number.MAX_VALUE) ?? 0
    const dims = only(inputs)
    const perElement = 1 + (maxValue === null ? 0 : 1) + (negativeSlope === 0 ? 0 : 1)
    return { params: { max_value: maxValue, negative_slope: negativeSlope, threshold }, dims, paramCount: 0, flops: elements(dims) * perElement }
  }
}

/**
 * BatchNormalization over one axis: gamma and beta (if scale / center) are trained, the moving
 * mean and variance are not but are still weights, so tfjs `countParams()` counts all four.
 */
export const batchNormalization: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    const dims = only(inputs)
    if (dims.length === 0) cfg.shapeFail('BatchNormalization needs an input of rank 2 or more')
    const axis = cfg.axis('axis', -1, dims.length + 1)
    const center = cfg.bool('center', true)
    const scale = cfg.bool('scale', true)
    const epsilon = cfg.number('epsilon', 1e-3, Number.MIN_VALUE, 1) ?? 1e-3
    const momentum = cfg.number('momentum', 0.99, 0, 1) ?? 0.99
    if (cfg.bool('renorm', false)) cfg.fail('renorm is not supported')
    if (cfg.get('virtual_batch_size') !== undefined) cfg.fail('virtual_batch_size is not supported')
    const channels = dims[axis] as number
    return {
      params: { axis: axis + 1, center, scale, epsilon, momentum },
      dims,
      paramCount: channels * (2 + (center ? 1 : 0) + (scale ? 1 : 0)),
      // subtract mean, divide by deviation, scale, shift
      flops: elements(dims) * 4
    }
  }
}

/** Flatten: all per-sample axes into one; free. */
export const flatten: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    cfg.channelsLast()
    const x = only(inputs)
    if (x.length === 0) cfg.shapeFail('Flatten needs an input of rank 2 or more')
    return { params: {}, dims: [elements(x)], paramCount: 0, flops: 0 }
  }
}

/** Reshape to `target_shape` (per sample, at most one -1); the element count must not change. */
export const reshape: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    const target = cfg.dims(cfg.get('target_shape') ?? cfg.fail('target_shape is required'), 'target_shape', true)
    const have = elements(only(inputs))
    const known = elements(target.filter(d => d !== -1))
    let dims = target
    if (target.includes(-1)) {
      if (have % known !== 0) cfg.shapeFail(`cannot reshape ${have} elements to [${target.join(', ')}]`)
      dims = target.map(d => d === -1 ? have / known : d)
    } else if (known !== have) {
      cfg.shapeFail(`cannot reshape ${have} elements to [${target.join(', ')}] (${known} elements)`)
    }
    return { params: { target_shape: dims }, dims, paramCount: 0, flops: 0 }
  }
}
