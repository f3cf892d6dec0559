/**
 * The training loop of the job executor, in-process (the worker runs it): for each epoch,
 * batches from a data loader → forward pass, loss, backward pass, optimizer step (the compiled
 * model's train function, as `trainOnBatch` runs it), progress every N batches, state commitments
 * every `commitEveryBatches` batches, then validation and a checkpoint (weights + optimizer state).
 * A step's loss and metrics stay on the device until the loop reads them (see MAX_UNREAD).
 *
 * Data: validation is the LAST ⌈validationSplit × n⌉ samples (Keras' convention), never shuffled
 * into training; the training part is shuffled every epoch with a PRNG seeded by (seed, epoch), so
 * a resumed run sees the batches the uninterrupted one would have. The seed is the spec's (the
 * coordinator's) unless the options name one; a resumed checkpoint's recorded seed never overrides
 * it. One step is steps.ts' `trainStep`, which replay.ts runs too.
 *
 * Loss and accuracy follow the model's output and the labels (evaluate.ts' `chooseObjective`).
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
 * State commitments: after batch b of an epoch with `commitEveryBatches > 0`,
 * `b % commitEveryBatches === 0` and b short of the epoch's end, `onState` receives the state
 * (weights + optimizer, the checkpoint format); the epoch's end is the checkpoint of `onEpoch`.
 *
 * Failures never throw: any exception (cancel, divergence, shapes, tfjs) ends the run with its
 * code, the epochs completed and a checkpoint — the current state, or after divergence (NaN
 * weights) the last epoch's checkpoint.
 */
import * as tf from '@tensorflow/tfjs'
import { CyxwizError, type ErrorCode } from '../errors.js'
import type { ValidatedModel } from '../model/types.js'
import type { Dataset } from './dataset-format.js'
import { chooseObjective, evaluate, type Objective } from './evaluate.js'
import { readMetadata, restoreCheckpoint, saveModel, weightsHash, type ModelFiles } from './model-files.js'
import type { TrainingSpec } from './spec.js'
import { batchBuffers, checkHyperparameters, checkSeed, checkShapes, compileJob, epochOrder, splitOf, trainStep, type CheckedHyperparameters } from './steps.js'

export { chooseObjective, evaluate, type Objective } from './evaluate.js'

/** A run of the loop: the job's spec (its hyperparameters say how to train) and how to run it. */
export interface LoopOptions {
  /** what to train; `hyperparameters.epochs` counts the whole job, resumed epochs included */
  spec: TrainingSpec
  /**
   * a progress report after every this many batches of an epoch, and after the first batch this
   * run trains: the submitter sees a real loss as soon as training runs, not after N batches (and
   * the states committed in between)
   */
  progressEveryBatches: number
  /** shuffling and weight initialisation; default: the spec's seed */
  seed?: number
  resume?: { epochsDone: number, checkpoint: ModelFiles }
  /** checked before every batch (an AbortSignal fits) */
  signal?: { readonly aborted: boolean }
}

export interface LoopHooks {
  onStart?: (i: { trainSamples: number, validationSamples: number, batchesPerEpoch: number, objective: Objective }) => void | Promise<void>
  onProgress?: (p: { epoch: number, batch: number, progress: number, metrics: Record<string, number> }) => void | Promise<void>
  /** a state commitment (see the file comment) */
  onState?: (s: { epoch: number, batch: number, state: ModelFiles }) => void | Promise<void>
  onEpoch?: (e: { epoch: number, metrics: Record<string, number>, checkpoint: ModelFiles }) => void | Promise<void>
}

export type LoopResult =
  | { ok: true, model: ModelFiles, weightsHash: string, finalMetrics: Record<string, number>, totalTimeMs: number }
  | { ok: false, code: ErrorCode, message: string, epochsDone: number, checkpoint?: ModelFiles }

const fail = (code: ErrorCode, message: string): never => { throw new CyxwizError(code, message) }

