/**
 * The peer's side of an assignment: accept a job only from our coordinator and only if it fits what
 * we offer (device, memory, a free slot, the operator's minimum payment), otherwise decline with the
 * reason; after accepting, report RUNNING under the assignment's lease and hand the job to the
 * runner (job-runner.ts), whose reports go out through `report()`.
 */
import { EventEmitter } from 'node:events'
import type { ComponentLogger, Libp2p, Logger, PeerId } from '@libp2p/interface'
import { Assignment, AssignmentResponse } from '../protocols/assignment.js'
import { JobReport, JobReportAck } from '../protocols/job-report.js'
import { DeviceKind } from '../protocols/availability.js'
import { WorkStatus } from '../protocols/heartbeat.js'
import { request, serve } from '../src/network/stream.js'
import { withRetries, isRetryable } from '../src/retry.js'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Outbox } from './outbox.js'
import { CoordinatorUnreachableError } from '../src/errors.js'
import type { JobJournal } from './job-journal.js'
import type { Offer } from './offer.js'
import type { Publisher } from './publisher.js'

export interface AssignmentHandlerInit {
  protocols: { assignment: string, jobReport: string }
  /** peer ids of the coordinators we take work from */
  coordinators: string[]
  /** the operator's floor: jobs paying less (base units) are declined */
  minPayment: bigint
  /** the retry schedule's first delay, ms (1000: retries after 1, 2, 4, 8, 16 s; tests scale it) */
  retryBase?: number
}

export interface ActiveJob {
  jobId: string
  leaseId: string
  coordinator: PeerId
  assignment: Assignment
  /** aborted when the job is dropped (cancelled, reassigned, or the daemon stops) */
  abort: AbortController
}

export interface AssignmentHandlerEvents {
  accepted: [ActiveJob]
  declined: [string, string]
  /** job id, state of the report, the attempt that failed, the delay before the next */
  retry: [string, string, number, number]
  /** a report went to the outbox after the whole schedule failed: job id, state */
  queued: [string, string]
  /** reports delivered from the outbox */
  flushed: [number]
}

export class AssignmentHandler extends EventEmitter<AssignmentHandlerEvents> {
  readonly active = new Map<string, ActiveJob>()
  private readonly init: AssignmentHandlerInit
  private readonly c: { node: Pick<Libp2p, 'handle' | 'dialProtocol' | 'getConnections'>, publisher: Publisher, offer: () => Offer, logger: ComponentLogger, outbox?: Outbox, journal?: JobJournal }
  private readonly log: Logger

  constructor (init: AssignmentHandlerInit, components: AssignmentHandler['c']) {
    super()
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:peer:assignments')
  }

  async start (): Promise<void> {
    await serve(this.c.node, this.init.protocols.assignment, Assignment, AssignmentResponse, async (a, connection) => {
      if (a.cancel) {
        // the submitter cancelled: stop the job under that lease (its worker stops before the next batch)
        const held = this.active.get(a.jobId)
        if (held != null && held.leaseId === a.leaseId && this.init.coordinators.includes(connection.remotePeer.toString())) this.drop(a.jobId, 'cancelled by the submitter')
        return { accept: true, reason: '', backend: '' }
      }
      const why = this.whyNot(a, connection.remotePeer.toString())
      if (why != null) {
        this.emit('declined', a.jobId, why)
        return { accept: false, reason: why, backend: '' }
      }
      const held = this.active.get(a.jobId)
      if (held != null && held.leaseId === a.leaseId) return { accept: true, reason: '', backend: this.c.offer().backends[0] ?? '' }
      held?.abort.abort()
      const job: ActiveJob = { jobId: a.jobId, leaseId: a.leaseId, coordinator: connection.remotePeer, assignment: a, abort: new AbortController() }
      this.active.set(a.jobId, job)
      this.updateLoad()
      await this.c.journal?.put({ assignment: a, coordinator: job.coordinator.toString(), checkpointUri: a.resumeCheckpointUri, checkpointEpoch: a.resumeEpoch })
      this.emit('accepted', job)
      setImmediate(() => { void this.report(job, { state: 'RUNNING', message: 'accepted; fetching the dataset' }) })
      return { accept: true, reason: '', backend: this.c.offer().backends[0] ?? '' }
    }, { timeout: 10_000, maxSize: 2 * 1024 * 1024, log: this.log })
  }

  /** why this peer will not take the job, or undefined if it will */
  whyNot (a: Assignment, from: string): string | undefined {
    if (!this.init.coordinators.includes(from)) return 'not from my coordinator'
    if (this.active.has(a.jobId)) return undefined // a repeated offer of a job we hold: accept again
    const offer = this.c.offer()
    if (this.active.size >= offer.maxQueueLength) return `busy: ${this.active.size} of ${offer.maxQueueLength} slots taken`
    if (a.requiredDevice === 'GPU' && offer.deviceKind !== DeviceKind.GPU) return 'the job needs a GPU and this peer offers a CPU'
    const memory = a.requiredDevice === 'GPU' ? offer.gpuMemoryBytes : offer.ramBytes
    if (a.minMemoryBytes > memory) return `the job needs ${a.minMemoryBytes} bytes of memory, this peer offers ${memory}`
    if (!/^\d{1,20}$/.test(a.paymentAmount) || BigInt(a.paymentAmount) < this.init.minPayment) return `the payment ${a.paymentAmount} is below this peer's minimum ${this.init.minPayment}`
    if (a.modelDefinition.length === 0 || a.modelDefinition.length > 1024 * 1024) return 'the model definition is empty or too large'
    return undefined
  }

