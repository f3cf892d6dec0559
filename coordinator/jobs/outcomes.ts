/**
 * How a running job ends, once the report handler has checked that a report comes from the
 * assigned peer under the current lease:
 * - every state the peer commits to, and each epoch's checkpoint, is fetched, pinned and checked
 *   (Verifier) in the order the job expects, then joins the lease's trajectory; a checkpoint counts
 *   as checked progress (`verified_epochs`); a state that fails its check is a lie: the lease is
 *   rejected at once;
 * - a completion moves the job to VERIFYING at once (the proof is kept in the job record), then is
 *   verified — signature, model fetched, exact and re-hashed (Verifier), replay spot-checks and the
 *   held-out evaluation (Auditor) — and paid 90/10 (COMPLETED). A completion that fails is not paid:
 *   the job goes back to the queue from the state the lease began with, without that peer, until
 *   `maxRejections` leases have failed (then it FAILS and is refunded beyond the work already
 *   verified). A model that cannot be fetched is tried again each minute until `verifyDeadline`;
 * - a training failure or a cancel pays the lease's checked epochs (payout.ts) only if a replay of
 *   them passes, and refunds the rest.
 * Every verification counts for or against the peer's reputation. Paying (payout.ts `endJob`) is
 * intent first, then the escrow, then the final transition: `reconcile()` finishes whatever a crash
 * interrupted, and after a restart checks the states reported but not yet checked (`lease.pending`).
 */
import type { ComponentLogger, Logger } from '@libp2p/interface'
import { Completion, type JobReport } from '../../protocols/job-report.js'
import { JobState, type JobRecord } from '../../protocols/jobs.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import { isRetryable, withRetries } from '../../src/retry.js'
import { CyxwizError, isCyxwizError } from '../../src/errors.js'
import type { EscrowService } from '../escrow/escrow-service.js'
import type { NodeRegistry } from '../registry/node-registry.js'
import { FINAL, type JobLifecycle } from './lifecycle.js'
import { batchesPerEpoch, epochsOf } from '../../src/training/spec.js'
import type { Verifier } from './verifier.js'
import { verificationText, type Auditor } from './auditor.js'
import type { Reputation } from './reputation.js'
import { endJob, paidText, type Pay } from './payout.js'
import { oneLine } from '../../src/cli/output.js'

export interface OutcomesComponents {
  jobs: JobLifecycle
  escrow: EscrowService
  registry: Pick<NodeRegistry, 'get'>
  verifier: Pick<Verifier, 'state' | 'completion'>
  auditor: Pick<Auditor, 'replay' | 'final'>
  reputation: Pick<Reputation, 'record'>
  logger: ComponentLogger
}

export interface OutcomesInit {
  /** the retry schedule's first delay, ms (1000: retries after 1, 2, 4, 8, 16 s) */
  retryBase: number
  /** how often unfinished payouts and pending verifications are taken up again, ms */
  reconcileInterval: number
  /**
   * how long after a completion arrives its model may stay unfetchable (the peer went offline after
   * reporting) before the job fails and is refunded, ms; until then verification is tried again
   * every minute — the completion waits in the job record, the coordinator's outbox for it
   */
  verifyDeadline: number
  /** leases of one job that may fail verification before the job fails (and is refunded) */
  maxRejections: number
}

export const defaultOutcomesInit: OutcomesInit = {
  // three lies in a row on one job: the job is not worth the network's time (or it cannot be trained as asked)
  maxRejections: 3,
  retryBase: 1000,
  // a minute: a settlement that failed its whole retry schedule (about 31 s) gets a fresh one soon
  // after, and a peer that went offline after reporting has a minute to come back per round
  reconcileInterval: 60_000,
  // an hour: a laptop closed right after training can come back and be paid; the submitter's
  // money is not held much longer than the job took
  verifyDeadline: 3_600_000
}

