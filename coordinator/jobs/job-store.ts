/**
 * Jobs in level: the storage under the lifecycle (lifecycle.ts), which is its only writer.
 *
 * - `job-records`: the job record by id (JobRecord), without its model definition;
 * - `models`: each model definition once, under its content address (the spec's `model_hash`);
 * - `jobs-by-state`: `<state>!<job id>`, so sweeps and the scheduler read only the jobs in the
 *   states they care about;
 * - `jobs-by-wallet`: `<wallet>!<created ms>!<job id>`, so LIST reads one wallet's jobs in order;
 * - `job-events`: `<job id>!<seq>`, the updates watchers see; batch progress is coalesced (a new
 *   batch-only update replaces the previous one), so a job keeps its state changes, epochs and
 *   messages, not every batch; a job keeps its newest `maxUpdates` updates (a peer that reports a
 *   new message every time cannot grow the log without bound);
 * - `submission-keys`: `<wallet>!<idempotency key>` → job id.
 *
 * A change writes the record, its index entries and its event in one batch.
 */
import { JobInfo, JobRecord, JobState } from '../../protocols/jobs.js'
import { recordOf } from './job-view.js'
import { JobUpdate } from '../../protocols/job-updates.js'
import type { BinarySublevel, LevelStore } from '../../src/storage/level-store.js'
import { specOf } from '../../src/training/spec.js'

/** seq keys and times sort as text, so they are zero-padded */
const pad = (n: bigint, width: number): string => n.toString().padStart(width, '0')
const eventKey = (jobId: string, seq: bigint): string => `${jobId}!${pad(seq, 12)}`
const stateKey = (state: JobState, jobId: string): string => `${state}!${jobId}`
const walletKey = (job: Pick<JobRecord, 'wallet' | 'createdMs' | 'jobId'>): string => `${job.wallet}!${pad(job.createdMs, 16)}!${job.jobId}`
const utf8 = new TextEncoder()
const text = new TextDecoder()
const EMPTY = new Uint8Array()

/** what one write holds besides the record */
export interface JobWrite {
  /** the update watchers see; its seq is assigned here */
  event?: Omit<JobUpdate, 'seq'>
  /** a batch-only progress update: it replaces the previous one if that was batch-only too */
  coalesce?: boolean
  /** a new job: its model definition (stored once under the spec's hash) and idempotency key */
  model?: string
  key?: string
}

/**
 * The updates a job keeps: a 100-epoch job writes a few hundred (state changes, epoch ends,
 * checkpoints, notes); 10,000 is room for long jobs and still bounds a hostile peer's reports.
 */
export const DEFAULT_MAX_UPDATES = 10_000

export class JobStore {
  private readonly store: LevelStore
  private readonly maxUpdates: bigint
  private readonly jobs: BinarySublevel
  private readonly models: BinarySublevel
  private readonly byState: BinarySublevel
  private readonly byWallet: BinarySublevel
  private readonly events: BinarySublevel
  private readonly keys: BinarySublevel
  /** last seq per job, and whether that event was batch-only (it is replaced by the next such) */
  private readonly tails = new Map<string, { seq: bigint, coalescable: boolean }>()

  constructor (store: LevelStore, opts: { maxUpdates?: number } = {}) {
    this.store = store
    this.maxUpdates = BigInt(Math.max(1, opts.maxUpdates ?? DEFAULT_MAX_UPDATES))
    this.jobs = store.binary('job-records')
    this.models = store.binary('models')
    this.byState = store.binary('jobs-by-state')
    this.byWallet = store.binary('jobs-by-wallet')
    this.events = store.binary('job-events')
    this.keys = store.binary('submission-keys')
  }

  async get (jobId: string): Promise<JobRecord | undefined> {
    const raw = await this.jobs.get(jobId)
    return raw == null ? undefined : JobRecord.decode(raw)
  }

  /** a model definition by its content address */
  async model (hash: string): Promise<string | undefined> {
    const raw = await this.models.get(hash)
    return raw == null ? undefined : text.decode(raw)
  }

  /** the jobs now in one of `states` (read through the state index) */
  async * inState (...states: JobState[]): AsyncGenerator<JobRecord> {
    for (const state of states) {
      for await (const k of this.byState.keys({ gt: `${state}!`, lt: `${state}!~` })) {
        const job = await this.get(k.slice(state.length + 1))
        if (job?.state === state) yield job
      }
    }
  }

  /** the newest `limit` jobs a wallet submitted, oldest first */
  async byWalletNewest (wallet: string, limit: number): Promise<JobRecord[]> {
    const out: JobRecord[] = []
    for await (const k of this.byWallet.keys({ gt: `${wallet}!`, lt: `${wallet}!~`, reverse: true, limit })) {
      const job = await this.get(k.slice(k.lastIndexOf('!') + 1))
      if (job != null) out.push(job)
    }
    return out.reverse()
  }