  /**
   * Sends a report on a job under its lease with the retry schedule; when every retry has
   * failed the report goes to the persistent outbox (and so does every later report of that job
   * until the queue is delivered). A cancel or stale-lease answer drops the job (and aborts its
   * training). Resolves with the ack, or undefined when the report was queued.
   */
  async report (job: ActiveJob, r: Partial<JobReport> & Pick<JobReport, 'state'>): Promise<JobReportAck | undefined> {
    const value: JobReport = {
      progress: 0, currentEpoch: 0, metrics: new Map(), message: '', checkpointUri: '', checkpointEpoch: 0, backend: '', queuedMs: 0n,
      ...r, jobId: job.jobId, leaseId: job.leaseId, timestampMs: BigInt(Date.now())
    }
    const outbox = this.c.outbox
    if (outbox != null && await outbox.holds(job.jobId)) {
      await outbox.put(job.coordinator.toString(), value)
      this.emit('queued', job.jobId, value.state)
      void this.flush()
      return undefined
    }
    try {
      const ack = await withRetries(async () => await this.send(job.coordinator, value), {
        base: this.init.retryBase,
        onRetry: (attempt, delay, err) => {
          this.emit('retry', job.jobId, value.state, attempt, delay)
          this.log('report %s on %s failed (attempt %d: %s); retrying in %d ms', value.state, job.jobId, attempt, err.message, delay)
        }
      })
      this.onAck(job.jobId, ack)
      return ack
    } catch (err) {
      this.log.error('report %s on %s not delivered after the retry schedule: %e', value.state, job.jobId, err)
      if (outbox != null) {
        await outbox.put(job.coordinator.toString(), value)
        this.emit('queued', job.jobId, value.state)
      }
      return undefined
    }
  }

  /** delivers the outbox in order while the coordinator answers; called when it is reachable again */
  async flush (): Promise<number> {
    const outbox = this.c.outbox
    if (outbox == null) return 0
    const sent = await outbox.drain(async (q) => {
      try {
        const ack = await this.send(peerIdFromString(q.coordinator), q.report)
        this.onAck(q.report.jobId, ack)
        return 'done'
      } catch (err) {
        return isRetryable(err) ? 'later' : 'done'
      }
    })
    if (sent > 0) this.emit('flushed', sent)
    return sent
  }

  private async send (coordinator: PeerId, value: JobReport): Promise<JobReportAck> {
    // no connection: fail fast (retryable). Dialling by peer id alone would wait on a DHT lookup and
    // hold up the bootstrap keeper's own dial to the coordinator's address, which it joins.
    if (this.c.node.getConnections(coordinator).length === 0) throw new CoordinatorUnreachableError('not connected to the coordinator')
    return await request<JobReport, JobReportAck>(this.c.node, coordinator, this.init.protocols.jobReport,
      { value, codec: JobReport }, JobReportAck, { timeout: 10_000, maxSize: 4096 })
  }

  private onAck (jobId: string, ack: JobReportAck): void {
    if (ack.cancel) this.drop(jobId, ack.message)
    else if (ack.code !== '') this.log('report on %s refused: %s %s', jobId, ack.code, ack.message)
  }

  /**
   * After a restart: the jobs this peer held go back to the runner, resuming from the last
   * checkpoint it made, under the same lease (the coordinator refuses it if the job moved on).
   */
  async restore (): Promise<number> {
    const held = await this.c.journal?.list() ?? []
    for (const h of held) {
      if (this.active.has(h.assignment.jobId)) continue
      const assignment: Assignment = h.checkpointEpoch > h.assignment.resumeEpoch
        ? { ...h.assignment, resumeCheckpointUri: h.checkpointUri, resumeEpoch: h.checkpointEpoch }
        : h.assignment
      const job: ActiveJob = { jobId: assignment.jobId, leaseId: assignment.leaseId, coordinator: peerIdFromString(h.coordinator), assignment, abort: new AbortController() }
      this.active.set(job.jobId, job)
      this.emit('accepted', job)
      setImmediate(() => { void this.report(job, { state: 'RUNNING', message: `resumed after a restart from epoch ${assignment.resumeEpoch}` }) })
    }
    this.updateLoad()
    return held.length
  }

  drop (jobId: string, why: string): void {
    const job = this.active.get(jobId)
    if (job == null) return
    this.active.delete(jobId)
    void this.c.journal?.delete(jobId).catch((err: unknown) => { this.log.error('journal: %e', err) })
    job.abort.abort(new Error(why))
    this.log('dropped job %s: %s', jobId, why)
    this.updateLoad()
  }

  private updateLoad (): void {
    const offer = this.c.offer()
    this.c.publisher.queueLength = this.active.size
    this.c.publisher.status = this.active.size >= offer.maxQueueLength ? WorkStatus.BUSY : WorkStatus.IDLE
  }
}