/**
 * Most steps whose loss and metrics wait unread: they are read at each progress report, state
 * commitment and epoch end, and at least this often, so a run that reports rarely still finds a
 * diverged loss within 64 batches (and holds at most 64 × (1 + metrics) scalars). On wasm and cpu,
 * which compute as the ops are called, a read per batch costs next to nothing (the same ms/step
 * as a read per 20 within measurement noise); a backend that queues work (a GPU) waits at each.
 */
const MAX_UNREAD = 64

/** The spec's hyperparameters and the run's options, checked (they arrive from another node). */
function checkOptions (o: LoopOptions): CheckedHyperparameters & { seed: number } {
  const int = (v: number, lo: number, hi: number): boolean => Number.isSafeInteger(v) && v >= lo && v <= hi
  const h = checkHyperparameters(o.spec)
  if (!int(o.progressEveryBatches, 1, 1 << 30)) fail('ERR_INVALID_JOB', 'progressEveryBatches must be a positive integer')
  const seed = checkSeed(o.seed ?? o.spec.seed)
  const every = o.spec.commitEveryBatches ?? 0
  if (!int(every, 0, 2 ** 32 - 1)) fail('ERR_INVALID_JOB', 'commitEveryBatches must be a non-negative integer')
  if (o.resume !== undefined && !int(o.resume.epochsDone, 0, h.epochs - 1)) fail('ERR_INVALID_JOB', `cannot resume after ${o.resume.epochsDone} of ${h.epochs} epochs`)
  return { ...h, seed }
}

/** the first unread step whose loss is not finite; a value that cannot be read counts as none */
function unreadDivergence (steps: ReadonlyArray<{ epoch: number, batch: number, values: tf.Scalar[] }>): { epoch: number, batch: number, loss: number } | undefined {
  for (const s of steps) {
    let loss = 0
    try {
      loss = s.values[0]?.dataSync()[0] ?? 0
    } catch {
      continue
    }
    if (!Number.isFinite(loss)) return { epoch: s.epoch, batch: s.batch, loss }
  }
  return undefined
}

const prefixed = (p: string, m: Record<string, number>): Record<string, number> => Object.fromEntries(Object.entries(m).map(([k, v]) => [`${p}${k}`, v]))

interface Meta { epochsDone: number, seed: number, history: number[] }

function readMeta (files: ModelFiles): Partial<Meta> {
  const m = readMetadata(files)?.cyxwiz as Partial<Meta> | undefined
  if (m == null || typeof m !== 'object') return {}
  return Array.isArray(m.history) && m.history.every(x => typeof x === 'number') ? { history: m.history } : {}
}

