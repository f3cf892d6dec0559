/**
 * The life of a job on the coordinator, and the only code that writes one. Every change is a named
 * transition with its precondition (the states it may start from, and the lease it must be under)
 * and its patch; the record, its indexes and its event are written in one batch (job-store.ts) under
 * the job's lock, and only then are listeners told. A transition the table does not allow is
 * refused with ERR_JOB_STATE; a report under another lease with ERR_STALE_LEASE. Nothing is decided
 * from state held only in memory.
 *
 *   PENDING_LOCK ─queue→ QUEUED ─assign→ ASSIGNED ─start→ RUNNING ─complete→ VERIFYING
 *        │                 ↑ └──────requeue─────┘  └────requeue────┘             │
 *     abandon              └──────────────────────────────────────────────────settle
 *        ↓                                                                       ↓
 *    CANCELLED                                                COMPLETED / FAILED / CANCELLED
 *
 * `settle` ends a job whose payment is locked: its payout (written first by `intendPayout`) says
 * where the money went and which end it leads to. Same-state changes (progress, an accepted
 * checkpoint, a note for the submitter, the matcher's why-not reasons) have preconditions too.
 */
import { EventEmitter } from 'node:events'
import { JobState, type Contribution, type JobRecord, type Payout, type ScoreTerm, type StatePoint, type Verification, type VerifiedModel, type WhyNot } from '../../protocols/jobs.js'
import type { JobUpdate } from '../../protocols/job-updates.js'
import { Completion } from '../../protocols/job-report.js'
import { CyxwizError } from '../../src/errors.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import { batchesPerEpoch, commitPositions, epochsOf } from '../../src/training/spec.js'
import { isBatchOnly, type JobStore } from './job-store.js'

const { PENDING_LOCK, QUEUED, ASSIGNED, RUNNING, VERIFYING, COMPLETED, FAILED, CANCELLED } = JobState

export const FINAL: ReadonlySet<JobState> = new Set([COMPLETED, FAILED, CANCELLED])
const LIVE = [QUEUED, ASSIGNED, RUNNING, VERIFYING]

/** every named transition: the states it may start from and the state it leads to */
export const TRANSITIONS = {
  queue: { from: [PENDING_LOCK], to: QUEUED },
  abandon: { from: [PENDING_LOCK], to: CANCELLED },
  assign: { from: [QUEUED], to: ASSIGNED },
  start: { from: [ASSIGNED], to: RUNNING },
  progress: { from: [RUNNING], to: 'same' },
  // a state's check may finish after the completion arrived: the completion's audit waits for it
  commitState: { from: [RUNNING, VERIFYING], to: 'same' },
  acceptCheckpoint: { from: [RUNNING, VERIFYING], to: 'same' },
  complete: { from: [RUNNING], to: VERIFYING },
  requeue: { from: [ASSIGNED, RUNNING], to: QUEUED },
  reject: { from: [RUNNING, VERIFYING], to: QUEUED },
  recordModel: { from: [VERIFYING], to: 'same' },
  recordVerification: { from: LIVE, to: 'same' },
  intendPayout: { from: LIVE, to: 'same' },
  settleCompleted: { from: [VERIFYING], to: COMPLETED },
  settleFailed: { from: LIVE, to: FAILED },
  settleCancelled: { from: [QUEUED, ASSIGNED, RUNNING], to: CANCELLED },
  note: { from: [PENDING_LOCK, ...LIVE], to: 'same' },
  whyNot: { from: [QUEUED], to: 'same' }
} as const satisfies Record<string, { from: readonly JobState[], to: JobState | 'same' }>

export type TransitionName = keyof typeof TRANSITIONS

/**
 * Once a payout intent is written the money is decided: only the settlement (and notes for the
 * submitter) may follow. A checkpoint checked while the escrow moves must not raise the epochs the
 * job shows as paid.
 */
const AFTER_INTENT: ReadonlySet<TransitionName> = new Set(['intendPayout', 'settleCompleted', 'settleFailed', 'settleCancelled', 'note'])

export class JobStateError extends CyxwizError {
  constructor (message: string) {
    super('ERR_JOB_STATE', message)
    this.name = 'JobStateError'
  }
}

export interface LifecycleEvents {
  update: [JobRecord, JobUpdate]
  /** a change with no update for watchers (why-not reasons, a payout intent): caches refresh on it */
  annotated: [JobRecord]
}

/** what a change writes: the patch, and the update watchers see (none for an annotation) */
interface Change {
  patch: Partial<JobRecord>
  message?: string
  metrics?: Map<string, number>
  checkpointUri?: string
  /** false: an annotation, no update */
  event?: boolean
}

/** what a lease holder's progress report may change */
export interface ProgressPatch { progress: number, currentEpoch: number, message?: string, backend?: string, metrics?: Map<string, number> }