export class Outcomes {
  private readonly c: OutcomesComponents
  private readonly log: Logger
  /** one verification or payout at a time per job, in arrival order */
  private readonly mutex = new KeyedMutex()
  private readonly pending = new Set<Promise<unknown>>()
  /** state checks queued or under way, by lease and position */
  private readonly checking = new Set<string>()
  /** jobs a reconcile round is working on */
  private readonly reconciling = new Set<string>()
  /** fetches of checkpoints and models follow the retry schedule (1, 2, 4, 8, 16 s) */
  private readonly retryBase: number
  private readonly verifyDeadline: number
  private readonly reconcileInterval: number
  private readonly maxRejections: number
  private timer?: NodeJS.Timeout

  constructor (init: Partial<OutcomesInit>, components: OutcomesComponents) {
    this.c = components
    this.retryBase = init.retryBase ?? defaultOutcomesInit.retryBase
    this.verifyDeadline = init.verifyDeadline ?? defaultOutcomesInit.verifyDeadline
    this.reconcileInterval = init.reconcileInterval ?? defaultOutcomesInit.reconcileInterval
    this.maxRejections = init.maxRejections ?? defaultOutcomesInit.maxRejections
    this.log = components.logger.forComponent('cyxwiz:coordinator:outcomes')
  }

  /**
   * Finishes what a crash interrupted (payouts under way, pending verifications), then keeps doing
   * so every `reconcileInterval`: payouts whose settlement failed every retry wait in their job's
   * payout intent and are retried from there.
   */
  async start (): Promise<void> {
    await this.reconcile(true)
    this.timer = setInterval(() => { void this.reconcile().catch((err: unknown) => { this.log.error('reconcile: %e', err) }) }, this.reconcileInterval)
    this.timer.unref()
  }

  /** stops the timer and waits for the work under way */
  async stop (): Promise<void> {
    clearInterval(this.timer)
    await this.idle()
  }

  /**
   * Runs `task` after the earlier ones of its key (the job; or the job's lease, for checkpoints),
   * without making the reporting peer wait for it.
   */
  private background (jobId: string, what: string, task: () => Promise<void>, key = jobId): void {
    const p = this.mutex.run(key, task).catch((err: unknown) => { this.log.error('%s of %s failed: %e', what, jobId, err) })
    this.pending.add(p)
    void p.finally(() => this.pending.delete(p))
  }

