/**
 * Reports from the assigned peer (job-report protocol). A report counts only when it comes from the
 * peer the job is assigned to, under the job's current lease: a peer that comes back late, or
 * anyone else, cannot move the job. The first report of the lease holder (any working state:
 * accepted, fetching, training, uploading) starts the job, later ones update it (and after an epoch
 * carry a checkpoint to verify), COMPLETED hands over a signed completion, FAILED ends it; a
 * report that comes late from the peer's outbox is announced to the submitter first. How a
 * job ends and who is paid is `Outcomes`' work.
 *
 * A lease holder cannot make the coordinator work without bound: plain progress reports beyond
 * `reportsPerSecond` a lease are refused with ERR_RATE_LIMITED (nothing written), and a committed
 * state or checkpoint is fetched only if it is one the job still expects and is not already being
 * checked.
 */
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import { ExecutionState, JobReport, JobReportAck } from '../../protocols/job-report.js'
import { LRUCache } from 'lru-cache'
import { RateLimiter } from '@libp2p/utils'
import { JobState, type JobRecord } from '../../protocols/jobs.js'
import { serve } from '../../src/network/stream.js'
import { oneLine } from '../../src/cli/output.js'
import { parseIpfsUri } from '../../src/storage/ipfs-uri.js'
import type { JobLifecycle } from './lifecycle.js'
import { batchesPerEpoch, commitPositions, epochsOf } from '../../src/training/spec.js'
import { isCyxwizError } from '../../src/errors.js'
import type { Outcomes } from './outcomes.js'

/** what a report's metrics may hold: short names, finite values, a bounded count */
function cleanMetrics (m: Map<string, number>): Map<string, number> {
  return new Map([...m].filter(([k, v]) => k.length > 0 && k.length <= 64 && Number.isFinite(v)).slice(0, 64))
}

const validUri = (uri: string): boolean => {
  try { parseIpfsUri(uri); return true } catch { return false }
}

export interface ReportLimits {
  /** plain progress reports a lease may send per second; more are refused */
  reportsPerSecond: number
}

export const defaultReportLimits: ReportLimits = {
  // a peer reports every 20 batches by default: a few a second on MNIST-sized batches; 20 leaves
  // room for a fast peer and `--progress-every 1` on a slow model, and keeps one lease's writes cheap
  reportsPerSecond: 20
}

/** the states of `r` worth fetching: at positions the lease's trajectory still expects, each once */
function wanted (job: JobRecord, r: JobReport, queued: LRUCache<string, true>): JobReport['states'] {
  if (job.spec == null || job.lease == null) return []
  const lease = job.lease
  const ahead = new Set(commitPositions(job.spec, lease.startEpoch).slice(lease.trajectory.length).map(p => `${p.epoch}:${p.batch}`))
  return r.states.filter(s => {
    const key = `${lease.id}:${s.epoch}:${s.batch}`
    if (!ahead.has(`${s.epoch}:${s.batch}`) || queued.has(key)) return false
    queued.set(key, true)
    return true
  })
}

