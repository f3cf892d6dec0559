/**
 * The training executor a peer daemon runs for an assigned job: `runTraining` starts a
 * worker_threads Worker (worker.ts) and yields its events, so training never blocks the daemon's
 * event loop. The dataset is moved into the worker (its buffer is detached afterwards); models,
 * checkpoints and committed states are moved out.
 *
 * The worker is TypeScript: worker-thread.ts' `workerEntry` starts it under tsx when this file
 * runs as .ts.
 *
 * With a pool of spares (`warm`, warm-worker.ts) a loaded worker whose heap limit covers the job's
 * is taken and given the job as a message instead; it ends with the job like a cold one.
 *
 * Guarantees: the iteration ends with exactly one 'done' or 'failed'. A worker that crashes or
 * exits without finishing becomes 'failed' (ERR_TRAINING; ERR_OUT_OF_MEMORY when it went over its
 * `resourceLimits`) carrying the last checkpoint seen; an
 * abort stops the loop before its next batch (ERR_CANCELLED), and a worker that does not stop
 * within `abortGraceMs` is terminated. Leaving the loop early terminates the worker.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads'
import type { ErrorCode } from '../errors.js'
import type { Backend } from './backends.js'
import type { ModelFiles } from './model-files.js'
import type { TrainingSpec } from './spec.js'
import type { TakenWorker, WarmSource } from './warm-worker.js'
import { workerEntry } from './worker-thread.js'

/**
 * One training job as the daemon hands it over: the job's spec as the assignment carried it, and
 * what running it needs besides; every field is treated as hostile.
 */
export interface TrainingJob {
  /** what to train: the hyperparameters are read from it */
  spec: TrainingSpec
  /** the model definition JSON (tfjs/Keras topology or node graph), validated in the worker */
  modelDefinition: string
  /** CYXT or CSV bytes; moved into the worker (detached here) when it is a whole ArrayBuffer */
  dataset: Uint8Array
  progressEveryBatches: number
  /** try this backend first, then the ones below it */
  backend?: Backend
  seed?: number
  /** continue after `epochsDone` epochs from a checkpoint of this job */
  resume?: { epochsDone: number, checkpoint: ModelFiles }
}

/** the thread that trains a job: a loaded spare (warm-worker.ts) or one started for it */
export interface TrainingWorker { warm: boolean, threadId: number }

export type TrainingEvent =
  /** `worker` is set by the executor */
  | { type: 'started', backend: Backend, trainSamples: number, validationSamples: number, batchesPerEpoch: number, worker?: TrainingWorker }
  | { type: 'progress', epoch: number, batch: number, progress: number, metrics: Record<string, number> }
  /** the state (weights + optimizer) after `batch` batches of `epoch`: a commitment of the spec's `commitEveryBatches` */
  | { type: 'state', epoch: number, batch: number, state: ModelFiles }
  | { type: 'epoch', epoch: number, metrics: Record<string, number>, checkpoint: ModelFiles }
  | { type: 'done', model: ModelFiles, weightsHash: string, finalMetrics: Record<string, number>, totalTimeMs: number }
  | { type: 'failed', code: ErrorCode, message: string, epochsDone: number, checkpoint?: ModelFiles }

export interface RunTrainingOptions {
  signal?: AbortSignal
  /** how long an aborted worker may take to stop on its own before it is terminated (ms) */
  abortGraceMs?: number
  /** V8 heap limits for the worker (wasm memory is not counted by V8) */
  resourceLimits?: ResourceLimits
  /** loaded spares to take the worker from when one fits `resourceLimits` (absent: always a cold start) */
  warm?: WarmSource
}

/** workerData of the training worker */
export interface WorkerInput {
  kind: 'cyxwiz-training'
  job: TrainingJob
  /** Int32 flag: non-zero = stop before the next batch */
  cancel: SharedArrayBuffer
}

/**
 * The worker's V8 heap limit for a job: 512 MiB for tfjs itself and the code, plus the job's
 * estimated training memory (src/model/memory.ts; the cpu backend keeps tensors in typed arrays,
 * which V8 counts as external memory rather than heap, so this is headroom rather than a measure),
 * plus 16× the dataset's bytes: parsing a CSV makes a string and an array slot per cell, about 10×
 * the text. wasm memory is not counted by V8 at all; the peer's bidding keeps jobs within its memory.
 */
export function workerResourceLimits (trainingBytes: bigint, datasetBytes: number): ResourceLimits {
  const MiB = 1024 * 1024
  return { maxOldGenerationSizeMb: 512 + Math.ceil((Number(trainingBytes) + 16 * datasetBytes) / MiB) }
}

// a batch takes milliseconds to seconds; a checkpoint save is the longest thing between two checks
const DEFAULT_ABORT_GRACE_MS = 10_000

const isTerminal = (e: TrainingEvent): boolean => e.type === 'done' || e.type === 'failed'

/**
 * Trains `job` in a worker thread and yields its events in order: 'started', then 'progress'
 * after the first batch and every `progressEveryBatches` batches, 'state' (weights + optimizer state) after every
 * `spec.commitEveryBatches` batches short of an epoch's end, and 'epoch' (with a checkpoint) after
 * each epoch, and finally 'done' or 'failed'. The worker starts on the first `next()`; the dataset's buffer is moved then.
 */
