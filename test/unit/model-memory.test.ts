/**
 * Training memory: the validator sums every node's activations per sample and refuses a definition
 * over the cap, the estimate (activations × batch, weights, gradients, optimizer slots) is what a
 * real tfjs step needs, and the coordinator prices activations and caps one step's memory.
 */
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { isModelValidationError, parseModel, trainingMemoryBytes, type ModelOptions } from '../../src/model/index.js'
import { computeUnits, estimate, MAX_TRAINING_MEMORY_BYTES, type ModelCost } from '../../coordinator/jobs/estimate.js'
import { analyzeModel } from '../../coordinator/jobs/analyze.js'
import { buildModel } from '../../src/training/build-model.js'
import { makeOptimizer } from '../../src/training/steps.js'
import { isCyxwizError } from '../../src/errors.js'

/** Input [n] then `count` Reshapes alternating [n] and [n/64, 64]: 0 FLOPs, one n-element tensor each. */
function reshapeChain (n: number, count: number): string {
  const nodes: unknown[] = [{ id: 'in', op: 'Input', params: { shape: [n] } }]
  const edges: string[][] = []
  for (let i = 0; i < count; i++) {
    nodes.push({ id: `r${i}`, op: 'Reshape', params: { target_shape: i % 2 === 0 ? [n / 64, 64] : [n] } })
    edges.push([i === 0 ? 'in' : `r${i - 1}`, `r${i}`])
  }
  return JSON.stringify({ nodes, edges })
}

function refusal (f: () => unknown): { code: string, nodeId?: string, message: string } {
  try {
    f()
  } catch (err) {
    if (isCyxwizError(err)) return { code: err.code, message: err.message, ...(isModelValidationError(err) && err.nodeId !== undefined ? { nodeId: err.nodeId } : {}) }
    throw err
  }
  throw new Error('expected a refusal')
}

describe('model: training memory is estimated, capped and priced', () => {
  it('refuses 745 free layers at the per-tensor cap (186 GiB of activations per sample for no FLOPs) with ERR_MODEL_MEMORY_CAP', () => {
    const def = reshapeChain(2 ** 26, 745)
    // every tensor is within the per-tensor cap and nothing costs a FLOP: only the sum gives it away
    const uncapped: Partial<ModelOptions> = { maxActivationElementsPerSample: Number.MAX_SAFE_INTEGER }
    const v = parseModel(def, uncapped)
    expect(v.totals.forwardFlopsPerSample).to.equal(0)
    expect(v.totals.activationElementsPerSample).to.equal(746 * 2 ** 26)
    expect(Number(trainingMemoryBytes(v.totals, 1)) / 2 ** 30).to.be.closeTo(3 * 186.5, 0.1)
    const r = refusal(() => analyzeModel(def))
    expect(r.code).to.equal('ERR_MODEL_MEMORY_CAP')
    // input + 3 reshapes = 2^28 elements, exactly the cap; the 4th reshape crosses it
    expect(r.nodeId).to.equal('r3')
    expect(r.message).to.match(/over the cap of 268435456/)
  })

  it('prices the activations of free layers, and caps the memory of one step at the job\'s batch size', () => {
    // 3 reshapes of 2^24 elements: under every validator cap, 0 FLOPs
    const cost = analyzeModel(reshapeChain(2 ** 24, 3))
    expect(cost.trainingFlopsPerSample).to.equal(0n)
    expect(cost.activationElementsPerSample).to.equal(4n * 2n ** 24n)
    // 60,000 samples, 1 epoch: 16 FLOP-equivalents per element → 64.4 TFLOP-equivalents, not 0
    expect(computeUnits(cost, 60_000n, 1)).to.equal((16n * 4n * 2n ** 24n * 60_000n + 999_999_999n) / 1_000_000_000n)
    expect(BigInt(estimate(cost, 60_000n, 1, 10n, 32).total)).to.equal(10n * computeUnits(cost, 60_000n, 1))
    // 4 bytes × 3 copies × 2^26 elements = 768 MiB per sample: 341 samples a step are 255.75 GiB,
    // under the 256 GiB cap; 342 are over
    expect(() => estimate(cost, 60_000n, 1, 10n, 341)).to.not.throw()
    const r = refusal(() => estimate(cost, 60_000n, 1, 10n, 342))
    expect(r.code).to.equal('ERR_MODEL_MEMORY_CAP')
    expect(MAX_TRAINING_MEMORY_BYTES).to.equal(256n << 30n)
  })

  it('a model without activations costs what it did: FLOPs only', () => {
    const cost: ModelCost = { trainingFlopsPerSample: 3_000_000_000n, parameters: 10 }
    expect(computeUnits(cost, 10n, 2)).to.equal(60n)
  })

  for (const [name, optimizer, batch, def] of [
    ['an MLP 512 → 512 → 10', 'adadelta', 1, mlp()],
    ['a chain of free layers', 'sgd', 256, JSON.stringify({
      nodes: [{ id: 'in', op: 'Input', params: { shape: [2048] } }, { id: 'r', op: 'Reshape', params: { target_shape: [32, 64] } }, { id: 'f', op: 'Flatten' }, { id: 'out', op: 'Dense', params: { units: 10, activation: 'softmax' } }],
      edges: [['in', 'r'], ['r', 'f'], ['f', 'out']]
    })]
  ] as const) {
    it(`the estimate covers tfjs' measured peak of a training step: ${name}, ${optimizer}, batches of ${batch}`, async () => {
      const v = parseModel(def)
      await tf.setBackend('cpu')
      const model = buildModel(v, { seed: 1 })
      const opt = makeOptimizer(optimizer, 0.001)
      model.compile({ optimizer: opt, loss: 'categoricalCrossentropy' })
      const x = tf.randomUniform([batch, v.totals.activationElementsPerSample > 3000 ? 2048 : 512])
      const y = tf.oneHot(tf.randomUniform([batch], 0, 10, 'int32'), 10).toFloat()
      try {
        const before = tf.memory().numBytes - 4 * (x.size + y.size)
        // the first step creates the optimizer's slots; the second is a steady-state step
        await model.trainOnBatch(x, y)
        const profile = await tf.profile(async () => { await model.trainOnBatch(x, y) })
        const peak = profile.peakBytes - before
        const estimated = Number(trainingMemoryBytes(v.totals, batch))
        expect(peak).to.be.greaterThan(0)
        expect(peak, `peak ${peak} bytes, estimate ${estimated}`).to.be.at.most(estimated)
        // and not wildly above it: an estimate 10× the truth would price honest jobs out
        expect(estimated / peak).to.be.lessThan(3)
      } finally {
        tf.dispose([x, y])
        model.dispose()
        opt.dispose()
      }
    })
  }
})

function mlp (): string {
  return JSON.stringify({
    nodes: [{ id: 'in', op: 'Input', params: { shape: [512] } }, { id: 'h', op: 'Dense', params: { units: 512, activation: 'relu' } }, { id: 'out', op: 'Dense', params: { units: 10, activation: 'softmax' } }],
    edges: [['in', 'h'], ['h', 'out']]
  })
}
