/**
 * The jobs protocol on the coordinator, as a submission is accepted: validate the request, check the
 * balance, create the escrow, queue, return the job id. Submission is two round trips because the
 * submitter signs the escrow lock itself: SUBMIT answers with the lock transaction (the job waits in
 * PENDING_LOCK), CONFIRM_LOCK sends the signed lock and queues the job. Both are safe to repeat (a
 * client retrying after a lost answer): SUBMIT by the client's idempotency key, CONFIRM_LOCK by the
 * job's state and its escrow's. Job status is served through
 * a 60 s TTL cache that every job update refreshes.
 */
import { randomInt, randomUUID } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import type { Address } from '@solana/kit'
import type { ComponentLogger, Connection, Libp2p, Logger } from '@libp2p/interface'
import { JobOp, JobRequest, JobResponse, JobState, SubmitJob, type DatasetInfo, type JobRecord } from '../../protocols/jobs.js'
import { blankRecord, jobInfoOf } from './job-view.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import { CyxwizError, isCyxwizError } from '../../src/errors.js'
import { serve } from '../../src/network/stream.js'
import type { EscrowService } from '../escrow/escrow-service.js'
import type { Sessions } from './sessions.js'
import { FINAL, type JobLifecycle } from './lifecycle.js'
import { modelHash, specOf } from '../../src/training/spec.js'
import { validateSubmit } from './validate-request.js'
import { batchSizeOf, estimate, trainingMemory, type AnalyzeModel } from './estimate.js'
import type { DatasetGate, DatasetPass } from './dataset-gate.js'
import type { HeldOut } from './held-out.js'
import { commitInterval } from './audit-plan.js'

export interface JobServiceInit {
  protocol: string
  /** status cache TTL, ms (a job:{id}:status cache, 60 s) */
  statusTtl: number
  /** a PENDING_LOCK job whose lock is not confirmed within this is cancelled (nothing was moved) */
  pendingLockTtl: number
}

export const defaultJobServiceInit: Omit<JobServiceInit, 'protocol'> = {
  statusTtl: 60_000,
  // ten minutes: a person reviewing the lock on a hardware wallet has time; stale intents go away
  pendingLockTtl: 600_000
}

export interface JobServiceComponents {
  node: Pick<Libp2p, 'handle'>
  jobs: JobLifecycle
  sessions: Sessions
  escrow: EscrowService
  ledgerInfo: { authority: Address, mint: Address }
  analyze: AnalyzeModel
  /** fetches, pins and checks datasets */
  datasets: Pick<DatasetGate, 'decode' | 'check'>
  /** sets a slice of each job's dataset aside for the coordinator's own evaluation */
  heldOut: Pick<HeldOut, 'split' | 'keep' | 'params'>
  /** the market price per compute unit now */
  price: () => bigint
  /** when a job with these needs would likely start (ms since epoch) */
  estimatedStart: (submit: SubmitJob) => number
  /** a job was queued: match now */
  kick: () => void
  /** cancels a job whose payment is locked: pays its verified work, refunds the rest, tells its peer */
  cancelLocked: (job: JobRecord) => Promise<JobRecord>
  /** told of every refused request, by operation and code (the coordinator counts them) */
  refused?: (op: string, code: string) => void
  logger: ComponentLogger
}

/** an answer before it goes on the wire: jobs as stored, turned into their wire view in `handle` */
type Answer = Omit<JobResponse, 'job' | 'jobs'> & { job?: JobRecord, jobs: JobRecord[] }

const empty: Answer = { code: '', message: '', challenge: '', session: '', sessionExpiresMs: 0n, lockTransaction: '', escrowAuthority: '', mint: '', jobs: [] }

export class JobService {
  private readonly init: JobServiceInit
  private readonly c: JobServiceComponents
  private readonly log: Logger
  private readonly cache: LRUCache<string, JobRecord>
  /** one submission per idempotency key, one confirmation per job, at a time */
  private readonly submissions = new KeyedMutex()
  private timer?: NodeJS.Timeout

  constructor (init: JobServiceInit, components: JobServiceComponents) {
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:coordinator:jobs')
    this.cache = new LRUCache({ max: 10_000, ttl: init.statusTtl })
    const refresh = (job: JobRecord): void => { if (this.cache.has(job.jobId)) this.cache.set(job.jobId, job) }
    components.jobs.on('update', refresh)
    components.jobs.on('annotated', refresh)
  }

  async start (): Promise<void> {
    await serve(this.c.node, this.init.protocol, JobRequest, JobResponse, async (req, connection) => await this.handle(req, connection),
      { timeout: 60_000, maxSize: 2 * 1024 * 1024, log: this.log })
    this.timer = setInterval(() => { void this.expirePending() }, Math.min(60_000, this.init.pendingLockTtl))
    this.timer.unref()
    await this.expirePending(true)
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
  }

