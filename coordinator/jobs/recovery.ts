/**
 * Jobs whose peer is gone go back to the queue: a RUNNING or ASSIGNED job whose peer the
 * registry marks offline (3 missed heartbeats), that has reported nothing for `progressTimeout`,
 * or whose lease has run past its wall-clock budget (a peer that reports but never finishes), is
 * re-queued with its last verified checkpoint, and the next peer the matcher picks resumes from
 * it (same epoch, optimizer state). The lost peer's checked epochs are spot-checked by replay first
 * (outcomes.ts); if they pass they are recorded as its contribution (paid pro rata when the job
 * ends), if not they are discarded and the job resumes from where that lease began. A lost
 * RUNNING lease counts against the peer's reputation. The lease dies with the re-queue, so a peer that comes back
 * late is refused (stale lease) and cannot overwrite the job or be paid twice.
 *
 * An OFFLINE event looks up only the lost peer's own jobs, in an in-memory index of active jobs by
 * node kept from the lifecycle's events: a flood of peers going offline costs one map look-up each,
 * not a scan of every active job.
 */
import type { ComponentLogger, Logger } from '@libp2p/interface'
import { JobState, type JobRecord } from '../../protocols/jobs.js'
import type { NodeRegistry } from '../registry/node-registry.js'
import type { JobLifecycle } from './lifecycle.js'
import type { Reputation } from './reputation.js'
import { payeeOf } from './payout.js'
import { epochsOf } from '../../src/training/spec.js'

export interface RecoveryInit {
  /** a RUNNING job with no report for this long is taken from its peer, ms */
  progressTimeout: number
  /** how often stalled jobs are looked for, ms */
  sweepInterval: number
  /**
   * after a coordinator (re)start, peers are not judged lost for this long: the registry read back
   * from disk sees every peer as long silent until its next heartbeats arrive, ms
   */
  restartGrace: number
  /** every lease gets at least this long, ms, whatever the job's size (fetching, worker start) */
  leaseFloor: number
  /**
   * the slowest training speed a lease is given time for, in compute units (GFLOP) per second: a
   * lease may take `leaseFloor` + its share of the job's estimated units at this speed
   */
  leaseSpeed: number
}

export const defaultRecoveryInit: RecoveryInit = {
  // 5 min: peers report every N batches and after each epoch; an epoch of a big job can be long,
  // but a peer that says nothing for 5 minutes while its heartbeats go on is stuck
  progressTimeout: 300_000,
  sweepInterval: 10_000,
  // 3 heartbeats of the default 10 s, and some: a live peer is back online well within it
  restartGrace: 40_000,
  // 15 min: a dataset fetch and a worker start take seconds to a few minutes on a slow link
  leaseFloor: 900_000,
  // 0.1 GFLOP/s: tfjs on one wasm core trains the reference MLP at ~2.3 GFLOP/s of the estimate's
  // count, so an honest peer 20 times slower than that still finishes; a peer that only reports
  // holds a job for the floor plus about 20 times an honest run, then loses it
  leaseSpeed: 0.1
}

/** how long a lease on `job` may run before it is taken back, ms */
export function leaseBudget (job: JobRecord, init: Pick<RecoveryInit, 'leaseFloor' | 'leaseSpeed'>): number {
  const epochs = epochsOf(job.spec)
  const units = Number(job.estimate?.computeUnits ?? '0')
  const share = epochs > 0 ? Math.max(0, epochs - (job.lease?.startEpoch ?? 0)) / epochs : 1
  return init.leaseFloor + Math.ceil((Number.isFinite(units) ? units : 0) * share / init.leaseSpeed * 1000)
}

export interface RecoveryComponents {
  jobs: JobLifecycle
  registry: Pick<NodeRegistry, 'on' | 'get'>
  reputation: Pick<Reputation, 'record'>
  /** checks a lost lease's committed work before it counts (outcomes.ts): false = it failed */
  audit: (job: JobRecord) => Promise<boolean>
  logger: ComponentLogger
  /** the clock the grace and the silence are measured on, ms (default the system clock) */
  now?: () => number
}

export class Recovery {
  private readonly init: RecoveryInit
  private readonly c: RecoveryComponents
  private readonly log: Logger
  private readonly now: () => number
  private timer?: NodeJS.Timeout
  private startedAt: number
  /** active (ASSIGNED or RUNNING) jobs by the node holding their lease, and each job's node */
  private readonly byNode = new Map<string, Set<string>>()
  private readonly nodeOf = new Map<string, string>()

  constructor (init: RecoveryInit, components: RecoveryComponents) {
    this.init = init
    this.c = components
    this.now = components.now ?? Date.now
    this.startedAt = this.now()
    this.log = components.logger.forComponent('cyxwiz:coordinator:recovery')
  }

