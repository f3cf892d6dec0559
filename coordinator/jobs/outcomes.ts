/**
 * How a running job ends, once the report handler has checked that a report comes from the
 * assigned peer under the current lease:
 * - after each epoch the peer's checkpoint is fetched, pinned and checked (Verifier); only then does
 *   it count as verified progress (`verified_epochs`, the basis of a partial payment);
 * - a completion moves the job to VERIFYING at once (the proof is kept in the job record), then is
 *   verified — signature, weights fetched and re-hashed, parameter count — and paid 90/10, or FAILED
 *   with the named reason and refunded in full; a model that cannot be fetched is tried again each
 *   minute until `verifyDeadline`;
 * - a training failure pays the verified epochs (payout.ts) and refunds the rest.
 * Paying is intent first (the payout and the final state it leads to are written to the job), then
 * the escrow, then the final transition: `reconcile()` finishes whatever a crash interrupted.
 */
import type { ComponentLogger, Logger } from '@libp2p/interface'
import { Completion, type JobReport } from '../../protocols/job-report.js'
import { JobState, type JobRecord, type Payout } from '../../protocols/jobs.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import { isRetryable, withRetries } from '../../src/retry.js'
import { CyxwizError, isCyxwizError } from '../../src/errors.js'
import type { EscrowService } from '../escrow/escrow-service.js'
import type { NodeRegistry } from '../registry/node-registry.js'
import { FINAL, type JobLifecycle } from './lifecycle.js'
import { epochsOf } from '../../src/training/spec.js'
import type { Verifier } from './verifier.js'
import { earnedBps, payeeOf, settle, sharesOf } from './payout.js'

export interface OutcomesComponents {
  jobs: JobLifecycle
  escrow: EscrowService
  registry: Pick<NodeRegistry, 'get'>
  verifier: Pick<Verifier, 'checkpoint' | 'completion'>
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
}