  private async handle (req: JobRequest, connection: Connection): Promise<JobResponse> {
    const { job, jobs, ...rest } = await this.answer(req, connection.remotePeer.toString())
    if (rest.code !== '') this.c.refused?.(String(req.op), rest.code)
    return { ...rest, jobs: jobs.map(j => jobInfoOf(j)), ...(job != null ? { job: jobInfoOf(job, req.op === JobOp.GET ? await this.modelOf(job) : '') } : {}) }
  }

  private async answer (req: JobRequest, peer: string): Promise<Answer> {
    try {
      switch (req.op) {
        case JobOp.SESSION_CHALLENGE:
          return { ...empty, challenge: this.c.sessions.challenge(peer, req.wallet) }
        case JobOp.SESSION_OPEN: {
          const { token, session } = await this.c.sessions.open(peer, req.wallet, req.signature)
          return { ...empty, session: token, sessionExpiresMs: BigInt(session.expiresMs) }
        }
        case JobOp.ESTIMATE: {
          const submit = req.submit ?? missing()
          // a quote from a declared sample count costs nothing; one that reads the dataset needs a wallet's session
          const wallet = submit.datasetSamples === 0n ? this.c.sessions.check(req.session, peer).wallet : undefined
          return { ...empty, estimate: (await this.estimateOf(submit, false, wallet)).estimate }
        }
        case JobOp.SUBMIT:
          return await this.submit(req, peer)
        case JobOp.CONFIRM_LOCK:
          return await this.confirm(req, peer)
        case JobOp.GET:
          return { ...empty, job: await this.owned(req, peer) }
        case JobOp.LIST: {
          const { wallet } = this.c.sessions.check(req.session, peer)
          // the wallet's newest 1000, from its index; the list leaves model definitions out (GET has them)
          return { ...empty, jobs: await this.c.jobs.store.byWalletNewest(wallet, 1000) }
        }
        case JobOp.CANCEL:
          return { ...empty, job: await this.cancel(req, peer) }
        default:
          return { ...empty, code: 'ERR_INVALID_ARGUMENT', message: 'unknown operation' }
      }
    } catch (err) {
      if (!isCyxwizError(err)) this.log.error('%s failed: %e', req.op, err)
      return { ...empty, code: isCyxwizError(err) ? err.code : 'ERR_INTERNAL', message: (err as Error).message }
    }
  }

  /**
   * Validates and prices a submission. The dataset is fetched, pinned and checked when the job is
   * to be queued (`needData`), or when the sample count is left to the dataset; a quote with a
   * declared count needs no data. Whatever is fetched is pinned on `wallet`'s quota, so a dataset is
   * only fetched for a caller that holds a session. A job to be queued has its held-out split made
   * in the same decode (`decoded`, unless the dataset's header was known already).
   */
  private async estimateOf (submit: SubmitJob, needData: boolean, wallet?: Address): Promise<{ estimate: NonNullable<Answer['estimate']>, payment: bigint, memory: bigint, dataset?: DatasetInfo, decoded?: DatasetPass }> {
    const { payment } = validateSubmit(submit)
    const cost = this.c.analyze(submit.modelDefinition)
    let samples = submit.datasetSamples
    let dataset: DatasetInfo | undefined
    let decoded: DatasetPass | undefined
    if (needData || samples === 0n) {
      if (wallet == null) throw new CyxwizError('ERR_SESSION', 'reading the dataset needs a session: open one with a wallet')
      const inspection = await this.c.datasets.decode(submit.datasetUri, wallet, needData ? this.c.heldOut.params : undefined)
      dataset = inspection.info
      decoded = inspection.decoded
      this.c.datasets.check(dataset, submit.datasetSamples, cost)
      samples = dataset.samples
    }
    const est = estimate(cost, samples, submit.hyperparameters?.epochs ?? 1, this.c.price(), batchSizeOf(submit))
    return { estimate: est, payment, memory: trainingMemory(cost, batchSizeOf(submit)), ...(dataset != null ? { dataset } : {}), ...(decoded != null ? { decoded } : {}) }
  }

