/**
 * The training worker thread: everything CPU-heavy about a job happens here, so the daemon's event
 * loop (heartbeats, streams) never waits on a training step. It receives the job as workerData
 * (dataset moved in, not copied) and treats every field as hostile: JSON and graph validation and
 * the dataset decoder run before tfjs is even loaded, the loop checks the options. Then it picks a
 * backend, runs the loop and posts `TrainingEvent`s, moving model, state and checkpoint bytes out. It
 * always ends with exactly one 'done' or 'failed' message; executor.ts turns a crash or an exit
 * without one into 'failed' too.
 *
 * A spare (warm-worker.ts) starts without a job: it loads tfjs and the peer's backend, says so,
 * and then takes the first message as its job, checked like workerData would be. It runs that one
 * job only; the executor ends the thread afterwards.
 *
 * Cancellation is a flag in a SharedArrayBuffer: the loop checks it before every batch, which a
 * posted message could not do (the loop only awaits microtasks, so messages would wait for it).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { CyxwizError, type ErrorCode } from '../errors.js'
import { parseModel } from '../model/index.js'
import type { Backend } from './backends.js'
import { decodeDataset } from './dataset-format.js'
import type { TrainingEvent, TrainingJob, WorkerInput } from './executor.js'
import type { ModelFiles } from './model-files.js'
import type { WarmInput, WarmReady } from './warm-worker.js'
import { movableBuffers } from './worker-thread.js'

const BACKENDS: readonly Backend[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']

function post (e: TrainingEvent, moved: ReadonlySet<ModelFiles>): void {
  const files: ModelFiles[] = e.type === 'epoch' ? [e.checkpoint] : e.type === 'state' ? [e.state] : e.type === 'done' ? [e.model] : e.type === 'failed' && e.checkpoint !== undefined ? [e.checkpoint] : []
  // a checkpoint already moved out (the last epoch's) is detached here; the executor still has it
  parentPort?.postMessage(e, movableBuffers(files.filter(f => !moved.has(f))))
}

/** The fields the worker needs, type-checked; their values are checked by the loop and decoders. */
function checkJob (job: TrainingJob): void {
  const bad = (what: string): never => { throw new CyxwizError('ERR_INVALID_JOB', `job ${what}`) }
  if (typeof job.modelDefinition !== 'string') bad('model definition is not text')
  const h = job.spec?.hyperparameters
  if (h == null || typeof h !== 'object') bad('spec has no hyperparameters')
  for (const k of ['epochs', 'batchSize', 'learningRate', 'validationSplit'] as const) {
    if (typeof h?.[k] !== 'number') bad(`${k} is not a number`)
  }
  if (typeof job.progressEveryBatches !== 'number') bad('progressEveryBatches is not a number')
  if (typeof h?.optimizer !== 'string') bad('optimizer is not a string')
  if (!Array.isArray(h?.metrics) || !h.metrics.every(m => typeof m === 'string')) bad('metrics are not a list of names')
  if (job.backend !== undefined && !BACKENDS.includes(job.backend)) bad(`backend must be one of ${BACKENDS.join(', ')}`)
  const r = job.resume
  if (r !== undefined && (typeof r.epochsDone !== 'number' || !(r.checkpoint?.modelJson instanceof Uint8Array) || !(r.checkpoint.weights instanceof Uint8Array))) {
    bad('resume needs epochsDone and a checkpoint of two byte arrays')
  }
}

async function run (input: WorkerInput): Promise<void> {
  const job = input.job
  const flag = new Int32Array(input.cancel)
  const signal = { get aborted (): boolean { return Atomics.load(flag, 0) !== 0 } }
  const moved = new Set<ModelFiles>()
  let epochsDone = job.resume?.epochsDone ?? 0
  try {
    checkJob(job)
    const model = parseModel(job.modelDefinition)
    const dataset = decodeDataset(job.dataset)
    // the decoded copy is all that is needed: let the file's bytes go (workerData holds them otherwise)
    job.dataset = new Uint8Array(0)
    // tfjs only now: a job refused above costs no tfjs start-up
    await loadTraining()
    const [{ pickBackend }, { trainLoop }] = await Promise.all([import('./backend-picker.js'), import('./loop.js')])
    const backend = await pickBackend(job.backend)
    const result = await trainLoop(model, dataset, {
      spec: job.spec,
      progressEveryBatches: job.progressEveryBatches,
      signal,
      ...(job.seed === undefined ? {} : { seed: job.seed }),
      ...(job.resume === undefined ? {} : { resume: job.resume })
    }, {
      onStart: i => { post({ type: 'started', backend, trainSamples: i.trainSamples, validationSamples: i.validationSamples, batchesPerEpoch: i.batchesPerEpoch }, moved) },
      onProgress: p => { post({ type: 'progress', ...p }, moved) },
      onState: s => { post({ type: 'state', ...s }, moved) },
      onEpoch: e => {
        epochsDone = e.epoch
        post({ type: 'epoch', ...e }, moved)
        moved.add(e.checkpoint)
      }
    })
    if (result.ok) {
      post({ type: 'done', model: result.model, weightsHash: result.weightsHash, finalMetrics: result.finalMetrics, totalTimeMs: result.totalTimeMs }, moved)
    } else {
      const checkpoint = result.checkpoint !== undefined && !moved.has(result.checkpoint) ? { checkpoint: result.checkpoint } : {}
      post({ type: 'failed', code: result.code, message: result.message, epochsDone: result.epochsDone, ...checkpoint }, moved)
    }
  } catch (err) {
    // only what happens before the loop starts lands here (the loop itself never throws)
    const code: ErrorCode = err instanceof CyxwizError ? err.code : 'ERR_TRAINING'
    post({ type: 'failed', code, message: err instanceof Error ? err.message : String(err), epochsDone }, moved)
  }
}

/** tfjs and the modules a job needs, loaded once; `run` imports them again, from the module cache */
async function loadTraining (): Promise<void> {
  const [tf] = await Promise.all([import('@tensorflow/tfjs'), import('./backend-picker.js'), import('./loop.js')])
  // silences tfjs' "install tfjs-node" banner and debug checks; this is a production path
  tf.enableProdMode()
}

/** a spare: load everything, say which backend runs, then run the first message as the job */
async function warmUp (port: NonNullable<typeof parentPort>, w: WarmInput): Promise<void> {
  await loadTraining()
  const { pickBackend } = await import('./backend-picker.js')
  const backend = await pickBackend(w.backend)
  port.once('message', (m: Partial<WorkerInput> | undefined) => {
    if (m?.kind === 'cyxwiz-training' && m.job != null && typeof m.job === 'object' && m.cancel instanceof SharedArrayBuffer && m.cancel.byteLength >= 4) {
      void run(m as WorkerInput)
      return
    }
    post({ type: 'failed', code: 'ERR_INVALID_JOB', message: 'the warm training worker was given something other than a job', epochsDone: 0 }, new Set())
  })
  const ready: WarmReady = { type: 'warm', backend }
  port.postMessage(ready)
}

const input = workerData as WorkerInput | WarmInput | undefined
if (parentPort !== null && input?.kind === 'cyxwiz-training') {
  void run(input)
} else if (parentPort !== null && input?.kind === 'cyxwiz-training-warm') {
  // a spare that cannot load ends on the unhandled rejection, which its pool hears ('lost')
  void warmUp(parentPort, input)
}
