/**
 * Jobs in level and the job state machine. A job record (JobInfo protobuf) lives under `jobs`; its
 * updates under `job-events` as `<job id>!<seq>`. Every change — a transition or a progress report —
 * writes the record and its event in ONE batch before anyone is told, and a transition that the
 * table below does not allow is refused. Nothing is decided from state held only in memory.
 */
import { EventEmitter } from 'node:events'
import { JobInfo, JobState } from '../../protocols/jobs.js'
import { JobUpdate } from '../../protocols/job-updates.js'
import { CyxwizError } from '../../src/errors.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import type { BinarySublevel, LevelStore } from '../../src/storage/level-store.js'

/** the allowed transitions (docs/ARCHITECTURE.md: the job's life) */
export const TRANSITIONS: Record<JobState, readonly JobState[]> = {
  [JobState.PENDING_LOCK]: [JobState.QUEUED, JobState.CANCELLED],
  [JobState.QUEUED]: [JobState.ASSIGNED, JobState.CANCELLED, JobState.FAILED],
  [JobState.ASSIGNED]: [JobState.RUNNING, JobState.QUEUED, JobState.CANCELLED, JobState.FAILED],
  [JobState.RUNNING]: [JobState.VERIFYING, JobState.QUEUED, JobState.FAILED, JobState.CANCELLED],
  [JobState.VERIFYING]: [JobState.COMPLETED, JobState.FAILED],
  [JobState.COMPLETED]: [],
  [JobState.FAILED]: [],
  [JobState.CANCELLED]: []
}

export const FINAL: ReadonlySet<JobState> = new Set([JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED])

export class JobStateError extends CyxwizError {
  constructor (message: string) {
    super('ERR_JOB_STATE', message)
    this.name = 'JobStateError'
  }
}

export interface JobStoreEvents {
  update: [JobInfo, JobUpdate]
  /** a change that is not an update for watchers (why-not reasons): caches refresh on it */
  annotated: [JobInfo]
}

/** seq keys sort as text, so they are zero-padded */
const eventKey = (jobId: string, seq: bigint): string => `${jobId}!${seq.toString().padStart(12, '0')}`

export class JobStore extends EventEmitter<JobStoreEvents> {
  private readonly store: LevelStore
  private readonly jobs: BinarySublevel
  private readonly events: BinarySublevel
  /** `<wallet>!<idempotency key>` → job id: a repeated submission finds its job */
  private readonly keys: BinarySublevel
  private readonly mutex = new KeyedMutex()
  private readonly seqs = new Map<string, bigint>()

  constructor (store: LevelStore) {
    super()
    this.store = store
    this.jobs = store.binary('jobs')
    this.events = store.binary('job-events')
    this.keys = store.binary('submission-keys')
  }

  async get (jobId: string): Promise<JobInfo | undefined> {
    const raw = await this.jobs.get(jobId)
    return raw == null ? undefined : JobInfo.decode(raw)
  }

  async * all (): AsyncGenerator<JobInfo> {
    for await (const v of this.jobs.values()) yield JobInfo.decode(v)
  }

  /**
   * Writes a new job in its first state, with its first event — and, given the submitter's
   * idempotency key, the key in the same batch, so a retried submission finds this job.
   */
  async create (job: JobInfo, message: string, idempotencyKey = ''): Promise<JobInfo> {
    return await this.mutex.run(job.jobId, async () => {
      if (await this.jobs.get(job.jobId) != null) throw new JobStateError(`job ${job.jobId} exists`)
      return await this.write(job, message, idempotencyKey !== '' ? { key: `${job.wallet}!${idempotencyKey}` } : {})
    })
  }

  /** the job a wallet submitted under this idempotency key */
  async byKey (wallet: string, idempotencyKey: string): Promise<JobInfo | undefined> {
    const id = await this.keys.get(`${wallet}!${idempotencyKey}`)
    return id == null ? undefined : await this.get(new TextDecoder().decode(id))
  }

