/**
 * Layer table rows for 2-D spatial layers on channels_last images (height, width, channels):
 * Conv2D, the two window poolings and the two global poolings. A rank-2 input is a shape error
 * here, never silently reinterpreted.
 */
import type { LayerConfig } from './layer-config.js'
import { ACTIVATION_FLOPS, elements, only, requireRank, windowOutput, type LayerResult, type LayerSpec } from './layer-spec.js'

const PADDINGS = ['valid', 'same'] as const
const IMAGE = 'height, width, channels'

/** Conv2D with dilation 1 and one group: each output element is a kh×kw×C dot product. */
export const conv2d: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply (cfg, inputs) {
    const filters = cfg.positiveInt('filters')
    const [kh, kw] = cfg.intPair('kernel_size')
    const [sh, sw] = cfg.intPair('strides', [1, 1])
    const padding = cfg.oneOf('padding', PADDINGS, 'valid')
    cfg.channelsLast()
    const [dh, dw] = cfg.intPair('dilation_rate', [1, 1])
    // dilated kernels change the window arithmetic and tfjs forbids them with strides > 1
    if (dh !== 1 || dw !== 1) cfg.fail('dilation_rate other than 1 is not supported')
    if (cfg.int('groups', 1) !== 1) cfg.fail('grouped convolution is not supported')
    if (cfg.get('lora_rank') !== undefined) cfg.fail('lora_rank is not supported')
    const activation = cfg.activation()
    const useBias = cfg.bool('use_bias', true)
    const x = only(inputs)
    requireRank(cfg, x, 3, IMAGE)
    const [h, w, c] = x as [number, number, number]
    const dims = [
      windowOutput(cfg, h, kh, sh, padding, 'kernel height'),
      windowOutput(cfg, w, kw, sw, padding, 'kernel width'),
      filters
    ]
    const bias = useBias ? filters : 0
    const positions = (dims[0] as number) * (dims[1] as number)
    return {
      params: { filters, kernel_size: [kh, kw], strides: [sh, sw], padding, activation, use_bias: useBias },
      dims,
      paramCount: kh * kw * c * filters + bias,
      flops: positions * (2 * kh * kw * c * filters + bias) + elements(dims) * ACTIVATION_FLOPS[activation]
    }
  }
}

/** Shared by max and average pooling; `extra` is per-output work beyond the window (the mean's divide). */
function pool2d (cfg: LayerConfig, inputs: readonly (readonly number[])[], extra: number): LayerResult {
  const [ph, pw] = cfg.intPair('pool_size', [2, 2])
  // Keras writes strides: null to mean "same as the pool size"
  const [sh, sw] = cfg.intPair('strides', [ph, pw])
  const padding = cfg.oneOf('padding', PADDINGS, 'valid')
  cfg.channelsLast()
  const x = only(inputs)
  requireRank(cfg, x, 3, IMAGE)
  const [h, w, c] = x as [number, number, number]
  const dims = [windowOutput(cfg, h, ph, sh, padding, 'pool height'), windowOutput(cfg, w, pw, sw, padding, 'pool width'), c]
  return {
    params: { pool_size: [ph, pw], strides: [sh, sw], padding },
    dims,
    paramCount: 0,
    flops: elements(dims) * (ph * pw + extra)
  }
}

/** MaxPooling2D: one comparison per window element. */
export const maxPooling2d: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply: (cfg, inputs) => pool2d(cfg, inputs, 0)
}

/** AveragePooling2D: one addition per window element and a divide per output. */
export const averagePooling2d: LayerSpec = {
  minInputs: 1,
  maxInputs: 1,
  apply: (cfg, inputs) => pool2d(cfg, inputs, 1)
}

function globalPool2d (cfg: LayerConfig, inputs: readonly (readonly number[])[]): LayerResult {
  cfg.channelsLast()
  const keepdims = cfg.bool('keepdims', false)
  const x = only(inputs)
  requireRank(cfg, x, 3, IMAGE)
  const c = x[2] as number
  return { params: { keepdims }, dims: keepdims ? [1, 1, c] : [c], paramCount: 0, flops: elements(x) }
}

/** GlobalAveragePooling2D: one addition per input element (the final divide is per channel, ignored). */
export const globalAveragePooling2d: LayerSpec = { minInputs: 1, maxInputs: 1, apply: globalPool2d }

/** GlobalMaxPooling2D: one comparison per input element. */
export const globalMaxPooling2d: LayerSpec = { minInputs: 1, maxInputs: 1, apply: globalPool2d }
