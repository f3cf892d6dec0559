/**
 * The jobs this peer holds: taken on when an offer is accepted (bidding.ts) or, after a restart,
 * from the journal; each with its lease, its decoded training spec, an abort signal for its
 * training and its execution state (execution-state.ts). Every move of a job is recorded in the
 * journal, so a restart knows where each job was. A job leaves when it ends by itself (`finish`:
 * its completion or failure is reported) or is taken away (`drop`: cancelled, reassigned, a report
 * answered "stop"), which aborts its training. The number held is the load the publisher announces.
 */
import { EventEmitter } from 'node:events'
import type { ComponentLogger, Logger, PeerId, Startable } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Assignment } from '../protocols/assignment.js'
import { WorkStatus } from '../protocols/heartbeat.js'
import { decodeSpec, type TrainingSpec } from '../src/training/spec.js'
import { Execution, ExecutionState, isFinal } from './execution-state.js'
import type { JobJournal } from './job-journal.js'
import type { Offer } from './offer.js'
import type { Publisher } from './publisher.js'

export interface ActiveJob {
  readonly jobId: string
  readonly leaseId: string
  readonly coordinator: PeerId
  readonly assignment: Assignment
  /** the assignment's spec, decoded once */
  readonly spec: TrainingSpec
  /** aborted when the job is dropped (cancelled, reassigned) or the daemon stops */
  readonly abort: AbortController
  /** where the job is; moved through `ActiveJobs.move` */
  readonly execution: Execution
  /** 'offer': accepted just now; 'restart': held before a restart and resumed */
  readonly origin: 'offer' | 'restart'
  /** times the peer's process ended while training this job, since its last checkpoint (job-journal.ts) */
  readonly crashes: number
}

export interface ActiveJobsComponents {
  /** the load (jobs held, busy or idle) goes out with the next heartbeat */
  publisher: Pick<Publisher, 'queueLength' | 'status'>
  offer: () => Offer
  /** held jobs on disk; without one a restart forgets them */
  journal?: JobJournal
  logger: ComponentLogger
}

export interface ActiveJobsEvents {
  /** a job to run: accepted from an offer, or resumed after a restart */
  accepted: [ActiveJob]
}

export class ActiveJobs extends EventEmitter<ActiveJobsEvents> implements Startable {
  private readonly active = new Map<string, ActiveJob>()
  private readonly c: ActiveJobsComponents
  private readonly log: Logger

  constructor (components: ActiveJobsComponents) {
    super()
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:peer:jobs')
  }

  /** takes back the jobs held before a restart (see `restore`) */
  async start (): Promise<void> {
    const resumed = await this.restore()
    if (resumed > 0) this.log('resuming %d job(s) held before the restart', resumed)
  }

  /** the peer is stopping: every job's training stops; the journal keeps them for the next start */
  async stop (): Promise<void> {
    const jobs = [...this.active.values()]
    // recorded first: a restart after an orderly stop is not a crash of the job
    await Promise.all(jobs.map(async job => { await this.c.journal?.stopped(job.jobId, job.leaseId).catch((err: unknown) => { this.log.error('journal: %e', err) }) }))
    for (const job of jobs) job.abort.abort(new Error('the peer is stopping'))
  }

  get size (): number {
    return this.active.size
  }

  get (jobId: string): ActiveJob | undefined {
    return this.active.get(jobId)
  }

  values (): IterableIterator<ActiveJob> {
    return this.active.values()
  }

  /** whether this very job (not an earlier or later lease of it) is still held */
  holds (job: ActiveJob): boolean {
    return this.active.get(job.jobId) === job
  }

  /**
   * Holds an accepted assignment (its spec already decoded and checked). A repeated offer under the
   * lease held is the job held; under another lease the old one is dropped for the new.
   */
  async hold (a: Assignment, coordinator: PeerId, spec: TrainingSpec): Promise<ActiveJob> {
    const held = this.active.get(a.jobId)
    if (held != null && held.leaseId === a.leaseId) return held
    if (held != null) this.drop(a.jobId, 'reassigned under a new lease')
    const job = this.add(a, coordinator, spec, 'offer')
    await this.c.journal?.put({ assignment: a, coordinator: coordinator.toString(), state: job.execution.state, checkpointUri: a.resumeCheckpointUri, checkpointEpoch: a.resumeEpoch })
    this.emit('accepted', job)
    return job
  }