  /**
   * Moves a job to `to` if the table allows it from its current state (and, when `from` is given,
   * only if it is still in one of those states — a guard against acting on a stale read).
   */
  async transition (jobId: string, to: JobState, message: string, patch: Partial<JobInfo> = {}, from?: readonly JobState[]): Promise<JobInfo> {
    return await this.mutex.run(jobId, async () => {
      const job = await this.get(jobId)
      if (job == null) throw new CyxwizError('ERR_JOB_NOT_FOUND', `no job ${jobId}`)
      if (from != null && !from.includes(job.state)) throw new JobStateError(`job ${jobId} is ${job.state}, not ${from.join('/')}`)
      if (!TRANSITIONS[job.state].includes(to)) throw new JobStateError(`job ${jobId} cannot go from ${job.state} to ${to}`)
      return await this.write({ ...job, ...patch, state: to }, message, {})
    })
  }

  /**
   * A progress report: same state, new numbers (and, after an epoch, the verified checkpoint), an
   * event for the watchers. `from` guards against a state change that happened meanwhile.
   */
  async progress (jobId: string, patch: Pick<JobInfo, 'progress' | 'currentEpoch'> & Partial<Pick<JobInfo, 'checkpointUri' | 'verifiedEpochs' | 'backend'>> & { message?: string },
    metrics: Map<string, number>, from: readonly JobState[] = [JobState.RUNNING]): Promise<JobInfo> {
    return await this.mutex.run(jobId, async () => {
      const job = await this.get(jobId)
      if (job == null) throw new CyxwizError('ERR_JOB_NOT_FOUND', `no job ${jobId}`)
      if (!from.includes(job.state)) throw new JobStateError(`job ${jobId} is ${JobState[job.state]}, not ${from.map(f => JobState[f]).join(' or ')}`)
      const { message, ...fields } = patch
      return await this.write({ ...job, ...fields }, message ?? '', { metrics, checkpointUri: patch.checkpointUri })
    })
  }

  /** Updates fields that are not a state change (why-not reasons, estimated start); no event. */
  async annotate (jobId: string, patch: Partial<JobInfo>): Promise<void> {
    await this.mutex.run(jobId, async () => {
      const job = await this.get(jobId)
      if (job == null || FINAL.has(job.state)) return
      const next = { ...job, ...patch, state: job.state }
      await this.jobs.put(jobId, JobInfo.encode(next))
      this.emit('annotated', next)
    })
  }

  /** every update of a job after `afterSeq`, in order */
  async updates (jobId: string, afterSeq = 0n): Promise<JobUpdate[]> {
    const out: JobUpdate[] = []
    for await (const v of this.events.values({ gt: eventKey(jobId, afterSeq), lt: `${jobId}!~` })) out.push(JobUpdate.decode(v))
    return out
  }

  private async lastSeq (jobId: string): Promise<bigint> {
    const cached = this.seqs.get(jobId)
    if (cached != null) return cached
    let last = 0n
    for await (const k of this.events.keys({ gte: `${jobId}!`, lt: `${jobId}!~`, reverse: true, limit: 1 })) last = BigInt(k.slice(jobId.length + 1))
    return last
  }

  private async write (job: JobInfo, message: string, extra: { metrics?: Map<string, number>, checkpointUri?: string, key?: string }): Promise<JobInfo> {
    const seq = (await this.lastSeq(job.jobId)) + 1n
    const now = BigInt(Date.now())
    const next: JobInfo = { ...job, updatedMs: now, message: message !== '' ? message : job.message }
    const update: JobUpdate = {
      jobId: job.jobId, seq, state: next.state, progress: next.progress, metrics: extra.metrics ?? new Map(),
      currentEpoch: next.currentEpoch, message, timestampMs: now, final: FINAL.has(next.state), code: '', checkpointUri: extra.checkpointUri ?? ''
    }
    const batch = this.store.db.batch()
    batch.put(job.jobId, JobInfo.encode(next), { sublevel: this.jobs })
    batch.put(eventKey(job.jobId, seq), JobUpdate.encode(update), { sublevel: this.events })
    if (extra.key != null) batch.put(extra.key, new TextEncoder().encode(job.jobId), { sublevel: this.keys })
    await batch.write()
    this.seqs.set(job.jobId, seq)
    this.emit('update', next, update)
    return next
  }
}