export async function handleJobReports (protocol: string, c: { node: Pick<Libp2p, 'handle'>, jobs: JobLifecycle, outcomes: Outcomes, logger: ComponentLogger }, limits: ReportLimits = defaultReportLimits): Promise<void> {
  const log = c.logger.forComponent('cyxwiz:coordinator:reports')
  const limiter = new RateLimiter({ points: limits.reportsPerSecond, duration: 1, keyPrefix: 'report' })
  // states and checkpoints already handed to the checks, by lease and position
  const queued = new LRUCache<string, true>({ max: 100_000, ttl: 3_600_000 })
  const ack = (code = '', message = '', cancel = false): JobReportAck => ({ code, message, cancel })
  const told = new LRUCache<string, true>({ max: 10_000, ttl: 60_000 })
  /**
   * A report from the peer's outbox (every retry had failed): the submitter is told, in an update
   * that status and watch show, that the peer lost the coordinator and for how long — once a minute
   * per job, however many reports the outbox held.
   */
  const delayed = async (job: JobRecord, r: JobReport): Promise<void> => {
    if (told.has(job.jobId)) return
    told.set(job.jobId, true)
    const waited = Math.max(0, Date.now() - Number(r.queuedMs))
    await c.jobs.note(job.jobId,
      `the peer could not reach the coordinator: its reports waited in its outbox (the oldest ${(waited / 1000).toFixed(1)} s) after every retry failed; delivered now`,
      [JobState.ASSIGNED, JobState.RUNNING, JobState.VERIFYING]).catch(() => {})
  }
  await serve(c.node, protocol, JobReport, JobReportAck, async (r, connection) => {
    const job = await c.jobs.get(r.jobId)
    if (job == null) return ack('ERR_JOB_NOT_FOUND', 'no such job')
    if (job.state === JobState.CANCELLED) return ack('', 'the job was cancelled', true)
    if (job.lease == null || job.lease.node !== connection.remotePeer.toString() || job.lease.id !== r.leaseId || r.leaseId === '') {
      return ack('ERR_STALE_LEASE', 'this job is not (or no longer) assigned to you under that lease', true)
    }
    if (r.queuedMs > 0n) await delayed(job, r)
    const progress = Number.isFinite(r.progress) ? Math.min(1, Math.max(0, r.progress)) : 0
    const message = oneLine(r.message.slice(0, 500))
    const epochs = epochsOf(job.spec)
    const epoch = Math.min(r.currentEpoch, epochs)
    // a failure may carry the state at the failure, before any whole epoch (epoch 0)
    if (r.checkpointUri !== '' && (!validUri(r.checkpointUri) || r.checkpointEpoch > epochs || (r.checkpointEpoch < 1 && r.state !== ExecutionState.FAILED))) {
      return ack('ERR_INVALID_ARGUMENT', 'the checkpoint needs an ipfs:// URI and an epoch within the job')
    }
    if (r.states.length > 64 || r.states.some(s => !validUri(s.uri) || s.epoch < 1 || s.epoch > epochs || s.batch < 1)) {
      return ack('ERR_INVALID_ARGUMENT', 'committed states need an ipfs:// URI and a position within the job (at most 64 a report)')
    }
    const plain = r.states.length === 0 && r.checkpointUri === '' && r.state !== ExecutionState.COMPLETED && r.state !== ExecutionState.FAILED && job.state === JobState.RUNNING
    if (plain) {
      try {
        limiter.consume(r.leaseId)
      } catch {
        return ack('ERR_RATE_LIMITED', `more than ${limits.reportsPerSecond} progress reports a second under this lease`)
      }
    }
    const working = r.state === ExecutionState.ACCEPTED || r.state === ExecutionState.FETCHING_DATASET || r.state === ExecutionState.TRAINING || r.state === ExecutionState.UPLOADING
    // the backend the peer really trains with, once its worker has picked one
    const update = { progress, currentEpoch: epoch, message, backend: oneLine(r.backend.slice(0, 32)), metrics: cleanMetrics(r.metrics) }
    try {
      if (working && job.state === JobState.ASSIGNED) {
        await c.jobs.start(job.jobId, r.leaseId, update)
      } else if (working && job.state === JobState.RUNNING) {
        const states = wanted(job, r, queued)
        const key = `${r.leaseId}:${r.checkpointEpoch}:end`
        const checkpoint = r.checkpointUri !== '' && r.checkpointEpoch > job.verifiedEpochs && !queued.has(key)
        if (checkpoint) queued.set(key, true)
        // what is to be checked is written with the report, so a restart checks it too
        const reported = [...states, ...(checkpoint && job.spec != null ? [{ epoch: r.checkpointEpoch, batch: batchesPerEpoch(job.spec), uri: r.checkpointUri }] : [])]
        await c.jobs.progress(job.jobId, r.leaseId, update, reported)
        if (states.length > 0) c.outcomes.states(job, states)
        if (checkpoint) c.outcomes.checkpoint(job, r.checkpointUri, r.checkpointEpoch)
      } else if (r.state === ExecutionState.COMPLETED && job.state === JobState.RUNNING) {
        const comp = r.completion
        if (comp == null || !validUri(comp.modelWeightsUri) || !/^sha256:[0-9a-f]{64}$/.test(comp.modelWeightsHash)) {
          return ack('ERR_COMPLETION', 'a completion needs model_weights_uri (ipfs://) and model_weights_hash (sha256:<64 hex>)')
        }
        await c.outcomes.completed(job, r)
      } else if (r.state === ExecutionState.COMPLETED && job.state === JobState.VERIFYING) {
        return ack('', 'already verifying this completion') // a retried delivery
      } else if (r.state === ExecutionState.FAILED && (job.state === JobState.RUNNING || job.state === JobState.ASSIGNED)) {
        await c.outcomes.failed(job, r)
      } else {
        return ack('ERR_JOB_STATE', `cannot take a ${r.state} report while the job is ${job.state}`)
      }
    } catch (err) {
      log('report on %s refused: %e', r.jobId, err)
      if (isCyxwizError(err) && err.code === 'ERR_STALE_LEASE') return ack(err.code, err.message, true)
      return ack('ERR_JOB_STATE', (err as Error).message)
    }
    return ack()
  }, { timeout: 10_000, maxSize: 64 * 1024, log })
}
