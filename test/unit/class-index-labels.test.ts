/**
 * Class-index labels (one integer per sample, the usual CSV layout) against a softmax over k
 * units: trained with sparse categorical cross-entropy and sparse accuracy, replayed with the same
 * loss (so honest segments replay exactly and cheats do not), evaluated the same way on held-out
 * data, and — in the loop and in the coordinator's gate alike — refused when an index is not an
 * integer in [0, k). Real MNIST digits, a small MLP, the cpu backend.
 */
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { parseModel } from '../../src/model/index.js'
import { CyxwizError } from '../../src/errors.js'
import { decodeDataset, summariseLabels, type Dataset } from '../../src/training/dataset-format.js'
import { chooseObjective, evaluate } from '../../src/training/evaluate.js'
import { trainLoop } from '../../src/training/loop.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import { loadModel, type ModelFiles } from '../../src/training/model-files.js'
import { deviation, replaySegment, REPLAY_TOLERANCE } from '../../src/training/replay.js'
import type { Position, TrainingSpec } from '../../src/training/spec.js'
import { checkDataset, type GateDatasetInfo } from '../../coordinator/jobs/dataset-gate.js'
import { analyzeModel } from '../../coordinator/jobs/analyze.js'
import { RequiredDevice } from '../../protocols/jobs.js'

const definition = JSON.stringify({
  nodes: [
    { id: 'pixels', op: 'Input', params: { shape: [784] } },
    { id: 'hidden', op: 'Dense', params: { units: 16, activation: 'relu' } },
    { id: 'digit', op: 'Dense', params: { units: 10, activation: 'softmax' } }
  ],
  edges: [['pixels', 'hidden'], ['hidden', 'digit']]
})
const model = parseModel(definition)
const { train: oneHot, test: oneHotTest } = mnistDatasets({ train: 320, test: 100 })

/** the same digits with each one-hot row replaced by its class index: labels [1] */
function indices (d: Dataset): Dataset {
  const labels = new Float32Array(d.samples)
  for (let i = 0; i < d.samples; i++) labels[i] = d.labels.subarray(i * 10, i * 10 + 10).indexOf(1)
  return { ...d, labelShape: [1], labels }
}
const sparse = indices(oneHot)
const sparseTest = indices(oneHotTest)
// 320 digits, batches of 32, a commitment every 5 batches: 10 batches an epoch
const spec: TrainingSpec = {
  modelHash: '', datasetUri: '', datasetSamples: 320n, requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 3, commitEveryBatches: 5,
  hyperparameters: { epochs: 1, batchSize: 32, learningRate: 0.002, optimizer: 'adam', validationSplit: 0, metrics: ['accuracy'] }
}

async function weightsOf (files: ModelFiles): Promise<number[]> {
  const m = await loadModel(files)
  const w = m.getWeights().flatMap(t => Array.from(t.dataSync()))
  m.dispose()
  return w
}

