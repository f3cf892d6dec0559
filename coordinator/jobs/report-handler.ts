/**
 * Reports from the assigned peer (job-report protocol). A report counts only when it comes from the
 * peer the job is assigned to, under the job's current lease: a peer that comes back late, or
 * anyone else, cannot move the job. The first report of the lease holder (any working state:
 * accepted, fetching, training, uploading) starts the job, later ones update it (and after an epoch
 * carry a checkpoint to verify), COMPLETED hands over a signed completion, FAILED ends it; a
 * report that comes late from the peer's outbox is announced to the submitter first. How a
 * job ends and who is paid is `Outcomes`' work.
 */
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import { ExecutionState, JobReport, JobReportAck } from '../../protocols/job-report.js'
import { LRUCache } from 'lru-cache'
import { JobState, type JobRecord } from '../../protocols/jobs.js'
import { serve } from '../../src/network/stream.js'
import { parseIpfsUri } from '../../src/storage/ipfs-uri.js'
import type { JobLifecycle } from './lifecycle.js'
import { epochsOf } from '../../src/training/spec.js'
import { isCyxwizError } from '../../src/errors.js'
import type { Outcomes } from './outcomes.js'

/** what a report's metrics may hold: short names, finite values, a bounded count */
function cleanMetrics (m: Map<string, number>): Map<string, number> {
  return new Map([...m].filter(([k, v]) => k.length > 0 && k.length <= 64 && Number.isFinite(v)).slice(0, 64))
}

const validUri = (uri: string): boolean => {
  try { parseIpfsUri(uri); return true } catch { return false }
}

export async function handleJobReports (protocol: string, c: { node: Pick<Libp2p, 'handle'>, jobs: JobLifecycle, outcomes: Outcomes, logger: ComponentLogger }): Promise<void> {
  const log = c.logger.forComponent('cyxwiz:coordinator:reports')
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
    const message = r.message.slice(0, 500)
    const epochs = epochsOf(job.spec)
    const epoch = Math.min(r.currentEpoch, epochs)
    // a failure may carry the state at the failure, before any whole epoch (epoch 0)
    if (r.checkpointUri !== '' && (!validUri(r.checkpointUri) || r.checkpointEpoch > epochs || (r.checkpointEpoch < 1 && r.state !== ExecutionState.FAILED))) {
      return ack('ERR_INVALID_ARGUMENT', 'the checkpoint needs an ipfs:// URI and an epoch within the job')
    }
    if (r.states.length > 64 || r.states.some(s => !validUri(s.uri) || s.epoch < 1 || s.epoch > epochs || s.batch < 1)) {
      return ack('ERR_INVALID_ARGUMENT', 'committed states need an ipfs:// URI and a position within the job (at most 64 a report)')
    }
    const working = r.state === ExecutionState.ACCEPTED || r.state === ExecutionState.FETCHING_DATASET || r.state === ExecutionState.TRAINING || r.state === ExecutionState.UPLOADING
    // the backend the peer really trains with, once its worker has picked one
    const update = { progress, currentEpoch: epoch, message, backend: r.backend.slice(0, 32), metrics: cleanMetrics(r.metrics) }
    try {
      if (working && job.state === JobState.ASSIGNED) {
        await c.jobs.start(job.jobId, r.leaseId, update)
      } else if (working && job.state === JobState.RUNNING) {
        await c.jobs.progress(job.jobId, r.leaseId, update)
        if (r.states.length > 0) c.outcomes.states(job, r.states)
        if (r.checkpointUri !== '') c.outcomes.checkpoint(job, r.checkpointUri, r.checkpointEpoch)
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
