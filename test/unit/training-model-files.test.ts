/**
 * Model directories: save → load gives the same predictions; a checkpoint with Adam's state resumes
 * exactly where the original would have gone; `restoreCheckpoint` copies state into a model built
 * from the definition and refuses files that do not fit it; saving does not leak tensors.
 * (Loading with stock `tf.loadLayersModel` over HTTP is in training-executor.test.ts.)
 */
import { createHash } from 'node:crypto'
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { parseModel } from '../../src/model/index.js'
import { buildModel } from '../../src/training/build-model.js'
import { CheckpointableAdamax, loadModel, readMetadata, restoreCheckpoint, saveModel, weightsHash, type ModelFiles } from '../../src/training/model-files.js'

const definition = {
  nodes: [
    { id: 'x', op: 'Input', params: { shape: [6] } },
    { id: 'h', op: 'Dense', params: { units: 8, activation: 'tanh' } },
    { id: 'bn', op: 'BatchNormalization' },
    { id: 'y', op: 'Dense', params: { units: 3, activation: 'softmax' } }
  ],
  edges: [['x', 'h'], ['h', 'bn'], ['bn', 'y']]
}
const v = parseModel(definition)

function compiled (seed: number, optimizer: 'adam' | 'adamax' = 'adam'): tf.LayersModel {
  const m = buildModel(v, { seed })
  m.compile({ optimizer: optimizer === 'adam' ? tf.train.adam(0.01) : new CheckpointableAdamax(0.01), loss: 'categoricalCrossentropy' })
  return m
}

// made in before(): no tensor may exist before a backend is chosen (wasm registers as the default)
let xs: tf.Tensor
let ys: tf.Tensor

const flat = (m: tf.LayersModel): number[] => m.getWeights().flatMap(w => Array.from(w.dataSync()))
const maxDiff = (a: number[], b: number[]): number => a.reduce((d, x, i) => Math.max(d, Math.abs(x - (b[i] as number))), 0)
const json = (f: ModelFiles): Record<string, unknown> => JSON.parse(new TextDecoder().decode(f.modelJson)) as Record<string, unknown>

