/**
 * Reports from the assigned peer (job-report protocol). A report counts only when it comes from the
 * peer the job is assigned to, under the job's current lease: a peer that comes back late, or
 * anyone else, cannot move the job. RUNNING starts the job, PROGRESS updates it, FAILED ends it
 * (with a full refund for now: issue [4] decides partial payment from verified progress).
 */
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import { JobReport, JobReportAck } from '../../protocols/job-report.js'
import { JobState } from '../../protocols/jobs.js'
import { serve } from '../../src/network/stream.js'
import type { EscrowService } from '../escrow/escrow-service.js'
import type { JobStore } from './job-store.js'

export async function handleJobReports (protocol: string, c: { node: Pick<Libp2p, 'handle'>, jobs: JobStore, escrow: EscrowService, logger: ComponentLogger }): Promise<void> {
  const log = c.logger.forComponent('cyxwiz:coordinator:reports')
  const ack = (code = '', message = '', cancel = false): JobReportAck => ({ code, message, cancel })
  await serve(c.node, protocol, JobReport, JobReportAck, async (r, connection) => {
    const job = await c.jobs.get(r.jobId)
    if (job == null) return ack('ERR_JOB_NOT_FOUND', 'no such job')
    if (job.state === JobState.CANCELLED) return ack('', 'the job was cancelled', true)
    if (job.assignedNode !== connection.remotePeer.toString() || job.leaseId !== r.leaseId || r.leaseId === '') {
      return ack('ERR_STALE_LEASE', 'this job is not (or no longer) assigned to you under that lease', true)
    }
    const progress = Number.isFinite(r.progress) ? Math.min(1, Math.max(0, r.progress)) : 0
    const message = r.message.slice(0, 500)
    try {
      if (r.state === 'RUNNING' && job.state === JobState.ASSIGNED) {
        await c.jobs.transition(job.jobId, JobState.RUNNING, message !== '' ? message : 'running', { progress, currentEpoch: r.currentEpoch }, [JobState.ASSIGNED])
      } else if ((r.state === 'RUNNING' || r.state === 'PROGRESS') && job.state === JobState.RUNNING) {
        const metrics = new Map([...r.metrics].filter(([k, v]) => k.length <= 64 && Number.isFinite(v)).slice(0, 64))
        await c.jobs.progress(job.jobId, { progress, currentEpoch: r.currentEpoch, message }, metrics)
      } else if (r.state === 'FAILED' && (job.state === JobState.RUNNING || job.state === JobState.ASSIGNED)) {
        await c.jobs.transition(job.jobId, JobState.FAILED, `failed on the peer: ${message}`, {}, [job.state])
        await c.escrow.refund(job.jobId)
      } else {
        return ack('ERR_JOB_STATE', `cannot take a ${r.state} report while the job is ${job.state}`)
      }
    } catch (err) {
      log('report on %s refused: %e', r.jobId, err)
      return ack('ERR_JOB_STATE', (err as Error).message)
    }
    return ack()
  }, { timeout: 10_000, maxSize: 16 * 1024, log })
}
