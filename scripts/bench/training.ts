/**
 * Benchmark (not a test): training throughput per tfjs backend available on this machine, through
 * the real executor — `runTraining` (a worker thread, the peer daemon's path) on real MNIST digits —
 * for the MLP (test/fixtures/jobs/mlp.json, 784→64→10) and the CNN (cnn.json, Conv2D 8 3×3 →
 * MaxPool → Dense 10), next to that backend's float32 matmul GFLOP/s measured in this process.
 *
 * Per run: start-up = the first `next()` on the executor until its 'started' event (worker spawn,
 * tsx, model validation, dataset decode, tfjs import and backend init, model build); training time
 * = 'started' until 'done' (every batch, the per-epoch checkpoint saves, the final model save);
 * samples = epochs × trainSamples. The achieved training GFLOP/s is the model's counted training
 * FLOPs (parseModel(def).totals.trainingFlopsPerSample, ≈ 3 × forward) × samples/s, also shown
 * as a share of the backend's best matmul GFLOP/s.
 *
 * Every model trains at two sizes (--small-samples and --samples digits) so the growth of the
 * cost with the data shows; the cpu backend trains a CNN at tens of samples/s: its CNN runs once,
 * cut to --cpu-cnn-samples digits and one epoch, so the whole bench stays within a few minutes.
 *
 * The anchor: when a Python with torch is found (torch-anchor.ts), the same two models train in
 * PyTorch on the same digits at both sizes (batch, Adam, learning rate, epochs as here) with
 * torch's threads = this machine's cores, and the last line reads `vs PyTorch: mlp R, cnn R`, the
 * best tfjs backend's samples/s over PyTorch's at --samples, measured in this run. PyTorch runs with
 * one thread and with as many as the machine has cores, and the faster one is the anchor: on a
 * loaded machine torch's OpenMP threads wait on each other and two can be far slower than one.
 *
 * Data-parallel (data-parallel.ts, on wasm when it loads; --dp-workers, default min(cores, 2)):
 * each round also trains every model at both sizes with one worker thread running `trainStep` and
 * with k threads each taking its rows of every batch and summing gradients over shared memory, and
 * prints samples/s of both, their ratio (fastest of each, and per round), the CPU-bound figure,
 * the ratio to PyTorch and the replay deviation of the k-worker weights from the one-worker ones.
 *
 * Timings share the machine with whatever else runs: check the load average before trusting them.
 * --repeat N runs N rounds, each taking every tfjs and PyTorch configuration once so that both see
 * the same load, and keeps each configuration's fastest run.
 *
 *   npm run bench:training -- --samples 8000 --epochs 2
 */
import { readFile } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { Command } from 'commander'
import * as tf from '@tensorflow/tfjs'
import { detectBackends, type Backend } from '../../src/training/backends.js'
import { pickBackendDetailed } from '../../src/training/backend-picker.js'
import { runTraining, type TrainingEvent } from '../../src/training/executor.js'
import { modelHash, type TrainingSpec } from '../../src/training/spec.js'
import { RequiredDevice } from '../../protocols/jobs.js'
import { encodeCyxt, type Dataset } from '../../src/training/dataset-format.js'
import { mnistDatasets, MNIST_PER_DIGIT } from '../../src/training/mnist.js'
import { parseModel } from '../../src/model/index.js'
import { findTorch, runTorch, type TorchPython, type TorchRun } from './torch-anchor.js'
import { fastestCases, reportParallel, trainParallel, type ParallelRun } from './data-parallel.js'