describe('training: model files', () => {
  before(async () => {
    await tf.setBackend('cpu')
    xs = tf.tensor2d(Array.from({ length: 16 * 6 }, (_, i) => Math.sin(i)), [16, 6])
    ys = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from({ length: 16 }, (_, i) => i % 3), 'int32'), 3).toFloat())
  })
  after(() => { tf.dispose([xs, ys]) })

  it('writes a tfjs model directory whose one shard is weights.bin, hashed as sha256:<hex>', async () => {
    const m = compiled(1)
    const files = await saveModel(m)
    const manifest = json(files).weightsManifest as Array<{ paths: string[], weights: Array<{ name: string }> }>
    expect(manifest).to.have.length(1)
    expect(manifest[0]?.paths).to.deep.equal(['weights.bin'])
    expect(manifest[0]?.weights.map(w => w.name)).to.deep.equal(m.weights.map(w => w.originalName))
    expect(files.weights.byteLength).to.equal(4 * m.countParams())
    expect(json(files)).not.to.have.property('trainingConfig')
    expect(weightsHash(files.weights)).to.equal(`sha256:${createHash('sha256').update(files.weights).digest('hex')}`)
    const loaded = await loadModel(files)
    const a = m.predict(xs) as tf.Tensor
    const b = loaded.predict(xs) as tf.Tensor
    expect(Array.from(b.dataSync())).to.deep.equal(Array.from(a.dataSync()))
    tf.dispose([a, b])
    m.dispose()
    loaded.dispose()
  })

  for (const opt of ['adam', 'adamax'] as const) {
    it(`resumes ${opt} exactly from a checkpoint, through loadModel and through restoreCheckpoint`, async () => {
      const original = compiled(2, opt)
      for (let i = 0; i < 3; i++) await original.trainOnBatch(xs, ys)
      const files = await saveModel(original, { includeOptimizer: true, metadata: { cyxwiz: { epochsDone: 3 } } })
      const weightsOnly = await saveModel(original)
      expect(json(files)).to.have.property('trainingConfig')
      expect(readMetadata(files)).to.deep.equal({ cyxwiz: { epochsDone: 3 } })
      const viaTfjs = await loadModel(files)
      const rebuilt = compiled(99, opt)
      expect(await restoreCheckpoint(rebuilt, files)).to.equal(true)
      expect(maxDiff(flat(rebuilt), flat(original))).to.equal(0)
      // the same weights with a fresh optimizer (no moments, step 0) must land visibly elsewhere
      const noMoments = compiled(99, opt)
      expect(await restoreCheckpoint(noMoments, weightsOnly)).to.equal(false)
      expect(maxDiff(flat(noMoments), flat(original))).to.equal(0)
      for (const m of [original, viaTfjs, rebuilt, noMoments]) for (let i = 0; i < 3; i++) await m.trainOnBatch(xs, ys)
      expect(maxDiff(flat(viaTfjs), flat(original))).to.be.below(1e-6)
      expect(maxDiff(flat(rebuilt), flat(original))).to.be.below(1e-6)
      expect(maxDiff(flat(noMoments), flat(original))).to.be.above(1e-4)
      for (const m of [original, viaTfjs, rebuilt, noMoments]) { m.optimizer.dispose(); m.dispose() }
    })
  }

  it('refuses a checkpoint that does not fit the model, leaving the model unchanged', async () => {
    const m = compiled(3)
    await m.trainOnBatch(xs, ys)
    const good = await saveModel(m, { includeOptimizer: true })
    const target = compiled(4)
    const before = flat(target)
    const manifest = json(good).weightsManifest as Array<{ paths: string[], weights: Array<{ name: string, shape: number[], group?: string }> }>
    const edit = (change: (w: Array<{ name: string, shape: number[], group?: string }>, all: Record<string, unknown>) => void, weights = good.weights): ModelFiles => {
      const copy = json(good)
      const group = structuredClone(manifest)
      change(group[0]?.weights ?? [], copy)
      copy.weightsManifest = copy.twoGroups === true ? [...group, ...group] : group
      return { modelJson: new TextEncoder().encode(JSON.stringify(copy)), weights }
    }
    const cases: Array<[string, ModelFiles]> = [
      ['not JSON', { modelJson: new TextEncoder().encode('{'), weights: good.weights }],
      ['short weights', { modelJson: good.modelJson, weights: good.weights.subarray(4) }],
      ['renamed weight', edit(w => { (w[0] as { name: string }).name = 'other/kernel' })],
      ['duplicate name', edit(w => { (w[1] as { name: string }).name = (w[0] as { name: string }).name })],
      ['wrong shape', edit(w => { const a = w[0] as { shape: number[] }; a.shape = [a.shape[1] as number, a.shape[0] as number] })],
      ['quantized', edit(w => { Object.assign(w[0] as object, { quantization: { dtype: 'uint8', scale: 1, min: 0 } }) })],
      ['optimizer slots for other weights', edit(w => { w.splice(w.length - 1, 1) }, good.weights.subarray(0, good.weights.byteLength - 4 * 3))],
      ['two shards', edit((_w, all) => { all.twoGroups = true })]
    ]
    for (const [what, files] of cases) {
      let caught: unknown
      try { await restoreCheckpoint(target, files) } catch (err) { caught = err }
      expect(caught, what).to.have.property('code', 'ERR_TRAINING')
      expect(flat(target), what).to.deep.equal(before)
    }
    m.optimizer.dispose(); m.dispose(); target.optimizer.dispose(); target.dispose()
  })

  it('does not leak tensors when saving with the optimizer (tfjs 4.22 leaves one per save)', async () => {
    const m = compiled(5)
    await m.trainOnBatch(xs, ys)
    await saveModel(m, { includeOptimizer: true })
    const before = tf.memory().numTensors
    for (let i = 0; i < 5; i++) await saveModel(m, { includeOptimizer: true })
    expect(tf.memory().numTensors).to.equal(before)
    m.optimizer.dispose(); m.dispose()
  })
})