/** Trains `v` on `d`; never throws (see LoopResult). Disposes everything it allocates. */
export async function trainLoop (v: ValidatedModel, d: Dataset, o: LoopOptions, hooks: LoopHooks = {}): Promise<LoopResult> {
  const started = performance.now()
  let epochsDone = o.resume?.epochsDone ?? 0
  let lastCheckpoint = o.resume?.checkpoint
  const meta = o.resume === undefined ? {} : readMeta(o.resume.checkpoint)
  // per epoch, the loss best_epoch is chosen by; earlier runs' values come from the checkpoint
  const history = meta.history?.length === epochsDone ? [...meta.history] : new Array<number>(epochsDone).fill(Number.NaN)
  let seed = 0
  let model: tf.LayersModel | undefined
  let optimizer: tf.Optimizer | undefined
  let stateUsable = false
  // steps whose loss and metrics are not read yet (see MAX_UNREAD)
  const pending: Array<{ epoch: number, batch: number, from: number, to: number, values: tf.Scalar[] }> = []
  const checkpoint = async (m: tf.LayersModel): Promise<ModelFiles> =>
    await saveModel(m, { includeOptimizer: true, metadata: { cyxwiz: { epochsDone, seed, history } satisfies Meta } })
  try {
    const h = checkOptions(o)
    seed = h.seed
    const objective = chooseObjective(v, d)
    const job = compileJob(v, h, objective, seed)
    model = job.model
    optimizer = job.optimizer
    const metricNames = job.metricNames
    const want = new Set(h.metrics)
    if (o.resume !== undefined) await restoreCheckpoint(model, o.resume.checkpoint)
    stateUsable = true
    checkShapes(v, d)
    const { nTrain, nVal, perEpoch } = splitOf(h, d.samples)
    const every = o.spec.commitEveryBatches ?? 0
    await hooks.onStart?.({ trainSamples: nTrain, validationSamples: nVal, batchesPerEpoch: perEpoch, objective })
    let last: Record<string, number> = {}
    let reported = false
    const buffers = batchBuffers(d, h.batchSize)
    for (let epoch = epochsDone + 1; epoch <= h.epochs; epoch++) {
      const epochStart = performance.now()
      const order = epochOrder(seed, epoch, nTrain)
      const sums = new Array<number>(1 + metricNames.length).fill(0)
      // read in batch order: the sums and the divergence check are those of a read per batch
      const read = (): number[] => {
        let values: number[] = []
        for (let p = pending.shift(); p !== undefined; p = pending.shift()) {
          const scalars = p.values
          try {
            values = scalars.map(v => v.dataSync()[0] as number)
          } finally {
            tf.dispose(scalars)
          }
          const loss = values[0] as number
          if (!Number.isFinite(loss)) fail('ERR_TRAINING_DIVERGED', `the loss became ${loss} in epoch ${epoch}, batch ${p.batch} (learning rate ${h.learningRate})`)
          values.forEach((val, i) => { sums[i] = (sums[i] as number) + val * (p.to - p.from) })
        }
        return values
      }
      for (let batch = 1; batch <= perEpoch; batch++) {
        if (o.signal?.aborted === true) fail('ERR_CANCELLED', `training was cancelled in epoch ${epoch} before batch ${batch}`)
        const t0 = performance.now()
        const { values: scalars, from, to } = trainStep(model, d, order, batch, h.batchSize, buffers)
        pending.push({ epoch, batch, from, to, values: scalars })
        // the first batch a run trains is reported at once: the submitter sees a loss without waiting a whole cadence
        const reports = batch % o.progressEveryBatches === 0 || !reported
        const commits = hooks.onState !== undefined && every > 0 && batch % every === 0 && batch < perEpoch
        if (!(reports || commits || batch === perEpoch || pending.length >= MAX_UNREAD)) continue
        const values = read()
        const loss = values[0] as number
        if (reports) {
          reported = true
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
        // saved only when someone listens: a commitment costs one serialisation of the state
        if (commits) await hooks.onState?.({ epoch, batch, state: await saveModel(model, { includeOptimizer: true }) })
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
    let code: ErrorCode = err instanceof CyxwizError ? err.code : 'ERR_TRAINING'
    let message = (err as Error).message ?? String(err)
    // a step that diverged unread decides the outcome, as it would have with a read per batch
    const nan = code === 'ERR_TRAINING_DIVERGED' ? undefined : unreadDivergence(pending)
    if (nan !== undefined) {
      code = 'ERR_TRAINING_DIVERGED'
      message = `the loss became ${nan.loss} in epoch ${nan.epoch}, batch ${nan.batch} (found after: ${message})`
    }
    tf.dispose(pending.splice(0).flatMap(p => p.values))
    let saved = lastCheckpoint
    if (model !== undefined && stateUsable && code !== 'ERR_TRAINING_DIVERGED') saved = await checkpoint(model).catch(() => lastCheckpoint)
    return { ok: false, code, message, epochsDone, ...(saved === undefined ? {} : { checkpoint: saved }) }
  } finally {
    model?.dispose()
    optimizer?.dispose()
  }
}
