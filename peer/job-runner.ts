/**
 * Runs a held job end to end on this peer, moving it through its execution states
 * (execution-state.ts): ACCEPTED (reported at once), FETCHING_DATASET (the dataset from the
 * coordinator by its CID, hash-checked block by block, and the checkpoint to resume from), TRAINING
 * in the executor's worker thread from the job's TrainingSpec (its seed fixes the initial weights and
 * data order) — progress after the first batch and every N (batch metrics), its state on IPFS every
 * `commit_every_batches` batches (a commitment the coordinator may replay) and a checkpoint after
 * each epoch (its CID reported for the coordinator to verify and pin) — then UPLOADING the trained model as a tfjs model directory, COMPLETED with a completion
 * proof signed by this peer's key, and REPORTED once the coordinator acknowledged it; or FAILED, on
 * a training error, with the last checkpoint. Each report carries the state the job is in when it
 * is made; reports of one job go out in order. A dropped job (cancelled, reassigned) aborts its
 * training and moves no more.
 *
 * A spare training worker (src/training/warm-worker.ts) is kept loaded from `start` to `stop`, so a
 * job that fits its heap limit starts training without a worker's start-up; each job uses its own.
 */
import { EventEmitter } from 'node:events'
import type { ComponentLogger, Logger, PrivateKey, Startable } from '@libp2p/interface'
import { ExecutionState, type JobReport, type JobReportAck } from '../protocols/job-report.js'
import { parseIpfsUri, ipfsUri, type IpfsStore } from '../src/storage/ipfs.js'
import { signCompletion } from '../src/proof/completion.js'
import { withRetries } from '../src/retry.js'
import type { ResourceLimits } from 'node:worker_threads'
import { parseModel, trainingMemoryBytes } from '../src/model/index.js'
import { runTraining, workerResourceLimits, type TrainingEvent, type TrainingWorker } from '../src/training/executor.js'
import { WarmWorkers, defaultWarmWorkerOptions } from '../src/training/warm-worker.js'
import type { ModelFiles } from '../src/training/model-files.js'
import type { Backend } from '../src/training/backends.js'
import { epochsOf, type TrainingSpec } from '../src/training/spec.js'
import type { ActiveJob, ActiveJobs } from './active-jobs.js'
import type { ReportDelivery } from './report-delivery.js'

const { FETCHING_DATASET, TRAINING, UPLOADING, COMPLETED, REPORTED, FAILED } = ExecutionState

export interface JobRunnerInit {
  /** a progress report every this many batches, and one after the first (progress is streamed; 1 report/s is plenty) */
  progressEveryBatches: number
  /** the largest dataset this peer downloads (bytes) */
  maxDatasetBytes: number
  /** how long the dataset download may take (ms) */
  datasetTimeout: number
  /** train with this backend rather than the best one available */
  backend?: Backend
  /** keep a spare training worker loaded (tfjs and the backend) for the next job */
  warmWorker: boolean
  /** the spare's heap limit, MiB: jobs whose own limit is higher start a cold worker (warm-worker.ts) */
  warmHeapMb: number
}

export const defaultJobRunnerInit: JobRunnerInit = {
  // MNIST-sized batches take 5-20 ms on wasm: every 20 batches is a few reports a second
  progressEveryBatches: 20,
  maxDatasetBytes: 2 ** 31 - 1,
  datasetTimeout: 300_000,
  // a second of start-up per job is most of the wait for its first progress; a spare costs an idle thread
  warmWorker: true,
  warmHeapMb: defaultWarmWorkerOptions.heapMb
}

/**
 * Crashes (the process ended while training, job-journal.ts) after which a job is failed rather
 * than resumed: one can be anything (a power cut, a kill); a second with no checkpoint in between
 * is the job itself.
 */
export const MAX_CRASHES = 2

const toMap = (r: Record<string, number>): Map<string, number> => new Map(Object.entries(r).filter(([, v]) => Number.isFinite(v)))

export interface JobRunnerEvents {
  /** job id, backend, epochs it resumed after (0: a fresh start), the worker: a loaded spare (warm) or not, its thread */
  started: [string, string, number, TrainingWorker]
  /** job id, epoch, epoch metrics, checkpoint URI */
  epoch: [string, number, Record<string, number>, string]
  /** job id, model URI, final metrics */
  completed: [string, string, Record<string, number>]
  /** job id, message */
  failed: [string, string]
  /** job id, why: the job was taken away (cancelled, reassigned) and its training stopped */
  stopped: [string, string]
}

export interface JobRunnerComponents {
  jobs: Pick<ActiveJobs, 'on' | 'off' | 'holds' | 'move' | 'checkpoint' | 'finish'>
  reports: Pick<ReportDelivery, 'report'>
  ipfs: Pick<IpfsStore, 'cat' | 'readFiles' | 'addFiles'>
  privateKey: PrivateKey
  logger: ComponentLogger
}

/** a report as the runner makes it: the state is the job's when the report is made */
type Report = Omit<Partial<JobReport>, 'state'>

