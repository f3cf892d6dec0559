/**
 * Gradient kernels that make the tfjs wasm backend (4.22) train the whitelisted layers. Found by
 * training every whitelisted layer, activation, optimizer and loss on wasm and comparing with cpu:
 * - Conv2DBackpropFilter is missing: any Conv2D throws "Kernel … not registered".
 * - MaxPoolGrad is present but wrong: it seeds its running max with FLT_MIN
 *   (`std::numeric_limits<float>::min()`, the smallest positive float), so a window whose values are
 *   all ≤ 0 sends its gradient to element 0 of the tensor, and ties go to the last maximum where TF
 *   and the cpu backend take the first.
 * - Conv2DBackpropInput is correct but a scalar loop, 7–12× slower than the XNNPACK forward Conv2D.
 * - BatchMatMul with transposeA or transposeB (every Dense gradient: dW = xᵀ·dy, dx = dy·Wᵀ) is
 *   slow: 1.7–2.0 ms for the MLP's [32, 784] products, where the Transpose kernel (~20 µs) and
 *   then the untransposed product (XNNPACK) take ~0.4 ms, so it is done that way.
 * Everything else those models use (pooling, batch norm, activation and loss gradients) is present
 * and agrees with cpu. The two convolution gradients are rewritten as forward XNNPACK convolutions;
 * MaxPoolGrad is an O(input) loop over the wasm heap (a data-dependent scatter that no XNNPACK op
 * does). Importing this module imports the wasm package, so its own kernels are registered first.
 * NHWC only, dilation 1 (tfjs has no conv gradient for dilation > 1 on any backend).
 */
import * as tf from '@tensorflow/tfjs'
import { BackendWasm } from '@tensorflow/tfjs-backend-wasm'

type Info = tf.TensorInfo
type Shape4 = [number, number, number, number]
type Pads = [[number, number], [number, number], [number, number], [number, number]]
interface KernelArgs { inputs: tf.NamedTensorInfoMap, backend: object, attrs?: tf.NamedAttrMap }

function wasmBackend (backend: object): BackendWasm {
  if (!(backend instanceof BackendWasm)) throw new Error('wasm gradient kernel called with a non-wasm backend')
  return backend
}

function input (inputs: tf.NamedTensorInfoMap, name: string): Info {
  const t = inputs[name]
  if (t == null) throw new Error(`wasm gradient kernel: missing input ${name}`)
  return t
}

function nhwc (dataFormat: string): 'channelsLast' {
  if (dataFormat !== 'NHWC') throw new Error(`wasm gradient kernels support NHWC only, got ${dataFormat}`)
  return 'channelsLast'
}

/** Calls the backend's own kernels directly (as its kernels do) and frees the intermediates. */
class Scratch {
  private readonly temps: Info[] = []
  constructor (readonly backend: BackendWasm) {}

  run (kernelName: string, inputs: tf.NamedTensorInfoMap, attrs: tf.NamedAttrMap): Info {
    const kernel = tf.getKernel(kernelName, 'wasm')
    if (kernel == null) throw new Error(`wasm kernel ${kernelName} is not registered`)
    const out = kernel.kernelFunc({ inputs, backend: this.backend, attrs })
    if (Array.isArray(out)) throw new Error(`wasm kernel ${kernelName} returned several tensors`)
    this.temps.push(out)
    return out
  }

  /** Returns `out` to the caller and frees everything else. */
  finish (out: Info): Info {
    for (const t of this.temps) if (t !== out) this.backend.disposeData(t.dataId)
    return out
  }
}

/**
 * Pads (positive) or crops (negative) rows and columns of an NHWC tensor: crops now with Slice,
 * returns the padding for the convolution to apply, which XNNPACK does without copying.
 */
function cropFor (s: Scratch, x: Info, top: number, bottom: number, left: number, right: number): { x: Info, pad: Pads } {
  const [n, h, w, c] = x.shape as Shape4
  const ct = Math.max(0, -top)
  const cl = Math.max(0, -left)
  const rows = h - ct - Math.max(0, -bottom)
  const cols = w - cl - Math.max(0, -right)
  const cropped = rows === h && cols === w ? x : s.run('Slice', { x }, { begin: [0, ct, cl, 0], size: [n, rows, cols, c] })
  const pad: Pads = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]]
  return { x: cropped, pad }
}

/**
 * dW[kh,kw,ci,co] = Σ x[n, kh + s·oh − pt, kw + s·ow − pl, ci] · dy[n,oh,ow,co]: a forward convolution
 * of x with batch and channel axes swapped ([ci, H, W, n]) by dy as the filter ([oh, ow, n, co])
 * dilated by the stride, giving [ci, kh, kw, co].
 */