  /** settles all background work (tests and shutdown) */
  async idle (): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }

  /** a checkpoint after `epoch` epochs: checked in the background, then counted */
  checkpoint (job: JobRecord, uri: string, epoch: number): void {
    this.check(job, { epoch, uri })
  }

  /** states the peer committed to inside an epoch: checked in the background, in order, then kept */
  states (job: JobRecord, points: ReadonlyArray<{ epoch: number, batch: number, uri: string }>): void {
    for (const p of points) this.check(job, p)
  }

  /**
   * Queues the check of one state (`batch` given) or checkpoint of the job's lease: per lease, in
   * report order (a dead peer's checkpoint still being fetched must not hold up its successor's;
   * the completion's verification queues behind them), and once while it is under way.
   */
  private check (job: JobRecord, p: { epoch: number, batch?: number, uri: string }): void {
    const leaseId = job.lease?.id ?? ''
    const key = `${leaseId}:${p.epoch}:${p.batch ?? 'end'}`
    if (this.checking.has(key)) return
    this.checking.add(key)
    this.background(job.jobId, p.batch === undefined ? 'checkpoint' : 'state', async () => {
      try { await this.verifyState(job.jobId, leaseId, p.uri, p) } finally { this.checking.delete(key) }
    }, `${job.jobId}:${leaseId}`)
  }

  /**
   * Fetches and checks one committed state (`batch` given) or checkpoint under `leaseId`; it counts
   * only while that lease holds. A state that fails its check rejects the lease: no honest peer
   * hands in one.
   */
  private async verifyState (jobId: string, leaseId: string, uri: string, at: { epoch: number, batch?: number }): Promise<void> {
    const current = async (): Promise<JobRecord | undefined> => {
      const j = await this.c.jobs.get(jobId)
      return j != null && (j.state === JobState.RUNNING || j.state === JobState.VERIFYING) && j.lease?.id === leaseId ? j : undefined
    }
    const job = await current()
    if (job == null || at.epoch > epochsOf(job.spec) || (at.batch === undefined && at.epoch <= job.verifiedEpochs)) return
    // a state that cannot be fetched now (a busy coordinator, a peer briefly away) is tried again,
    // round after round of the schedule, until the verify deadline: the lease's later states and its
    // completion wait behind it, so an honest peer never loses a checkpoint to a slow moment
    const until = Date.now() + this.verifyDeadline
    for (;;) {
      try {
        await withRetries(async () => {
          // the job moved on (another lease, or it ended): stop trying, nothing to count
          const now = await current()
          if (now == null) throw new CyxwizError('ERR_JOB_STATE', 'the state\'s lease is over')
          await this.c.verifier.state(now, uri)
        }, { base: this.retryBase })
        break
      } catch (err) {
        if (isCyxwizError(err) && err.code === 'ERR_JOB_STATE') return
        if (isRetryable(err) && Date.now() < until) { this.log('a state of %s not fetchable yet: %s', jobId, (err as Error).message); continue }
        if (isRetryable(err)) throw err
        const now = await current()
        if (now != null) await this.rejectLease(now, `it committed to a state that is not the job's model after epoch ${at.epoch}: ${(err as Error).message}`)
        return
      }
    }
    if (await current() == null) return
    try {
      if (at.batch !== undefined) await this.c.jobs.commitState(jobId, leaseId, { epoch: at.epoch, batch: at.batch, uri })
      else await this.c.jobs.acceptCheckpoint(jobId, leaseId, uri, at.epoch)
    } catch (err) {
      // the job was settled or moved on while the state was checked: it no longer counts
      if (!isCyxwizError(err) || (err.code !== 'ERR_JOB_STATE' && err.code !== 'ERR_STALE_LEASE')) throw err
      this.log('a state of %s after epoch %d is not counted: %s', jobId, at.epoch, err.message)
    }
  }

  /**
   * The lease's work failed verification: the peer loses reputation, and the job goes back to the
   * queue from where the lease began — or, after `maxRejections` such leases, fails and is refunded
   * beyond what earlier leases verifiably did.
   */
  private async rejectLease (job: JobRecord, reason: string, counts: 'invalid' | 'lost' = 'invalid'): Promise<void> {
    await this.c.reputation.record(job.lease?.node ?? '', counts)
    this.log('lease %s of %s rejected: %s', job.lease?.id, job.jobId, reason)
    if (job.history.length + 1 >= this.maxRejections) {
      await this.end(job.jobId, JobState.FAILED, 'discard', `verification failed (${reason}); ${job.history.length + 1} peers failed verification on this job, so it ends here: ${paidText(job, false)}`)
      return
    }
    await this.c.jobs.reject(job.jobId, job.lease?.id ?? '', reason)
  }

  /**
   * Replays part of a lease's checked epochs before they are paid (a failure, a cancel, a lost
   * peer). Returns whether they passed; the result is kept on the job and counts for the peer.
   */
  async auditLease (job: JobRecord): Promise<boolean> {
    if (job.lease == null || job.verifiedEpochs <= job.lease.startEpoch) return true
    const v = await this.c.auditor.replay(job, job.lease, job.verifiedEpochs)
    await this.c.jobs.recordVerification(job.jobId, v).catch(() => {})
    if (!v.passed) await this.c.reputation.record(job.lease.node, 'invalid')
    return v.passed
  }

  /** a completion report: VERIFYING now, verified and paid (or rejected) in the background */
  async completed (job: JobRecord, report: JobReport): Promise<void> {
    await this.c.jobs.complete(job.jobId, report.leaseId, report.completion as Completion)
    // behind the lease's state checks, so its trajectory is complete when the audit reads it
    this.background(job.jobId, 'verification', async () => { await this.verify(job.jobId) }, `${job.jobId}:${report.leaseId}`)
  }

  /** verifies the completion kept in a VERIFYING job, then pays or fails it */
  private async verify (jobId: string): Promise<void> {
    const job = await this.c.jobs.get(jobId)
    if (job == null || job.state !== JobState.VERIFYING || job.payout?.outcome != null && job.payout.outcome !== '') return
    const completion = Completion.decode(job.completion)
    try {
      const { hash, files } = await withRetries(async () => await this.c.verifier.completion(job, completion), { base: this.retryBase })
      const lease = job.lease as NonNullable<JobRecord['lease']>
      const epochs = epochsOf(job.spec)
      const metrics = new Map([...completion.finalMetrics].filter(([k, v]) => k.length <= 64 && Number.isFinite(v)).slice(0, 64))
      let v = await this.c.auditor.replay(job, lease)
      if (job.verifiedEpochs < epochs) v = { ...v, passed: false, reason: `the peer completed with checked checkpoints for ${job.verifiedEpochs} of ${epochs} epochs` }
      v = await this.c.auditor.final(job, lease, files, metrics, v)
      await this.c.jobs.recordVerification(jobId, v)
      if (!v.passed) {
        await this.rejectLease(job, v.reason)
        return
      }
      await this.c.reputation.record(lease.node, 'verified')
      await this.c.jobs.recordModel(jobId, { uri: completion.modelWeightsUri, hash, finalMetrics: metrics, computeTimeMs: completion.totalComputeTimeMs }, epochs)
      await this.end(jobId, JobState.COMPLETED, true, `completed and verified: ${verificationText(v)}`)
    } catch (err) {
      const code = isCyxwizError(err) ? err.code : 'ERR_COMPLETION'
      const until = Number(job.verifyingSinceMs > 0n ? job.verifyingSinceMs : job.updatedMs) + this.verifyDeadline
      if (isRetryable(err) && Date.now() < until) {
        // the model cannot be fetched now (its peer is offline?): the next reconcile tries again
        this.log('completion of %s not verifiable yet: %s %s', jobId, code, (err as Error).message)
        await this.c.jobs.note(jobId,
          `the model could not be fetched yet (${code}); verification is tried again every minute until ${new Date(until).toISOString()}`, [JobState.VERIFYING])
        return
      }
      const now = await this.c.jobs.get(jobId)
      // a model that never arrived is a lost job, not a lie; either way that lease is not paid
      if (now?.state === JobState.VERIFYING && now.lease?.id === job.lease?.id) {
        await this.rejectLease(now, `its completion was refused (${code}): ${(err as Error).message}`, isRetryable(err) ? 'lost' : 'invalid')
      }
    }
  }

  /** a training failure: its checkpoint is verified if newer, then the verified epochs are paid */
  async failed (job: JobRecord, report: JobReport): Promise<void> {
    const message = oneLine(report.message.slice(0, 500))
    this.background(job.jobId, 'failure', async () => {
      if (report.checkpointUri !== '' && job.state === JobState.RUNNING && report.checkpointEpoch >= 1) {
        await this.verifyState(job.jobId, job.lease?.id ?? '', report.checkpointUri, { epoch: report.checkpointEpoch }).catch((err: unknown) => {
          this.log('the failed job %s sent a checkpoint that does not verify: %e', job.jobId, err)
        })
      }
      const now = await this.c.jobs.get(job.jobId)
      if (now == null || (now.state !== JobState.RUNNING && now.state !== JobState.ASSIGNED)) return
      const passed = await this.auditLease(now)
      const where = report.checkpointUri !== '' ? `; last checkpoint ${report.checkpointUri}` : ''
      await this.end(job.jobId, JobState.FAILED, passed ? false : 'discard', (last) => `failed on the peer: ${message}${where}; ${paidText(last, passed)}`)
    }, `${job.jobId}:${job.lease?.id ?? ''}`)
  }

  /**
   * The submitter cancelled: the verified epochs are paid by the rule, the rest refunded, and the
   * job is CANCELLED once the escrow has moved.
   */
  async cancelled (jobId: string): Promise<JobRecord> {
    return await this.mutex.run(jobId, async () => {
      const job = await this.c.jobs.get(jobId)
      if (job == null) throw new CyxwizError('ERR_JOB_NOT_FOUND', `no job ${jobId}`)
      if (job.state === JobState.VERIFYING) throw new CyxwizError('ERR_JOB_STATE', `job ${jobId} is being verified; it can no longer be cancelled`)
      const passed = job.payout?.outcome != null && job.payout.outcome !== '' ? true : await this.auditLease(job)
      await this.end(jobId, JobState.CANCELLED, passed ? false : 'discard', (now) => `cancelled by the submitter; ${paidText(now, passed)}`)
      return await this.c.jobs.get(jobId) as JobRecord
    })
  }

  /** ends a job and pays it (payout.ts `endJob`): `pay` as there */
  private async end (jobId: string, outcome: JobState.COMPLETED | JobState.FAILED | JobState.CANCELLED, pay: Pay, reason: string | ((job: JobRecord) => string)): Promise<void> {
    const payout = await endJob(this.c, jobId, outcome, pay, reason, { retryBase: this.retryBase })
    if (payout != null) this.log('job %s %s: peers %s, fee %s, refund %s', jobId, payout.outcome, payout.peer, payout.fee, payout.refund)
  }

  /**
   * After a restart (`restarted`): check the states reported before it and not checked yet. Then
   * and every round: finish payouts that were under way and verifications that were pending.
   */
  async reconcile (restarted = false): Promise<void> {
    // ended jobs have nothing to finish: only the live states are read
    for await (const job of this.c.jobs.store.inState(JobState.QUEUED, JobState.ASSIGNED, JobState.RUNNING, JobState.VERIFYING)) {
      const decided = job.payout?.outcome != null && job.payout.outcome !== ''
      if (restarted && !decided && job.lease != null && job.spec != null && (job.state === JobState.RUNNING || job.state === JobState.VERIFYING)) {
        // before the lease's verification (same queue): its trajectory must be complete when it runs
        const per = batchesPerEpoch(job.spec)
        for (const p of job.lease.pending) this.check(job, p.batch >= per ? { epoch: p.epoch, uri: p.uri } : p)
      }
      // one round per job at a time: a verification still fetching (minutes, for a peer that is
      // offline) is not queued again behind itself every minute
      if (this.reconciling.has(job.jobId)) continue
      let task: (() => Promise<void>) | undefined
      if (decided && !FINAL.has(job.state)) {
        task = async () => { await this.end(job.jobId, job.payout?.outcome as JobState.COMPLETED, 'refund', '') }
      } else if (job.state === JobState.VERIFYING) {
        task = async () => { await this.verify(job.jobId) }
      }
      if (task == null) continue
      const run = task
      this.reconciling.add(job.jobId)
      // a verification waits for its lease's state checks; a payout for the job's other work
      const key = job.state === JobState.VERIFYING && !decided ? `${job.jobId}:${job.lease?.id ?? ''}` : job.jobId
      this.background(job.jobId, 'reconcile', async () => {
        try { await run() } finally { this.reconciling.delete(job.jobId) }
      }, key)
    }
  }
}

/** how jobs end and are paid, built from its options (defaults filled in) and then its components */
export function outcomes (init: Partial<OutcomesInit> = {}): (components: OutcomesComponents) => Outcomes {
  return (components) => new Outcomes(init, components)
}

