/**
 * The training loop of the job executor, in-process (the worker runs it): for each epoch,
 * batches from a data loader → forward pass, loss, backward pass, optimizer step (`trainOnBatch`),
 * progress every N batches, then validation and a checkpoint (weights + optimizer state).
 *
 * Data: validation is the LAST ⌈validationSplit × n⌉ samples (Keras' convention), never shuffled
 * into training; the training part is shuffled every epoch with a PRNG seeded by (seed, epoch), so
 * a resumed run sees the batches the uninterrupted one would have.
 *
 * Loss and accuracy follow the model's output and the labels:
 * - softmax output, labels of more than one unit → categorical cross-entropy, categorical accuracy;
 * - sigmoid output → binary cross-entropy, binary accuracy (prediction > 0.5);
 * - anything else → mean squared error; accuracy is categorical (argmax) when the labels are
 *   one-hot rows of more than one unit, otherwise there is none (regression).
 *
 * Metrics (the product's names): per batch batch_loss, batch_accuracy, batch_time_ms,
 * learning_rate (plus loss / accuracy, the epoch's running means); per epoch epoch_loss,
 * epoch_accuracy, validation_loss, validation_accuracy, epoch_time_ms; at the end total_time_ms
 * (this run), final_loss, final_accuracy, best_epoch (lowest validation_loss, else epoch_loss;
 * epochs of earlier runs count through the checkpoint's metadata; left out if no loss was finite).
 * final_accuracy is the accuracy of the final weights on the validation samples when there are
 * any (exact: correct / count, which a verifier recomputes from the returned model), otherwise the
 * last epoch's training accuracy. Job metrics mse / mae add batch_, epoch_, validation_ and
 * final_ values; precision / recall (macro over classes, or of the positive unit) come from the
 * validation samples only. Loss is always reported, accuracy whenever the objective has one, so
 * asking for loss, accuracy, categoricalAccuracy or binaryAccuracy changes nothing.
 *
 * Failures never throw: any exception (cancel, divergence, shapes, tfjs) ends the run with its
 * code, the epochs completed and a checkpoint — the current state, or after divergence (NaN
 * weights) the last epoch's checkpoint.
 */
import { randomInt } from 'node:crypto'
import * as tf from '@tensorflow/tfjs'
import { CyxwizError, type ErrorCode } from '../errors.js'
import type { ValidatedModel } from '../model/types.js'
import { buildModel } from './build-model.js'
import type { Dataset } from './dataset-format.js'
import { CheckpointableAdamax, readMetadata, restoreCheckpoint, saveModel, weightsHash, type ModelFiles } from './model-files.js'
import { mulberry32 } from '../random.js'
import { JOB_METRICS, OPTIMIZERS, type OptimizerName, type TrainingSpec } from './spec.js'
import type { Hyperparameters } from '../../protocols/jobs.js'

/** A run of the loop: the job's spec (its hyperparameters say how to train) and how to run it. */
export interface LoopOptions {
  /** what to train; `hyperparameters.epochs` counts the whole job, resumed epochs included */
  spec: TrainingSpec
  progressEveryBatches: number
  /** shuffling and weight initialisation; default: the resumed checkpoint's, else random */
  seed?: number
  resume?: { epochsDone: number, checkpoint: ModelFiles }
  /** checked before every batch (an AbortSignal fits) */
  signal?: { readonly aborted: boolean }
}

export interface Objective {
  loss: 'categoricalCrossentropy' | 'binaryCrossentropy' | 'meanSquaredError'
  accuracy: 'categorical' | 'binary' | null
}

export interface LoopHooks {
  onStart?: (i: { trainSamples: number, validationSamples: number, batchesPerEpoch: number, objective: Objective }) => void | Promise<void>
  onProgress?: (p: { epoch: number, batch: number, progress: number, metrics: Record<string, number> }) => void | Promise<void>
  onEpoch?: (e: { epoch: number, metrics: Record<string, number>, checkpoint: ModelFiles }) => void | Promise<void>
}