  /**
   * SUBMIT. With an idempotency key, one submission per key and wallet: a repeat (the client's retry
   * after a lost answer, or one that overlaps a slow first attempt) waits for the first and gets its
   * job — a fresh lock to sign if it still waits for one — never a second job or escrow.
   */
  private async submit (req: JobRequest, peer: string): Promise<Answer> {
    const session = this.c.sessions.check(req.session, peer)
    const submit = req.submit ?? missing()
    if (submit.wallet !== session.wallet) throw new CyxwizError('ERR_SESSION', 'the job\'s wallet is not the session\'s wallet')
    const key = req.idempotencyKey
    if (key !== '' && !/^[A-Za-z0-9_-]{1,64}$/.test(key)) throw new CyxwizError('ERR_INVALID_ARGUMENT', 'the idempotency key must be 1–64 of A–Z a–z 0–9 _ -')
    if (key === '') return await this.create(submit, peer, session.wallet, '')
    return await this.submissions.run(`${session.wallet}!${key}`, async () => {
      const earlier = await this.c.jobs.store.byKey(session.wallet, key)
      // none yet, or its lock expired unsigned (nothing moved): the submission starts afresh
      if (earlier == null || (earlier.state === JobState.CANCELLED && earlier.queuedMs === 0n)) return await this.create(submit, peer, session.wallet, key)
      if (!sameSubmission(earlier, submit)) throw new CyxwizError('ERR_INVALID_ARGUMENT', `idempotency key ${key} was used for a different submission (job ${earlier.jobId})`)
      this.log('job %s: submission repeated under key %s (%s)', earlier.jobId, key, earlier.state)
      if (earlier.state !== JobState.PENDING_LOCK || await this.c.escrow.lockLanded(earlier.jobId)) return { ...empty, job: earlier, ...(earlier.estimate != null ? { estimate: earlier.estimate } : {}) }
      const lock = await this.c.escrow.prepareLock({ jobId: earlier.jobId, submitter: session.wallet, amount: BigInt(earlier.request?.paymentAmount ?? '0') })
      return { ...empty, job: earlier, ...(earlier.estimate != null ? { estimate: earlier.estimate } : {}), lockTransaction: lock.transaction, escrowAuthority: this.c.ledgerInfo.authority, mint: this.c.ledgerInfo.mint }
    })
  }

  /** a new job waiting for its lock: validated, priced, its dataset checked, the lock prepared */
  private async create (submit: SubmitJob, peer: string, wallet: Address, key: string): Promise<Answer> {
    const { estimate: est, payment, memory, dataset, decoded } = await this.estimateOf(submit, true, wallet)
    if (payment < BigInt(est.total)) {
      return { ...empty, code: 'ERR_PAYMENT_BELOW_ESTIMATE', message: `the payment ${payment} is below the estimate ${est.total} base units`, estimate: est }
    }
    const jobId = randomUUID()
    const lock = await this.c.escrow.prepareLock({ jobId, submitter: wallet, amount: payment })
    const now = BigInt(Date.now())
    const samples = dataset?.samples ?? submit.datasetSamples
    // peers train on the dataset less the coordinator's held-out slice, from the coordinator's seed
    const split = decoded != null ? await this.c.heldOut.keep(jobId, submit.datasetUri, decoded) : await this.c.heldOut.split(jobId, submit.datasetUri)
    const training = specOf({ ...submit, datasetUri: split.trainingUri }, split.training.samples)
    // the memory a training step needs, when above the submitter's minimum: the matcher then offers
    // the job only to peers that can hold it (they would decline it otherwise)
    const minMemoryBytes = training.minMemoryBytes > memory ? training.minMemoryBytes : memory
    const spec = { ...training, minMemoryBytes, seed: randomInt(2 ** 32 - 1), commitEveryBatches: commitInterval(training) }
    // the definition is stored once, under the spec's model hash; the record keeps the request without it
    const job = await this.c.jobs.create({
      ...blankRecord(), jobId, state: JobState.PENDING_LOCK, submitterPeer: peer, wallet, escrow: lock.escrow, createdMs: now, updatedMs: now,
      request: { ...submit, modelDefinition: '', datasetSamples: samples }, spec, estimate: est, ...(dataset != null ? { dataset } : {}),
      ...(split.heldOut != null ? { heldOutKey: jobId, heldOut: split.heldOut } : {})
    }, submit.modelDefinition, 'waiting for the submitter to sign the escrow lock', key)
    return { ...empty, job, estimate: est, lockTransaction: lock.transaction, escrowAuthority: this.c.ledgerInfo.authority, mint: this.c.ledgerInfo.mint }
  }

