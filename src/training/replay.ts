/**
 * Replay of a committed training segment and its deviation from a peer's claim: how a
 * coordinator checks that a state a peer committed really came from training.
 *
 * A position (e, b) is the state after b batches of epoch e; (e, batchesPerEpoch) is epoch e's
 * checkpoint and the same state as (e + 1, 0); (1, 0) is the job's initial state — its model built
 * from the validated graph with the spec's seed and a fresh optimizer. A segment runs from one
 * committed position to the next inside one epoch. `replaySegment` restores the segment's start
 * (weights and optimizer state) into the job's own model and runs the segment's batches with
 * steps.ts' `trainStep`, the loop's own step, in the epoch's seeded order.
 *
 * Replay on another backend (or another machine) is not bit-exact: float sums are reassociated.
 * `deviation` therefore measures how far the claim is from the replay relative to how far the
 * replay moved from the start; an honest claim is a tiny fraction of the step, a claim that skipped
 * or faked work is of the order of the step itself. Only the model weights count: the optimizer's
 * slots (Adam's second moments, say) live on another scale and do not decide what the job pays
 * for; their structure is checked by check-state.ts, and their values feed the next segment's
 * replay, where a faked state shows as a deviation.
 */
import * as tf from '@tensorflow/tfjs'
import { CyxwizError } from '../errors.js'
import type { ValidatedModel } from '../model/types.js'
import type { Dataset } from './dataset-format.js'
import { chooseObjective } from './evaluate.js'
import { parseFiles, restoreCheckpoint, saveModel, type ModelFiles } from './model-files.js'
import type { Position, TrainingSpec } from './spec.js'
import { batchBuffers, checkHyperparameters, checkSeed, checkShapes, compileJob, epochOrder, splitOf, trainStep } from './steps.js'

/**
 * Largest deviation ratio an honest claim may show. Measured by scripts/bench/verification.ts on
 * MNIST (the demo's MLP 784→64→10 on 2000 digits and the small CNN on 512, Adam, batches of 32, a
 * commitment every 10 batches, 2 epochs, trained on wasm and on cpu): honest replays at most
 * 2.1e-6 on the same backend and 2.2e-6 across wasm / cpu (medians ≈ 8e-7); cheats at least 0.48
 * (half the steps; median 0.52), 0.76 (other labels), 1.0 (no update), 1.6 (an earlier state).
 * 1e-2 is 48× below the cheapest cheat and ~4600× above the honest maximum, leaving room for
 * backends that round more coarsely (GPUs) and longer segments; a claim within it can have skipped
 * at most about 1% of a segment's progress.
 */
export const REPLAY_TOLERANCE = 1e-2

export interface ReplayRequest {
  /** the job's validated model graph: the model is built from it, never from the files' topology */
  model: ValidatedModel
  dataset: Dataset
  spec: TrainingSpec
  /** the state at `from`; undefined = the job's initial state (then `from` must be (1, 0)) */
  start: ModelFiles | undefined
  from: Position
  to: Position
  signal?: { readonly aborted: boolean }
}

/** a segment as batch numbers of one epoch: the state after `first` batches → after `last` */
export interface Segment { epoch: number, first: number, last: number }

const refuse = (message: string): never => { throw new CyxwizError('ERR_INVALID_ARGUMENT', `replay: ${message}`) }
const completion = (message: string): never => { throw new CyxwizError('ERR_COMPLETION', message) }
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v)

/** The segment `from` → `to` of a job with `perEpoch` batches per epoch and `epochs` epochs, checked. */
export function segmentOf (from: Position, to: Position, perEpoch: number, epochs: number): Segment {
  for (const p of [from, to]) {
    if (!isInt(p?.epoch) || !isInt(p.batch) || p.batch < 0 || p.batch > perEpoch) refuse(`position ${JSON.stringify(p)} is not (epoch, 0…${perEpoch})`)
  }
  // the end of epoch e is the start of epoch e + 1
  const start = from.batch === perEpoch ? { epoch: from.epoch + 1, batch: 0 } : from
  if (start.epoch < 1 || start.epoch > epochs) refuse(`a segment cannot start in epoch ${start.epoch} of ${epochs}`)
  if (to.epoch !== start.epoch) refuse(`a segment stays within one epoch: (${from.epoch}, ${from.batch}) → (${to.epoch}, ${to.batch})`)
  if (to.batch <= start.batch) refuse(`a segment must move forward: (${from.epoch}, ${from.batch}) → (${to.epoch}, ${to.batch})`)
  return { epoch: start.epoch, first: start.batch, last: to.batch }
}