const opts = new Command()
  .option('--samples <n>', 'training digits per run (the large size)', '8000')
  .option('--small-samples <n>', 'training digits of the small size', '2000')
  .option('--repeat <n>', 'rounds of every tfjs and PyTorch run; each configuration\'s fastest counts', '1')
  .option('--no-torch', 'skip the PyTorch anchor')
  .option('--torch-threads <list>', 'torch thread counts to run (default: 1 and this machine\'s cores; the anchor is the fastest)')
  .option('--epochs <n>', 'epochs per run', '2')
  .option('--batch-size <n>', 'batch size', '32')
  .option('--cpu-cnn-samples <n>', 'digits for the cpu backend\'s CNN run (one epoch: it is slow)', '256')
  .option('--backends <list>', 'comma-separated backends to run (default: every one detected)')
  .option('--models <list>', 'comma-separated models: mlp, cnn', 'mlp,cnn')
  .option('--matmul-ms <n>', 'minimum timed duration per matmul size', '1000')
  .option('--dp-workers <n>', 'workers of the data-parallel wasm runs (1 skips them)', String(Math.min(availableParallelism(), 2)))
  .parse().opts<{ samples: string, smallSamples: string, repeat: string, torch: boolean, torchThreads?: string, epochs: string, batchSize: string, cpuCnnSamples: string, backends?: string, models: string, matmulMs: string, dpWorkers: string }>()

const int = (s: string, fallback: number, min = 1): number => Math.max(min, Number.parseInt(s, 10) || fallback)
const HELD_OUT = 20 // mnistDatasets needs ≥ 1 test digit per class; they are not used here
const maxTrain = MNIST_PER_DIGIT * 10 - HELD_OUT
const samples = Math.min(maxTrain, int(opts.samples, 8000, 10))
const sizes = [...new Set([Math.min(samples, int(opts.smallSamples, 2000, 10)), samples])]
const LEARNING_RATE = 0.001
const repeat = int(opts.repeat, 1)
const epochs = int(opts.epochs, 2)
const batchSize = int(opts.batchSize, 32)
const cpuCnnSamples = Math.min(maxTrain, int(opts.cpuCnnSamples, 256, 10))
const matmulMs = int(opts.matmulMs, 1000, 1)
const dpWorkers = int(opts.dpWorkers, 2)
const detected = detectBackends()
const backends = opts.backends == null ? detected : opts.backends.split(',').map(s => s.trim() as Backend).filter(b => detected.includes(b))
const MODELS = { mlp: { file: 'mlp.json', shape: 'flat' }, cnn: { file: 'cnn.json', shape: 'image' } } as const
type ModelName = keyof typeof MODELS
const models = opts.models.split(',').map(s => s.trim()).filter((m): m is ModelName => m in MODELS)
const MATMUL_SIZES = [512, 1024] as const
// the peer daemon's default cadence (defaultJobRunnerInit.progressEveryBatches)
const PROGRESS_EVERY = 20

interface Matmul { n: number, gflops: number, iterations: number }
interface Run {
  backend: Backend, model: ModelName, ran: Backend, trainSamples: number, epochs: number,
  startupMs: number, trainMs: number, samplesPerSec: number, trainGflops: number, accuracy: number
}

/** float32 n×n matmul on the backend now set: one warm-up, then timed until `matmulMs` has passed */
async function matmul (n: number): Promise<Matmul> {
  const a = tf.randomUniform([n, n], -1, 1, 'float32')
  const b = tf.randomUniform([n, n], -1, 1, 'float32')
  const once = async (): Promise<void> => {
    const c = tf.matMul(a, b)
    await c.data() // the product really computed (and read back) before the clock stops
    c.dispose()
  }
  await once()
  let iterations = 0
  const t0 = performance.now()
  while (iterations === 0 || performance.now() - t0 < matmulMs) { await once(); iterations++ }
  const seconds = (performance.now() - t0) / 1000
  tf.dispose([a, b])
  return { n, gflops: 2 * n ** 3 * iterations / seconds / 1e9, iterations }
}

const isCut = (backend: Backend, model: ModelName): boolean => backend === 'cpu' && model === 'cnn'

const specOf = (definition: string, n: number, e: number): TrainingSpec => ({
  modelHash: modelHash(definition), datasetUri: '', datasetSamples: BigInt(n), requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 1, commitEveryBatches: 0,
  hyperparameters: { epochs: e, batchSize, learningRate: LEARNING_RATE, optimizer: 'adam', validationSplit: 0, metrics: ['accuracy'] }
})