  /** the job a wallet submitted under this idempotency key */
  async byKey (wallet: string, idempotencyKey: string): Promise<JobRecord | undefined> {
    const id = await this.keys.get(`${wallet}!${idempotencyKey}`)
    return id == null ? undefined : await this.get(text.decode(id))
  }

  /** the stored updates of a job after `afterSeq`, in order, read as a range */
  async * updates (jobId: string, afterSeq = 0n): AsyncGenerator<JobUpdate> {
    for await (const v of this.events.values({ gt: eventKey(jobId, afterSeq), lt: `${jobId}!~` })) yield JobUpdate.decode(v)
  }

  /**
   * Writes `next` (whose previous version is `prev`, undefined for a new job) with its index
   * entries and its event in one batch. Callers hold the job's lock (the lifecycle does).
   */
  async write (prev: JobRecord | undefined, next: JobRecord, w: JobWrite = {}): Promise<JobUpdate | undefined> {
    const batch = this.store.db.batch()
    batch.put(next.jobId, JobRecord.encode(next), { sublevel: this.jobs })
    if (prev?.state !== next.state) {
      if (prev != null) batch.del(stateKey(prev.state, prev.jobId), { sublevel: this.byState })
      batch.put(stateKey(next.state, next.jobId), EMPTY, { sublevel: this.byState })
    }
    if (prev == null) {
      batch.put(walletKey(next), EMPTY, { sublevel: this.byWallet })
      if (w.model != null && next.spec != null) batch.put(next.spec.modelHash, utf8.encode(w.model), { sublevel: this.models })
      if (w.key != null) batch.put(`${next.wallet}!${w.key}`, utf8.encode(next.jobId), { sublevel: this.keys })
    }
    let update: JobUpdate | undefined
    let tail: { seq: bigint, coalescable: boolean } | undefined
    if (w.event != null) {
      const last = await this.tail(next.jobId)
      if (w.coalesce === true && last.coalescable) batch.del(eventKey(next.jobId, last.seq), { sublevel: this.events })
      update = { ...w.event, seq: last.seq + 1n }
      tail = { seq: update.seq, coalescable: w.coalesce === true }
      batch.put(eventKey(next.jobId, update.seq), JobUpdate.encode(update), { sublevel: this.events })
      if (update.seq > this.maxUpdates) batch.del(eventKey(next.jobId, update.seq - this.maxUpdates), { sublevel: this.events })
    }
    await batch.write()
    if (tail != null) this.tails.set(next.jobId, tail)
    return update
  }

  /**
   * Brings jobs stored by an older release up to date, once: each flat record becomes a JobRecord
   * with its training spec, its model definition moves into `models`, and the indexes are built.
   */
  async migrate (): Promise<number> {
    const old = this.store.binary('jobs')
    let n = 0
    const batch = this.store.db.batch()
    for await (const [id, v] of old.iterator()) {
      const info = JobInfo.decode(v)
      let job = recordOf(info)
      if (job.spec == null && job.request != null) {
        const spec = specOf(job.request, job.request.datasetSamples)
        batch.put(spec.modelHash, utf8.encode(job.request.modelDefinition), { sublevel: this.models })
        job = { ...job, spec, request: { ...job.request, modelDefinition: '' } }
      }
      batch.put(job.jobId, JobRecord.encode(job), { sublevel: this.jobs })
      batch.put(stateKey(job.state, job.jobId), EMPTY, { sublevel: this.byState })
      batch.put(walletKey(job), EMPTY, { sublevel: this.byWallet })
      batch.del(id, { sublevel: old })
      n++
    }
    await batch.write()
    return n
  }

  private async tail (jobId: string): Promise<{ seq: bigint, coalescable: boolean }> {
    const cached = this.tails.get(jobId)
    if (cached != null) return cached
    for await (const [k, v] of this.events.iterator({ gte: `${jobId}!`, lt: `${jobId}!~`, reverse: true, limit: 1 })) {
      const u = JobUpdate.decode(v)
      return { seq: BigInt(k.slice(jobId.length + 1)), coalescable: isBatchOnly(u) }
    }
    return { seq: 0n, coalescable: false }
  }
}

/** an update that carries batch numbers only: no message, no checkpoint, not final */
export function isBatchOnly (u: Pick<JobUpdate, 'message' | 'checkpointUri' | 'final' | 'metrics'>): boolean {
  return u.message === '' && u.checkpointUri === '' && !u.final && ![...u.metrics.keys()].some(k => k.startsWith('epoch_') || k.startsWith('validation_'))
}