  /**
   * CONFIRM_LOCK, repeatable: a job already queued is returned as it is (the first confirmation's
   * answer was lost), and a lock that landed before a crash queues the job without a second lock.
   */
  private async confirm (req: JobRequest, peer: string): Promise<Answer> {
    const owned = await this.owned(req, peer)
    return await this.submissions.run(owned.jobId, async () => {
      const job = await this.c.jobs.get(owned.jobId) ?? owned
      if (job.state !== JobState.PENDING_LOCK) {
        if (job.queuedMs > 0n) return { ...empty, job }
        throw new CyxwizError('ERR_JOB_STATE', `job ${job.jobId} is ${job.state}, not waiting for its lock`)
      }
      if (!await this.c.escrow.lockLanded(job.jobId)) {
        try {
          await this.c.escrow.submitLock(job.jobId, req.signedTransaction)
        } catch (err) {
          if (isCyxwizError(err) && err.code === 'ERR_TX_EXPIRED') {
            // the lock's blockhash expired before it landed: a fresh lock to sign, same terms
            const again = await this.c.escrow.prepareLock({ jobId: job.jobId, submitter: job.wallet as Address, amount: BigInt(job.request?.paymentAmount ?? '0') })
            return { ...empty, code: err.code, message: err.message, job, lockTransaction: again.transaction }
          }
          throw err
        }
      }
      return { ...empty, job: await this.queue(job, 'payment locked in escrow; queued') }
    })
  }

  private async queue (job: JobRecord, message: string): Promise<JobRecord> {
    const queued = await this.c.jobs.queue(job.jobId, this.c.estimatedStart(job.request ?? missing()), message)
    this.log('job %s queued for %s', job.jobId, job.wallet)
    this.c.kick()
    return queued
  }

  private async cancel (req: JobRequest, peer: string): Promise<JobRecord> {
    const job = await this.owned(req, peer)
    if (FINAL.has(job.state)) return job
    const now = await this.submissions.run(job.jobId, async () => {
      // a lock that landed (a confirmation under way, or one cut short by a crash) must be refunded
      const j = await this.c.jobs.get(job.jobId) ?? job
      if (j.state !== JobState.PENDING_LOCK) return j
      if (await this.c.escrow.lockLanded(j.jobId)) return await this.queue(j, 'payment found locked in escrow; queued to be cancelled')
      return await this.c.jobs.abandon(j.jobId, 'cancelled by the submitter')
    })
    if (FINAL.has(now.state)) return now
    const cancelled = await this.c.cancelLocked(now)
    this.cache.set(cancelled.jobId, cancelled)
    return cancelled
  }

  /** the job's model definition (GET shows the request with it) */
  private async modelOf (job: JobRecord): Promise<string> {
    return job.spec != null ? await this.c.jobs.store.model(job.spec.modelHash) ?? '' : ''
  }

  /** the job, if the session's wallet paid for it */
  private async owned (req: JobRequest, peer: string): Promise<JobRecord> {
    const { wallet } = this.c.sessions.check(req.session, peer)
    const job = this.cache.get(req.jobId) ?? await this.c.jobs.get(req.jobId)
    if (job == null || job.wallet !== wallet) throw new CyxwizError('ERR_JOB_NOT_FOUND', `no job ${req.jobId} for this wallet`)
    this.cache.set(job.jobId, job)
    return job
  }

  /**
   * Jobs waiting for their lock: one whose lock landed before a crash is queued (the payment is in
   * escrow); one never locked within the TTL is cancelled (nothing was moved). At start with
   * `all`, every such job is looked at, not only the expired ones.
   */
  private async expirePending (all = false): Promise<void> {
    const cutoff = BigInt(Date.now() - this.init.pendingLockTtl)
    for await (const j of this.c.jobs.store.inState(JobState.PENDING_LOCK)) {
      if (!all && j.createdMs >= cutoff) continue
      await this.submissions.run(j.jobId, async () => {
        const now = await this.c.jobs.get(j.jobId)
        if (now?.state !== JobState.PENDING_LOCK) return
        if (await this.c.escrow.lockLanded(j.jobId)) await this.queue(now, 'payment found locked in escrow after a restart; queued')
        else if (j.createdMs < cutoff) await this.c.jobs.abandon(j.jobId, 'the escrow lock was never confirmed')
      }).catch((err: unknown) => { this.log.error('pending job %s: %e', j.jobId, err) })
    }
  }
}

/**
 * The same job asked for twice: the same request, the same model (the record keeps the model by its
 * hash; the sample count is the coordinator's, from the dataset).
 */
function sameSubmission (stored: JobRecord, submit: SubmitJob): boolean {
  if (stored.request == null || stored.spec?.modelHash !== modelHash(submit.modelDefinition)) return false
  const canon = (s: SubmitJob): Uint8Array => SubmitJob.encode({ ...s, modelDefinition: '', datasetSamples: 0n })
  return Buffer.from(canon(stored.request)).equals(Buffer.from(canon(submit)))
}

function missing (): never {
  throw new CyxwizError('ERR_INVALID_JOB', 'the request has no job')
}

/** the jobs protocol, built from its options (defaults filled in) and then its components */
export function jobService (init: Partial<JobServiceInit> & Pick<JobServiceInit, 'protocol'>): (components: JobServiceComponents) => JobService {
  return (components) => new JobService({ ...defaultJobServiceInit, ...init }, components)
}
