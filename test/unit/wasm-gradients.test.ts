/**
 * The wasm gradient kernels (src/training/wasm-gradients.ts) against the tfjs cpu backend: each
 * kernel over a grid of strides, paddings, kernel sizes, channels and batch sizes, and one SGD step
 * of a small CNN. Tolerance everywhere: |wasm − cpu| ≤ 1e-4 + 1e-3·|cpu| (float32 sums in another
 * order; every case here also passes at a fifth of it).
 */
import { expect } from 'chai'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { registerWasmGradientKernels } from '../../src/training/wasm-gradients.js'
import { mulberry32 } from '../../src/random.js'

const ATOL = 1e-4
const RTOL = 1e-3
const TOL = `|wasm − cpu| ≤ ${ATOL} + ${RTOL}·|cpu|`

const rand = mulberry32(42)
const uniform = (n: number): Float32Array => Float32Array.from({ length: n }, () => rand() * 2 - 1)
const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1)

/** Runs `fn` on wasm then on cpu; the worst |w − c| / (ATOL + RTOL·|c|), ≤ 1 means agreement. */
async function compare (fn: () => tf.Tensor): Promise<number> {
  const on = async (backend: string): Promise<Float32Array> => {
    await tf.setBackend(backend)
    const t = tf.tidy(fn)
    const values = await t.data() as Float32Array
    t.dispose()
    return values
  }
  const w = await on('wasm')
  const c = await on('cpu')
  await tf.setBackend('wasm')
  expect(w.length).to.equal(c.length)
  let worst = 0
  for (let i = 0; i < c.length; i++) {
    const r = Math.abs((w[i] as number) - (c[i] as number)) / (ATOL + RTOL * Math.abs(c[i] as number))
    worst = Number.isNaN(r) ? Infinity : Math.max(worst, r)
  }
  return worst
}

type Pad = 'same' | 'valid'
interface Case { n: number, stride: number, pad: Pad, k: number, cin: number, cout: number }
const H = 9
const W = 8
const grid = (kernels: number[]): Case[] => [1, 3].flatMap(n => [1, 2].flatMap(stride => (['same', 'valid'] as Pad[]).flatMap(pad =>
  kernels.flatMap(k => [[1, 4], [3, 5], [8, 2]].map(([cin, cout]) => ({ n, stride, pad, k, cin: cin as number, cout: cout as number }))))))
const label = (c: Case): string => `batch ${c.n} stride ${c.stride} ${c.pad} k${c.k} ${c.cin}→${c.cout}`