export type LoopResult =
  | { ok: true, model: ModelFiles, weightsHash: string, finalMetrics: Record<string, number>, totalTimeMs: number }
  | { ok: false, code: ErrorCode, message: string, epochsDone: number, checkpoint?: ModelFiles }

const fail = (code: ErrorCode, message: string): never => { throw new CyxwizError(code, message) }
const product = (d: readonly number[]): number => d.reduce((a, b) => a * b, 1)
const shapeText = (d: readonly number[]): string => `[${d.join(', ')}]`


/** The spec's hyperparameters, checked: they arrive from another node and are treated as hostile. */
function checkOptions (o: LoopOptions): Hyperparameters & { optimizer: OptimizerName } {
  const int = (v: number, lo: number, hi: number): boolean => Number.isSafeInteger(v) && v >= lo && v <= hi
  const h = o.spec?.hyperparameters
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
  if (!int(o.progressEveryBatches, 1, 1 << 30)) fail('ERR_INVALID_JOB', 'progressEveryBatches must be a positive integer')
  if (o.seed !== undefined && !int(o.seed, 0, 2 ** 32 - 1)) fail('ERR_INVALID_JOB', 'seed must be an integer in [0, 2^32)')
  if (o.resume !== undefined && !int(o.resume.epochsDone, 0, epochs - 1)) fail('ERR_INVALID_JOB', `cannot resume after ${o.resume.epochsDone} of ${epochs} epochs`)
  return { epochs, batchSize, learningRate, optimizer: optimizer as OptimizerName, validationSplit, metrics }
}

/** Dataset shapes against the model's one input and one output; names both shapes when they differ. */
function checkShapes (v: ValidatedModel, d: Dataset): void {
  if (v.inputs.length !== 1 || v.outputs.length !== 1) fail('ERR_DATASET_MISMATCH', `the model has ${v.inputs.length} inputs and ${v.outputs.length} outputs; a dataset feeds one of each`)
  const input = (v.nodes.get(v.inputs[0] as string)?.outputShape ?? []).slice(1) as number[]
  const output = (v.nodes.get(v.outputs[0] as string)?.outputShape ?? []).slice(1) as number[]
  if (shapeText(d.featureShape) !== shapeText(input)) fail('ERR_DATASET_MISMATCH', `dataset features have shape ${shapeText(d.featureShape)} but the model input is ${shapeText(input)}`)
  if (shapeText(d.labelShape) !== shapeText(output)) fail('ERR_DATASET_MISMATCH', `dataset labels have shape ${shapeText(d.labelShape)} but the model output is ${shapeText(output)}`)
}

/** See the file comment. */
export function chooseObjective (v: ValidatedModel, d: Dataset): Objective {
  const out = v.nodes.get(v.outputs[0] as string)
  const act = out?.layer === 'Softmax' ? 'softmax' : out?.params.activation
  const units = d.labelShape.at(-1) ?? 1
  if (act === 'softmax' && units > 1) return { loss: 'categoricalCrossentropy', accuracy: 'categorical' }
  if (act === 'sigmoid') return { loss: 'binaryCrossentropy', accuracy: 'binary' }
  let oneHot = units > 1
  for (let r = 0; oneHot && r < d.labels.length; r += units) {
    let sum = 0
    for (let i = r; i < r + units; i++) { const y = d.labels[i] as number; sum += y; if (y !== 0 && y !== 1) oneHot = false }
    if (sum !== 1) oneHot = false
  }
  return { loss: 'meanSquaredError', accuracy: oneHot ? 'categorical' : null }
}

function makeOptimizer (name: OptimizerName, lr: number): tf.Optimizer {
  switch (name) {
    case 'adam': return tf.train.adam(lr)
    case 'sgd': return tf.train.sgd(lr)
    case 'rmsprop': return tf.train.rmsprop(lr)
    case 'adagrad': return tf.train.adagrad(lr)
    case 'adamax': return new CheckpointableAdamax(lr)
    case 'adadelta': return tf.train.adadelta(lr)
  }
}

