import { expect } from 'chai'
import { defaultModelOptions, estimateTrainingFlops, parseModel, TRAINING_FLOPS_FACTOR } from '../../src/model/index.js'

/** The builder's format: a small CNN with numeric and string ids and both edge spellings. */
const builderCnn = {
  name: 'builder-cnn',
  nodes: [
    { id: 'in', op: 'Input', params: { shape: [28, 28, 1] } },
    { id: 'conv', op: 'Conv2D', params: { filters: 4, kernelSize: 3, activation: 'relu' } },
    { id: 7, op: 'MaxPooling2D', params: { pool_size: [2, 2] } },
    { id: 'flat', op: 'Flatten', params: {} },
    { id: 'fc', op: 'Dense', params: { units: 10 } },
    { id: 'prob', op: 'Softmax' }
  ],
  edges: [['in', 'conv'], ['conv', 7], { from: 7, to: 'flat' }, { source: 'flat', target: 'fc' }, ['fc', 'prob']]
}

describe('model: node-graph format', () => {
  it('builds the graph with shapes, params and FLOPs from the builder format', () => {
    const model = parseModel(builderCnn)
    expect(model.format).to.equal('node-graph')
    expect(model.name).to.equal('builder-cnn')
    expect(model.inputs).to.deep.equal(['in'])
    expect(model.outputs).to.deep.equal(['prob'])
    expect(model.order).to.deep.equal(['in', 'conv', '7', 'flat', 'fc', 'prob'])
    const shapes = model.order.map(id => model.nodes.get(id)?.outputShape)
    expect(shapes).to.deep.equal([[null, 28, 28, 1], [null, 26, 26, 4], [null, 13, 13, 4], [null, 676], [null, 10], [null, 10]])
    expect(model.nodes.get('in')?.layer).to.equal('InputLayer')
    expect(model.nodes.get('conv')?.paramCount).to.equal(3 * 3 * 1 * 4 + 4)
    expect(model.nodes.get('fc')?.paramCount).to.equal(676 * 10 + 10)
    expect(model.totals.params).to.equal(40 + 6770)
    const conv = 26 * 26 * 4 * (2 * 9 + 1) + 26 * 26 * 4
    const pool = 13 * 13 * 4 * 4
    const fc = 2 * 676 * 10 + 10
    const sm = 10 * 5
    expect(model.totals.forwardFlopsPerSample).to.equal(conv + pool + fc + sm)
    expect(model.totals.trainingFlopsPerSample).to.equal(TRAINING_FLOPS_FACTOR * (conv + pool + fc + sm))
  })

  it('keeps Concatenate inputs in edge order and infers Reshape -1', () => {
    const model = parseModel({
      nodes: [
        { id: 'x', op: 'InputLayer', params: { batch_input_shape: [null, 6] } },
        { id: 'y', op: 'Input', params: { shape: [2] } },
        { id: 'cat', op: 'Concatenate', params: { axis: -1 } },
        { id: 'rs', op: 'Reshape', params: { target_shape: [-1, 2] } },
        { id: 'd', op: 'Dense', params: { units: 3, use_bias: false } }
      ],
      edges: [['y', 'cat'], ['x', 'cat'], ['cat', 'rs'], ['rs', 'd']]
    })
    expect(model.nodes.get('cat')?.inputs).to.deep.equal(['y', 'x'])
    expect(model.nodes.get('rs')?.outputShape).to.deep.equal([null, 4, 2])
    expect(model.nodes.get('d')?.outputShape).to.deep.equal([null, 4, 3])
    expect(model.nodes.get('d')?.paramCount).to.equal(6)
    expect(model.inputs).to.deep.equal(['x', 'y'])
  })

  it('honours an explicit outputs list', () => {
    const model = parseModel({
      nodes: [
        { id: 'in', op: 'Input', params: { shape: [4] } },
        { id: 'a', op: 'Dense', params: { units: 4 } },
        { id: 'b', op: 'Dense', params: { units: 2 } }
      ],
      edges: [['in', 'a'], ['a', 'b']],
      outputs: ['a', 'b']
    })
    expect(model.outputs).to.deep.equal(['a', 'b'])
  })

  it('estimates training FLOPs for a job exactly, beyond 2^53', () => {
    const model = parseModel(builderCnn)
    const perSample = BigInt(model.totals.trainingFlopsPerSample)
    expect(estimateTrainingFlops(model, 60_000, 10)).to.equal(perSample * 600_000n)
    expect(estimateTrainingFlops(model, 10n ** 12n, 1000n)).to.equal(perSample * 10n ** 15n)
    expect(estimateTrainingFlops(model, 0, 5)).to.equal(0n)
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 60]) {
      expect(() => estimateTrainingFlops(model, bad, 1), String(bad)).to.throw().with.property('code', 'ERR_INVALID_ARGUMENT')
    }
    expect(() => estimateTrainingFlops(model, 1, -1n)).to.throw().with.property('code', 'ERR_INVALID_ARGUMENT')
  })

  it('has defaults matching the documented caps and refuses nonsense caps', () => {
    expect(defaultModelOptions).to.include({ maxParams: 50_000_000, maxFlopsPerSample: 50_000_000_000, maxNodes: 1000, maxJsonBytes: 1024 * 1024 })
    expect(() => parseModel(builderCnn, { maxParams: 0 })).to.throw(RangeError)
    expect(() => parseModel(builderCnn, { maxNodes: 2.5 })).to.throw(RangeError)
  })
})
