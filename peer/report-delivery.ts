/**
 * Delivers the peer's reports on its jobs to the coordinator that assigned them. A report goes
 * out at once with the retry schedule; when every retry has failed it goes to the persistent
 * outbox (outbox.ts), and so does every later report of that job until its queue is delivered, so a
 * job's reports always arrive in the order they were made. The outbox is offered to the
 * coordinator whenever its beacon is heard again and, in case a beacon is missed, on a timer this
 * service owns. An answer saying the job was cancelled (or moved on) takes the job away.
 */
import { EventEmitter } from 'node:events'
import type { ComponentLogger, Libp2p, Logger, PeerId, Startable } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { JobReport, JobReportAck } from '../protocols/job-report.js'
import { request } from '../src/network/stream.js'
import { withRetries, isRetryable } from '../src/retry.js'
import { CoordinatorUnreachableError } from '../src/errors.js'
import type { Outbox } from './outbox.js'
import type { ActiveJob, ActiveJobs } from './active-jobs.js'
import type { CoordinatorLink } from './coordinator-link.js'

export interface ReportDeliveryInit {
  /** the job-report protocol id */
  protocol: string
  /** the retry schedule's first delay, ms (1000: retries after 1, 2, 4, 8, 16 s; tests scale it) */
  retryBase?: number
  /** how often the outbox is offered to the coordinator besides when its beacon is heard, ms */
  flushInterval: number
}

export interface ReportDeliveryComponents {
  node: Pick<Libp2p, 'dialProtocol' | 'getConnections'>
  /** a "cancel" answer drops the job */
  jobs: Pick<ActiveJobs, 'drop'>
  /** where undelivered reports wait; without one they are only logged */
  outbox?: Outbox
  /** its beacons say the coordinator is reachable again: the outbox is flushed then */
  link?: Pick<CoordinatorLink, 'on' | 'off'>
  logger: ComponentLogger
}

/** a report's address: the job, its lease and the coordinator that holds it */
export type ReportTarget = Pick<ActiveJob, 'jobId' | 'leaseId' | 'coordinator'>

/** a report as its sender makes it; the delivery adds the job, lease and time */
export type ReportBody = Partial<JobReport> & Pick<JobReport, 'state'>

export interface ReportDeliveryEvents {
  /** job id, state of the report, the attempt that failed, the delay before the next */
  retry: [string, string, number, number]
  /** a report went to the outbox after the whole schedule failed: job id, state */
  queued: [string, string]
  /** reports delivered from the outbox */
  flushed: [number]
}

export class ReportDelivery extends EventEmitter<ReportDeliveryEvents> implements Startable {
  private readonly init: ReportDeliveryInit
  private readonly c: ReportDeliveryComponents
  private readonly log: Logger
  private timer?: NodeJS.Timeout

  constructor (init: ReportDeliveryInit, components: ReportDeliveryComponents) {
    super()
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:peer:reports')
  }

  private readonly onAlive = (): void => { void this.flush() }

  async start (): Promise<void> {
    this.c.link?.on('alive', this.onAlive)
    this.timer = setInterval(() => { void this.flush() }, this.init.flushInterval)
    this.timer.unref()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
    this.c.link?.off('alive', this.onAlive)
  }

  /**
   * Sends a report on a job under its lease with the retry schedule, or queues it behind the job's
   * reports already waiting. Resolves with the ack, or undefined when the report was queued.
   */
  async report (job: ReportTarget, r: ReportBody): Promise<JobReportAck | undefined> {
    const value: JobReport = {
      progress: 0, currentEpoch: 0, metrics: new Map(), message: '', checkpointUri: '', checkpointEpoch: 0, backend: '', queuedMs: 0n, states: [],
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
        ...(this.init.retryBase != null ? { base: this.init.retryBase } : {}),
        onRetry: (attempt, delay, err) => {
          this.emit('retry', job.jobId, value.state, attempt, delay)
          this.log('report %s on %s failed (attempt %d: %s); retrying in %d ms', value.state, job.jobId, attempt, err.message, delay)
        }
      })
      this.onAck(value, ack)
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
        this.onAck(q.report, ack)
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
    return await request<JobReport, JobReportAck>(this.c.node, coordinator, this.init.protocol,
      { value, codec: JobReport }, JobReportAck, { timeout: 10_000, maxSize: 4096 })
  }

  /** the answer to a report under a lease concerns that lease only */
  private onAck (report: JobReport, ack: JobReportAck): void {
    if (ack.cancel) this.c.jobs.drop(report.jobId, ack.message, report.leaseId)
    // a progress report over the coordinator's rate is dropped: the next one carries newer progress
    else if (ack.code !== '' && ack.code !== 'ERR_RATE_LIMITED') this.log('report on %s refused: %s %s', report.jobId, ack.code, ack.message)
  }
}

/** `(init) => (components) => service`, as every CyxWiz service */
export function reportDelivery (init: ReportDeliveryInit): (components: ReportDeliveryComponents) => ReportDelivery {
  return (components) => new ReportDelivery(init, components)
}