/** one worker running trainStep and `dpWorkers` data-parallel ones, on the digits `train` uses */
async function trainBoth (model: ModelName, definition: string, size: number): Promise<ParallelRun[]> {
  const { train: data } = mnistDatasets({ train: size, test: HELD_OUT, shape: MODELS[model].shape, seed: 1 })
  const params = parseModel(definition).totals.params
  const out: ParallelRun[] = []
  for (const [k, mode] of [[1, 'step'], [dpWorkers, 'dp']] as const) out.push(await trainParallel(definition, data, specOf(definition, size, epochs), k, mode, params))
  return out
}

async function train (backend: Backend, model: ModelName, definition: string, size: number): Promise<Run> {
  const cut = isCut(backend, model)
  const n = cut ? cpuCnnSamples : size
  const e = cut ? 1 : epochs
  const { train: data } = mnistDatasets({ train: n, test: HELD_OUT, shape: MODELS[model].shape, seed: 1 })
  const dataset = encodeCyxt(data)
  const t0 = performance.now()
  let started: Extract<TrainingEvent, { type: 'started' }> | undefined
  let tStarted = 0
  const spec = specOf(definition, n, e)
  for await (const ev of runTraining({ spec, modelDefinition: definition, dataset, progressEveryBatches: PROGRESS_EVERY, backend, seed: 1 })) {
    if (ev.type === 'started') { started = ev; tStarted = performance.now() }
    if (ev.type === 'failed') throw new Error(`${backend} ${model}: ${ev.code}: ${ev.message}`)
    if (ev.type === 'done') {
      const tDone = performance.now()
      if (started == null) throw new Error(`${backend} ${model}: done without started`)
      const total = started.trainSamples * e
      const sps = total / ((tDone - tStarted) / 1000)
      return {
        backend, model, ran: started.backend, trainSamples: started.trainSamples, epochs: e,
        startupMs: tStarted - t0, trainMs: tDone - tStarted, samplesPerSec: sps,
        trainGflops: parseModel(definition).totals.trainingFlopsPerSample * sps / 1e9,
        accuracy: ev.finalMetrics.final_accuracy ?? Number.NaN
      }
    }
  }
  throw new Error(`${backend} ${model}: the executor ended without 'done'`)
}

const definitions = Object.fromEntries(await Promise.all(models.map(async m =>
  [m, await readFile(new URL(`../../test/fixtures/jobs/${MODELS[m].file}`, import.meta.url), 'utf8')] as const))) as Record<ModelName, string>
for (const m of models) {
  const t = parseModel(definitions[m]).totals
  console.log(`${m}: ${t.params} parameters, ${t.forwardFlopsPerSample} forward / ${t.trainingFlopsPerSample} training FLOPs per sample`)
}
console.log(`backends detected: ${detected.join(', ')}; running: ${backends.join(', ')}`)
console.log(`runs: ${sizes.join(' and ')} digits × ${epochs} epochs, the fastest of ${repeat}, batch ${batchSize}, adam (cpu CNN: ${cpuCnnSamples} digits × 1 epoch)\n`)

// the worker does the same; here it silences tfjs' "install tfjs-node" banner on the cpu backend
tf.enableProdMode()
const t0 = performance.now()
const matmuls = new Map<Backend, Matmul[]>()
const loadable: Backend[] = []
for (const backend of backends) {
  const picked = await pickBackendDetailed(backend)
  if (picked.backend !== backend) {
    console.log(`${backend}: not loadable in this process (${picked.skipped.map(s => `${s.backend}: ${s.reason}`).join('; ')}); skipped`)
    continue
  }
  const mm: Matmul[] = []
  for (const n of MATMUL_SIZES) {
    mm.push(await matmul(n))
    const last = mm.at(-1) as Matmul
    console.log(`${backend}: matmul ${n}×${n} float32 ${last.gflops.toFixed(2)} GFLOP/s (${last.iterations} timed)`)
  }
  matmuls.set(backend, mm)
  loadable.push(backend)
}