/** The job's initial state, position (1, 0): its model built with the spec's seed, untrained. */
export async function initialState (model: ValidatedModel, spec: TrainingSpec, dataset: Dataset): Promise<ModelFiles> {
  const h = checkHyperparameters(spec)
  const job = compileJob(model, h, chooseObjective(model, dataset), checkSeed(spec.seed))
  try {
    return await saveModel(job.model, { includeOptimizer: true })
  } finally {
    job.model.dispose()
    job.optimizer.dispose()
  }
}

/** Runs the segment `from` → `to` from `start` and returns the state it ends in (see the file comment). */
export async function replaySegment (r: ReplayRequest): Promise<ModelFiles> {
  const h = checkHyperparameters(r.spec)
  const seed = checkSeed(r.spec.seed)
  checkShapes(r.model, r.dataset)
  const { nTrain, perEpoch } = splitOf(h, r.dataset.samples)
  const seg = segmentOf(r.from, r.to, perEpoch, h.epochs)
  if (r.start === undefined && !(seg.epoch === 1 && seg.first === 0)) refuse('only a segment from (1, 0) may start from the initial state')
  const job = compileJob(r.model, h, chooseObjective(r.model, r.dataset), seed)
  try {
    if (r.start !== undefined) await restore(job.model, r.start, seg.first > 0 || seg.epoch > 1)
    const order = epochOrder(seed, seg.epoch, nTrain)
    const buffers = batchBuffers(r.dataset, h.batchSize)
    for (let batch = seg.first + 1; batch <= seg.last; batch++) {
      if (r.signal?.aborted === true) throw new CyxwizError('ERR_CANCELLED', `replay was cancelled before batch ${batch} of epoch ${seg.epoch}`)
      // the loss and metrics are not needed: freed unread
      tf.dispose(trainStep(job.model, r.dataset, order, batch, h.batchSize, buffers).values)
    }
    return await saveModel(job.model, { includeOptimizer: true })
  } finally {
    job.model.dispose()
    job.optimizer.dispose()
  }
}

/** A peer's start state into the job's model; a state after training must carry the optimizer's. */
async function restore (model: tf.LayersModel, start: ModelFiles, trained: boolean): Promise<void> {
  let withOptimizer = false
  try {
    withOptimizer = await restoreCheckpoint(model, start)
  } catch (err) {
    completion(`the segment's start state does not fit the job's model: ${(err as Error).message}`)
  }
  if (trained && !withOptimizer) completion('the segment\'s start state has no optimizer state')
}

export interface Deviation {
  /** ‖claimed − replayed‖₂ over the model weights */
  distance: number
  /** ‖replayed − start‖₂: how far the segment moved the weights */
  update: number
  /** distance / update (update floored at 1e-12) */
  ratio: number
}

/** The model-weight entries (group ≠ 'optimizer') of a model directory, in manifest order. */
function modelWeights (files: ModelFiles, what: string): Array<{ key: string, values: Float32Array }> {
  let parsed
  try {
    parsed = parseFiles(files)
  } catch (err) {
    return completion(`the ${what} state does not parse: ${(err as Error).message}`)
  }
  const out: Array<{ key: string, values: Float32Array }> = []
  let offset = 0
  for (const s of parsed.specs) {
    const n = s.shape.reduce((a, b) => a * b, 1)
    if (s.group !== 'optimizer') {
      if (s.dtype !== 'float32') completion(`the ${what} state's weight ${s.name} is ${s.dtype}`)
      out.push({ key: `${s.name}:${s.shape.join('x')}`, values: new Float32Array(parsed.buffer, offset, n) })
    }
    offset += 4 * n
  }
  return out
}

/** How far `claimed` is from `replayed`, relative to the step from `start` (see the file comment). */
export function deviation (start: ModelFiles, claimed: ModelFiles, replayed: ModelFiles): Deviation {
  const r = modelWeights(replayed, 'replayed')
  const c = modelWeights(claimed, 'claimed')
  const s = modelWeights(start, 'start')
  const same = (a: typeof r): boolean => a.length === r.length && a.every((w, i) => w.key === r[i]?.key)
  if (!same(c)) completion(`the claimed state's weights [${c.map(w => w.key).join(', ')}] are not the job's model's [${r.map(w => w.key).join(', ')}]`)
  if (!same(s)) completion('the start state\'s weights are not the job\'s model\'s')
  let dist = 0
  let upd = 0
  r.forEach((w, i) => {
    const cv = (c[i] as typeof w).values
    const sv = (s[i] as typeof w).values
    for (let j = 0; j < w.values.length; j++) {
      const x = w.values[j] as number
      const d = (cv[j] as number) - x
      const u = x - (sv[j] as number)
      dist += d * d
      upd += u * u
    }
  })
  const distance = Math.sqrt(dist)
  const update = Math.sqrt(upd)
  // a NaN or infinite claim is as far as can be
  const ratio = Number.isFinite(distance) ? distance / Math.max(update, 1e-12) : Infinity
  return { distance, update, ratio }
}
