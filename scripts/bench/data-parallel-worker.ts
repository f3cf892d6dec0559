/**
 * Worker of the data-parallel training bench (data-parallel.ts), one thread on the wasm backend.
 *
 * mode 'step': today's path, `trainStep` (the compiled model's train function) on every batch.
 * mode 'dp': worker `rank` of `k` takes its rows of each batch (split as evenly as possible), computes
 * the gradients of its rows' share of the batch-mean loss (Σ per-row loss ÷ batch rows), writes them
 * into its slot of a shared buffer, meets the others at a barrier, then every worker sums the k
 * slots in the order 0..k−1 and applies the same optimizer update, so all hold the same weights.
 * Slots alternate between two halves of the buffer by step parity, so a worker writing step t+1
 * never overwrites what a slower one still reads of step t (it can only be one barrier ahead).
 *
 * Posts 'ready' after setup, starts when the parent posts 'go', posts 'done' with its last loss,
 * thread CPU and barrier time, and (worker 0) the model's weights before and after training.
 */
import { parentPort, workerData } from 'node:worker_threads'
import * as tf from '@tensorflow/tfjs'
import { pickBackendDetailed } from '../../src/training/backend-picker.js'
import { chooseObjective } from '../../src/training/evaluate.js'
import { batchBuffers, batchTensors, checkHyperparameters, compileJob, epochOrder, splitOf, trainStep, type BatchBuffers } from '../../src/training/steps.js'
import type { Dataset } from '../../src/training/dataset-format.js'
import type { TrainingSpec } from '../../src/training/spec.js'
import { saveModel } from '../../src/training/model-files.js'
import { parseModel } from '../../src/model/index.js'

export interface DpWorkerData {
  mode: 'step' | 'dp'
  rank: number
  k: number
  definition: string
  dataset: Dataset
  spec: TrainingSpec
  seed: number
  /** 2 × k slots of `params` float32 (dp only) */
  grads?: SharedArrayBuffer
  /** Int32Array [arrived, generation] (dp only) */
  barrier?: SharedArrayBuffer
}

const w = workerData as DpWorkerData
const port = parentPort
if (port == null) throw new Error('data-parallel-worker runs as a worker thread')

let waitMs = 0
/** thread CPU ms in a step's gradients (forward, backward, copy out) and in its update (sum, optimizer) */
const phases = { gradMs: 0, updateMs: 0, barrierCpuMs: 0 }
// process.threadCpuUsage is Node ≥ 23.9; on an older Node the CPU figures read NaN
const threadCpu = typeof process.threadCpuUsage === 'function' ? () => process.threadCpuUsage() : () => ({ user: Number.NaN, system: Number.NaN })
const cpuNow = (): number => { const c = threadCpu(); return (c.user + c.system) / 1000 }

/** a reusable barrier of k threads: [arrived, generation]; the last to arrive resets and releases */
function arrive (b: Int32Array, k: number): void {
  const t0 = performance.now()
  const gen = Atomics.load(b, 1)
  if (Atomics.add(b, 0, 1) === k - 1) {
    Atomics.store(b, 0, 0)
    Atomics.add(b, 1, 1)
    Atomics.notify(b, 1)
  } else {
    while (Atomics.load(b, 1) === gen) Atomics.wait(b, 1, gen)
  }
  waitMs += performance.now() - t0
}

/** the layout of the model's trainable weights in a gradient slot: sorted by variable name */
interface Layout { names: string[], shapes: number[][], sizes: number[], params: number }

function layoutOf (model: tf.LayersModel): Layout {
  // a layer variable's name is its tf.Variable's, the key of computeGradients' map
  const vars = [...model.trainableWeights].sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
  const shapes = vars.map(v => v.shape.map(d => d ?? Number.NaN))
  const sizes = shapes.map(d => d.reduce((a, b) => a * b, 1))
  return { names: vars.map(v => v.name), shapes, sizes, params: sizes.reduce((a, b) => a + b, 0) }
}

/**
 * One data-parallel step: this worker's rows of the batch [from, to), their gradients into its
 * slot, the barrier, the k slots summed in rank order, the optimizer's update. Returns this worker's
 * share of the batch loss (the k shares sum to the batch's mean loss). The models of the bench have
 * no regularizer; one with a regularisation loss would need it added by one worker only.
 */