/** the Python that runs the anchor and its thread counts, or why there is none */
async function anchor (): Promise<{ python: TorchPython, threads: number[] } | undefined> {
  if (!opts.torch) { console.log('\nPyTorch anchor: skipped (--no-torch)'); return undefined }
  const python = await findTorch()
  if ('skipped' in python) { console.log(`\nPyTorch anchor: skipped: ${python.skipped}`); return undefined }
  const cores = availableParallelism()
  const threads = [...new Set((opts.torchThreads ?? `1,${cores}`).split(',').map(t => int(t, 1)))]
  console.log(`\nPyTorch anchor: ${python.python}, torch ${python.version}, ${threads.join(' and ')} threads (this machine has ${cores} cores), batch ${batchSize}, adam lr ${LEARNING_RATE}, ${epochs} epochs`)
  return { python, threads }
}

const torch = await anchor()
// the digits each tfjs run of a size trained on (the CNN's are the same values reshaped)
const torchData = new Map(sizes.map(n => [n, mnistDatasets({ train: n, test: HELD_OUT, shape: 'flat', seed: 1 }).train]))
const allRuns: Run[] = []
const torchRuns: TorchRun[] = []
const parallelRuns: Array<{ model: string, samples: number, run: ParallelRun }> = []
const runParallel = loadable.includes('wasm') && dpWorkers > 1
// rounds take every tfjs and PyTorch configuration once, so both see the machine's load alike
for (let round = 1; round <= repeat; round++) {
  for (const backend of loadable) {
    for (const m of models) for (const size of isCut(backend, m) ? [cpuCnnSamples] : sizes) {
      const r = await train(backend, m, definitions[m], size)
      allRuns.push(r)
      console.log(`round ${round}: ${backend}: ${m} × ${r.trainSamples} ${r.samplesPerSec.toFixed(0)} samples/s (start-up ${r.startupMs.toFixed(0)} ms, training ${(r.trainMs / 1000).toFixed(2)} s${r.ran !== backend ? `, RAN ON ${r.ran}` : ''})`)
    }
  }
  if (runParallel) {
    for (const m of models) for (const size of sizes) {
      for (const run of await trainBoth(m, definitions[m], size)) {
        parallelRuns.push({ model: m, samples: size, run })
        console.log(`round ${round}: wasm ×${run.k} ${run.mode === 'dp' ? 'data-parallel' : 'trainStep'}: ${m} × ${size} ${run.samplesPerSec.toFixed(0)} samples/s (training ${(run.trainMs / 1000).toFixed(2)} s, thread CPU ${run.cpuMs.map(c => (c / 1000).toFixed(2)).join(' + ')} s${run.mode === 'dp' ? `, worker 0: gradients ${(run.gradMs / 1000).toFixed(2)} s, update ${(run.updateMs / 1000).toFixed(2)} s, at the barrier ${(run.barrierCpuMs / 1000).toFixed(2)} s` : ''})`)
      }
    }
  }
  if (torch === undefined) continue
  for (const size of sizes) {
    for (const threads of torch.threads) for (const r of await runTorch(torch.python, torchData.get(size) as Dataset, { models, epochs, batch: batchSize, lr: LEARNING_RATE, threads })) {
      torchRuns.push(r)
      console.log(`round ${round}: torch: ${r.model} × ${r.samples}, ${r.threads} threads: ${r.samples_per_s.toFixed(0)} samples/s (training ${r.train_s.toFixed(2)} s, final batch loss ${r.final_loss.toFixed(3)})`)
    }
  }
}
// the fastest run of each backend, model and size
const runs = allRuns.filter(r => !allRuns.some(o => o !== r && o.backend === r.backend && o.model === r.model && o.trainSamples === r.trainSamples &&
  (o.samplesPerSec > r.samplesPerSec || (o.samplesPerSec === r.samplesPerSec && allRuns.indexOf(o) < allRuns.indexOf(r)))))

