/**
 * One training step of a job, shared by the training loop and by replay so both run exactly the
 * same float operations in the same order: the hyperparameters checked, the train / validation
 * split, the model built and compiled with the job's optimizer, each epoch's seeded batch order
 * and one optimizer step on the rows that order picks.
 *
 * A step runs the compiled model's own train function — what `trainOnBatch` runs: the loss, the
 * regularisation losses, the metrics and the optimizer's update — without `trainOnBatch`'s
 * read-back of every value and its per-call re-validation of the batch: the loss and metrics stay
 * tensors, so the loop reads them only when it reports, and the batch's rows are copied into
 * buffers that live as long as the run.
 *
 * The batch order of epoch e is a Fisher–Yates shuffle of the training rows drawn from
 * mulberry32(seed ^ e·0x9E3779B1): a pure function of (seed, epoch), so a resumed run or a
 * replay of any stretch of an epoch sees the batches the uninterrupted run saw.
 */
import * as tf from '@tensorflow/tfjs'
import { CyxwizError } from '../errors.js'
import type { ValidatedModel } from '../model/types.js'
import { mulberry32 } from '../random.js'
import type { Hyperparameters } from '../../protocols/jobs.js'
import { buildModel } from './build-model.js'
import { summariseLabels, type Dataset } from './dataset-format.js'
import type { Objective } from './evaluate.js'
import { labelsProblem, outputOf } from './labels.js'
import { CheckpointableAdamax } from './model-files.js'
import { JOB_METRICS, OPTIMIZERS, type OptimizerName, type TrainingSpec } from './spec.js'

export type CheckedHyperparameters = Hyperparameters & { optimizer: OptimizerName }

const fail = (code: 'ERR_INVALID_JOB', message: string): never => { throw new CyxwizError(code, message) }
const product = (d: readonly number[]): number => d.reduce((a, b) => a * b, 1)

/** The spec's hyperparameters, checked: they arrive from another node and are treated as hostile. */
export function checkHyperparameters (spec: TrainingSpec | undefined): CheckedHyperparameters {
  const int = (v: number, lo: number, hi: number): boolean => Number.isSafeInteger(v) && v >= lo && v <= hi
  const h = spec?.hyperparameters
  if (h == null || typeof h !== 'object') fail('ERR_INVALID_JOB', 'the spec has no hyperparameters')
  const { epochs, batchSize, learningRate, optimizer, validationSplit, metrics } = h as Hyperparameters
  if (!int(epochs, 1, 1_000_000)) fail('ERR_INVALID_JOB', `epochs ${epochs} out of range`)
  if (!int(batchSize, 1, 1 << 20)) fail('ERR_INVALID_JOB', `batch size ${batchSize} out of range`)
  if (!(Number.isFinite(learningRate) && learningRate > 0)) fail('ERR_INVALID_JOB', `learning rate ${learningRate} is not a positive number`)
  if (!(OPTIMIZERS as readonly string[]).includes(optimizer)) fail('ERR_INVALID_JOB', `optimizer ${JSON.stringify(String(optimizer).slice(0, 40))} is not one of ${OPTIMIZERS.join(', ')}`)
  if (!(Number.isFinite(validationSplit) && validationSplit >= 0 && validationSplit < 1)) fail('ERR_INVALID_JOB', 'validation split must be in [0, 1)')
  if (!Array.isArray(metrics)) fail('ERR_INVALID_JOB', 'metrics are not a list of names')
  const unknown = metrics.filter(m => !(JOB_METRICS as readonly string[]).includes(m))
  if (unknown.length > 0 || metrics.length > 64) fail('ERR_INVALID_JOB', `unknown metrics ${unknown.slice(0, 5).join(', ')} (known: ${JOB_METRICS.join(', ')})`)
  return { epochs, batchSize, learningRate, optimizer: optimizer as OptimizerName, validationSplit, metrics }
}

/** a seed as the loop and replay take it: an integer in [0, 2^32) */
export function checkSeed (seed: number): number {
  if (!(Number.isSafeInteger(seed) && seed >= 0 && seed < 2 ** 32)) fail('ERR_INVALID_JOB', 'seed must be an integer in [0, 2^32)')
  return seed
}

const shapeText = (d: readonly number[]): string => `[${d.join(', ')}]`

/**
 * Dataset shapes against the model's one input and one output; names both shapes when they differ.
 * Labels must be able to train the output (labels.ts: the gate's own rule), class indices included.
 */
export function checkShapes (v: ValidatedModel, d: Dataset): void {
  const mismatch = (message: string): never => { throw new CyxwizError('ERR_DATASET_MISMATCH', message) }
  if (v.inputs.length !== 1 || v.outputs.length !== 1) mismatch(`the model has ${v.inputs.length} inputs and ${v.outputs.length} outputs; a dataset feeds one of each`)
  const input = (v.nodes.get(v.inputs[0] as string)?.outputShape ?? []).slice(1) as number[]
  if (shapeText(d.featureShape) !== shapeText(input)) mismatch(`dataset features have shape ${shapeText(d.featureShape)} but the model input is ${shapeText(input)}`)
  const problem = labelsProblem(d.labelShape, summariseLabels(d.labels), outputOf(v))
  if (problem !== undefined) mismatch(problem)
}

/** validation = the LAST ⌈split × n⌉ samples (Keras' convention); the rest is batched */
export function splitOf (h: Hyperparameters, samples: number): { nTrain: number, nVal: number, perEpoch: number } {
  const nVal = h.validationSplit > 0 ? Math.ceil(h.validationSplit * samples) : 0
  const nTrain = samples - nVal
  if (nTrain < 1) throw new CyxwizError('ERR_DATASET', `a validation split of ${h.validationSplit} leaves no training samples out of ${samples}`)
  return { nTrain, nVal, perEpoch: Math.ceil(nTrain / h.batchSize) }
}