export class JobLifecycle extends EventEmitter<LifecycleEvents> {
  readonly store: JobStore
  private readonly mutex = new KeyedMutex()
  /** the clock every time a job records is read from, ms (sweeps judge silence by it) */
  private readonly now: () => number

  constructor (store: JobStore, now: () => number = Date.now) {
    super()
    this.store = store
    this.now = now
  }

  async get (jobId: string): Promise<JobRecord | undefined> { return await this.store.get(jobId) }

  /** a new job, waiting for its lock; with its model definition and idempotency key, in one batch */
  async create (job: JobRecord, modelDefinition: string, message: string, idempotencyKey = ''): Promise<JobRecord> {
    if (job.state !== PENDING_LOCK || job.spec == null) throw new JobStateError('a job starts PENDING_LOCK with a training spec')
    return await this.mutex.run(job.jobId, async () => {
      if (await this.store.get(job.jobId) != null) throw new JobStateError(`job ${job.jobId} exists`)
      return await this.commit(undefined, job, { patch: {}, message }, { model: modelDefinition, ...(idempotencyKey !== '' ? { key: idempotencyKey } : {}) })
    })
  }

  /** PENDING_LOCK → QUEUED: the payment is locked in escrow */
  async queue (jobId: string, estimatedStartMs: number, message: string): Promise<JobRecord> {
    return await this.apply(jobId, 'queue', () => ({ patch: { estimatedStartMs: BigInt(estimatedStartMs), queuedMs: BigInt(this.now()) }, message }))
  }

  /** PENDING_LOCK → CANCELLED: the lock was never signed (nothing moved) */
  async abandon (jobId: string, message: string): Promise<JobRecord> {
    return await this.apply(jobId, 'abandon', () => ({ patch: {}, message }))
  }

  /** QUEUED → ASSIGNED under a fresh lease, before the peer is asked */
  async assign (jobId: string, lease: { leaseId: string, node: string, score: number, breakdown: ScoreTerm[] }): Promise<JobRecord> {
    return await this.apply(jobId, 'assign', (job) => ({
      patch: {
        lease: { id: lease.leaseId, node: lease.node, score: lease.score, scoreBreakdown: lease.breakdown, assignedMs: BigInt(this.now()), startEpoch: job.verifiedEpochs, startUri: job.checkpointUri, trajectory: [], pending: [] },
        whyNot: []
      },
      message: `assigned to ${lease.node} (score ${lease.score.toFixed(3)})`
    }))
  }

  /** ASSIGNED → RUNNING: the lease holder's first report */
  async start (jobId: string, leaseId: string, p: ProgressPatch): Promise<JobRecord> {
    return await this.apply(jobId, 'start', () => ({ patch: progressPatch(p), message: p.message !== undefined && p.message !== '' ? p.message : 'running' }), leaseId)
  }

  /** RUNNING: the lease holder's progress; batch-only updates are coalesced in the store */
  async progress (jobId: string, leaseId: string, p: ProgressPatch, reported: readonly StatePoint[] = []): Promise<JobRecord> {
    return await this.apply(jobId, 'progress', (job) => ({
      patch: { ...progressPatch(p), ...(reported.length > 0 && job.lease != null ? { lease: withPending(job.lease, reported) } : {}) },
      message: p.message ?? '',
      metrics: p.metrics ?? new Map()
    }), leaseId)
  }

  /**
   * RUNNING: a state the lease holder committed to was fetched, pinned and checked; it joins the
   * lease's trajectory only at the next position the job's commit interval names.
   */
  async commitState (jobId: string, leaseId: string, point: StatePoint): Promise<JobRecord> {
    return await this.apply(jobId, 'commitState', (job) => ({ patch: { lease: withPoint(job, point) }, event: false }), leaseId)
  }

  /**
   * RUNNING: the checkpoint after `epoch` epochs was fetched and checked. Epochs advance one at a
   * time, and the checkpoint is the lease's next committed state (the epoch's end).
   */
  async acceptCheckpoint (jobId: string, leaseId: string, uri: string, epoch: number): Promise<JobRecord> {
    return await this.apply(jobId, 'acceptCheckpoint', (job) => {
      if (epoch !== job.verifiedEpochs + 1 || epoch > epochsOf(job.spec)) throw new JobStateError(`checkpoint epoch ${epoch} does not follow ${job.verifiedEpochs} within ${epochsOf(job.spec)}`)
      const lease = withPoint(job, { epoch, batch: batchesPerEpoch(job.spec as NonNullable<JobRecord['spec']>), uri })
      return { patch: { checkpointUri: uri, verifiedEpochs: epoch, lease }, message: `checkpoint after epoch ${epoch} verified`, checkpointUri: uri }
    }, leaseId)
  }