  async start (): Promise<void> {
    this.startedAt = this.now()
    // events first, then the stored jobs: a change landing meanwhile is not missed
    this.c.jobs.on('update', this.track)
    this.c.jobs.on('annotated', this.track)
    for await (const job of this.c.jobs.store.inState(JobState.RUNNING, JobState.ASSIGNED)) this.track(job)
    this.c.registry.on('status', (s) => {
      if (s.to === 'OFFLINE' && !this.inGrace()) void this.peerLost(s.nodeId).catch((err: unknown) => { this.log.error('recovery after %s: %e', s.nodeId, err) })
    })
    this.timer = setInterval(() => { void this.sweep().catch((err: unknown) => { this.log.error('sweep: %e', err) }) }, this.init.sweepInterval)
    this.timer.unref()
    // jobs whose peer died while the coordinator was down: the registry says so once it has swept
  }

  private inGrace (now = this.now()): boolean {
    return now < this.startedAt + this.init.restartGrace
  }

  stop (): void {
    clearInterval(this.timer)
    this.c.jobs.off('update', this.track)
    this.c.jobs.off('annotated', this.track)
  }

  /** keeps the by-node index of active jobs in step with a job's latest record */
  private readonly track = (job: JobRecord): void => {
    const node = job.state === JobState.RUNNING || job.state === JobState.ASSIGNED ? job.lease?.node ?? '' : ''
    const before = this.nodeOf.get(job.jobId)
    if (before === node) return
    if (before != null) {
      const set = this.byNode.get(before)
      set?.delete(job.jobId)
      if (set?.size === 0) this.byNode.delete(before)
      this.nodeOf.delete(job.jobId)
    }
    if (node === '') return
    this.nodeOf.set(job.jobId, node)
    const set = this.byNode.get(node) ?? new Set<string>()
    set.add(job.jobId)
    this.byNode.set(node, set)
  }

  /** how many active jobs a node holds, by the index */
  activeJobsOf (nodeId: string): number {
    return this.byNode.get(nodeId)?.size ?? 0
  }

  /** every active job of a peer that went offline goes back to the queue */
  async peerLost (nodeId: string): Promise<void> {
    for (const jobId of [...(this.byNode.get(nodeId) ?? [])]) {
      // the index may trail the store by an event: the record read now decides
      const job = await this.c.jobs.get(jobId)
      if (job == null || job.lease?.node !== nodeId || (job.state !== JobState.RUNNING && job.state !== JobState.ASSIGNED)) continue
      await this.requeue(job, `peer ${nodeId} lost (3 missed heartbeats)`)
    }
  }

  /**
   * RUNNING jobs silent for too long, leases past their wall-clock budget, and active jobs of peers
   * the registry already has offline
   */
  async sweep (now = this.now()): Promise<void> {
    // a job's silence includes the time the coordinator was down, when its peer could not report
    // either: like the registry's view, it says nothing until the peers have had time to reconnect
    if (this.inGrace(now)) return
    const cutoff = BigInt(now - this.init.progressTimeout)
    for await (const job of this.c.jobs.store.inState(JobState.RUNNING, JobState.ASSIGNED)) {
      if (job.state === JobState.RUNNING && job.updatedMs < cutoff) {
        await this.requeue(job, `no report from ${(job.lease?.node ?? '')} for ${this.init.progressTimeout} ms`)
        continue
      }
      const budget = leaseBudget(job, this.init)
      if (job.lease != null && Number(job.lease.assignedMs) + budget < now) {
        await this.requeue(job, `${job.lease.node} ran past the lease's wall-clock budget of ${Math.round(budget / 1000)} s`)
        continue
      }
      const node = await this.c.registry.get((job.lease?.node ?? ''))
      if (node?.status === 'OFFLINE') await this.requeue(job, `peer ${(job.lease?.node ?? '')} is offline`)
    }
  }

  private async requeue (job: JobRecord, why: string): Promise<void> {
    try {
      const node = job.lease?.node ?? ''
      if (job.state === JobState.RUNNING) await this.c.reputation.record(node, 'lost')
      const worked = job.verifiedEpochs > (job.lease?.startEpoch ?? 0)
      // the lost peer's checked epochs are replayed in part before they count; a lie found is not paid
      if (worked && !await this.c.audit(job)) {
        await this.c.jobs.reject(job.jobId, job.lease?.id ?? '', `${why}; its committed work failed the replay check`)
        this.log('job %s re-queued without its lost lease\'s work: %s', job.jobId, why)
        return
      }
      // the lost peer's verified epochs are its contribution, paid to the wallet it offered
      const wallet = worked ? await payeeOf(this.c.registry, node) : ''
      await this.c.jobs.requeue(job.jobId, job.lease?.id ?? '', why, wallet)
      this.log('job %s re-queued: %s', job.jobId, why)
    } catch (err) {
      this.log('job %s not re-queued (it moved on): %e', job.jobId, err)
    }
  }
}

/** the recovery sweep, built from its options (defaults filled in) and then its components */
export function recovery (init: Partial<RecoveryInit>): (components: RecoveryComponents) => Recovery {
  return (components) => new Recovery({ ...defaultRecoveryInit, ...init }, components)
}