describe('training: class-index labels with a softmax output', function () {
  this.timeout(120_000)
  const states = new Map<string, ModelFiles>()
  let sparseModel: ModelFiles
  let oneHotModel: ModelFiles

  before(async () => {
    await tf.setBackend('cpu')
    const r = await trainLoop(model, sparse, { spec, progressEveryBatches: 100 }, {
      onState: s => { states.set(`${s.epoch}.${s.batch}`, s.state) },
      onEpoch: e => { states.set(`${e.epoch}.10`, e.checkpoint) }
    })
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`)
    sparseModel = r.model
    const o = await trainLoop(model, oneHot, { spec, progressEveryBatches: 100 })
    if (!o.ok) throw new Error(`${o.code}: ${o.message}`)
    oneHotModel = o.model
  })

  it('chooses sparse categorical cross-entropy and sparse accuracy', () => {
    expect(chooseObjective(model, sparse)).to.deep.equal({ loss: 'sparseCategoricalCrossentropy', accuracy: 'sparse' })
    expect(chooseObjective(model, oneHot)).to.deep.equal({ loss: 'categoricalCrossentropy', accuracy: 'categorical' })
  })

  it('trains to the same weights as the same digits one-hot (the losses are the same function)', async () => {
    const a = await weightsOf(sparseModel)
    const b = await weightsOf(oneHotModel)
    expect(a.length).to.equal(b.length)
    let worst = 0
    for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)))
    expect(worst).to.be.below(1e-5)
  })

  it('evaluates held-out class indices with the loss and accuracy of their one-hot rows', async () => {
    const m = await loadModel(sparseModel)
    try {
      const want = new Set(['accuracy', 'precision', 'recall', 'mse'])
      const s = await evaluate(m, sparseTest, 0, sparseTest.samples, chooseObjective(model, sparseTest), want, 32)
      const o = await evaluate(m, oneHotTest, 0, oneHotTest.samples, chooseObjective(model, oneHotTest), want, 32)
      expect(s.accuracy).to.equal(o.accuracy)
      expect(s.accuracy).to.be.above(0.3) // one epoch of 320 digits learns something
      expect(s.loss).to.be.closeTo(o.loss as number, 1e-6)
      expect(s.precision).to.be.closeTo(o.precision as number, 1e-9)
      expect(s.recall).to.be.closeTo(o.recall as number, 1e-9)
      expect(s.mse).to.be.closeTo(o.mse as number, 1e-9)
    } finally {
      m.dispose()
    }
  })

  it('replays an honest segment to about 0 and puts one trained on other indices far above the tolerance', async () => {
    const from: Position = { epoch: 1, batch: 5 }
    const to: Position = { epoch: 1, batch: 10 }
    const start = states.get('1.5') as ModelFiles
    const claimed = states.get('1.10') as ModelFiles
    const honest = await replaySegment({ model, dataset: sparse, spec, start, from, to })
    // same backend: as replay.test.ts, about 0 (float sums of a fresh model are reassociated)
    expect(deviation(start, claimed, honest).ratio).to.be.below(1e-4)
    // the same digits labelled one class higher: a peer that trained on other labels
    const shifted = { ...sparse, labels: sparse.labels.map(c => (c + 1) % 10) }
    const other = await replaySegment({ model, dataset: shifted, spec, start, from, to })
    expect(deviation(start, other, honest).ratio).to.be.above(REPLAY_TOLERANCE * 10)
  })

  for (const [what, labels] of [
    ['an index of 10 for 10 classes', (l: Float32Array) => { l[7] = 10 }],
    ['a negative index', (l: Float32Array) => { l[0] = -1 }],
    ['an index that is not an integer', (l: Float32Array) => { l[3] = 2.5 }]
  ] as const) {
    it(`refuses ${what}: the loop with ERR_DATASET_MISMATCH, and the coordinator's gate before any lock`, async () => {
      const bad = { ...sparse, labels: sparse.labels.slice() }
      labels(bad.labels)
      const r = await trainLoop(model, bad, { spec, progressEveryBatches: 100 })
      expect(r.ok).to.equal(false)
      if (!r.ok) expect(r.code, r.message).to.equal('ERR_DATASET_MISMATCH')
      const info: GateDatasetInfo = { samples: 320n, featureShape: [784], labelShape: [1], bytes: 0n, format: 'cyxt', labelSummary: summariseLabels(bad.labels) }
      let caught: unknown
      try { checkDataset(info, 0n, analyzeModel(definition)) } catch (err) { caught = err }
      expect(caught).to.be.instanceOf(CyxwizError)
      expect((caught as CyxwizError).code).to.equal('ERR_DATASET_MISMATCH')
      // the good indices pass the same gate
      checkDataset({ ...info, labelSummary: summariseLabels(sparse.labels) }, 0n, analyzeModel(definition))
    })
  }

  it('decodes an MNIST-style CSV (label column of class indices) into labels [1] and their summary', () => {
    const csv = 'label,a,b\n3,0.1,0.2\n0,0.3,0.4\n9,0.5,0.6\n'
    const d = decodeDataset(new TextEncoder().encode(csv))
    expect(d.labelShape).to.deep.equal([1])
    expect(d.labelSummary).to.deep.equal({ min: 0, max: 9, integers: true })
  })
})