function conv2dBackpropFilter ({ inputs, backend, attrs }: KernelArgs): Info {
  const a = attrs as unknown as tf.Conv2DBackpropFilterAttrs
  const x = input(inputs, 'x')
  const dy = input(inputs, 'dy')
  const c = tf.backend_util.computeConv2DInfo(x.shape as Shape4, a.filterShape, a.strides, 1, a.pad, a.dimRoundingMode, false, nhwc(a.dataFormat))
  const s = new Scratch(wasmBackend(backend))
  // input rows/cols that some window reaches; the rest (and any excess padding) is cropped
  const rows = (c.outHeight - 1) * c.strideHeight + c.filterHeight
  const cols = (c.outWidth - 1) * c.strideWidth + c.filterWidth
  const { x: xc, pad } = cropFor(s, x, c.padInfo.top, rows - c.padInfo.top - c.inHeight, c.padInfo.left, cols - c.padInfo.left - c.inWidth)
  const xT = s.run('Transpose', { x: xc }, { perm: [3, 1, 2, 0] })
  const dyT = s.run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] })
  const g = s.run('Conv2D', { x: xT, filter: dyT }, { strides: [1, 1], dilations: [c.strideHeight, c.strideWidth], pad, dataFormat: 'NHWC' })
  return s.finish(s.run('Transpose', { x: g }, { perm: [1, 2, 0, 3] }))
}

/**
 * dx = dy with (stride − 1) zeros between its pixels, convolved (stride 1) with the filter rotated
 * 180° and its in/out channels swapped; padding fh − 1 − pt on top and whatever the bottom needs.
 */
function conv2dBackpropInput ({ inputs, backend, attrs }: KernelArgs): Info {
  const a = attrs as unknown as tf.Conv2DBackpropInputAttrs
  const dy = input(inputs, 'dy')
  const filter = input(inputs, 'filter')
  const c = tf.backend_util.computeConv2DInfo(a.inputShape, filter.shape as Shape4, a.strides, 1, a.pad, a.dimRoundingMode, false, nhwc(a.dataFormat))
  const s = new Scratch(wasmBackend(backend))
  let d = dy
  if (c.strideHeight > 1 || c.strideWidth > 1) {
    const [n, oh, ow, co] = dy.shape as Shape4
    const d6 = s.run('Reshape', { x: dy }, { shape: [n, oh, 1, ow, 1, co] })
    const p6 = s.run('PadV2', { x: d6 }, { paddings: [[0, 0], [0, 0], [0, c.strideHeight - 1], [0, 0], [0, c.strideWidth - 1], [0, 0]], constantValue: 0 })
    d = s.run('Reshape', { x: p6 }, { shape: [n, oh * c.strideHeight, ow * c.strideWidth, co] })
  }
  const rotated = s.run('Reverse', { x: filter }, { dims: [0, 1] })
  const w = s.run('Transpose', { x: rotated }, { perm: [0, 1, 3, 2] })
  const top = c.filterHeight - 1 - c.padInfo.top
  const left = c.filterWidth - 1 - c.padInfo.left
  const [, dh, dw] = d.shape as Shape4
  const { x: dc, pad } = cropFor(s, d, top, c.inHeight + c.filterHeight - 1 - top - dh, left, c.inWidth + c.filterWidth - 1 - left - dw)
  return s.finish(s.run('Conv2D', { x: dc, filter: w }, { strides: [1, 1], dilations: [1, 1], pad, dataFormat: 'NHWC' }))
}

/**
 * Routes each dy to the first maximum of its window (TF and cpu semantics), summing overlapping
 * windows; recomputes the maxima from x rather than trusting the `output` input.
 */
function maxPoolGrad ({ inputs, backend, attrs }: KernelArgs): Info {
  const a = attrs as unknown as tf.MaxPoolGradAttrs
  const x = input(inputs, 'input')
  const dy = input(inputs, 'dy')
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error('MaxPoolGrad on wasm needs float32')
  const c = tf.backend_util.computePool2DInfo(x.shape as Shape4, a.filterSize, a.strides, 1, a.pad, a.dimRoundingMode)
  const b = wasmBackend(backend)
  const out = b.makeOutput(x.shape, 'float32')
  // views into the heap, taken after the allocation above (which may grow and detach it)
  const dx = b.typedArrayFromHeap(out) as Float32Array
  const xs = b.typedArrayFromHeap(x) as Float32Array
  const g = b.typedArrayFromHeap(dy) as Float32Array
  dx.fill(0)
  const { batchSize: N, inHeight: H, inWidth: W, inChannels: C, outHeight: OH, outWidth: OW } = c
  const best = new Float32Array(C)
  const at = new Int32Array(C)
  for (let n = 0; n < N; n++) {
    for (let oh = 0; oh < OH; oh++) {
      const r0 = oh * c.strideHeight - c.padInfo.top
      for (let ow = 0; ow < OW; ow++) {
        const c0 = ow * c.strideWidth - c.padInfo.left
        best.fill(-Infinity)
        at.fill(-1)
        for (let r = Math.max(0, r0); r < Math.min(H, r0 + c.filterHeight); r++) {
          for (let col = Math.max(0, c0); col < Math.min(W, c0 + c.filterWidth); col++) {
            const base = ((n * H + r) * W + col) * C
            for (let ch = 0; ch < C; ch++) {
              const v = xs[base + ch] as number
              if (v > (best[ch] as number)) { best[ch] = v; at[ch] = base + ch }
            }
          }
        }
        const o = ((n * OH + oh) * OW + ow) * C
        for (let ch = 0; ch < C; ch++) {
          const i = at[ch] as number
          if (i >= 0) dx[i] = (dx[i] as number) + (g[o + ch] as number)
        }
      }
    }
  }
  return out
}