function dataParallelStep (c: { model: tf.LayersModel, optimizer: tf.Optimizer, layout: Layout, slots: Float32Array, barrier: Int32Array, lossOf: (y: tf.Tensor, p: tf.Tensor) => tf.Tensor, buffers: BatchBuffers },
  d: Dataset, order: Uint32Array, from: number, to: number, step: number): tf.Scalar | undefined {
  const { layout: l, slots } = c
  const n = to - from
  const a = from + Math.floor(n * w.rank / w.k)
  const z = from + Math.floor(n * (w.rank + 1) / w.k)
  const half = (step % 2) * w.k * l.params
  const mine = slots.subarray(half + w.rank * l.params, half + (w.rank + 1) * l.params)
  let share: tf.Scalar | undefined
  const c0 = cpuNow()
  if (z > a) {
    const [x, y] = batchTensors(d, a, z, order, c.buffers)
    // Σ of this slice's per-row losses ÷ the batch's rows: the slices' gradients sum to the batch's
    const { value, grads } = c.optimizer.computeGradients(() => tf.tidy(() => c.lossOf(y, c.model.apply(x, { training: true }) as tf.Tensor).sum().div(n) as tf.Scalar))
    let off = 0
    for (const name of l.names) {
      const g = grads[name]
      if (g === undefined) throw new Error(`no gradient for ${name}`)
      mine.set(g.dataSync() as Float32Array, off)
      off += g.size
    }
    share = value
    tf.dispose([x, y, ...Object.values(grads)])
  } else mine.fill(0)
  const cb = cpuNow()
  phases.gradMs += cb - c0
  arrive(c.barrier, w.k)
  const c1 = cpuNow()
  phases.barrierCpuMs += c1 - cb
  const sum = new Float32Array(l.params)
  for (let r = 0; r < w.k; r++) {
    const s = slots.subarray(half + r * l.params, half + (r + 1) * l.params)
    for (let i = 0; i < l.params; i++) sum[i] = (sum[i] as number) + (s[i] as number)
  }
  const named: tf.NamedTensorMap = {}
  let off = 0
  l.names.forEach((name, i) => {
    named[name] = tf.tensor(sum.subarray(off, off + (l.sizes[i] as number)), l.shapes[i])
    off += l.sizes[i] as number
  })
  c.optimizer.applyGradients(named)
  tf.dispose(Object.values(named))
  phases.updateMs += cpuNow() - c1
  return share
}

async function main (): Promise<void> {
  const picked = await pickBackendDetailed('wasm')
  if (picked.backend !== 'wasm') throw new Error(`wasm backend not loadable: ${picked.skipped.map(s => s.reason).join('; ')}`)
  tf.enableProdMode()
  const v = parseModel(w.definition)
  const h = checkHyperparameters(w.spec)
  const objective = chooseObjective(v, w.dataset)
  const { model, optimizer } = compileJob(v, h, objective, w.seed)
  const { nTrain, perEpoch } = splitOf(h, w.dataset.labels.length / w.dataset.labelShape.reduce((a, b) => a * b, 1))
  const buffers = batchBuffers(w.dataset, h.batchSize)
  const layout = layoutOf(model)
  const lossOf = (y: tf.Tensor, p: tf.Tensor): tf.Tensor => objective.loss === 'categoricalCrossentropy'
    ? tf.metrics.categoricalCrossentropy(y, p)
    : objective.loss === 'binaryCrossentropy' ? tf.metrics.binaryCrossentropy(y, p) : tf.metrics.meanSquaredError(y, p)
  const dp = w.mode === 'dp' && w.grads !== undefined && w.barrier !== undefined
    ? { model, optimizer, layout, slots: new Float32Array(w.grads), barrier: new Int32Array(w.barrier), lossOf, buffers }
    : undefined
  if (w.mode === 'dp' && dp === undefined) throw new Error('dp mode without shared buffers')
  if (dp !== undefined && dp.slots.length < 2 * w.k * layout.params) throw new Error('gradient buffer too small for the model')
  const start = w.rank === 0 ? await saveModel(model) : undefined
  const go = new Promise<void>(resolve => port?.once('message', () => { resolve() }))
  port?.postMessage({ type: 'ready' })
  await go
  const cpu0 = cpuNow()
  let loss = Number.NaN
  let step = 0
  for (let e = 1; e <= h.epochs; e++) {
    const order = epochOrder(w.seed, e, nTrain)
    for (let b = 1; b <= perEpoch; b++) {
      const last = e === h.epochs && b === perEpoch
      if (dp === undefined) {
        const { values } = trainStep(model, w.dataset, order, b, h.batchSize, buffers)
        if (last) loss = (values[0] as tf.Scalar).dataSync()[0] as number
        tf.dispose(values)
      } else {
        const from = (b - 1) * h.batchSize
        const share = dataParallelStep(dp, w.dataset, order, from, Math.min(nTrain, from + h.batchSize), step++)
        if (last) loss = share === undefined ? 0 : share.dataSync()[0] as number
        share?.dispose()
      }
    }
  }
  const cpuMs = cpuNow() - cpu0
  const final = w.rank === 0 ? await saveModel(model) : undefined
  port?.postMessage({ type: 'done', loss, cpuMs, waitMs, ...phases, start, final })
}

main().catch(err => { port.postMessage({ type: 'error', message: (err as Error).stack ?? String(err) }) })
