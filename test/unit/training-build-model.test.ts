/**
 * buildModel: the validated graph → a tfjs model, for every whitelisted class. The reference is
 * tfjs itself: models tfjs serialised (test/fixtures/models) are rebuilt from the validated graph
 * and must have the same layer names, output shapes and weight counts; the rebuilt model's own
 * topology must validate again (the coordinator's verifier parses it) to the same totals.
 */
import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { LAYER_CLASSES, parseModel, type ValidatedModel } from '../../src/model/index.js'
import { buildModel } from '../../src/training/build-model.js'
import { tfjsCnn, tfjsFunctional, tfjsMlp, type TfjsFixture } from '../fixtures/models/tfjs-models.js'

const keras3 = JSON.parse(readFileSync(new URL('../fixtures/models/keras3-functional.json', import.meta.url), 'utf8')) as unknown

/** Everything the other fixtures leave out: keepdims pooling, merges in edge order, odd ids. */
const builderGraph = {
  name: 'every-corner',
  nodes: [
    { id: 'img', op: 'Input', params: { shape: [8, 8, 2] } },
    { id: 'conv 1', op: 'Conv2D', params: { filters: 4, kernel_size: [3, 3], padding: 'same', activation: 'gelu' } },
    { id: 'avg', op: 'AveragePooling2D', params: { pool_size: 2, strides: 1, padding: 'valid' } },
    { id: 'gmp', op: 'GlobalMaxPooling2D', params: { keepdims: true } },
    { id: 'flat', op: 'Flatten' },
    { id: 'gap', op: 'GlobalAveragePooling2D' },
    { id: 'cat', op: 'Concatenate', params: { axis: -1 } },
    { id: 'bn', op: 'BatchNormalization', params: { momentum: 0.9 } },
    { id: 'act', op: 'Activation', params: { activation: 'hard_sigmoid' } },
    { id: 'drop', op: 'Dropout', params: { rate: 0.25 } },
    { id: 'rs', op: 'Reshape', params: { target_shape: [-1, 2] } },
    { id: 'relu', op: 'ReLU', params: { max_value: 6 } },
    { id: 'skip', op: 'Dense', params: { units: 3, use_bias: false } },
    { id: 'skip2', op: 'Dense', params: { units: 3, activation: 'selu' } },
    { id: 'sum', op: 'Add' },
    { id: 'sm', op: 'Softmax' }
  ],
  edges: [
    ['img', 'conv 1'], ['conv 1', 'avg'], ['avg', 'gmp'], ['gmp', 'flat'], ['conv 1', 'gap'], ['flat', 'cat'], ['gap', 'cat'],
    ['cat', 'bn'], ['bn', 'act'], ['act', 'drop'], ['drop', 'rs'], ['rs', 'relu'], ['relu', 'skip'], ['relu', 'skip2'],
    ['skip', 'sum'], ['skip2', 'sum'], ['sum', 'sm']
  ]
}

/** Every node's class, shape and weights against the built model's layer of the same name. */
function expectMatches (v: ValidatedModel, model: tf.LayersModel, rename: (id: string) => string = id => id): void {
  for (const node of v.nodes.values()) {
    const layer = model.getLayer(rename(node.id))
    const shape = layer.outputShape
    // keepdims pooling is a pooling layer `<id>_pool` then a Reshape named after the node
    const keepdims = node.params.keepdims === true
    expect(layer.getClassName(), node.id).to.equal(keepdims ? 'Reshape' : node.layer)
    if (keepdims) expect(model.getLayer(`${rename(node.id)}_pool`).getClassName()).to.equal(node.layer)
    expect(shape, node.id).to.deep.equal(node.outputShape)
    expect(layer.countParams(), node.id).to.equal(node.paramCount)
  }
  expect(model.countParams()).to.equal(v.totals.params)
  // the coordinator's verifier validates the returned model.json topology
  const again = parseModel(model.toJSON(undefined, false))
  expect(again.totals.params).to.equal(v.totals.params)
  expect(again.totals.forwardFlopsPerSample).to.equal(v.totals.forwardFlopsPerSample)
}