  /** RUNNING → VERIFYING: the lease holder handed in a signed completion, kept until verified */
  async complete (jobId: string, leaseId: string, completion: Completion): Promise<JobRecord> {
    return await this.apply(jobId, 'complete', () => ({
      patch: { completion: Completion.encode(completion), progress: 1, verifyingSinceMs: BigInt(this.now()) },
      message: 'completion received; verifying the proof and the weights'
    }), leaseId)
  }

  /**
   * ASSIGNED/RUNNING → QUEUED: the peer declined, never answered, never started, went silent or
   * was lost. Its lease dies; its verified epochs under that lease become its contribution (paid
   * pro rata at the end); it is not offered this job again; the job keeps its place in the queue
   * and resumes from its last verified checkpoint.
   */
  async requeue (jobId: string, leaseId: string, reason: string, wallet = ''): Promise<JobRecord> {
    return await this.apply(jobId, 'requeue', (job) => {
      const node = job.lease?.node ?? ''
      const epochs = Math.max(0, job.verifiedEpochs - (job.lease?.startEpoch ?? 0))
      const contributions: Contribution[] = epochs > 0 ? [...job.contributions, { node, wallet, epochs }] : job.contributions
      const resume = job.verifiedEpochs > 0 ? `resumes from the checkpoint after epoch ${job.verifiedEpochs}` : 'starts over'
      return {
        patch: {
          lease: undefined, contributions, excludedNodes: [...new Set([...job.excludedNodes, node])],
          progress: job.verifiedEpochs / epochsOf(job.spec), currentEpoch: job.verifiedEpochs
        },
        message: `${reason}; back in the queue (${resume})`
      }
    }, leaseId)
  }

  /**
   * RUNNING/VERIFYING → QUEUED: the lease holder's work failed verification. Nothing it did counts:
   * the job goes back to the state the lease started from, the peer is excluded from it, and the
   * job's history says why.
   */
  async reject (jobId: string, leaseId: string, reason: string): Promise<JobRecord> {
    return await this.apply(jobId, 'reject', (job) => {
      const node = job.lease?.node ?? ''
      const start = job.lease?.startEpoch ?? 0
      return {
        patch: {
          lease: undefined, excludedNodes: [...new Set([...job.excludedNodes, node])], history: [...job.history, `${node}: ${reason}`].slice(-20),
          verifiedEpochs: start, checkpointUri: job.lease?.startUri ?? '', completion: new Uint8Array(), verifyingSinceMs: 0n,
          progress: start / epochsOf(job.spec), currentEpoch: start
        },
        message: `verification failed: ${reason}; nothing of that work is paid; back in the queue (${start > 0 ? `resumes from the checked state after epoch ${start}` : 'starts over'}) without that peer`
      }
    }, leaseId)
  }

  /** what the coordinator measured of the lease's work (replays, held-out evaluation) */
  async recordVerification (jobId: string, verification: Verification): Promise<JobRecord> {
    return await this.apply(jobId, 'recordVerification', () => ({ patch: { verification }, event: false }))
  }

  /** VERIFYING: the verified model and what the completion claimed of it */
  async recordModel (jobId: string, model: VerifiedModel, verifiedEpochs: number): Promise<JobRecord> {
    return await this.apply(jobId, 'recordModel', () => ({ patch: { model, verifiedEpochs }, event: false }))
  }

  /**
   * The payout intent, written before any money moves; once written it is never replaced. Given as
   * a function of the record it is computed under the job's lock, from the record it is written to:
   * a checkpoint accepted while the caller was reading the payee then counts in the shares
   * (undefined: nothing is written, the caller reads again).
   */
  async intendPayout (jobId: string, payout: Payout | ((job: JobRecord) => Payout | undefined)): Promise<JobRecord> {
    return await this.apply(jobId, 'intendPayout', (job) => {
      const intent = job.payout?.outcome != null && job.payout.outcome !== '' ? undefined : typeof payout === 'function' ? payout(job) : payout
      return { patch: intent != null ? { payout: intent } : {}, event: false }
    })
  }

  /** the money moved as the intent said: the job takes the end the intent leads to */
  async settle (jobId: string, payout: Payout): Promise<JobRecord> {
    const name = payout.outcome === COMPLETED ? 'settleCompleted' : payout.outcome === FAILED ? 'settleFailed' : payout.outcome === CANCELLED ? 'settleCancelled' : undefined
    if (name == null) throw new JobStateError(`a payout cannot end a job as ${payout.outcome}`)
    return await this.apply(jobId, name, (job) => {
      if (job.payout?.outcome !== payout.outcome) throw new JobStateError(`job ${jobId} has no payout intent to end as ${payout.outcome}`)
      return { patch: { payout }, message: payout.reason }
    })
  }

