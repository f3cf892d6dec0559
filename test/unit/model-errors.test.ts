import { expect } from 'chai'
import { isModelValidationError, parseModel, type ModelErrorCode, type ModelOptions } from '../../src/model/index.js'

type Params = Record<string, unknown>

/** Expect `definition` to be refused with `code` (and, when given, blaming `nodeId`). */
function refused (definition: unknown, code: ModelErrorCode, nodeId?: string, options?: Partial<ModelOptions>): void {
  let caught: unknown
  try {
    parseModel(definition, options)
  } catch (err) {
    caught = err
  }
  expect(isModelValidationError(caught), `expected ${code}, got ${String(caught)}`).to.equal(true)
  if (!isModelValidationError(caught)) return
  expect(caught.code, caught.message).to.equal(code)
  expect(caught.retryable).to.equal(false)
  if (nodeId !== undefined) {
    expect(caught.nodeId, caught.message).to.equal(nodeId)
    expect(caught.message).to.include(JSON.stringify(nodeId))
  }
}

/** input(shape) → one layer → Dense(2): the smallest graph that puts `op` to work. */
function around (shape: number[], op: string, params: Params): unknown {
  return {
    nodes: [{ id: 'in', op: 'Input', params: { shape } }, { id: 'x', op, params }, { id: 'out', op: 'Dense', params: { units: 2 } }],
    edges: [['in', 'x'], ['x', 'out']]
  }
}

/** A Keras 2 functional model around one layer entry named `x`. */
function kerasAround (layer: Params): unknown {
  return {
    class_name: 'Model',
    config: {
      name: 'm',
      layers: [
        { name: 'in', class_name: 'InputLayer', config: { batch_input_shape: [null, 4], name: 'in' }, inbound_nodes: [] },
        { name: 'x', inbound_nodes: [[['in', 0, 0, {}]]], ...layer }
      ],
      input_layers: [['in', 0, 0]],
      output_layers: [['x', 0, 0]]
    }
  }
}