/** Rows `idx[from..to)` (or `from..to` themselves) of features and labels as a batch. */
function batchTensors (d: Dataset, from: number, to: number, idx?: Uint32Array): [tf.Tensor, tf.Tensor] {
  const take = (src: Float32Array, shape: number[]): tf.Tensor => {
    const w = product(shape)
    if (idx === undefined) return tf.tensor(src.subarray(from * w, to * w), [to - from, ...shape])
    const out = new Float32Array((to - from) * w)
    for (let i = from; i < to; i++) { const j = idx[i] as number; out.set(src.subarray(j * w, (j + 1) * w), (i - from) * w) }
    return tf.tensor(out, [to - from, ...shape])
  }
  return [take(d.features, d.featureShape), take(d.labels, d.labelShape)]
}

/**
 * Loss, accuracy (exact count), mse / mae and precision / recall of the current weights on samples
 * [from, to), inference mode, in batches.
 */
async function evaluate (model: tf.LayersModel, d: Dataset, from: number, to: number, o: Objective, want: ReadonlySet<string>, batch: number): Promise<Record<string, number>> {
  const s = { loss: 0, lossN: 0, hit: 0, hitN: 0, se: 0, ae: 0, errN: 0 }
  const classes = o.accuracy === 'categorical' ? d.labelShape.at(-1) ?? 1 : 1
  const tp = new Float64Array(classes); const predicted = new Float64Array(classes); const actual = new Float64Array(classes)
  const pr = o.accuracy !== null && (want.has('precision') || want.has('recall'))
  for (let a = from; a < to; a += batch) {
    const b = Math.min(to, a + batch)
    const parts = tf.tidy(() => {
      const [x, y] = batchTensors(d, a, b)
      const p = model.predict(x) as tf.Tensor
      const lossT = o.loss === 'categoricalCrossentropy' ? tf.metrics.categoricalCrossentropy(y, p) : o.loss === 'binaryCrossentropy' ? tf.metrics.binaryCrossentropy(y, p) : tf.metrics.meanSquaredError(y, p)
      const t: tf.Tensor[] = [lossT.sum(), tf.scalar(lossT.size), tf.sub(p, y).square().sum(), tf.sub(p, y).abs().sum()]
      if (o.accuracy === null) return t
      const yHard = o.accuracy === 'categorical' ? tf.oneHot(tf.argMax(y, -1), classes) : tf.greaterEqual(y, 0.5).toFloat()
      const pHard = o.accuracy === 'categorical' ? tf.oneHot(tf.argMax(p, -1), classes) : tf.greater(p, 0.5).toFloat()
      const hits = o.accuracy === 'categorical' ? tf.equal(tf.argMax(y, -1), tf.argMax(p, -1)) : tf.equal(yHard, pHard)
      const perClass = (q: tf.Tensor): tf.Tensor => q.reshape([-1, classes]).sum(0)
      return [...t, hits.toFloat().sum(), tf.scalar(hits.size), perClass(yHard.mul(pHard)), perClass(pHard), perClass(yHard)]
    })
    const v = await Promise.all(parts.map(async t => await t.data()))
    tf.dispose(parts)
    const n = (i: number): number => (v[i]?.[0] ?? 0)
    s.loss += n(0); s.lossN += n(1); s.se += n(2); s.ae += n(3); s.errN += (b - a) * product(d.labelShape)
    if (o.accuracy !== null) {
      s.hit += n(4); s.hitN += n(5)
      const add = (into: Float64Array, from: ArrayLike<number> | undefined): void => { for (let c = 0; c < classes; c++) into[c] = (into[c] as number) + (from?.[c] ?? 0) }
      add(tp, v[6]); add(predicted, v[7]); add(actual, v[8])
    }
  }
  const m: Record<string, number> = { loss: s.loss / s.lossN }
  if (o.accuracy !== null) m.accuracy = s.hit / s.hitN
  if (want.has('mse')) m.mse = s.se / s.errN
  if (want.has('mae')) m.mae = s.ae / s.errN
  if (pr) {
    const macro = (den: Float64Array): number => {
      const per = [...tp].map((t, c) => [t, den[c] as number]).filter(([, q]) => (q as number) > 0)
      return per.length === 0 ? 0 : per.reduce((acc, [t, q]) => acc + (t as number) / (q as number), 0) / per.length
    }
    if (want.has('precision')) m.precision = macro(predicted)
    if (want.has('recall')) m.recall = macro(actual)
  }
  return m
}

