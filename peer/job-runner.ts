/**
 * Runs an accepted job end to end on this peer: fetch the dataset from the coordinator by its CID
 * (hash-checked block by block), train in the executor's worker thread, and turn its events into
 * reports under the job's lease — progress every N batches (batch metrics), a checkpoint
 * on IPFS after each epoch (its CID reported for the coordinator to verify and pin), and at the end
 * the trained model as a tfjs model directory on IPFS with a completion proof signed by this peer's
 * key; or, on a training error, the failure with the last checkpoint. Reports of one job go out in
 * order; a dropped job (cancelled, reassigned) aborts its training.
 */
import { EventEmitter } from 'node:events'
import type { ComponentLogger, Logger, PrivateKey } from '@libp2p/interface'
import type { JobReport } from '../protocols/job-report.js'
import { parseIpfsUri, ipfsUri, type IpfsStore } from '../src/storage/ipfs.js'
import { signCompletion } from '../src/proof/completion.js'
import { withRetries } from '../src/retry.js'
import { runTraining, type TrainingEvent } from '../src/training/executor.js'
import type { ModelFiles } from '../src/training/model-files.js'
import type { Backend } from '../src/training/backends.js'
import type { ActiveJob, AssignmentHandler } from './assignment-handler.js'
import type { JobJournal } from './job-journal.js'

export interface JobRunnerInit {
  /** a progress report every this many batches (progress is streamed; 1 report/s is plenty) */
  progressEveryBatches: number
  /** the largest dataset this peer downloads (bytes) */
  maxDatasetBytes: number
  /** how long the dataset download may take (ms) */
  datasetTimeout: number
  /** train with this backend rather than the best one available */
  backend?: Backend
}

export const defaultJobRunnerInit: JobRunnerInit = {
  // MNIST-sized batches take 5-20 ms on wasm: every 20 batches is a few reports a second
  progressEveryBatches: 20,
  maxDatasetBytes: 2 ** 31 - 1,
  datasetTimeout: 300_000
}

const toMap = (r: Record<string, number>): Map<string, number> => new Map(Object.entries(r).filter(([, v]) => Number.isFinite(v)))

export interface JobRunnerEvents {
  /** job id, backend, epochs it resumed after (0: a fresh start) */
  started: [string, string, number]
  /** job id, epoch, epoch metrics, checkpoint URI */
  epoch: [string, number, Record<string, number>, string]
  /** job id, model URI, final metrics */
  completed: [string, string, Record<string, number>]
  /** job id, message */
  failed: [string, string]
  /** job id, why: the job was taken away (cancelled, reassigned) and its training stopped */
  stopped: [string, string]
}

export class JobRunner extends EventEmitter<JobRunnerEvents> {
  private readonly init: JobRunnerInit
  private readonly c: { assignments: AssignmentHandler, ipfs: IpfsStore, privateKey: PrivateKey, logger: ComponentLogger, journal?: JobJournal }
  private readonly log: Logger
  private readonly running = new Set<Promise<void>>()

  constructor (init: JobRunnerInit, components: JobRunner['c']) {
    super()
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:peer:runner')
    components.assignments.on('accepted', job => {
      const p = this.run(job).catch((err: unknown) => { this.log.error('job %s: %e', job.jobId, err) })
      this.running.add(p)
      void p.finally(() => this.running.delete(p))
    })
  }

  /** aborts every job and waits for the workers to end */
  async stop (): Promise<void> {
    for (const job of this.c.assignments.active.values()) job.abort.abort(new Error('the peer is stopping'))
    await Promise.allSettled([...this.running])
  }

  private async addModel (files: ModelFiles): Promise<string> {
    const cid = await this.c.ipfs.addFiles([{ path: 'model.json', content: files.modelJson }, { path: 'weights.bin', content: files.weights }])
    return ipfsUri(cid)
  }

