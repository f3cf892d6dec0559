import { readFileSync } from 'node:fs'
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { parseModel, type ModelNode, type ValidatedModel } from '../../src/model/index.js'
import { tfjsCnn, tfjsFunctional, tfjsMlp, type TfjsFixture } from '../fixtures/models/tfjs-models.js'

const keras3 = JSON.parse(readFileSync(new URL('../fixtures/models/keras3-functional.json', import.meta.url), 'utf8')) as unknown

function node (model: ValidatedModel, id: string): ModelNode {
  const n = model.nodes.get(id)
  expect(n, `node ${id}`).to.not.equal(undefined)
  return n as ModelNode
}

/** Every layer tfjs knows about must have tfjs's own output shape and weight count. */
function expectMatchesTfjs (model: ValidatedModel, fx: TfjsFixture): void {
  expect(model.totals.params).to.equal(fx.params)
  for (const [name, layer] of fx.layers) {
    const n = node(model, name)
    expect(n.outputShape, name).to.deep.equal(layer.shape)
    expect(n.paramCount, name).to.equal(layer.params)
  }
}

describe('model: tfjs / Keras topologies', () => {
  // the fixtures are built by tfjs itself: on cpu, whatever backend another test file registered first
  before(async () => { await tf.setBackend('cpu') })

  it('reads a tfjs sequential MLP with tfjs shapes, params and hand-counted FLOPs', () => {
    const fx = tfjsMlp()
    const model = parseModel(fx.topology)
    expect(model.format).to.equal('keras-sequential')
    expect(model.name).to.equal('mlp')
    // tfjs keeps the input layer implicit; the graph names it the way Keras does
    expect(model.order).to.deep.equal(['hidden_input', 'hidden', 'drop', 'out'])
    expect(model.inputs).to.deep.equal(['hidden_input'])
    expect(model.outputs).to.deep.equal(['out'])
    expect(node(model, 'hidden_input').outputShape).to.deep.equal([null, 8])
    expectMatchesTfjs(model, fx)
    expect(model.totals.params).to.equal(8 * 16 + 16 + 16 * 3 + 3)
    expect(node(model, 'hidden').params).to.deep.equal({ units: 16, activation: 'relu', use_bias: true })
    expect(node(model, 'out').inputs).to.deep.equal(['drop'])
    // hidden: 2·8·16 + 16 bias + 16 relu; drop: 16; out: 2·16·3 + 3 bias + 3·5 softmax
    expect(model.totals.forwardFlopsPerSample).to.equal(288 + 16 + 114)
    expect(model.totals.trainingFlopsPerSample).to.equal(3 * 418)
  })

  it('reads a tfjs CNN: both paddings, strides, BN, ReLU cap, Reshape, Dense on rank 3', () => {
    const fx = tfjsCnn()
    const model = parseModel(fx.topology)
    expectMatchesTfjs(model, fx)
    expect(node(model, 'c2').outputShape).to.deep.equal([null, 5, 6, 16])
    // same padding with stride 2 on 5×6 rounds up: ceil(5/2) × ceil(6/2)
    expect(node(model, 'p2').outputShape).to.deep.equal([null, 3, 3, 16])
    expect(node(model, 'rs').outputShape).to.deep.equal([null, 9, 4])
    expect(node(model, 'd3').outputShape).to.deep.equal([null, 9, 5])
    expect(node(model, 'c2').params).to.include({ padding: 'valid', use_bias: false })
    expect(node(model, 'c2').params.kernel_size).to.deep.equal([5, 3])
    // 28·28 positions × 8 filters × (2·3·3·1 MACs + bias) + 28·28·8 relu
    expect(node(model, 'c1').flops).to.equal(28 * 28 * 8 * 19 + 28 * 28 * 8)
    // 14·14·8 outputs, 2×2 compares each
    expect(node(model, 'p1').flops).to.equal(14 * 14 * 8 * 4)
    expect(node(model, 'bn').paramCount).to.equal(4 * 16)
  })

  it('reads a tfjs functional model with Add, Concatenate and global pooling', () => {
    const fx = tfjsFunctional()
    const model = parseModel(fx.topology)
    expect(model.format).to.equal('keras-functional')
    expectMatchesTfjs(model, fx)
    expect(node(model, 'sum').inputs).to.deep.equal(['a', 'b'])
    expect(node(model, 'cat').outputShape).to.deep.equal([null, 12])
    expect(node(model, 'sum').flops).to.equal(12 * 12 * 6)
    const pos = (id: string): number => model.order.indexOf(id)
    for (const n of model.nodes.values()) {
      for (const i of n.inputs) expect(pos(i), `${i} before ${n.id}`).to.be.lessThan(pos(n.id))
    }
  })

  it('accepts JSON text and the model.json wrapper ({modelTopology})', () => {
    const fx = tfjsMlp()
    const fromText = parseModel(JSON.stringify(fx.topology))
    const wrapped = parseModel({ format: 'layers-model', modelTopology: fx.topology, weightsManifest: [] })
    expect(fromText.totals).to.deep.equal(wrapped.totals)
    expect(fromText.totals.params).to.equal(fx.params)
  })

  it('reads a Keras 3 functional model (keras_history tensors, DTypePolicy, bare output ref)', () => {
    const model = parseModel(keras3)
    expect(model.format).to.equal('keras-functional')
    expect(model.name).to.equal('residual_mlp')
    expect(model.inputs).to.deep.equal(['input_layer'])
    expect(model.outputs).to.deep.equal(['dense_2'])
    expect(node(model, 'add').inputs).to.deep.equal(['dense', 'dense_1'])
    expect(node(model, 'concatenate').inputs).to.deep.equal(['add', 'input_layer'])
    expect(node(model, 'concatenate').outputShape).to.deep.equal([null, 24])
    expect(node(model, 'dense_2').outputShape).to.deep.equal([null, 1])
    expect(model.totals.params).to.equal(144 + 272 + 25)
  })

  it('reads a Keras 2 sequential with an InputLayer and camelCase keys alike', () => {
    const keras2 = {
      class_name: 'Sequential',
      config: {
        name: 'sequential',
        layers: [
          { class_name: 'InputLayer', config: { batch_input_shape: [null, 6, 6, 2], dtype: 'float32', sparse: false, ragged: false, name: 'input_1' } },
          { class_name: 'Conv2D', config: { name: 'conv', filters: 3, kernelSize: [3, 3], strides: [1, 1], padding: 'valid', dataFormat: 'channels_last', dilationRate: [1, 1], useBias: true, activation: 'relu', kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } } } },
          { class_name: 'GlobalAveragePooling2D', config: { name: 'gap', data_format: 'channels_last', keepdims: true } }
        ]
      },
      keras_version: '2.15.0',
      backend: 'tensorflow'
    }
    const model = parseModel(keras2)
    expect(model.order).to.deep.equal(['input_1', 'conv', 'gap'])
    expect(node(model, 'conv').outputShape).to.deep.equal([null, 4, 4, 3])
    expect(node(model, 'conv').paramCount).to.equal(3 * 3 * 2 * 3 + 3)
    expect(node(model, 'gap').outputShape).to.deep.equal([null, 1, 1, 3])
  })

  it('refuses a config that spells one key two ways with different values', () => {
    const fx = tfjsMlp()
    const topo = structuredClone(fx.topology) as { config: { layers: { config: Record<string, unknown> }[] } }
    const hidden = topo.config.layers[0] as { config: Record<string, unknown> }
    hidden.config.useBias = false
    expect(() => parseModel(topo)).to.throw().with.property('code', 'ERR_MODEL_PARAM')
    hidden.config.useBias = true
    expect(parseModel(topo).totals.params).to.equal(fx.params)
  })
})