export const defaultOutcomesInit: OutcomesInit = {
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
  /** jobs a reconcile round is working on */
  private readonly reconciling = new Set<string>()
  /** fetches of checkpoints and models follow the retry schedule (1, 2, 4, 8, 16 s) */
  private readonly retryBase: number
  private readonly verifyDeadline: number
  private readonly reconcileInterval: number
  private timer?: NodeJS.Timeout

  constructor (init: Partial<OutcomesInit>, components: OutcomesComponents) {
    this.c = components
    this.retryBase = init.retryBase ?? defaultOutcomesInit.retryBase
    this.verifyDeadline = init.verifyDeadline ?? defaultOutcomesInit.verifyDeadline
    this.reconcileInterval = init.reconcileInterval ?? defaultOutcomesInit.reconcileInterval
    this.log = components.logger.forComponent('cyxwiz:coordinator:outcomes')
  }

  /**
   * Finishes what a crash interrupted (payouts under way, pending verifications), then keeps doing
   * so every `reconcileInterval`: payouts whose settlement failed every retry wait in their job's
   * payout intent and are retried from there.
   */
  async start (): Promise<void> {
    await this.reconcile()
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

  /** a checkpoint after `epoch` epochs: verified in the background, then counted */
  checkpoint (job: JobRecord, uri: string, epoch: number): void {
    // per lease: a dead peer's checkpoint still being fetched must not hold up its successor's,
    // nor the completion's verification
    this.background(job.jobId, 'checkpoint', async () => {
      await this.verifyCheckpoint(job.jobId, job.lease?.id ?? '', uri, epoch)
    }, `${job.jobId}:${job.lease?.id ?? ''}`)
  }

  /** `leaseId`: the lease the checkpoint was reported under; it counts only while that lease holds */
  private async verifyCheckpoint (jobId: string, leaseId: string, uri: string, epoch: number): Promise<void> {
    const current = async (): Promise<JobRecord | undefined> => {
      const j = await this.c.jobs.get(jobId)
      return j != null && j.state === JobState.RUNNING && j.lease?.id === leaseId && epoch > j.verifiedEpochs ? j : undefined
    }
    const job = await current()
    if (job == null || epoch > epochsOf(job.spec)) return
    await withRetries(async () => {
      // the job moved on (another lease, or it ended): stop trying, nothing to count
      if (await current() == null) throw new CyxwizError('ERR_JOB_STATE', 'the checkpoint\'s lease is over')
      await this.c.verifier.checkpoint(uri)
    }, { base: this.retryBase }).catch((err: unknown) => { if (!isCyxwizError(err) || err.code !== 'ERR_JOB_STATE') throw err })
    if (await current() == null) return
    await this.c.jobs.acceptCheckpoint(jobId, leaseId, uri, epoch)
  }

  /** a completion report: VERIFYING now, verified and paid (or failed) in the background */
  async completed (job: JobRecord, report: JobReport): Promise<void> {
    await this.c.jobs.complete(job.jobId, report.leaseId, report.completion as Completion)
    this.background(job.jobId, 'verification', async () => { await this.verify(job.jobId) })
  }

  /** verifies the completion kept in a VERIFYING job, then pays or fails it */
  private async verify (jobId: string): Promise<void> {
    const job = await this.c.jobs.get(jobId)
    if (job == null || job.state !== JobState.VERIFYING || job.payout?.outcome != null && job.payout.outcome !== '') return
    const completion = Completion.decode(job.completion)
    try {
      const hash = await withRetries(async () => await this.c.verifier.completion({
        peer: job.lease?.node ?? '', jobId, leaseId: job.lease?.id ?? '', parameters: job.estimate?.parameters ?? -1n, completion
      }), { base: this.retryBase })
      const metrics = new Map([...completion.finalMetrics].filter(([k, v]) => k.length <= 64 && Number.isFinite(v)).slice(0, 64))
      // the verified model stands for every epoch (the last checkpoint may not have been checked yet)
      const epochs = epochsOf(job.spec)
      await this.c.jobs.recordModel(jobId, { uri: completion.modelWeightsUri, hash, finalMetrics: metrics, computeTimeMs: completion.totalComputeTimeMs }, epochs)
      await this.end(jobId, JobState.COMPLETED, true, 'completed; the proof and the weights hash verified')
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
      this.log('completion of %s rejected: %s %s', jobId, code, (err as Error).message)
      await this.end(jobId, JobState.FAILED, 'refund', `completion rejected (${code}): ${(err as Error).message}; the payment is refunded`)
    }
  }

  /** a training failure: its checkpoint is verified if newer, then the verified epochs are paid */
  async failed (job: JobRecord, report: JobReport): Promise<void> {
    const message = report.message.slice(0, 500)
    this.background(job.jobId, 'failure', async () => {
      if (report.checkpointUri !== '' && job.state === JobState.RUNNING) {
        await this.verifyCheckpoint(job.jobId, job.lease?.id ?? '', report.checkpointUri, report.checkpointEpoch).catch((err: unknown) => {
          this.log('the failed job %s sent a checkpoint that does not verify: %e', job.jobId, err)
        })
      }
      const now = await this.c.jobs.get(job.jobId)
      if (now == null || (now.state !== JobState.RUNNING && now.state !== JobState.ASSIGNED)) return
      const where = report.checkpointUri !== '' ? `; last checkpoint ${report.checkpointUri}` : ''
      await this.end(job.jobId, JobState.FAILED, false, `failed on the peer: ${message}${where}; ${this.paidText(now)}`)
    })
  }

  /** the rule in words, for the job's message */
  private paidText (job: JobRecord): string {
    const epochs = epochsOf(job.spec)
    const bps = earnedBps(job.verifiedEpochs, epochs)
    return bps > 0 ? `${job.verifiedEpochs} of ${epochs} epochs verified: ${bps / 100}% earned, the rest refunded` : 'no verified epoch: refunded in full'
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
      await this.end(jobId, JobState.CANCELLED, false, `cancelled by the submitter; ${this.paidText(job)}`)
      return await this.c.jobs.get(jobId) as JobRecord
    })
  }

  /**
   * Ends a job: writes the payout intent (the shares, and the state it leads to), moves the escrow,
   * then makes the final transition with what was paid. Safe to repeat after a crash at any step.
   * `pay`: true — a verified completion, paid in full; false — the verified epochs by the rule;
   * 'refund' — nothing.
   */
  private async end (jobId: string, outcome: JobState.COMPLETED | JobState.FAILED | JobState.CANCELLED, pay: boolean | 'refund', reason: string): Promise<void> {
    const job = await this.c.jobs.get(jobId)
    if (job == null) return
    let payout: Payout
    if (job.payout?.outcome != null && job.payout.outcome !== '') {
      payout = job.payout
    } else {
      const wallet = job.lease != null ? await payeeOf(this.c.registry, job.lease.node) : ''
      const shares = pay === 'refund' ? [] : sharesOf(job, wallet, pay)
      payout = { earnedBps: shares.reduce((a, b) => a + b.bps, 0), peerWallet: wallet, peer: '', fee: '', refund: '', signature: '', outcome, reason, shares }
      await this.c.jobs.intendPayout(jobId, payout)
    }
    try {
      // the retry schedule for the settlement send; the payout intent on the job is its outbox
      payout = await withRetries(async () => await settle(this.c.escrow, jobId, payout), { base: this.retryBase })
    } catch (err) {
      // tell the submitter (an update that status and watch show); `reconcile` tries again later
      await this.c.jobs.note(jobId, `payout delayed: ${(err as Error).message}; it will be retried`,
        [JobState.QUEUED, JobState.RUNNING, JobState.ASSIGNED, JobState.VERIFYING]).catch(() => {})
      throw err
    }
    await this.c.jobs.settle(jobId, payout)
    this.log('job %s %s: peers %s, fee %s, refund %s', jobId, payout.outcome, payout.peer, payout.fee, payout.refund)
  }

  /** after a restart: finish payouts that were under way and verifications that were pending */
  async reconcile (): Promise<void> {
    // ended jobs have nothing to finish: only the live states are read
    for await (const job of this.c.jobs.store.inState(JobState.QUEUED, JobState.ASSIGNED, JobState.RUNNING, JobState.VERIFYING)) {
      // one round per job at a time: a verification still fetching (minutes, for a peer that is
      // offline) is not queued again behind itself every minute
      if (this.reconciling.has(job.jobId)) continue
      let task: (() => Promise<void>) | undefined
      if (job.payout?.outcome != null && job.payout.outcome !== '' && !FINAL.has(job.state)) {
        task = async () => { await this.end(job.jobId, job.payout?.outcome as JobState.COMPLETED, 'refund', '') }
      } else if (job.state === JobState.VERIFYING) {
        task = async () => { await this.verify(job.jobId) }
      }
      if (task == null) continue
      const run = task
      this.reconciling.add(job.jobId)
      this.background(job.jobId, 'reconcile', async () => {
        try { await run() } finally { this.reconciling.delete(job.jobId) }
      })
    }
  }
}

/** how jobs end and are paid, built from its options (defaults filled in) and then its components */
export function outcomes (init: Partial<OutcomesInit> = {}): (components: OutcomesComponents) => Outcomes {
  return (components) => new Outcomes(init, components)
}