  private async run (job: ActiveJob): Promise<void> {
    const a = job.assignment
    const signal = job.abort.signal
    // one report at a time per job, in order; the job's end waits for all of them
    let chain: Promise<unknown> = Promise.resolve()
    const send = (r: Partial<JobReport> & Pick<JobReport, 'state'>): Promise<unknown> => {
      chain = chain.then(async () => { if (this.c.assignments.active.get(job.jobId) === job) await this.c.assignments.report(job, r) })
      return chain
    }
    let dataset: Uint8Array
    try {
      // the retry schedule: the coordinator may be restarting
      dataset = await withRetries(async () => await this.c.ipfs.cat(parseIpfsUri(a.datasetUri), { maxBytes: this.init.maxDatasetBytes, timeout: this.init.datasetTimeout, signal }), { signal })
    } catch (err) {
      if (signal.aborted) return
      this.emit('failed', job.jobId, `cannot fetch the dataset: ${(err as Error).message}`)
      await send({ state: 'FAILED', message: `cannot fetch the dataset: ${(err as Error).message}` })
      this.c.assignments.drop(job.jobId, 'dataset unavailable')
      return
    }
    let lastCheckpoint = { uri: a.resumeCheckpointUri, epoch: a.resumeEpoch }
    let resume: { epochsDone: number, checkpoint: ModelFiles } | undefined
    if (a.resumeCheckpointUri !== '' && a.resumeEpoch > 0) {
      // another peer started this job: continue from its last verified checkpoint (weights + optimizer)
      try {
        const files = await withRetries(async () => await this.c.ipfs.readFiles(parseIpfsUri(a.resumeCheckpointUri), { maxBytes: this.init.maxDatasetBytes, timeout: this.init.datasetTimeout, signal }), { signal })
        const modelJson = files.find(f => f.path === 'model.json')?.content
        const weights = files.find(f => f.path === 'weights.bin')?.content
        if (modelJson == null || weights == null) throw new Error('the checkpoint is not a model directory')
        resume = { epochsDone: a.resumeEpoch, checkpoint: { modelJson, weights } }
      } catch (err) {
        if (signal.aborted) return
        this.emit('failed', job.jobId, `cannot fetch the checkpoint to resume from: ${(err as Error).message}`)
        await send({ state: 'FAILED', message: `cannot fetch the checkpoint to resume from: ${(err as Error).message}` })
        this.c.assignments.drop(job.jobId, 'checkpoint unavailable')
        return
      }
    }
    const events: AsyncIterable<TrainingEvent> = runTraining({
      modelDefinition: a.modelDefinition, dataset, epochs: a.epochs, batchSize: a.batchSize, learningRate: a.learningRate,
      optimizer: a.optimizer, validationSplit: a.validationSplit, metrics: a.metrics,
      progressEveryBatches: this.init.progressEveryBatches,
      ...(this.init.backend != null ? { backend: this.init.backend } : {}),
      ...(resume != null ? { resume } : {})
    }, { signal })
    for await (const e of events) {
      if (signal.aborted && e.type !== 'failed') continue
      switch (e.type) {
        case 'started':
          this.emit('started', job.jobId, e.backend, resume?.epochsDone ?? 0)
          void send({
            state: 'PROGRESS', backend: e.backend, currentEpoch: a.resumeEpoch + 1, progress: a.resumeEpoch / a.epochs,
            message: `training on ${e.backend}: ${e.trainSamples} samples, ${e.validationSamples} held out${resume != null ? `; resumed after epoch ${a.resumeEpoch}` : ''}`
          })
          break
        case 'progress':
          void send({ state: 'PROGRESS', progress: e.progress, currentEpoch: e.epoch, metrics: toMap(e.metrics) })
          break
        case 'epoch': {
          const uri = await this.addModel(e.checkpoint)
          lastCheckpoint = { uri, epoch: e.epoch }
          await this.c.journal?.checkpoint(job.jobId, job.leaseId, uri, e.epoch)
          this.emit('epoch', job.jobId, e.epoch, e.metrics, uri)
          void send({
            state: 'PROGRESS', progress: e.epoch / a.epochs, currentEpoch: e.epoch, metrics: toMap(e.metrics),
            checkpointUri: uri, checkpointEpoch: e.epoch, message: `epoch ${e.epoch}/${a.epochs} done; checkpoint ${uri}`
          })
          break
        }
        case 'done': {
          const uri = await this.addModel(e.model)
          const completion = await signCompletion(this.c.privateKey, {
            jobId: job.jobId,
            leaseId: job.leaseId,
            completion: {
              finalStatus: 'COMPLETED', modelWeightsUri: uri, modelWeightsHash: e.weightsHash,
              finalMetrics: toMap(e.finalMetrics), totalComputeTimeMs: BigInt(Math.round(e.totalTimeMs))
            }
          })
          await send({ state: 'COMPLETED', progress: 1, currentEpoch: a.epochs, completion, message: `trained; model ${uri}` })
          this.emit('completed', job.jobId, uri, e.finalMetrics)
          this.c.assignments.drop(job.jobId, 'completed')
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
          await send({
            state: 'FAILED', currentEpoch: e.epochsDone, message: `${e.code}: ${e.message}`,
            checkpointUri: lastCheckpoint.uri, checkpointEpoch: lastCheckpoint.epoch
          })
          this.emit('failed', job.jobId, `${e.code}: ${e.message}`)
          this.c.assignments.drop(job.jobId, 'failed')
          return
        }
      }
    }
  }
}