describe('model: refusals', () => {
  it('ERR_MODEL_CYCLE for a graph that loops, naming a node on the loop', () => {
    const def = {
      nodes: [{ id: 'in', op: 'Input', params: { shape: [4] } }, { id: 'a', op: 'Add' }, { id: 'b', op: 'Dense', params: { units: 4 } }, { id: 'out', op: 'Dense', params: { units: 1 } }],
      edges: [['in', 'a'], ['a', 'b'], ['b', 'a'], ['b', 'out']]
    }
    let caught: unknown
    try { parseModel(def) } catch (err) { caught = err }
    expect(caught).to.have.property('code', 'ERR_MODEL_CYCLE')
    expect(['a', 'b']).to.include((caught as { nodeId: string }).nodeId)
  })

  it('ERR_MODEL_DANGLING_EDGE for an edge or an inbound reference to a missing node', () => {
    refused({ nodes: [{ id: 'in', op: 'Input', params: { shape: [4] } }, { id: 'd', op: 'Dense', params: { units: 1 } }], edges: [['in', 'd'], ['d', 'ghost']] }, 'ERR_MODEL_DANGLING_EDGE', 'ghost')
    refused(kerasAround({ class_name: 'Dense', config: { units: 2 }, inbound_nodes: [[['nowhere', 0, 0, {}]]] }), 'ERR_MODEL_DANGLING_EDGE', 'nowhere')
  })

  it('ERR_MODEL_DISCONNECTED for a node off every input → output path', () => {
    const stray = {
      nodes: [{ id: 'in', op: 'Input', params: { shape: [4] } }, { id: 'd', op: 'Dense', params: { units: 2 } }, { id: 'stray', op: 'Dense', params: { units: 2 } }, { id: 'sum', op: 'Add' }],
      edges: [['in', 'd'], ['d', 'sum'], ['stray', 'sum']]
    }
    refused(stray, 'ERR_MODEL_DISCONNECTED', 'stray')
    const deadEnd = kerasAround({ class_name: 'Dense', config: { units: 2 } }) as { config: { layers: Params[] } }
    deadEnd.config.layers.push({ name: 'dead', class_name: 'Dense', config: { units: 3 }, inbound_nodes: [[['in', 0, 0, {}]]] })
    refused(deadEnd, 'ERR_MODEL_DISCONNECTED', 'dead')
  })

  it('ERR_MODEL_NO_INPUT / ERR_MODEL_NO_OUTPUT when a model lacks either end', () => {
    refused({ nodes: [{ id: 'd', op: 'Dense', params: { units: 1 } }], edges: [] }, 'ERR_MODEL_NO_INPUT')
    refused({ class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 1 } }] } }, 'ERR_MODEL_NO_INPUT', 'd')
    const noOutputs = kerasAround({ class_name: 'Dense', config: { units: 2 } }) as { config: Params }
    noOutputs.config.output_layers = []
    refused(noOutputs, 'ERR_MODEL_NO_OUTPUT')
    refused({ nodes: [{ id: 'in', op: 'Input', params: { shape: [4] } }], edges: [], outputs: ['in'] }, 'ERR_MODEL_NO_OUTPUT', 'in')
  })

  it('ERR_MODEL_UNKNOWN_LAYER for a standard Keras layer outside the whitelist', () => {
    refused(around([4, 4], 'LSTM', { units: 2 }), 'ERR_MODEL_UNKNOWN_LAYER', 'x')
    refused(kerasAround({ class_name: 'Conv1D', config: { filters: 2, kernel_size: 1 } }), 'ERR_MODEL_UNKNOWN_LAYER', 'x')
  })

  it('ERR_MODEL_FORBIDDEN_LAYER for Lambda, custom classes and anything carrying code', () => {
    const lambda = { class_name: 'Lambda', config: { name: 'x', function: ['4wEAAAAAAAAA8wQAAAB8AFMAKQFOqQA=', null, null], function_type: 'lambda' } }
    refused(kerasAround(lambda), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    refused(around([4], 'MyCustomLayer', {}), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    refused(around([4], 'Custom>Scale', {}), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    refused(kerasAround({ class_name: 'Dense', config: { units: 2 }, module: 'my_project.layers', registered_name: 'my_project>Dense' }), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    // code hidden in a well-known layer's config
    refused(around([4], 'Dense', { units: 2, kernel_initializer: { class_name: 'MyInit', config: {} } }), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    refused(around([4], 'Dense', { units: 2, activation: { class_name: 'function', config: 'my_act', registered_name: 'function' } }), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    refused(around([4], 'Dense', { units: 2, name: '__import__("os").system("id")' }), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    refused(around([4], 'Dense', { units: 2, note: 'x => process.exit(1)' }), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    refused(around([4], 'Dense', { units: 2, function: 'relu' }), 'ERR_MODEL_FORBIDDEN_LAYER', 'x')
    // an in-process caller handing over a live function
    refused(around([4], 'Dense', { units: 2, activation: () => 0 }), 'ERR_MODEL_FORBIDDEN_LAYER')
    // a custom model subclass at the top
    refused({ module: 'my_models', class_name: 'MyModel', config: {}, registered_name: 'my_models>MyModel' }, 'ERR_MODEL_FORBIDDEN_LAYER')
  })

  it('ERR_MODEL_PARAM for invalid or missing parameters', () => {
    refused(around([4], 'Dense', { units: 0 }), 'ERR_MODEL_PARAM', 'x')
    refused(around([4], 'Dense', { units: 2.5 }), 'ERR_MODEL_PARAM', 'x')
    refused(around([4], 'Dense', {}), 'ERR_MODEL_PARAM', 'x')
    refused(around([4], 'Dense', { units: 2, activation: 'mish' }), 'ERR_MODEL_PARAM', 'x')
    refused(around([4], 'Activation', {}), 'ERR_MODEL_PARAM', 'x')
    refused(around([4], 'Dropout', { rate: 1 }), 'ERR_MODEL_PARAM', 'x')
    refused(around([8, 8, 3], 'Conv2D', { filters: 2, kernel_size: 3, data_format: 'channels_first' }), 'ERR_MODEL_PARAM', 'x')
    refused(around([8, 8, 3], 'Conv2D', { filters: 2, kernel_size: 9 }), 'ERR_MODEL_PARAM', 'x')
    refused(around([8, 8, 3], 'Conv2D', { filters: 2, kernel_size: 3, dilation_rate: 2 }), 'ERR_MODEL_PARAM', 'x')
    refused(around([8, 8, 3], 'Conv2D', { filters: 2, kernel_size: 3, padding: 'causal' }), 'ERR_MODEL_PARAM', 'x')
    refused(around([8, 8, 3], 'MaxPooling2D', { pool_size: [9, 2] }), 'ERR_MODEL_PARAM', 'x')
    refused(around([4, 3], 'Concatenate', { axis: 1 }), 'ERR_MODEL_SHAPE', 'x') // one input only
    refused({ nodes: [{ id: 'in', op: 'Input', params: { shape: [0] } }, { id: 'd', op: 'Dense', params: { units: 1 } }], edges: [['in', 'd']] }, 'ERR_MODEL_PARAM', 'in')
  })

  it('ERR_MODEL_SHAPE for shapes that do not fit (Dense on rank 3 is fine, Conv2D on rank 2 is not)', () => {
    expect(parseModel(around([5, 4], 'Dense', { units: 3 })).nodes.get('x')?.outputShape).to.deep.equal([null, 5, 3])
    refused(around([4], 'Conv2D', { filters: 2, kernel_size: 1 }), 'ERR_MODEL_SHAPE', 'x')
    refused(around([4], 'GlobalAveragePooling2D', {}), 'ERR_MODEL_SHAPE', 'x')
    refused(around([6], 'Reshape', { target_shape: [4, 2] }), 'ERR_MODEL_SHAPE', 'x')
    refused(around([4, 4], 'Softmax', { axis: 3 }), 'ERR_MODEL_SHAPE', 'x')
    refused({ nodes: [{ id: 'in', op: 'Input', params: { shape: [null, 3] } }, { id: 'd', op: 'Dense', params: { units: 1 } }], edges: [['in', 'd']] }, 'ERR_MODEL_SHAPE', 'in')
    const mismatched = {
      nodes: [
        { id: 'in', op: 'Input', params: { shape: [4] } }, { id: 'a', op: 'Dense', params: { units: 3 } },
        { id: 'b', op: 'Dense', params: { units: 5 } }, { id: 'sum', op: 'Add' }
      ],
      edges: [['in', 'a'], ['in', 'b'], ['a', 'sum'], ['b', 'sum']]
    }
    refused(mismatched, 'ERR_MODEL_SHAPE', 'sum')
    const concatMismatch = structuredClone(mismatched)
    concatMismatch.nodes[3] = { id: 'sum', op: 'Concatenate' }
    expect(parseModel(concatMismatch).nodes.get('sum')?.outputShape).to.deep.equal([null, 8])
  })

  it('ERR_MODEL_PARAMS_CAP when the weights are over the cap, naming the biggest layer', () => {
    const big = {
      nodes: [{ id: 'in', op: 'Input', params: { shape: [10_000] } }, { id: 'wide', op: 'Dense', params: { units: 10_000 } }, { id: 'head', op: 'Dense', params: { units: 1 } }],
      edges: [['in', 'wide'], ['wide', 'head']]
    }
    refused(big, 'ERR_MODEL_PARAMS_CAP', 'wide')
    // the same model fits once the cap is raised (FLOPs stay under 50 G)
    expect(parseModel(big, { maxParams: 200_000_000 }).totals.params).to.equal(10_000 * 10_000 + 10_000 + 10_001)
  })

  it('ERR_MODEL_FLOPS_CAP when one sample costs too much to compute', () => {
    // 16384 positions × 2·2048·2048: 4 M weights but 137 GFLOPs per sample
    refused(around([16_384, 2048], 'Dense', { units: 2048 }), 'ERR_MODEL_FLOPS_CAP', 'x')
    refused(around([8], 'Dense', { units: 8 }), 'ERR_MODEL_FLOPS_CAP', 'x', { maxFlopsPerSample: 100 })
  })

  it('ERR_MODEL_TOO_LARGE for oversize JSON, too many nodes, deep nesting or huge tensors', () => {
    const padded = JSON.stringify({ ...(around([4], 'Dense', { units: 2 }) as Params), pad: 'x'.repeat(1024 * 1024) })
    refused(padded, 'ERR_MODEL_TOO_LARGE')
    refused(JSON.parse(padded), 'ERR_MODEL_TOO_LARGE')
    const chain = { nodes: [{ id: 'in', op: 'Input', params: { shape: [2] } }, ...Array.from({ length: 20 }, (_, i) => ({ id: `r${i}`, op: 'ReLU' }))], edges: Array.from({ length: 20 }, (_, i) => [i === 0 ? 'in' : `r${i - 1}`, `r${i}`]) }
    expect(parseModel(chain).order).to.have.length(21)
    refused(chain, 'ERR_MODEL_TOO_LARGE', undefined, { maxNodes: 20 })
    let deep: unknown = 1
    for (let i = 0; i < 100; i++) deep = [deep]
    refused(around([4], 'Dense', { units: 2, extra: deep }), 'ERR_MODEL_TOO_LARGE')
    const cyclic: Params = { nodes: [] }
    cyclic.self = cyclic
    refused(cyclic, 'ERR_MODEL_TOO_LARGE')
    refused(around([8200, 8192], 'ReLU', {}), 'ERR_MODEL_TOO_LARGE', 'in')
  })

  it('ERR_MODEL_FORMAT for anything that is none of the formats', () => {
    for (const garbage of [42, null, 'not json {', '[1, 2, 3]', '"a string"', { foo: 1 }, [], { class_name: 'Dense', config: { units: 1 } }, new Date(0), new Uint8Array(4), { nodes: [{ id: 'a', op: 'Dense' }] }, { nodes: [1], edges: [] }, { a: Number.NaN }]) {
      refused(garbage, 'ERR_MODEL_FORMAT')
    }
    refused(kerasAround({ class_name: 'Dense', config: { units: 2 }, inbound_nodes: [[['in', 1, 0, {}]]] }), 'ERR_MODEL_FORMAT')
    refused({ nodes: [{ id: 'a', op: 'Input', params: { shape: [1] } }, { id: 'a', op: 'Dense', params: { units: 1 } }], edges: [] }, 'ERR_MODEL_FORMAT', 'a')
  })
})
