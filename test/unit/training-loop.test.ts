/**
 * The training loop in-process on the cpu backend with small synthetic data (the worker and real
 * MNIST are in training-executor.test.ts): objective choice, validation kept out of training,
 * metrics, no tensor growth per batch, exact resume for every optimizer, divergence, failures
 * with checkpoints, and cancellation within one batch.
 */
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { parseModel, type ValidatedModel } from '../../src/model/index.js'
import type { Dataset } from '../../src/training/dataset-format.js'
import { chooseObjective, trainLoop, type LoopOptions, type LoopResult } from '../../src/training/loop.js'
import { OPTIMIZERS } from '../../src/training/spec.js'
import { batchBuffers, batchTensors, checkHyperparameters, compileJob, epochOrder, trainStep } from '../../src/training/steps.js'
import { RequiredDevice, type Hyperparameters } from '../../protocols/jobs.js'
import { loadModel, readMetadata, type ModelFiles } from '../../src/training/model-files.js'

/** 4 features → `units` outputs with the given output activation. */
function mlp (units: number, activation: string): ValidatedModel {
  return parseModel({
    nodes: [
      { id: 'x', op: 'Input', params: { shape: [4] } },
      { id: 'h', op: 'Dense', params: { units: 12, activation: 'relu' } },
      { id: 'y', op: 'Dense', params: { units, activation } }
    ],
    edges: [['x', 'h'], ['h', 'y']]
  })
}

/** n samples, 3 classes separable by which of the first three features is largest. */
function blobs (n: number, labelUnits = 3): Dataset {
  const features = new Float32Array(n * 4)
  const labels = new Float32Array(n * labelUnits)
  let s = 7
  const r = (): number => { s = (s * 1103515245 + 12345) % 2 ** 31; return s / 2 ** 31 }
  for (let i = 0; i < n; i++) {
    const c = i % 3
    for (let f = 0; f < 4; f++) features[i * 4 + f] = r() + (f === c ? 1.5 : 0)
    if (labelUnits === 3) labels[i * 3 + c] = 1
    else labels[i] = c === 0 ? 1 : 0
  }
  return { samples: n, featureShape: [4], labelShape: [labelUnits], features, labels }
}

/** a run of 3 epochs of Adam with 16-sample batches, a quarter held out, progress every batch; `h` overrides hyperparameters */
function opts (h: Partial<Hyperparameters> = {}, run: Partial<Omit<LoopOptions, 'spec'>> = {}): LoopOptions {
  return {
    spec: {
      modelHash: '', datasetUri: '', datasetSamples: 0n, requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 1, commitEveryBatches: 0,
      hyperparameters: { epochs: 3, batchSize: 16, learningRate: 0.02, optimizer: 'adam', validationSplit: 0.25, metrics: [], ...h }
    },
    progressEveryBatches: 1,
    seed: 11,
    ...run
  }
}
const base = opts()

function ok (r: LoopResult): Extract<LoopResult, { ok: true }> {
  if (!r.ok) throw new Error(`training failed: ${r.code} ${r.message}`)
  return r
}

async function weightsOf (files: ModelFiles): Promise<number[]> {
  const m = await loadModel(files)
  const w = m.getWeights().flatMap(t => Array.from(t.dataSync()))
  m.dispose()
  return w
}

