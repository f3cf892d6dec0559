/**
 * Proof of learning, in-process and through the checking worker: honest segments replay to a
 * deviation ratio near 0 on the same backend and below REPLAY_TOLERANCE across backends (trained
 * on wasm, replayed on cpu); claims that skipped or faked work land far above it; handed-in model
 * directories are checked exactly; the Checker answers through its worker and reports a crashed
 * worker as an error. Small MNIST (640 digits) and a small MLP keep it fast.
 */
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { parseModel } from '../../src/model/index.js'
import { CyxwizError } from '../../src/errors.js'
import { pickBackend } from '../../src/training/backend-picker.js'
import { Checker } from '../../src/training/checker.js'
import { checkState, MODEL_JSON_MAX_BYTES, sameModelWeights } from '../../src/training/check-state.js'
import { encodeCyxt, type Dataset } from '../../src/training/dataset-format.js'
import { trainLoop } from '../../src/training/loop.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import type { ModelFiles } from '../../src/training/model-files.js'
import { deviation, initialState, replaySegment, REPLAY_TOLERANCE } from '../../src/training/replay.js'
import type { Position, TrainingSpec } from '../../src/training/spec.js'
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
const { train, test } = mnistDatasets({ train: 640, test: 100 })
// 640 digits in batches of 32: 20 batches an epoch, a commitment every 5
const spec: TrainingSpec = {
  modelHash: '', datasetUri: '', datasetSamples: 640n, requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 5, commitEveryBatches: 5,
  hyperparameters: { epochs: 2, batchSize: 32, learningRate: 0.002, optimizer: 'adam', validationSplit: 0, metrics: ['accuracy'] }
}
const key = (p: Position): string => `${p.epoch}.${p.batch}`

/** the same digits with their labels shuffled among them: other data of the same shape */
function shuffledLabels (d: Dataset): Dataset {
  const labels = new Float32Array(d.labels.length)
  for (let i = 0; i < d.samples; i++) labels.set(d.labels.subarray(((i * 7 + 3) % d.samples) * 10, ((i * 7 + 3) % d.samples + 1) * 10), i * 10)
  return { ...d, labels }
}

interface Entry { name: string, shape: number[], dtype: string }
interface ModelJson {
  weightsManifest: Array<{ paths: string[], weights: Entry[] }>
  modelTopology: { config: { layers: Array<{ config: Record<string, unknown> }> } }
}
/** the weight entries of model.json's one group, and its i-th entry */
const entries = (j: ModelJson): Entry[] => j.weightsManifest[0]?.weights ?? []
const entryAt = (j: ModelJson, i: number): Entry => entries(j)[i] as Entry

function edit (files: ModelFiles, change: (json: ModelJson) => void, weights = files.weights): ModelFiles {
  const json = JSON.parse(new TextDecoder().decode(files.modelJson)) as ModelJson
  change(json)
  return { modelJson: new TextEncoder().encode(JSON.stringify(json)), weights }
}

async function refused (p: Promise<unknown>, text?: string): Promise<void> {
  const err = await p.then(() => undefined, (e: unknown) => e)
  expect(err, 'expected a refusal').to.be.instanceOf(CyxwizError)
  expect((err as CyxwizError).code).to.equal('ERR_COMPLETION')
  if (text !== undefined) expect((err as CyxwizError).message).to.include(text)
}