export async function * runTraining (job: TrainingJob, opts: RunTrainingOptions = {}): AsyncGenerator<TrainingEvent, void, undefined> {
  let lastCheckpoint = job.resume?.checkpoint
  let epochsDone = job.resume?.epochsDone ?? 0
  const failed = (code: ErrorCode, message: string): TrainingEvent =>
    ({ type: 'failed', code, message, epochsDone, ...(lastCheckpoint === undefined ? {} : { checkpoint: lastCheckpoint }) })
  if (opts.signal?.aborted === true) {
    yield failed('ERR_CANCELLED', 'training was cancelled before it started')
    return
  }
  if (!(job.dataset instanceof Uint8Array)) {
    yield failed('ERR_DATASET', 'the dataset is not a byte array')
    return
  }
  // move a whole buffer; a view of a larger one (a pooled Buffer) is copied so nothing else detaches.
  // `new Uint8Array(d)` copies: a Buffer's slice() would be another view of Node's pool, which
  // cannot be moved (small downloads come back as such views)
  const d = job.dataset
  const dataset = d.byteOffset === 0 && d.byteLength === d.buffer.byteLength && d.buffer instanceof ArrayBuffer ? d : new Uint8Array(d)
  const cancel = new SharedArrayBuffer(4)
  const input: WorkerInput = {
    kind: 'cyxwiz-training',
    cancel,
    job: {
      spec: job.spec, modelDefinition: job.modelDefinition, dataset, progressEveryBatches: job.progressEveryBatches,
      ...(job.backend === undefined ? {} : { backend: job.backend }),
      ...(job.seed === undefined ? {} : { seed: job.seed }),
      ...(job.resume === undefined ? {} : { resume: job.resume })
    }
  }
  const queue: TrainingEvent[] = []
  let wake: (() => void) | undefined
  let ended = false
  let taken: TakenWorker | undefined
  let refilled = false
  // the spare's replacement (for the one taken, or one lost before) loads once this job trains,
  // not while it starts: both want the cores
  const refill = (): void => {
    if (refilled) return
    refilled = true
    opts.warm?.refill()
  }
  const push = (e: TrainingEvent): void => {
    if (ended) return
    if (e.type === 'started') e = { ...e, worker: { warm: taken !== undefined, threadId: worker.threadId } }
    if (e.type === 'progress' || isTerminal(e)) refill()
    if (e.type === 'epoch') { lastCheckpoint = e.checkpoint; epochsDone = e.epoch }
    if (e.type === 'failed' && e.checkpoint === undefined && lastCheckpoint !== undefined) e = { ...e, checkpoint: lastCheckpoint }
    ended = isTerminal(e)
    queue.push(e)
    wake?.()
  }
  let worker: Worker
  try {
    taken = opts.warm?.take(opts.resourceLimits)
    if (taken !== undefined) {
      worker = taken.worker
      worker.postMessage(input, [dataset.buffer as ArrayBuffer])
    } else {
      worker = new Worker(workerEntry(import.meta.url, 'worker'), {
        workerData: input,
        transferList: [dataset.buffer as ArrayBuffer],
        execArgv: [],
        ...(opts.resourceLimits === undefined ? {} : { resourceLimits: opts.resourceLimits })
      })
    }
  } catch (err) {
    if (taken !== undefined) void taken.worker.terminate()
    refill()
    yield failed('ERR_TRAINING', `cannot start the training worker: ${(err as Error).message}`)
    return
  }
  worker.on('message', (e: TrainingEvent) => { push(e) })
  worker.on('messageerror', err => { push(failed('ERR_TRAINING', `unreadable message from the training worker: ${err.message}`)) })
  worker.on('error', (err: Error & { code?: string }) => {
    // over its resourceLimits the worker is stopped, not the daemon: the job fails, once, by name
    if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      const limit = taken?.heapMb ?? opts.resourceLimits?.maxOldGenerationSizeMb
      push(failed('ERR_OUT_OF_MEMORY', `the training worker ran out of memory${limit === undefined ? '' : ` (its heap is limited to ${limit} MiB)`}: ${err.message}`))
      return
    }
    push(failed('ERR_TRAINING', `the training worker crashed: ${err.message}`))
  })
  worker.on('exit', code => { push(failed('ERR_TRAINING', `the training worker exited with code ${code} before finishing`)) })
  let grace: NodeJS.Timeout | undefined
  const onAbort = (): void => {
    Atomics.store(new Int32Array(cancel), 0, 1)
    grace = setTimeout(() => {
      push(failed('ERR_CANCELLED', 'training was cancelled; the worker did not stop in time and was terminated'))
      void worker.terminate()
    }, opts.abortGraceMs ?? DEFAULT_ABORT_GRACE_MS)
  }
  opts.signal?.addEventListener('abort', onAbort, { once: true })
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>(resolve => { wake = resolve })
      const e = queue.shift() as TrainingEvent
      yield e
      if (isTerminal(e)) return
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort)
    clearTimeout(grace)
    refill()
    await worker.terminate()
  }
}