describe('wasm gradient kernels', function () {
  this.timeout(120_000)
  let registered: string[] = []
  let previous = ''

  before(async () => {
    previous = (tf.getBackend() as string | undefined) ?? '' // undefined before any backend ran
    // Node finds the .wasm files by itself; this is how to point it elsewhere (a dir, trailing slash)
    setWasmPaths(join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/')
    registered = registerWasmGradientKernels()
    expect(await tf.setBackend('wasm')).to.equal(true)
  })

  after(async () => { if (previous !== '') await tf.setBackend(previous) })

  it('registers the missing, the broken and the slow kernels, idempotently', () => {
    // an earlier test in this process may have registered them through another copy of the module
    // (mocha loads some files as CommonJS, workers' imports as ESM): the added Conv2DBackpropFilter
    // is then kept, the two replaced ones are replaced again
    expect(registered).to.include.members(['BatchMatMul', 'Conv2DBackpropInput', 'MaxPoolGrad'])
    expect(registerWasmGradientKernels()).to.deep.equal(registered)
    for (const name of ['BatchMatMul', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad']) expect(tf.getKernel(name, 'wasm'), name).to.not.equal(undefined)
  })

  const worst = async (cases: Case[], run: (c: Case) => () => tf.Tensor): Promise<void> => {
    const bad: string[] = []
    for (const c of cases) {
      const r = await compare(run(c))
      if (!(r <= 1)) bad.push(`${label(c)}: ${r.toFixed(2)}× the tolerance`)
    }
    expect(bad, bad.join('\n')).to.deep.equal([])
  }

  it(`Conv2DBackpropFilter matches cpu over 72 cases, ${TOL}`, async () => {
    await worst(grid([1, 3, 5]), c => {
      const x = uniform(c.n * H * W * c.cin)
      const f = uniform(c.k * c.k * c.cin * c.cout)
      const outShape = tf.tidy(() => tf.conv2d(tf.zeros([c.n, H, W, c.cin]) as tf.Tensor4D, tf.zeros([c.k, c.k, c.cin, c.cout]) as tf.Tensor4D, c.stride, c.pad).shape)
      const dy = uniform(size(outShape))
      return () => tf.grad((filter: tf.Tensor) => tf.conv2d(tf.tensor4d(x, [c.n, H, W, c.cin]), filter as tf.Tensor4D, c.stride, c.pad).mul(tf.tensor(dy, outShape)).sum())(tf.tensor4d(f, [c.k, c.k, c.cin, c.cout]))
    })
  })

  it(`Conv2DBackpropInput matches cpu over 72 cases, ${TOL}`, async () => {
    await worst(grid([1, 3, 5]), c => {
      const f = uniform(c.k * c.k * c.cin * c.cout)
      const outShape = tf.tidy(() => tf.conv2d(tf.zeros([c.n, H, W, c.cin]) as tf.Tensor4D, tf.zeros([c.k, c.k, c.cin, c.cout]) as tf.Tensor4D, c.stride, c.pad).shape)
      const dy = uniform(size(outShape))
      return () => tf.conv2dTranspose(tf.tensor4d(dy, outShape), tf.tensor4d(f, [c.k, c.k, c.cin, c.cout]), [c.n, H, W, c.cin], c.stride, c.pad)
    })
  })

  it(`MaxPoolGrad matches cpu over 72 cases incl. all-negative windows and ties, ${TOL}`, async () => {
    // half the cases on small integers, so windows hold equal maxima and all-negative values
    await worst(grid([1, 2, 3]), c => {
      const ties = c.cout % 2 === 0
      const x = uniform(c.n * H * W * c.cin).map(v => ties ? Math.round(v * 2) - 1 : v)
      const outShape = tf.tidy(() => tf.maxPool(tf.zeros([c.n, H, W, c.cin]) as tf.Tensor4D, c.k, c.stride, c.pad).shape)
      const dy = uniform(size(outShape))
      return () => tf.grad((v: tf.Tensor) => tf.maxPool(v as tf.Tensor4D, c.k, c.stride, c.pad).mul(tf.tensor(dy, outShape)).sum())(tf.tensor4d(x, [c.n, H, W, c.cin]))
    })
  })

  it(`BatchMatMul with every transpose, 2-D and batched, matches cpu, ${TOL}`, async () => {
    const bad: string[] = []
    for (const [batch, m, k, n] of [[0, 32, 784, 64], [0, 1, 7, 1], [0, 5, 3, 9], [3, 4, 6, 2], [2, 1, 5, 7]] as const) {
      for (const [ta, tb] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        const lead = batch === 0 ? [] : [batch]
        const aShape = [...lead, ...(ta ? [k, m] : [m, k])]
        const bShape = [...lead, ...(tb ? [n, k] : [k, n])]
        const a = uniform(size(aShape))
        const b = uniform(size(bShape))
        const r = await compare(() => tf.matMul(tf.tensor(a, aShape), tf.tensor(b, bShape), ta, tb))
        if (!(r <= 1)) bad.push(`${aShape.join('x')}${ta ? 'ᵀ' : ''} · ${bShape.join('x')}${tb ? 'ᵀ' : ''}: ${r.toFixed(2)}× the tolerance`)
      }
    }
    expect(bad, bad.join('\n')).to.deep.equal([])
  })

  it('frees its intermediate tensors', () => {
    const backend = tf.engine().backend
    const x = tf.tensor4d(uniform(2 * H * W * 3), [2, H, W, 3])
    const dy = tf.tensor4d(uniform(2 * 5 * 4 * 4), [2, 5, 4, 4])
    const dyPool = tf.tensor4d(uniform(2 * 5 * 4 * 3), [2, 5, 4, 3])
    const before = backend.numDataIds()
    const outs = [
      tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, { strides: [2, 2], pad: 'same', dataFormat: 'NHWC', filterShape: [3, 3, 3, 4] }),
      tf.conv2dTranspose(dy, tf.ones([3, 3, 3, 4]) as tf.Tensor4D, [2, H, W, 3], 2, 'same'),
      tf.engine().runKernel('MaxPoolGrad', { dy: dyPool, input: x, output: dyPool }, { filterSize: 2, strides: 2, pad: 'same' }),
      tf.engine().runKernel('BatchMatMul', { a: dy, b: dyPool }, { transposeA: true, transposeB: false })
    ] as tf.Tensor[]
    expect(backend.numDataIds() - before).to.equal(5) // four results + the ones() filter
    tf.dispose([x, dy, dyPool, ...outs])
  })

  it(`one SGD step of a CNN (Conv2D, MaxPool, strided Conv2D, Dense) moves the weights as on cpu, ${TOL}`, async () => {
    const build = (): tf.Sequential => tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 12, 2], filters: 4, kernelSize: 3, padding: 'same', activation: 'relu' }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, activation: 'relu' }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, activation: 'softmax' })
      ]
    })
    const x = uniform(16 * 12 * 12 * 2)
    const y = Float32Array.from({ length: 16 * 3 }, (_, i) => i % 3 === Math.floor(i / 3) % 3 ? 1 : 0)
    await tf.setBackend('cpu')
    const init = build().getWeights().map(w => ({ values: w.dataSync().slice(), shape: w.shape }))
    const step = async (): Promise<Float32Array[]> => {
      const model = build()
      model.setWeights(init.map(w => tf.tensor(w.values, w.shape)))
      model.compile({ optimizer: tf.train.sgd(0.5), loss: 'categoricalCrossentropy' })
      await model.trainOnBatch(tf.tensor4d(x, [16, 12, 12, 2]), tf.tensor2d(y, [16, 3]))
      return model.getWeights().map((w, i) => (w.dataSync() as Float32Array).map((v, j) => v - (init[i]?.values[j] as number)))
    }
    const cpu = await step()
    await tf.setBackend('wasm')
    const wasm = await step()
    let worstRatio = 0
    let moved = 0
    cpu.forEach((d, i) => d.forEach((c, j) => {
      worstRatio = Math.max(worstRatio, Math.abs((wasm[i]?.[j] as number) - c) / (ATOL + RTOL * Math.abs(c)))
      moved = Math.max(moved, Math.abs(c))
    }))
    expect(moved, 'the step changed the weights').to.be.greaterThan(1e-2)
    expect(worstRatio).to.be.at.most(1)
  })
})