export function makeOptimizer (name: OptimizerName, lr: number): tf.Optimizer {
  switch (name) {
    case 'adam': return tf.train.adam(lr)
    case 'sgd': return tf.train.sgd(lr)
    case 'rmsprop': return tf.train.rmsprop(lr)
    case 'adagrad': return tf.train.adagrad(lr)
    case 'adamax': return new CheckpointableAdamax(lr)
    case 'adadelta': return tf.train.adadelta(lr)
  }
}

/** A job's model from its validated graph, compiled with its optimizer, loss and metrics. */
export interface CompiledJob {
  model: tf.LayersModel
  optimizer: tf.Optimizer
  /** the product's names of the values `trainOnBatch` returns after the loss */
  metricNames: string[]
}

/** Builds (weights seeded by `seed`) and compiles the job's model; frees what it made if that throws. */
export function compileJob (v: ValidatedModel, h: CheckedHyperparameters, objective: Objective, seed: number): CompiledJob {
  const model = buildModel(v, { seed })
  const optimizer = makeOptimizer(h.optimizer, h.learningRate)
  try {
    const extra = ['mse', 'mae'].filter(m => h.metrics.includes(m))
    // with the sparse loss tfjs reads 'accuracy' as sparseCategoricalAccuracy (it has no name for that one)
    const accuracy = { sparse: 'accuracy', categorical: 'categoricalAccuracy', binary: 'binaryAccuracy' } as const
    const tfMetrics = [...(objective.accuracy === null ? [] : [accuracy[objective.accuracy]]), ...extra]
    model.compile({ optimizer, loss: objective.loss, metrics: tfMetrics })
    return { model, optimizer, metricNames: [...(objective.accuracy === null ? [] : ['accuracy']), ...extra] }
  } catch (err) {
    model.dispose()
    optimizer.dispose()
    throw err
  }
}

/** The training rows of epoch `epoch` in the order its batches take them (see the file comment). */
export function epochOrder (seed: number, epoch: number, nTrain: number): Uint32Array {
  const idx = Uint32Array.from({ length: nTrain }, (_, i) => i)
  const random = mulberry32((seed ^ Math.imul(epoch, 0x9E3779B1)) >>> 0)
  for (let i = nTrain - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); const t = idx[i] as number; idx[i] = idx[j] as number; idx[j] = t }
  return idx
}

/**
 * Where a run's gathered batches are copied, reused from batch to batch (a batch's tensors are
 * freed before the next is gathered): features and labels of `batchSize` rows.
 */
export interface BatchBuffers { features: Float32Array, labels: Float32Array }

export function batchBuffers (d: Dataset, batchSize: number): BatchBuffers {
  return { features: new Float32Array(batchSize * product(d.featureShape)), labels: new Float32Array(batchSize * product(d.labelShape)) }
}

/**
 * Rows `idx[from..to)` (or `from..to` themselves) of features and labels as a batch; gathered rows
 * go into `into` when given (it must hold `to - from` rows, and the tensors must be freed before
 * it is used again: the cpu backend keeps the array it is given), else into new arrays.
 */
export function batchTensors (d: Dataset, from: number, to: number, idx?: Uint32Array, into?: BatchBuffers): [tf.Tensor, tf.Tensor] {
  const take = (src: Float32Array, shape: number[], buffer: Float32Array | undefined): tf.Tensor => {
    const w = product(shape)
    if (idx === undefined) return tf.tensor(src.subarray(from * w, to * w), [to - from, ...shape])
    const out = buffer === undefined ? new Float32Array((to - from) * w) : buffer.subarray(0, (to - from) * w)
    for (let i = from; i < to; i++) { const j = idx[i] as number; out.set(src.subarray(j * w, (j + 1) * w), (i - from) * w) }
    return tf.tensor(out, [to - from, ...shape])
  }
  return [take(d.features, d.featureShape, into?.features), take(d.labels, d.labelShape, into?.labels)]
}

/** the compiled model's train function (tfjs-layers builds it for every trainOnBatch and fit call) */
type TrainFunction = (data: tf.Tensor[]) => tf.Scalar[]
interface CompiledInternals { makeTrainFunction?: () => TrainFunction }
const trainFunctions = new WeakMap<tf.LayersModel, TrainFunction>()

function trainFunctionOf (model: tf.LayersModel): TrainFunction {
  let f = trainFunctions.get(model)
  if (f === undefined) {
    const make = (model as unknown as CompiledInternals).makeTrainFunction
    if (typeof make !== 'function') throw new CyxwizError('ERR_TRAINING', 'this tfjs-layers has no train function on its models')
    f = make.call(model)
    trainFunctions.set(model, f)
  }
  return f
}

/**
 * Batch `batch` (1-based) of an epoch whose rows come in `order`: one optimizer step. Returns the
 * loss and metric values as scalars the caller frees (read them when needed: reading waits for
 * the step) and the sample range [from, to) it covered. The model's input and output shapes must
 * have been checked against the dataset (checkShapes).
 */
export function trainStep (model: tf.LayersModel, d: Dataset, order: Uint32Array, batch: number, batchSize: number, buffers?: BatchBuffers): { values: tf.Scalar[], from: number, to: number } {
  const from = (batch - 1) * batchSize
  const to = Math.min(order.length, from + batchSize)
  const [x, y] = batchTensors(d, from, to, order, buffers)
  try {
    return { values: trainFunctionOf(model)([x, y]), from, to }
  } finally {
    tf.dispose([x, y])
  }
}
