/**
 * The coordinator's checker of training work: exact checks of handed-in model directories,
 * replays of committed segments with their deviation ratio, and evaluations of returned models
 * on held-out data — all in one long-lived worker thread (check-worker.ts), so the coordinator's
 * event loop never waits on tfjs. The worker starts on the first request, is started again on the
 * next request after a crash, and ends with `stop()`; while no request is open it does not keep
 * the process alive.
 *
 * Requests are answered by id in the order posted; a failure comes back as a CyxwizError with
 * its code (ERR_COMPLETION for work that fails a check). A crash or an early exit of the worker
 * fails every open request with ERR_TRAINING instead of leaving it hanging. Bytes are copied into
 * the worker, never moved: the caller keeps its buffers. Datasets go over only when the worker
 * does not hold them: it keeps the last two by key and asks for `load()` on a miss.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads'
import type { Startable } from '@libp2p/interface'
import { CyxwizError } from '../errors.js'
import type { Backend } from './backends.js'
import type { ModelFiles } from './model-files.js'
import type { Position, TrainingSpec } from './spec.js'
import { errorFromWire, errorToWire, workerEntry, type WireError } from './worker-thread.js'

export interface CheckerInit {
  /** try this tfjs backend first, then the ones below it (backend-picker.ts) */
  backend?: Backend
  /** V8 heap limits for the worker (wasm memory is not counted by V8) */
  resourceLimits?: ResourceLimits
}

export interface ReplayResult {
  /** deviation of the claim from the replay (replay.ts); honest work stays below REPLAY_TOLERANCE */
  ratio: number
  distance: number
  update: number
  /** batches replayed */
  batches: number
  ms: number
  backend: Backend
}

export interface EvaluateResult { samples: number, loss: number, accuracy?: number, ms: number, backend: Backend }

/** workerData of the checking worker */
export interface CheckerInput { kind: 'cyxwiz-checker', backend?: Backend }

type Ask<T> = T & { id: number }
export type CheckerRequest =
  | Ask<{ op: 'checkState', modelDefinition: string, spec: TrainingSpec, files: ModelFiles, kind: 'checkpoint' | 'model' }>
  | Ask<{ op: 'sameModelWeights', a: ModelFiles, b: ModelFiles }>
  | Ask<{ op: 'replay', modelDefinition: string, spec: TrainingSpec, datasetKey: string, start?: ModelFiles, from: Position, to: Position, claimed: ModelFiles }>
  | Ask<{ op: 'evaluate', modelDefinition: string, spec: TrainingSpec, model: ModelFiles, dataset: Uint8Array }>

/** the main thread's answer to a worker's 'need-dataset' */
export interface DatasetReply { op: 'dataset', id: number, bytes?: Uint8Array, error?: WireError }

export type CheckerAnswer =
  | { type: 'answer', id: number, ok: true, value: unknown }
  | { type: 'answer', id: number, ok: false, error: WireError }
  | { type: 'need-dataset', id: number, key: string }

type Loader = () => Promise<Uint8Array>
interface Open { resolve: (v: unknown) => void, reject: (e: Error) => void, load?: Loader }
type Payload<R> = R extends Ask<infer T> ? T : never

export class Checker implements Startable {
  private worker: Worker | undefined
  private readonly open = new Map<number, Open>()
  private nextId = 1

  constructor (private readonly init: CheckerInit = {}) {}

  /** nothing to do: the worker starts with the first request */
  start (): void {}

  /** Terminates the worker; open requests fail with ERR_CANCELLED. */
  async stop (): Promise<void> {
    const w = this.worker
    this.worker = undefined
    this.failAll(new CyxwizError('ERR_CANCELLED', 'the checker was stopped'))
    await w?.terminate()
  }

  /** Resolves when `files` is exactly a model directory of the job's model (check-state.ts); else ERR_COMPLETION. */
  async checkState (r: { modelDefinition: string, spec: TrainingSpec, files: ModelFiles, kind: 'checkpoint' | 'model' }): Promise<void> {
    await this.call({ op: 'checkState', ...r })
  }

  /** whether two model directories hold the same model-weight bytes */
  async sameModelWeights (a: ModelFiles, b: ModelFiles): Promise<boolean> {
    return await this.call({ op: 'sameModelWeights', a, b }) as boolean
  }

  /** Replays `from` → `to` from `start` (undefined: the initial state) and measures `claimed` against it. */
  async replay (r: { modelDefinition: string, spec: TrainingSpec, dataset: { key: string, load: Loader }, start?: ModelFiles, from: Position, to: Position, claimed: ModelFiles }): Promise<ReplayResult> {
    const { dataset, ...rest } = r
    return await this.call({ op: 'replay', ...rest, datasetKey: dataset.key }, dataset.load) as ReplayResult
  }

  /** Scores `model` (weights copied strictly into the job's model) on every sample of `dataset`. */
  async evaluate (r: { modelDefinition: string, spec: TrainingSpec, model: ModelFiles, dataset: Uint8Array }): Promise<EvaluateResult> {
    return await this.call({ op: 'evaluate', ...r }) as EvaluateResult
  }

  private async call (payload: Payload<CheckerRequest>, load?: Loader): Promise<unknown> {
    const w = this.ensureWorker()
    const id = this.nextId++
    return await new Promise((resolve, reject) => {
      this.open.set(id, { resolve, reject, ...(load === undefined ? {} : { load }) })
      w.ref()
      w.postMessage({ ...payload, id })
    })
  }

  private ensureWorker (): Worker {
    if (this.worker !== undefined) return this.worker
    const input: CheckerInput = { kind: 'cyxwiz-checker', ...(this.init.backend === undefined ? {} : { backend: this.init.backend }) }
    const w = new Worker(workerEntry(import.meta.url, 'check-worker'), {
      workerData: input,
      execArgv: [],
      ...(this.init.resourceLimits === undefined ? {} : { resourceLimits: this.init.resourceLimits })
    })
    const lost = (why: string): void => {
      if (this.worker !== w) return
      this.worker = undefined
      this.failAll(new CyxwizError('ERR_TRAINING', `the checking worker ${why}`))
    }
    w.on('message', (m: CheckerAnswer) => { this.onMessage(w, m) })
    w.on('messageerror', err => { lost(`sent an unreadable message: ${err.message}`) })
    w.on('error', err => { lost(`crashed: ${err.message}`); void w.terminate() })
    w.on('exit', code => { lost(`exited with code ${code}`) })
    this.worker = w
    return w
  }

  private onMessage (w: Worker, m: CheckerAnswer): void {
    const open = this.open.get(m.id)
    if (open === undefined) return
    if (m.type === 'need-dataset') {
      const reply = (r: DatasetReply): void => { if (this.worker === w) w.postMessage(r) }
      const load = open.load ?? (async () => { throw new CyxwizError('ERR_DATASET', `no dataset to load for ${m.key}`) })
      load().then(bytes => { reply({ op: 'dataset', id: m.id, bytes }) }, (err: unknown) => { reply({ op: 'dataset', id: m.id, error: errorToWire(err, 'ERR_DATASET') }) })
      return
    }
    this.open.delete(m.id)
    if (this.open.size === 0) w.unref()
    if (m.ok) open.resolve(m.value)
    else open.reject(errorFromWire(m.error))
  }

  private failAll (err: Error): void {
    const open = [...this.open.values()]
    this.open.clear()
    for (const o of open) o.reject(err)
  }
}

/** A checker factory in the style of the project's services. */
export function checker (init: CheckerInit = {}): () => Checker {
  return () => new Checker(init)
}