const prefixed = (p: string, m: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(m).map(([k, v]) => [`${p}${k}`, v]))

interface Meta { epochsDone: number, seed: number, history: number[] }

function readMeta (files: ModelFiles): Partial<Meta> {
  const m = readMetadata(files)?.cyxwiz as Partial<Meta> | undefined
  if (m == null || typeof m !== 'object') return {}
  return {
    ...(Number.isSafeInteger(m.seed) ? { seed: m.seed as number } : {}),
    ...(Array.isArray(m.history) && m.history.every(x => typeof x === 'number') ? { history: m.history } : {})
  }
}

/** Trains `v` on `d`; never throws (see LoopResult). Disposes everything it allocates. */
export async function trainLoop (v: ValidatedModel, d: Dataset, o: LoopOptions, hooks: LoopHooks = {}): Promise<LoopResult> {
  const started = performance.now()
  let epochsDone = o.resume?.epochsDone ?? 0
  let lastCheckpoint = o.resume?.checkpoint
  const meta = o.resume === undefined ? {} : readMeta(o.resume.checkpoint)
  const seed = o.seed ?? meta.seed ?? randomInt(2 ** 32 - 1)
  // per epoch, the loss best_epoch is chosen by; earlier runs' values come from the checkpoint
  const history = meta.history?.length === epochsDone ? [...meta.history] : new Array<number>(epochsDone).fill(Number.NaN)
  let model: tf.LayersModel | undefined
  let optimizer: tf.Optimizer | undefined
  let stateUsable = false
  const checkpoint = async (m: tf.LayersModel): Promise<ModelFiles> =>
    await saveModel(m, { includeOptimizer: true, metadata: { cyxwiz: { epochsDone, seed, history } satisfies Meta } })
  try {
    const h = checkOptions(o)
    model = buildModel(v, { seed })
    optimizer = makeOptimizer(h.optimizer, h.learningRate)
    const objective = chooseObjective(v, d)
    const want = new Set(h.metrics)
    const extra = ['mse', 'mae'].filter(m => want.has(m))
    const tfMetrics = [...(objective.accuracy === null ? [] : [objective.accuracy === 'categorical' ? 'categoricalAccuracy' : 'binaryAccuracy']), ...extra]
    const metricNames = [...(objective.accuracy === null ? [] : ['accuracy']), ...extra]
    model.compile({ optimizer, loss: objective.loss, metrics: tfMetrics })
    if (o.resume !== undefined) await restoreCheckpoint(model, o.resume.checkpoint)
    stateUsable = true
    checkShapes(v, d)
    const nVal = h.validationSplit > 0 ? Math.ceil(h.validationSplit * d.samples) : 0
    const nTrain = d.samples - nVal
    if (nTrain < 1) fail('ERR_DATASET', `a validation split of ${h.validationSplit} leaves no training samples out of ${d.samples}`)
    const perEpoch = Math.ceil(nTrain / h.batchSize)
    await hooks.onStart?.({ trainSamples: nTrain, validationSamples: nVal, batchesPerEpoch: perEpoch, objective })
    let last: Record<string, number> = {}
    for (let epoch = epochsDone + 1; epoch <= h.epochs; epoch++) {
      const epochStart = performance.now()
      const idx = Uint32Array.from({ length: nTrain }, (_, i) => i)
      const random = mulberry32((seed ^ Math.imul(epoch, 0x9E3779B1)) >>> 0)
      for (let i = nTrain - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); const t = idx[i] as number; idx[i] = idx[j] as number; idx[j] = t }
      const sums = new Array<number>(1 + metricNames.length).fill(0)
      for (let batch = 1; batch <= perEpoch; batch++) {
        if (o.signal?.aborted === true) fail('ERR_CANCELLED', `training was cancelled in epoch ${epoch} before batch ${batch}`)
        const t0 = performance.now()
        const from = (batch - 1) * h.batchSize
        const to = Math.min(nTrain, from + h.batchSize)
        const [x, y] = batchTensors(d, from, to, idx)
        let out: number | number[]
        try {
          out = await model.trainOnBatch(x, y)
        } finally {
          tf.dispose([x, y])
        }
        const values = Array.isArray(out) ? out : [out]
        const loss = values[0] as number
        if (!Number.isFinite(loss)) fail('ERR_TRAINING_DIVERGED', `the loss became ${loss} in epoch ${epoch}, batch ${batch} (learning rate ${h.learningRate})`)
        values.forEach((val, i) => { sums[i] = (sums[i] as number) + val * (to - from) })
        if (batch % o.progressEveryBatches === 0) {
          const metrics: Record<string, number> = {
            batch_loss: loss,
            ...prefixed('batch_', Object.fromEntries(metricNames.map((m, i) => [m, values[i + 1] as number]))),
            batch_time_ms: performance.now() - t0,
            learning_rate: h.learningRate,
            // running means over the epoch so far: ReportProgress {loss, accuracy}
            loss: (sums[0] as number) / to,
            ...Object.fromEntries(metricNames.map((m, i) => [m, (sums[i + 1] as number) / to]))
          }
          const progress = ((epoch - 1) * perEpoch + batch) / (h.epochs * perEpoch)
          await hooks.onProgress?.({ epoch, batch, progress, metrics })
        }
      }
      const train = Object.fromEntries([['loss', sums[0] as number], ...metricNames.map((m, i) => [m, sums[i + 1] as number])].map(([k, s]) => [k, (s as number) / nTrain]))
      const val = nVal > 0 ? await evaluate(model, d, nTrain, d.samples, objective, want, h.batchSize) : undefined
      last = val ?? train
      epochsDone = epoch
      history.push(last.loss as number)
      const metrics = { ...prefixed('epoch_', train), ...(val === undefined ? {} : prefixed('validation_', val)), epoch_time_ms: performance.now() - epochStart, learning_rate: h.learningRate }
      lastCheckpoint = await checkpoint(model)
      await hooks.onEpoch?.({ epoch, metrics, checkpoint: lastCheckpoint })
    }
    const files = await saveModel(model)
    let best = -1
    history.forEach((l, i) => { if (Number.isFinite(l) && (best < 0 || l < (history[best] as number))) best = i })
    const totalTimeMs = performance.now() - started
    const finalMetrics = { ...prefixed('final_', last), ...(best < 0 ? {} : { best_epoch: best + 1 }), total_time_ms: totalTimeMs }
    return { ok: true, model: files, weightsHash: weightsHash(files.weights), finalMetrics, totalTimeMs }
  } catch (err) {
    const code: ErrorCode = err instanceof CyxwizError ? err.code : 'ERR_TRAINING'
    let saved = lastCheckpoint
    if (model !== undefined && stateUsable && code !== 'ERR_TRAINING_DIVERGED') saved = await checkpoint(model).catch(() => lastCheckpoint)
    return { ok: false, code, message: (err as Error).message ?? String(err), epochsDone, ...(saved === undefined ? {} : { checkpoint: saved }) }
  } finally {
    model?.dispose()
    optimizer?.dispose()
  }
}