export class JobRunner extends EventEmitter<JobRunnerEvents> implements Startable {
  private readonly init: JobRunnerInit
  private readonly c: JobRunnerComponents
  private readonly log: Logger
  private readonly running = new Set<Promise<void>>()
  /** the spare training worker, when `warmWorker` */
  readonly warm: WarmWorkers | undefined

  constructor (init: JobRunnerInit, components: JobRunnerComponents) {
    super()
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:peer:runner')
    if (init.warmWorker) {
      this.warm = new WarmWorkers({ heapMb: init.warmHeapMb, ...(init.backend != null ? { backend: init.backend } : {}) })
      this.warm.on('ready', backend => { this.log('a spare training worker is loaded (%s)', backend) })
      this.warm.on('lost', err => { this.log.error('the spare training worker ended before a job: %s', err?.message ?? 'it exited') })
    }
  }

  private readonly onAccepted = (job: ActiveJob): void => {
    const p = this.run(job).catch((err: unknown) => { this.log.error('job %s: %e', job.jobId, err) })
    this.running.add(p)
    void p.finally(() => this.running.delete(p))
  }

  async start (): Promise<void> {
    this.c.jobs.on('accepted', this.onAccepted)
    this.warm?.start()
  }

  /** takes no new jobs and waits for the running ones to end (the held jobs abort them on stop) */
  async stop (): Promise<void> {
    this.c.jobs.off('accepted', this.onAccepted)
    // the spare first: a job ending now must not start a replacement
    await Promise.all([this.warm?.stop(), Promise.allSettled([...this.running])])
  }

  private async addModel (files: ModelFiles): Promise<string> {
    const cid = await this.c.ipfs.addFiles([{ path: 'model.json', content: files.modelJson }, { path: 'weights.bin', content: files.weights }])
    return ipfsUri(cid)
  }