  /** moves a held job on (IllegalTransitionError if the move is not allowed); the journal records it */
  move (job: ActiveJob, to: ExecutionState): void {
    job.execution.moveTo(to)
  }

  /** records a checkpoint this peer made of a held job: a restart resumes from it */
  async checkpoint (job: ActiveJob, uri: string, epoch: number): Promise<void> {
    await this.c.journal?.checkpoint(job.jobId, job.leaseId, uri, epoch)
  }

  /** a job that ended by itself (its end reported, or queued for delivery) leaves */
  finish (job: ActiveJob, why: string): void {
    if (!this.holds(job)) return
    this.remove(job, why)
  }

  /**
   * Takes a job away (cancelled, reassigned, a report answered "stop"): its training is aborted
   * and it ends CANCELLED. With `leaseId`, only if the job is held under that lease.
   */
  drop (jobId: string, why: string, leaseId?: string): void {
    const job = this.active.get(jobId)
    if (job == null || (leaseId != null && job.leaseId !== leaseId)) return
    if (!job.execution.ended) job.execution.moveTo(ExecutionState.CANCELLED)
    this.remove(job, why)
  }

  /**
   * After a restart: the jobs this peer held go back to the runner, resuming from the last
   * checkpoint it made, under the same lease (the coordinator refuses it if the job moved on).
   * Each starts over as ACCEPTED; where it was is logged.
   */
  async restore (): Promise<number> {
    const held = await this.c.journal?.list() ?? []
    let resumed = 0
    for (const h of held) {
      if (this.active.has(h.assignment.jobId)) continue
      let spec: TrainingSpec
      try {
        spec = decodeSpec(h.assignment.spec)
      } catch (err) {
        this.log.error('journal: job %s cannot be resumed: %e', h.assignment.jobId, err)
        await this.c.journal?.delete(h.assignment.jobId)
        continue
      }
      const assignment: Assignment = h.checkpointEpoch > h.assignment.resumeEpoch
        ? { ...h.assignment, resumeCheckpointUri: h.checkpointUri, resumeEpoch: h.checkpointEpoch }
        : h.assignment
      const crashes = await this.c.journal?.restarted(h.assignment.jobId) ?? 0
      const job = this.add(assignment, peerIdFromString(h.coordinator), spec, 'restart', crashes)
      this.log('job %s was %s before the restart; resuming from epoch %d', job.jobId, h.state, assignment.resumeEpoch)
      await this.c.journal?.state(job.jobId, job.leaseId, job.execution.state)
      this.emit('accepted', job)
      resumed++
    }
    return resumed
  }

  private add (assignment: Assignment, coordinator: PeerId, spec: TrainingSpec, origin: ActiveJob['origin'], crashes = 0): ActiveJob {
    const { jobId, leaseId } = assignment
    const execution = new Execution(jobId, (_from, to) => {
      // an end is not recorded: the job leaves the journal with it
      if (isFinal(to)) return
      this.c.journal?.state(jobId, leaseId, to).catch((err: unknown) => { this.log.error('journal: %e', err) })
    })
    const job: ActiveJob = { jobId, leaseId, coordinator, assignment, spec, abort: new AbortController(), execution, origin, crashes }
    this.active.set(jobId, job)
    this.updateLoad()
    return job
  }

  private remove (job: ActiveJob, why: string): void {
    this.active.delete(job.jobId)
    this.c.journal?.delete(job.jobId).catch((err: unknown) => { this.log.error('journal: %e', err) })
    job.abort.abort(new Error(why))
    this.log('job %s left (%s): %s', job.jobId, job.execution.state, why)
    this.updateLoad()
  }

  private updateLoad (): void {
    const offer = this.c.offer()
    this.c.publisher.queueLength = this.active.size
    this.c.publisher.status = this.active.size >= offer.maxQueueLength ? WorkStatus.BUSY : WorkStatus.IDLE
  }
}

/** `(init) => (components) => service`, as every CyxWiz service (this one has no settings) */
export function activeJobs (): (components: ActiveJobsComponents) => ActiveJobs {
  return (components) => new ActiveJobs(components)
}