const peakOf = (b: Backend): number => Math.max(...(matmuls.get(b) ?? []).map(m => m.gflops))
const rows = runs.map(r => {
  const mm = matmuls.get(r.backend) ?? []
  const peak = peakOf(r.backend)
  return {
    backend: r.ran === r.backend ? r.backend : `${r.backend}→${r.ran}`,
    model: r.model,
    samples: `${r.trainSamples}×${r.epochs}`,
    'start-up ms': r.startupMs.toFixed(0),
    'train s': (r.trainMs / 1000).toFixed(2),
    'samples/s': r.samplesPerSec.toFixed(0),
    'train GFLOP/s': r.trainGflops.toFixed(3),
    ...Object.fromEntries(mm.map(m => [`matmul${m.n} GFLOP/s`, m.gflops.toFixed(2)])),
    '% of matmul': (100 * r.trainGflops / peak).toFixed(1),
    'samples/s per GFLOP/s': (r.samplesPerSec / peak).toFixed(1),
    'final acc': r.accuracy.toFixed(3)
  }
})
console.log('\ntraining through runTraining (worker thread) on real MNIST; matmul in-process on the same backend')
console.table(rows)
for (const m of models) {
  const by = new Map(runs.filter(r => r.model === m).map(r => [r.backend, r]))
  const base = by.get('cpu')
  for (const r of by.values()) {
    if (r === base || base == null) continue
    console.log(`${m}: ${r.backend} trains ${(r.samplesPerSec / base.samplesPerSec).toFixed(1)}× the cpu backend's samples/s (matmul: ${(peakOf(r.backend) / peakOf('cpu')).toFixed(1)}×)`)
  }
}
console.log('% of matmul = (training FLOPs per sample × samples/s) ÷ the backend\'s best matmul GFLOP/s')

const best = (m: ModelName, n: number): Run | undefined => runs.filter(r => r.model === m && r.trainSamples === n && r.epochs === epochs).sort((a, b) => b.samplesPerSec - a.samplesPerSec)[0]
const torchBest = (m: ModelName, n: number): TorchRun | undefined => torchRuns.filter(r => r.model === m && r.samples === n).sort((a, b) => b.samples_per_s - a.samples_per_s)[0]
const growth = (big: number, small: number): string => `${(big / small).toFixed(2)}× from ${sizes[0]} to ${samples} digits`
console.log('\nsamples/s at both sizes (best tfjs backend per model and size)')
for (const m of models) {
  const [small, big] = [best(m, sizes[0] as number), best(m, samples)]
  const t = (n: number): TorchRun | undefined => torchBest(m, n)
  for (const n of sizes) {
    const r = best(m, n)
    const tr = t(n)
    if (r == null) continue
    console.log(`${m} × ${n}: ${r.backend} ${r.samplesPerSec.toFixed(0)}${tr == null ? '' : `, torch ${tr.samples_per_s.toFixed(0)} (${tr.threads} threads), ratio ${(r.samplesPerSec / tr.samples_per_s).toFixed(3)}`}`)
  }
  const ts = t(sizes[0] as number)
  const tb = t(samples)
  if (small != null && big != null && small !== big) console.log(`${m} growth: tfjs ${growth(big.samplesPerSec, small.samplesPerSec)}${ts == null || tb == null ? '' : `, torch ${growth(tb.samples_per_s, ts.samples_per_s)}`}`)
}
if (torch !== undefined) {
  const ratio = (m: ModelName): string => {
    const r = best(m, samples)
    const tr = torchBest(m, samples)
    return r == null || tr == null ? `${m} n/a` : `${m} ${(r.samplesPerSec / tr.samples_per_s).toFixed(2)} (${r.backend} / torch ${tr.threads} threads)`
  }
  console.log(`vs PyTorch: ${models.map(ratio).join(', ')}`)
}
const cases = fastestCases(parallelRuns)
reportParallel(cases, (m, n) => torchBest(m as ModelName, n)?.samples_per_s)
for (const n of sizes) {
  const at = cases.filter(c => c.samples === n)
  if (at.length === 0) continue
  const torchOf = (c: typeof at[number]): string => {
    const tr = torchBest(c.model as ModelName, n)
    return tr == null ? '' : `, ${(c.many.samplesPerSec / tr.samples_per_s).toFixed(2)} of PyTorch`
  }
  console.log(`wasm ×${dpWorkers} data-parallel at ${n} digits: ${at.map(c => `${c.model} ${(c.many.samplesPerSec / c.one.samplesPerSec).toFixed(2)} of 1 worker${torchOf(c)}`).join('; ')}`)
}
console.log(`bench took ${((performance.now() - t0) / 1000).toFixed(1)} s`)
