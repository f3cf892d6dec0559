/**
 * A spare training worker, started ahead of the next job: it loads tsx, tfjs and the backend the
 * peer trains on (worker.ts, warm mode) and then waits for one job. Starting a worker costs about
 * a second (the thread, the loader, tfjs, the wasm backend), which otherwise lies between a job's
 * dataset arriving and its first batch.
 *
 * A worker is used once: the executor posts one job to a taken spare and terminates it when the
 * job ends, as it does a cold one, so nothing of one job (tfjs' state, its heap) reaches another.
 * A worker's heap limit is fixed when it starts, so the spare has one (`heapMb`) and is only
 * handed to a job whose own limit is at most that; any other job, or one arriving while the spare
 * is still loading, gets a cold worker sized for it (executor.ts). The spare is replaced by
 * `refill()`, which the executor calls once a job reports progress or ends, so the replacement
 * loads while the job trains rather than during its start-up; a spare that ended on its own is
 * replaced the same way, at the next job (at most one attempt per job, never a loop). `stop()`
 * terminates the spare.
 */
import { EventEmitter } from 'node:events'
import { Worker, type ResourceLimits } from 'node:worker_threads'
import type { Backend } from './backends.js'
import { workerEntry } from './worker-thread.js'

export interface WarmWorkerOptions {
  /**
   * the spare's V8 old-generation limit, MiB. 1024: the executor's floor (512 MiB) plus 512 MiB,
   * which covers the jobs most peers run (an MLP or small CNN on up to ~30 MB of data); a job
   * whose own limit is above it gets a cold worker with its own
   */
  heapMb: number
  /** the backend the spare loads ahead: the one the peer's jobs ask for (absent: the best available) */
  backend?: Backend
}

export const defaultWarmWorkerOptions: WarmWorkerOptions = { heapMb: 1024 }

/** workerData of a spare (worker.ts) */
export interface WarmInput {
  kind: 'cyxwiz-training-warm'
  backend?: Backend
}

/** what a spare posts once tfjs and its backend are loaded */
export interface WarmReady { type: 'warm', backend: Backend }

/** a spare handed to a job: it is the job's now, and its heap limit is `heapMb` */
export interface TakenWorker { worker: Worker, heapMb: number }

/** what the executor needs of a pool of spares */
export interface WarmSource {
  /** a loaded spare whose heap limit covers `limits`, or undefined (then the caller starts its own) */
  take: (limits?: ResourceLimits) => TakenWorker | undefined
  /** starts a spare if there is none (taken, or lost) */
  refill: () => void
}

export interface WarmWorkersEvents {
  /** a spare was started (before it is loaded) */
  spawned: [Worker]
  /** a spare has loaded tfjs and this backend */
  ready: [Backend]
  /** a spare ended before it was taken */
  lost: [Error | undefined]
}

interface Spare { worker: Worker, ready: boolean, detach: () => void }

/** Keeps one spare training worker loaded; see the file's comment. */
export class WarmWorkers extends EventEmitter<WarmWorkersEvents> implements WarmSource {
  private readonly opts: WarmWorkerOptions
  private spare: Spare | undefined
  private stopped = true

  constructor (opts: Partial<WarmWorkerOptions> = {}) {
    super()
    this.opts = { ...defaultWarmWorkerOptions, ...opts }
  }

  /** the spare, loaded or loading, if any */
  get worker (): Worker | undefined {
    return this.spare?.worker
  }

  /** a spare is loaded and waiting */
  get ready (): boolean {
    return this.spare?.ready === true
  }

  start (): void {
    this.stopped = false
    this.refill()
  }

  refill (): void {
    if (this.stopped || this.spare !== undefined) return
    const input: WarmInput = { kind: 'cyxwiz-training-warm', ...(this.opts.backend === undefined ? {} : { backend: this.opts.backend }) }
    let worker: Worker
    try {
      worker = new Worker(workerEntry(import.meta.url, 'worker'), {
        workerData: input, execArgv: [], resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb }
      })
    } catch (err) {
      // jobs still run, on cold workers
      this.emit('lost', err as Error)
      return
    }
    // an idle spare does not keep the process alive; a taken one does
    worker.unref()
    const onMessage = (m: Partial<WarmReady> | undefined): void => {
      if (m?.type !== 'warm' || typeof m.backend !== 'string') return
      spare.ready = true
      this.emit('ready', m.backend)
    }
    let error: Error | undefined
    const onError = (err: Error): void => { error = err }
    // not restarted here (a spare that cannot load would loop): the next job runs cold and refills
    const onExit = (): void => {
      if (this.spare !== spare) return
      this.spare = undefined
      this.emit('lost', error)
    }
    const spare: Spare = {
      worker,
      ready: false,
      detach: () => { worker.off('message', onMessage); worker.off('error', onError); worker.off('exit', onExit) }
    }
    worker.on('message', onMessage)
    worker.on('error', onError)
    worker.on('exit', onExit)
    this.spare = spare
    this.emit('spawned', worker)
  }

  take (limits?: ResourceLimits): TakenWorker | undefined {
    const s = this.spare
    if (s?.ready !== true || !fits(limits, this.opts.heapMb)) return undefined
    this.spare = undefined
    s.detach()
    s.worker.ref()
    return { worker: s.worker, heapMb: this.opts.heapMb }
  }

  /** terminates the spare and starts no other; a taken worker is its job's to end */
  async stop (): Promise<void> {
    this.stopped = true
    const s = this.spare
    this.spare = undefined
    if (s === undefined) return
    s.detach()
    await s.worker.terminate()
  }
}

/**
 * A job's limits are met by a worker limited to `heapMb` only if they name an old-generation limit
 * of at most that and nothing else (no limits at all means V8's default heap, which is larger).
 */
function fits (limits: ResourceLimits | undefined, heapMb: number): boolean {
  if (limits === undefined) return false
  const { maxOldGenerationSizeMb, ...others } = limits
  return Object.values(others).every(v => v === undefined) && maxOldGenerationSizeMb !== undefined && maxOldGenerationSizeMb <= heapMb
}