  private async run (job: ActiveJob): Promise<void> {
    const a = job.assignment
    const epochs = epochsOf(job.spec)
    const signal = job.abort.signal
    // one report at a time per job, in order; the job's end waits for all of them. A report that
    // cannot even be queued is logged: it must not stop the ones after it
    let chain: Promise<unknown> = Promise.resolve()
    const send = async (r: Report): Promise<JobReportAck | undefined> => {
      const state = job.execution.state
      const sent = chain.then(async () => this.c.jobs.holds(job) ? await this.c.reports.report(job, { ...r, state }) : undefined)
        .catch((err: unknown) => { this.log.error('job %s: %s report lost: %e', job.jobId, state, err); return undefined })
      chain = sent
      return await sent
    }
    // a job taken away (or a peer stopping) moves no more: false tells the caller to stop
    const move = (to: ExecutionState): boolean => {
      if (signal.aborted) return false
      this.c.jobs.move(job, to)
      return true
    }
    const fail = async (message: string, checkpoint?: { uri: string, epoch: number }, epochsDone = 0): Promise<void> => {
      if (!move(FAILED)) return
      this.emit('failed', job.jobId, message)
      await send({ message, currentEpoch: epochsDone, ...(checkpoint != null ? { checkpointUri: checkpoint.uri, checkpointEpoch: checkpoint.epoch } : {}) })
      this.c.jobs.finish(job, 'failed')
    }

    // after the answer to the offer has gone out: the coordinator hears the accept first
    await new Promise(resolve => setImmediate(resolve))
    if (job.crashes >= MAX_CRASHES) {
      // the job ended this peer's process each time it trained: once more would be a loop
      await fail(`ERR_TRAINING_CRASHED: this peer's process died ${job.crashes} times while training the job, with no checkpoint in between (out of memory?); it is not resumed again`,
        a.resumeCheckpointUri !== '' ? { uri: a.resumeCheckpointUri, epoch: a.resumeEpoch } : undefined, a.resumeEpoch)
      return
    }
    void send({ message: job.origin === 'restart' ? `resumed after a restart from epoch ${a.resumeEpoch}` : 'accepted; fetching the dataset' })
    if (!move(FETCHING_DATASET)) return
    let dataset: Uint8Array
    try {
      // the retry schedule: the coordinator may be restarting
      // the operator's gateways, if any, are asked too (a dataset too small to split is the submitted one)
      dataset = await withRetries(async () => await this.c.ipfs.cat(parseIpfsUri(job.spec.datasetUri), { maxBytes: this.init.maxDatasetBytes, timeout: this.init.datasetTimeout, signal, gateways: true }), { signal })
    } catch (err) {
      await fail(`cannot fetch the dataset: ${(err as Error).message}`)
      return
    }
    let lastCheckpoint = { uri: a.resumeCheckpointUri, epoch: a.resumeEpoch }
    let resume: { epochsDone: number, checkpoint: ModelFiles } | undefined
    if (a.resumeCheckpointUri !== '' && a.resumeEpoch > 0) {
      // another peer (or this one before a restart) started this job: continue from its last checkpoint (weights + optimizer)
      try {
        const files = await withRetries(async () => await this.c.ipfs.readFiles(parseIpfsUri(a.resumeCheckpointUri), { maxBytes: this.init.maxDatasetBytes, timeout: this.init.datasetTimeout, signal }), { signal })
        const modelJson = files.find(f => f.path === 'model.json')?.content
        const weights = files.find(f => f.path === 'weights.bin')?.content
        if (modelJson == null || weights == null) throw new Error('the checkpoint is not a model directory')
        resume = { epochsDone: a.resumeEpoch, checkpoint: { modelJson, weights } }
      } catch (err) {
        await fail(`cannot fetch the checkpoint to resume from: ${(err as Error).message}`)
        return
      }
    }
    if (!move(TRAINING)) return
    const events: AsyncIterable<TrainingEvent> = runTraining({
      spec: job.spec,
      modelDefinition: a.modelDefinition,
      dataset,
      progressEveryBatches: this.init.progressEveryBatches,
      ...(this.init.backend != null ? { backend: this.init.backend } : {}),
      ...(resume != null ? { resume } : {})
    }, { signal, resourceLimits: limitsOf(a.modelDefinition, job.spec, dataset.byteLength), ...(this.warm != null ? { warm: this.warm } : {}) })
    let progress = a.resumeEpoch / epochs
    for await (const e of events) {
      if (signal.aborted && e.type !== 'failed') continue
      switch (e.type) {
        case 'started':
          this.log('job %s: training on %s in a %s worker', job.jobId, e.backend, e.worker?.warm === true ? 'warm' : 'cold')
          this.emit('started', job.jobId, e.backend, resume?.epochsDone ?? 0, e.worker ?? { warm: false, threadId: -1 })
          void send({
            backend: e.backend, currentEpoch: a.resumeEpoch + 1, progress: a.resumeEpoch / epochs,
            message: `training on ${e.backend}: ${e.trainSamples} samples, ${e.validationSamples} for validation${resume != null ? `; resumed after epoch ${a.resumeEpoch}` : ''}`
          })
          break
        case 'progress':
          progress = e.progress
          void send({ progress: e.progress, currentEpoch: e.epoch, metrics: toMap(e.metrics) })
          break
        case 'state': {
          // a commitment to the state after this batch: the coordinator may replay the batches
          // that led to it, so it stays on this peer's IPFS store (and the coordinator pins it)
          const uri = await this.addModel(e.state)
          void send({ progress, currentEpoch: e.epoch, states: [{ epoch: e.epoch, batch: e.batch, uri }] })
          break
        }
        case 'epoch': {
          const uri = await this.addModel(e.checkpoint)
          lastCheckpoint = { uri, epoch: e.epoch }
          await this.c.jobs.checkpoint(job, uri, e.epoch)
          this.emit('epoch', job.jobId, e.epoch, e.metrics, uri)
          void send({
            progress: e.epoch / epochs, currentEpoch: e.epoch, metrics: toMap(e.metrics),
            checkpointUri: uri, checkpointEpoch: e.epoch, message: `epoch ${e.epoch}/${epochs} done; checkpoint ${uri}`
          })
          break
        }
        case 'done': {
          if (!move(UPLOADING)) return
          const uri = await this.addModel(e.model)
          const completion = await signCompletion(this.c.privateKey, {
            jobId: job.jobId,
            leaseId: job.leaseId,
            completion: {
              finalStatus: 'COMPLETED', modelWeightsUri: uri, modelWeightsHash: e.weightsHash,
              finalMetrics: toMap(e.finalMetrics), totalComputeTimeMs: BigInt(Math.round(e.totalTimeMs))
            }
          })
          if (!move(COMPLETED)) return
          const ack = await send({ progress: 1, currentEpoch: epochs, completion, message: `trained; model ${uri}` })
          // acknowledged: reported. Queued in the outbox (or refused), the job ends COMPLETED and the outbox delivers it
          if (ack != null && ack.code === '' && !ack.cancel) move(REPORTED)
          this.emit('completed', job.jobId, uri, e.finalMetrics)
          this.c.jobs.finish(job, 'completed')
          return
        }
        case 'failed': {
          if (signal.aborted) {
            this.emit('stopped', job.jobId, String((signal.reason as Error | undefined)?.message ?? e.message))
            return
          }
          // save the current state as a checkpoint and report it with the failure; the
          // coordinator pays only the epochs its verified checkpoints prove done
          if (e.checkpoint != null) lastCheckpoint = { uri: await this.addModel(e.checkpoint), epoch: e.epochsDone }
          await fail(`${e.code}: ${e.message}`, lastCheckpoint, e.epochsDone)
          return
        }
      }
    }
  }
}

/**
 * The worker's limits, sized from the job's training-memory estimate; a definition the estimate
 * cannot read gets the floor (the worker refuses it before it allocates anything).
 */
function limitsOf (definition: string, spec: TrainingSpec, datasetBytes: number): ResourceLimits {
  let bytes = 0n
  try {
    bytes = trainingMemoryBytes(parseModel(definition).totals, spec.hyperparameters?.batchSize ?? 0)
  } catch {}
  return workerResourceLimits(bytes, datasetBytes)
}

/** `(init) => (components) => service`, as every CyxWiz service */
export function jobRunner (init: Partial<JobRunnerInit> = {}): (components: JobRunnerComponents) => JobRunner {
  return (components) => new JobRunner({ ...defaultJobRunnerInit, ...init }, components)
}