describe('training: replay and checks (proof of learning)', function () {
  this.timeout(120_000)
  /** honest states by position, trained on wasm; the final model */
  const states = new Map<string, ModelFiles>()
  let final: ModelFiles

  before(async () => {
    await pickBackend('wasm')
    const r = await trainLoop(model, train, { spec, progressEveryBatches: 100 }, {
      onState: s => { states.set(key(s), s.state) },
      onEpoch: e => { states.set(key({ epoch: e.epoch, batch: 20 }), e.checkpoint) }
    })
    if (!r.ok) throw new Error(r.message)
    final = r.model
    states.set('1.0', await initialState(model, spec, train))
  })
  after(async () => { await tf.setBackend('cpu') })

  const replay = async (from: Position, to: Position, dataset = train): Promise<ModelFiles> =>
    await replaySegment({ model, dataset, spec, start: from.epoch === 1 && from.batch === 0 ? undefined : states.get(key(from)), from, to })
  const state = (k: string): ModelFiles => states.get(k) as ModelFiles

  it('commits at 5, 10, 15 and checkpoints at 20 in both epochs', () => {
    expect([...states.keys()].sort()).to.deep.equal(['1.0', '1.10', '1.15', '1.20', '1.5', '2.10', '2.15', '2.20', '2.5'])
  })

  it('replays an honest segment on the same backend to a ratio of about 0', async () => {
    await tf.setBackend('wasm')
    for (const [from, to] of [[{ epoch: 1, batch: 0 }, { epoch: 1, batch: 5 }], [{ epoch: 1, batch: 10 }, { epoch: 1, batch: 15 }]] as const) {
      const d = deviation(state(key(from)), state(key(to)), await replay(from, to))
      expect(d.update).to.be.above(0.01)
      expect(d.ratio, `${key(from)} → ${key(to)}`).to.be.below(1e-4)
    }
  })

  it('replays honest wasm segments on cpu below REPLAY_TOLERANCE, across an epoch boundary too', async () => {
    await tf.setBackend('cpu')
    for (const [from, to] of [[{ epoch: 1, batch: 0 }, { epoch: 1, batch: 5 }], [{ epoch: 1, batch: 15 }, { epoch: 1, batch: 20 }], [{ epoch: 1, batch: 20 }, { epoch: 2, batch: 5 }]] as const) {
      const d = deviation(state(key(from)), state(key(to)), await replay(from, to))
      expect(d.ratio, `${key(from)} → ${key(to)}`).to.be.below(REPLAY_TOLERANCE)
    }
  })

  it('puts cheats far above REPLAY_TOLERANCE: no update, half the steps, other data, an earlier state', async () => {
    await tf.setBackend('cpu')
    const from = { epoch: 1, batch: 10 }
    const to = { epoch: 1, batch: 15 }
    const start = state('1.10')
    const honest = await replay(from, to)
    const cheats: Record<string, ModelFiles> = {
      'no update': start,
      'half the steps': await replay(from, { epoch: 1, batch: 12 }),
      'other data': await replay(from, to, shuffledLabels(train)),
      'an earlier state': state('1.5')
    }
    for (const [what, claimed] of Object.entries(cheats)) {
      expect(deviation(start, claimed, honest).ratio, what).to.be.above(REPLAY_TOLERANCE * 10)
    }
  })

  it('refuses malformed segments with a named error', async () => {
    for (const [from, to] of [[{ epoch: 1, batch: 5 }, { epoch: 2, batch: 5 }], [{ epoch: 1, batch: 5 }, { epoch: 1, batch: 5 }], [{ epoch: 1, batch: 0 }, { epoch: 1, batch: 21 }], [{ epoch: 3, batch: 0 }, { epoch: 3, batch: 5 }]] as const) {
      const err = await replay(from, to).then(() => undefined, (e: unknown) => e)
      expect((err as CyxwizError).code, `${key(from)} → ${key(to)}`).to.equal('ERR_INVALID_ARGUMENT')
    }
    const err = await replaySegment({ model, dataset: train, spec, start: undefined, from: { epoch: 1, batch: 5 }, to: { epoch: 1, batch: 10 } }).then(() => undefined, (e: unknown) => e)
    expect((err as CyxwizError).code).to.equal('ERR_INVALID_ARGUMENT')
  })

  it('accepts an honest checkpoint, state and final model, and sees the final model is the last checkpoint\'s weights', async () => {
    await checkState({ model, spec, files: state('2.20'), kind: 'checkpoint' })
    await checkState({ model, spec, files: state('1.5'), kind: 'checkpoint' })
    await checkState({ model, spec, files: final, kind: 'model' })
    expect(sameModelWeights(final, state('2.20'))).to.equal(true)
    expect(sameModelWeights(final, state('2.15'))).to.equal(false)
  })

  it('refuses a bad manifest, other weights, a misplaced or missing optimizer, another topology, oversized model.json and NaN', async () => {
    const ckpt = state('1.10')
    const check = async (files: ModelFiles, kind: 'checkpoint' | 'model' = 'checkpoint'): Promise<void> => { await checkState({ model, spec, files, kind }) }
    await refused(check(edit(ckpt, j => { j.weightsManifest = [] })))
    const withExtra = new Uint8Array(final.weights.byteLength + 4)
    withExtra.set(final.weights)
    await refused(check(edit(final, j => { entries(j).push({ name: 'extra', shape: [1], dtype: 'float32' }) }, withExtra), 'model'), 'extra')
    await refused(check(edit(final, j => { entryAt(j, 1).shape = [4, 4] }), 'model'))
    await refused(check(ckpt, 'model'), 'no optimizer')
    await refused(check(final, 'checkpoint'), 'optimizer')
    await refused(check(edit(final, j => { (j.modelTopology.config.layers[1] as { config: Record<string, unknown> }).config.activation = 'tanh' }), 'model'), 'topology')
    const padded = new Uint8Array(MODEL_JSON_MAX_BYTES + 1).fill(32)
    padded.set(final.modelJson)
    await refused(check({ modelJson: padded, weights: final.weights }, 'model'), 'bytes')
    const nan = final.weights.slice()
    new Float32Array(nan.buffer, 0, 1)[0] = Number.NaN
    await refused(check({ modelJson: final.modelJson, weights: nan }, 'model'), 'NaN')
  })

  describe('Checker (the checking worker)', () => {
    it('checks, replays (loading a dataset once) and evaluates through its worker; refusals keep their code', async () => {
      const c = new Checker({ backend: 'cpu' })
      try {
        await c.checkState({ modelDefinition: definition, spec, files: state('1.15'), kind: 'checkpoint' })
        await refused(c.checkState({ modelDefinition: definition, spec, files: state('1.15'), kind: 'model' }))
        expect(await c.sameModelWeights(final, state('2.20'))).to.equal(true)
        let loads = 0
        const dataset = { key: 'mnist-640', load: async () => { loads++; return encodeCyxt(train) } }
        const first = await c.replay({ modelDefinition: definition, spec, dataset, from: { epoch: 1, batch: 0 }, to: { epoch: 1, batch: 5 }, claimed: state('1.5') })
        const second = await c.replay({ modelDefinition: definition, spec, dataset, start: state('1.5'), from: { epoch: 1, batch: 5 }, to: { epoch: 1, batch: 10 }, claimed: state('1.5') })
        expect(first).to.include({ batches: 5, backend: 'cpu' })
        expect(first.ratio).to.be.below(REPLAY_TOLERANCE)
        expect(second.ratio, 'a claim of no update').to.be.above(REPLAY_TOLERANCE)
        expect(loads).to.equal(1)
        const scored = await c.evaluate({ modelDefinition: definition, spec, model: final, dataset: encodeCyxt(test) })
        expect(scored).to.include({ samples: 100, backend: 'cpu' })
        expect(scored.accuracy).to.be.above(0.5)
        await refused(c.evaluate({ modelDefinition: definition, spec, model: edit(final, j => { entryAt(j, 0).name = 'other/kernel' }), dataset: encodeCyxt(test) }))
      } finally {
        await c.stop()
      }
    })

    it('reports a crashed worker as an error, not a hang, and starts a new one for the next request', async () => {
      const c = new Checker({ resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 } })
      try {
        for (let i = 0; i < 2; i++) {
          const err = await c.checkState({ modelDefinition: definition, spec, files: final, kind: 'model' }).then(() => undefined, (e: unknown) => e)
          expect((err as CyxwizError).code).to.equal('ERR_TRAINING')
          expect((err as Error).message).to.match(/checking worker/)
        }
      } finally {
        await c.stop()
      }
    })
  })
})