/** set on a wrapping kernel: the kernel it wraps, so a second copy of this module wraps that one */
const WRAPPED = Symbol.for('cyxwiz.wasm.wrapped-kernel')
type Wrapping = tf.KernelFunc & { [WRAPPED]?: tf.KernelFunc }
let plainBatchMatMul: tf.KernelFunc | undefined

/** a · b with the transposes done by the Transpose kernel, then the backend's untransposed product */
function batchMatMul ({ inputs, backend, attrs }: KernelArgs): Info {
  const a = attrs as unknown as tf.BatchMatMulAttrs
  const plain = plainBatchMatMul
  if (plain === undefined) throw new Error('wasm BatchMatMul wrapper registered without the backend\'s kernel')
  const s = new Scratch(wasmBackend(backend))
  const swapLast = (t: Info): Info => {
    const r = t.shape.length
    return s.run('Transpose', { x: t }, { perm: [...t.shape.keys()].map(i => i < r - 2 ? i : 2 * r - 3 - i) })
  }
  const x = a.transposeA ? swapLast(input(inputs, 'a')) : input(inputs, 'a')
  const y = a.transposeB ? swapLast(input(inputs, 'b')) : input(inputs, 'b')
  const out = plain({ inputs: { a: x, b: y }, backend, attrs: { transposeA: false, transposeB: false } })
  if (Array.isArray(out)) throw new Error('wasm BatchMatMul returned several tensors')
  return s.finish(out)
}

/** Registers the BatchMatMul wrapper over the backend's own kernel (not over another wrapper). */
function wrapBatchMatMul (): void {
  const current = tf.getKernel('BatchMatMul', 'wasm')
  if (current == null) throw new Error('wasm kernel BatchMatMul is not registered')
  if (current.kernelFunc === batchMatMul) return
  plainBatchMatMul = (current.kernelFunc as Wrapping)[WRAPPED] ?? current.kernelFunc
  const wrapper: Wrapping = batchMatMul as tf.KernelFunc
  wrapper[WRAPPED] = plainBatchMatMul
  tf.unregisterKernel('BatchMatMul', 'wasm')
  // the backend's kernel binds its wasm function in its setup, which runs when the backend starts
  tf.registerKernel({ ...current, kernelFunc: wrapper })
}

const KERNELS: ReadonlyArray<{ name: string, kernelFunc: tf.KernelFunc, replace: boolean }> = [
  { name: 'Conv2DBackpropFilter', kernelFunc: conv2dBackpropFilter as tf.KernelFunc, replace: false },
  { name: 'Conv2DBackpropInput', kernelFunc: conv2dBackpropInput as tf.KernelFunc, replace: true },
  { name: 'MaxPoolGrad', kernelFunc: maxPoolGrad as tf.KernelFunc, replace: true }
]

/**
 * Registers the kernels above for the 'wasm' backend (before or after it is initialised; they need
 * no setup) and returns their names. Idempotent: a second call changes nothing and returns the same
 * names. A Conv2DBackpropFilter some later tfjs brings is kept; the two broken/slow ones are replaced,
 * and BatchMatMul is wrapped (its transposes done first).
 */
export function registerWasmGradientKernels (): string[] {
  wrapBatchMatMul()
  const names: string[] = ['BatchMatMul']
  for (const k of KERNELS) {
    const current = tf.getKernel(k.name, 'wasm')
    if (current?.kernelFunc === k.kernelFunc) {
      names.push(k.name)
      continue
    }
    if (current != null) {
      if (!k.replace) continue
      tf.unregisterKernel(k.name, 'wasm')
    }
    tf.registerKernel({ kernelName: k.name, backendName: 'wasm', kernelFunc: k.kernelFunc })
    names.push(k.name)
  }
  return names
}