  /** a message for the submitter (status and watch show it); the job stays where it is */
  async note (jobId: string, message: string, states: readonly JobState[] = TRANSITIONS.note.from): Promise<JobRecord> {
    return await this.apply(jobId, 'note', (job) => {
      if (!states.includes(job.state)) throw new JobStateError(`job ${jobId} is ${job.state}`)
      return { patch: {}, message }
    })
  }

  /** the matcher's reasons why no peer took a queued job */
  async whyNot (jobId: string, whyNot: WhyNot[]): Promise<JobRecord> {
    return await this.apply(jobId, 'whyNot', () => ({ patch: { whyNot }, event: false }))
  }

  /** runs one named transition under the job's lock */
  private async apply (jobId: string, name: TransitionName, change: (job: JobRecord) => Change, leaseId?: string): Promise<JobRecord> {
    return await this.mutex.run(jobId, async () => {
      const job = await this.store.get(jobId)
      if (job == null) throw new CyxwizError('ERR_JOB_NOT_FOUND', `no job ${jobId}`)
      const t = TRANSITIONS[name]
      if (!(t.from as readonly JobState[]).includes(job.state)) throw new JobStateError(`job ${jobId} is ${job.state}: ${name} is not allowed (from ${t.from.join(', ')})`)
      if (leaseId !== undefined && (leaseId === '' || job.lease?.id !== leaseId)) throw new CyxwizError('ERR_STALE_LEASE', `job ${jobId} is not (or no longer) under lease ${leaseId}`)
      if (job.payout?.outcome != null && job.payout.outcome !== '' && !AFTER_INTENT.has(name)) throw new JobStateError(`job ${jobId} is being settled as ${job.payout.outcome}: ${name} is not allowed`)
      const c = change(job)
      const state = name.startsWith('settle') ? (c.patch.payout?.outcome as JobState) : t.to === 'same' ? job.state : t.to
      return await this.commit(job, { ...job, ...c.patch, state }, c)
    })
  }

  private async commit (prev: JobRecord | undefined, job: JobRecord, c: Change, extra: { model?: string, key?: string } = {}): Promise<JobRecord> {
    if (c.event === false) {
      await this.store.write(prev, job, extra)
      this.emit('annotated', job)
      return job
    }
    const now = BigInt(this.now())
    const message = c.message ?? ''
    const next: JobRecord = { ...job, updatedMs: now, message: message !== '' ? message : job.message }
    const event = {
      jobId: job.jobId, state: next.state, progress: next.progress, metrics: c.metrics ?? new Map<string, number>(), currentEpoch: next.currentEpoch,
      message, timestampMs: now, final: FINAL.has(next.state), code: '', checkpointUri: c.checkpointUri ?? ''
    }
    const update = await this.store.write(prev, next, { ...extra, event, coalesce: prev?.state === next.state && isBatchOnly(event) })
    if (update != null) this.emit('update', next, update)
    return next
  }
}

/** the lease with `point` appended, if it is the next position its trajectory expects */
function withPoint (job: JobRecord, point: StatePoint): NonNullable<JobRecord['lease']> {
  const lease = job.lease
  if (lease == null || job.spec == null) throw new JobStateError(`job ${job.jobId} has no lease`)
  const next = commitPositions(job.spec, lease.startEpoch)[lease.trajectory.length]
  if (next == null || next.epoch !== point.epoch || next.batch !== point.batch) {
    throw new JobStateError(`a state after epoch ${point.epoch}, batch ${point.batch} is not the next one the job expects (${next == null ? 'none' : `epoch ${next.epoch}, batch ${next.batch}`})`)
  }
  const pending = lease.pending.filter(p => p.epoch !== point.epoch || p.batch !== point.batch)
  return { ...lease, trajectory: [...lease.trajectory, { epoch: point.epoch, batch: point.batch, uri: point.uri }], pending }
}

function progressPatch (p: ProgressPatch): Partial<JobRecord> {
  return { progress: p.progress, currentEpoch: p.currentEpoch, ...(p.backend !== undefined && p.backend !== '' ? { backend: p.backend } : {}) }
}

/**
 * The lease with `reported` states added to those awaiting their check: kept on the job so that a
 * coordinator that dies before checking them checks them after its restart (the peer, answered,
 * never sends them again). A position already pending or checked is not added twice.
 */
function withPending (lease: NonNullable<JobRecord['lease']>, reported: readonly StatePoint[]): NonNullable<JobRecord['lease']> {
  const known = new Set([...lease.trajectory, ...lease.pending].map(p => `${p.epoch}:${p.batch}`))
  const pending = [...lease.pending]
  for (const p of reported) {
    if (known.has(`${p.epoch}:${p.batch}`)) continue
    known.add(`${p.epoch}:${p.batch}`)
    pending.push({ epoch: p.epoch, batch: p.batch, uri: p.uri })
  }
  return { ...lease, pending }
}