describe('training: loop', () => {
  before(async () => { await tf.setBackend('cpu') })

  it('chooses loss and accuracy from the output activation and the labels', () => {
    expect(chooseObjective(mlp(3, 'softmax'), blobs(6))).to.deep.equal({ loss: 'categoricalCrossentropy', accuracy: 'categorical' })
    expect(chooseObjective(mlp(1, 'sigmoid'), blobs(6, 1))).to.deep.equal({ loss: 'binaryCrossentropy', accuracy: 'binary' })
    expect(chooseObjective(mlp(3, 'linear'), blobs(6))).to.deep.equal({ loss: 'meanSquaredError', accuracy: 'categorical' })
    const soft = blobs(6)
    soft.labels[0] = 0.5
    expect(chooseObjective(mlp(3, 'linear'), soft)).to.deep.equal({ loss: 'meanSquaredError', accuracy: null })
    expect(chooseObjective(mlp(1, 'linear'), blobs(6, 1))).to.deep.equal({ loss: 'meanSquaredError', accuracy: null })
  })

  it('trains with every job metric that adds values (accuracy, mse, mae, precision, recall), keeps tensors flat per batch and frees everything at the end', async () => {
    const d = blobs(240)
    const start = tf.memory().numTensors
    const counts: number[] = []
    const progress: Array<{ epoch: number, batch: number, progress: number, metrics: Record<string, number> }> = []
    const epochs: Array<Record<string, number>> = []
    let info: unknown
    const r = ok(await trainLoop(mlp(3, 'softmax'), d, opts({ metrics: ['accuracy', 'mse', 'mae', 'precision', 'recall'] }), {
      onStart: i => { info = i },
      onProgress: p => { progress.push(p); counts.push(tf.memory().numTensors) },
      onEpoch: e => { epochs.push(e.metrics) }
    }))
    expect(info).to.deep.include({ trainSamples: 180, validationSamples: 60, batchesPerEpoch: 12 })
    expect(progress).to.have.length(36)
    expect(progress.map(p => p.progress).at(-1)).to.equal(1)
    expect(Object.keys(progress[0]?.metrics ?? {})).to.include.members(['batch_loss', 'batch_accuracy', 'batch_time_ms', 'learning_rate', 'batch_mse', 'batch_mae', 'loss', 'accuracy'])
    // after the first batch (optimizer slots appear then) the count never moves
    expect(new Set(counts.slice(1)).size, counts.join(',')).to.equal(1)
    expect(Object.keys(epochs[0] ?? {})).to.include.members(['epoch_loss', 'epoch_accuracy', 'validation_loss', 'validation_accuracy', 'validation_precision', 'validation_recall', 'validation_mse', 'epoch_mse'])
    expect(epochs[2]?.epoch_loss).to.be.below(epochs[0]?.epoch_loss as number)
    const last = epochs[2] as Record<string, number>
    expect(r.finalMetrics).to.deep.include({ final_loss: last.validation_loss, final_accuracy: last.validation_accuracy, final_recall: last.validation_recall })
    expect(r.finalMetrics.final_accuracy).to.be.above(0.9)
    expect(r.finalMetrics.best_epoch).to.be.within(1, 3)
    expect(r.finalMetrics.total_time_ms).to.equal(r.totalTimeMs)
    expect(tf.memory().numTensors).to.equal(start)
  })

  it('never trains on the validation samples (the last ⌈split × n⌉, unshuffled)', async () => {
    // poisoned tail: one of these samples in a batch makes the squared error overflow to Infinity
    const d = blobs(100)
    d.features.fill(1e30, 75 * 4)
    const r = ok(await trainLoop(mlp(3, 'linear'), d, opts({ epochs: 2, validationSplit: 0.25 })))
    expect(r.finalMetrics.final_loss).to.equal(Infinity)
    // without the split the same data diverges
    const bad = await trainLoop(mlp(3, 'linear'), d, opts({ epochs: 2, validationSplit: 0 }))
    expect(bad).to.deep.include({ ok: false, code: 'ERR_TRAINING_DIVERGED', epochsDone: 0 })
  })

  it('reading losses only when it reports still names the first diverged batch and commits no state after it', async () => {
    // rows 40… overflow the squared error; unshuffled order is not used, so find the first batch holding one
    const d = blobs(100)
    d.features.fill(1e30, 40 * 4)
    const o = opts({ epochs: 1, validationSplit: 0, batchSize: 4 }, { progressEveryBatches: 1000 })
    o.spec = { ...o.spec, commitEveryBatches: 20 }
    const order = epochOrder(11, 1, 100)
    const first = 1 + Math.floor(order.findIndex(i => i >= 40) / 4)
    const states: number[] = []
    const start = tf.memory().numTensors
    const r = await trainLoop(mlp(3, 'linear'), d, o, { onState: s => { states.push(s.batch) } })
    expect(r).to.deep.include({ ok: false, code: 'ERR_TRAINING_DIVERGED', epochsDone: 0 })
    if (r.ok) return
    expect(r.message).to.include(`batch ${first} `)
    expect(states.every(b => b < first), `states ${states.join(', ')}, first diverged batch ${first}`).to.equal(true)
    expect(tf.memory().numTensors).to.equal(start)
  })

  it('reports a divergence still unread when it is cancelled, without a NaN checkpoint', async () => {
    const d = blobs(100)
    d.features.fill(1e30, 30 * 4, 40 * 4)
    const o = opts({ epochs: 2, validationSplit: 0, batchSize: 4 }, { progressEveryBatches: 1000 })
    const order = epochOrder(11, 1, 100)
    const first = 1 + Math.floor(order.findIndex(i => i >= 30 && i < 40) / 4)
    // the first batch is always read (its report goes out at once): the diverging one must come later
    expect(first).to.be.greaterThan(1)
    // checked once before each batch: cancelled right after the first diverging one, before any read
    let checks = 0
    const signal = { get aborted (): boolean { return ++checks > first } }
    const start = tf.memory().numTensors
    const r = await trainLoop(mlp(3, 'linear'), d, { ...o, signal })
    expect(r).to.deep.include({ ok: false, code: 'ERR_TRAINING_DIVERGED', epochsDone: 0 })
    if (r.ok) return
    expect(r.message).to.include(`epoch 1, batch ${first} `).and.include('cancelled')
    expect(r.checkpoint).to.equal(undefined)
    expect(tf.memory().numTensors).to.equal(start)
  })

  it('steps exactly as trainOnBatch does (same loss, metrics and weights)', async () => {
    const d = blobs(64)
    const v = mlp(3, 'softmax')
    const h = checkHyperparameters(opts({ metrics: ['accuracy', 'mse'] }).spec)
    const a = compileJob(v, h, chooseObjective(v, d), 5)
    const b = compileJob(v, h, chooseObjective(v, d), 5)
    const order = epochOrder(5, 1, 64)
    for (let batch = 1; batch <= 4; batch++) {
      const [x, y] = batchTensors(d, (batch - 1) * 16, batch * 16, order)
      const viaLayers = await a.model.trainOnBatch(x, y) as number[]
      tf.dispose([x, y])
      const step = trainStep(b.model, d, order, batch, 16, batchBuffers(d, 16))
      expect(step.values.map(t => t.dataSync()[0])).to.deep.equal(viaLayers)
      tf.dispose(step.values)
    }
    const wa = a.model.getWeights().flatMap(t => Array.from(t.dataSync()))
    const wb = b.model.getWeights().flatMap(t => Array.from(t.dataSync()))
    expect(wb).to.deep.equal(wa)
    for (const j of [a, b]) { j.model.dispose(); j.optimizer.dispose() }
  })

  it('uses binary accuracy for a sigmoid unit and reports no accuracy for a regression', async () => {
    const bin = ok(await trainLoop(mlp(1, 'sigmoid'), blobs(120, 1), opts({ epochs: 2 })))
    expect(bin.finalMetrics).to.have.property('final_accuracy')
    const reg = blobs(120, 1)
    reg.labels.forEach((_, i) => { reg.labels[i] = (reg.features[i * 4] as number) * 2 })
    const r = ok(await trainLoop(mlp(1, 'linear'), reg, opts({ epochs: 2, metrics: ['accuracy', 'mae'] })))
    expect(r.finalMetrics).not.to.have.property('final_accuracy')
    expect(r.finalMetrics).to.have.property('final_mae')
  })

  for (const optimizer of OPTIMIZERS) {
    it(`resumes ${optimizer} from the epoch-1 checkpoint to the same weights as an uninterrupted run`, async () => {
      const d = blobs(96)
      // the seed is the spec's: the resumed run takes it from there, not from the checkpoint
      const twice = opts({ epochs: 2, optimizer, learningRate: optimizer === 'adadelta' ? 1 : 0.05, validationSplit: 0 }, { seed: undefined })
      let first: ModelFiles | undefined
      const straight = ok(await trainLoop(mlp(3, 'softmax'), d, twice, { onEpoch: e => { if (e.epoch === 1) first = e.checkpoint } }))
      expect(readMetadata(first as ModelFiles)).to.deep.nested.include({ 'cyxwiz.epochsDone': 1, 'cyxwiz.seed': 1 })
      const seen: number[] = []
      const resumed = ok(await trainLoop(mlp(3, 'softmax'), d, { ...twice, resume: { epochsDone: 1, checkpoint: first as ModelFiles } }, {
        onProgress: p => { seen.push(p.epoch) }
      }))
      expect(new Set(seen)).to.deep.equal(new Set([2]))
      const a = await weightsOf(straight.model)
      const b = await weightsOf(resumed.model)
      expect(a.reduce((m, x, i) => Math.max(m, Math.abs(x - (b[i] as number))), 0)).to.be.below(1e-6)
      expect(resumed.finalMetrics.best_epoch).to.equal(straight.finalMetrics.best_epoch)
    })
  }

  it('commits its state every commitEveryBatches batches short of the epoch\'s end, without changing the training', async () => {
    const d = blobs(240)
    const every = opts({ metrics: ['accuracy'] })
    every.spec = { ...every.spec, commitEveryBatches: 4 }
    const states: Array<{ epoch: number, batch: number, state: ModelFiles }> = []
    const committed = ok(await trainLoop(mlp(3, 'softmax'), d, every, { onState: s => { states.push(s) } }))
    // 180 training samples in batches of 16: 12 batches; batch 12 is the epoch's checkpoint instead
    expect(states.map(s => [s.epoch, s.batch])).to.deep.equal([[1, 4], [1, 8], [2, 4], [2, 8], [3, 4], [3, 8]])
    const manifest = JSON.parse(new TextDecoder().decode(states[0]?.state.modelJson)) as { weightsManifest: Array<{ weights: Array<{ group?: string }> }> }
    expect(manifest.weightsManifest[0]?.weights.some(w => w.group === 'optimizer')).to.equal(true)
    const plain = ok(await trainLoop(mlp(3, 'softmax'), d, every))
    expect(Buffer.from(committed.model.weights).equals(Buffer.from(plain.model.weights))).to.equal(true)
  })

  it('turns an exception mid-epoch into a failure with the epochs done and a checkpoint of the current state', async () => {
    const r = await trainLoop(mlp(3, 'softmax'), blobs(96), opts({ epochs: 3 }), {
      onProgress: p => { if (p.epoch === 2 && p.batch === 3) throw new Error('disk full') }
    })
    if (r.ok) throw new Error('expected a failure')
    expect(r).to.deep.include({ code: 'ERR_TRAINING', message: 'disk full', epochsDone: 1 })
    expect(readMetadata(r.checkpoint as ModelFiles)).to.deep.nested.include({ 'cyxwiz.epochsDone': 1 })
  })

  it('names both shapes when labels do not fit the output, and still returns a checkpoint', async () => {
    const r = await trainLoop(mlp(2, 'softmax'), blobs(48), base)
    if (r.ok) throw new Error('expected a failure')
    expect(r.code).to.equal('ERR_DATASET_MISMATCH')
    expect(r.message).to.include('[3]').and.include('[2]')
    expect(r.checkpoint?.weights.byteLength).to.be.above(0)
  })

  it('stops before the next batch once cancelled (ERR_CANCELLED)', async () => {
    const signal = { aborted: false }
    const batches: number[] = []
    const r = await trainLoop(mlp(3, 'softmax'), blobs(240), opts({}, { signal }), {
      onProgress: p => { batches.push(p.batch); if (p.batch === 3) signal.aborted = true }
    })
    expect(r).to.deep.include({ ok: false, code: 'ERR_CANCELLED', epochsDone: 0 })
    expect(batches).to.deep.equal([1, 2, 3])
  })

  it('refuses bad options before allocating anything (ERR_INVALID_JOB)', async () => {
    const d = blobs(12)
    const bads: LoopOptions[] = [
      ...[{ metrics: ['f1'] }, { optimizer: 'lbfgs' }, { epochs: 0 }, { batchSize: 1.5 }, { learningRate: -1 }, { validationSplit: 1 }].map(h => opts(h)),
      opts({}, { progressEveryBatches: 0 }),
      { ...base, spec: { ...base.spec, hyperparameters: undefined } }
    ]
    for (const bad of bads) {
      const r = await trainLoop(mlp(3, 'softmax'), d, bad)
      expect(r, JSON.stringify(bad, (_k, v: unknown) => typeof v === 'bigint' ? String(v) : v)).to.deep.include({ ok: false, code: 'ERR_INVALID_JOB' })
      expect(r, JSON.stringify(bad, (_k, v: unknown) => typeof v === 'bigint' ? String(v) : v)).not.to.have.property('checkpoint')
    }
    const done = await trainLoop(mlp(3, 'softmax'), d, opts({}, { resume: { epochsDone: 3, checkpoint: { modelJson: new Uint8Array(), weights: new Uint8Array() } } }))
    expect(done).to.deep.include({ ok: false, code: 'ERR_INVALID_JOB' })
  })
})