describe('training: buildModel', () => {
  before(async () => { await tf.setBackend('cpu') })

  const fixtures: Array<[string, () => TfjsFixture]> = [['tfjs MLP', tfjsMlp], ['tfjs CNN', tfjsCnn], ['tfjs functional', tfjsFunctional]]
  for (const [name, make] of fixtures) {
    it(`rebuilds the ${name} with tfjs' own shapes and weight counts`, () => {
      const fx = make()
      const v = parseModel(fx.topology)
      const model = buildModel(v)
      expectMatches(v, model)
      for (const [layerName, ref] of fx.layers) {
        expect(model.getLayer(layerName).outputShape, layerName).to.deep.equal(ref.shape)
        expect(model.getLayer(layerName).countParams(), layerName).to.equal(ref.params)
      }
      expect(model.countParams()).to.equal(fx.params)
      model.dispose()
    })
  }

  it('builds the Keras 3 functional fixture and a node graph with the remaining features; all classes covered', () => {
    const seen = new Set<string>()
    const graphs = [parseModel(keras3), parseModel(builderGraph), ...[tfjsMlp, tfjsCnn, tfjsFunctional].map(f => parseModel(f().topology))]
    for (const v of graphs) {
      const model = buildModel(v)
      expectMatches(v, model, id => id === 'conv 1' ? 'conv_1' : id)
      for (const n of v.nodes.values()) seen.add(n.layer)
      const input = v.nodes.get(v.inputs[0] as string)?.outputShape.slice(1) as number[]
      const y = model.predict(tf.randomNormal([2, ...input])) as tf.Tensor
      expect(y.shape.slice(1)).to.deep.equal(v.nodes.get(v.outputs[0] as string)?.outputShape.slice(1))
      expect(Array.from(y.dataSync()).every(Number.isFinite)).to.equal(true)
      tf.dispose(y)
      model.dispose()
    }
    expect([...seen].sort()).to.deep.equal([...LAYER_CLASSES].sort())
  })

  it('keeps node ids as layer names, sanitising ones tfjs would refuse, and keepdims as pooling + reshape', () => {
    const model = buildModel(parseModel(builderGraph))
    const names = model.layers.map(l => l.name)
    expect(names).to.include.members(['img', 'conv_1', 'gmp', 'gmp_pool', 'cat', 'sm'])
    expect(model.getLayer('gmp').outputShape).to.deep.equal([null, 1, 1, 4])
    expect(model.getLayer('conv_1').weights.map(w => w.originalName)).to.deep.equal(['conv_1/kernel', 'conv_1/bias'])
    model.dispose()
  })

  it('gives the same initial weights for the same seed, and different ones otherwise', () => {
    const v = parseModel(builderGraph)
    const weights = (seed?: number): number[] => {
      const m = buildModel(v, seed === undefined ? {} : { seed })
      const out = m.getWeights().flatMap(w => Array.from(w.dataSync()))
      m.dispose()
      return out
    }
    expect(weights(5)).to.deep.equal(weights(5))
    expect(weights(5)).not.to.deep.equal(weights(6))
    expect(weights()).not.to.deep.equal(weights())
  })

  it('refuses ReLU variants tfjs cannot build with a whitelisted layer (ERR_MODEL_PARAM naming the node)', () => {
    for (const params of [{ negative_slope: 0.1 }, { threshold: 0.5 }]) {
      const v = parseModel({
        nodes: [{ id: 'x', op: 'Input', params: { shape: [4] } }, { id: 'leaky', op: 'ReLU', params }],
        edges: [['x', 'leaky']]
      })
      expect(() => buildModel(v)).to.throw().that.satisfies((e: { code: string, nodeId: string }) => e.code === 'ERR_MODEL_PARAM' && e.nodeId === 'leaky')
    }
  })
})
