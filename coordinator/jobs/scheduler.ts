/**
 * The matching loop (every 5 s by default; here also as soon as a job is queued or a peer comes
 * online). Each tick hands the queued jobs, oldest first, and the nodes the registry knows to the
 * matcher; every assignment is written (ASSIGNED, with its score breakdown and a fresh lease) before
 * the peer is asked, every unmatched job keeps its why-not reasons, and a peer that declines or does
 * not answer in time is excluded for that job, which goes back to the queue for the next best.
 */
import { randomUUID } from 'node:crypto'
import { peerIdFromString } from '@libp2p/peer-id'
import type { ComponentLogger, Libp2p, Logger } from '@libp2p/interface'
import { JobState, type JobRecord, type ScoreTerm, type WhyNot } from '../../protocols/jobs.js'
import { Assignment, AssignmentResponse } from '../../protocols/assignment.js'
import { CancelAck, CancelJob } from '../../protocols/job-cancel.js'
import { TrainingSpec } from '../../protocols/jobs.js'
import { Availability } from '../../protocols/availability.js'
import { Heartbeat } from '../../protocols/heartbeat.js'
import { request } from '../../src/network/stream.js'
import { withRetries } from '../../src/retry.js'
import type { NodeRegistry } from '../registry/node-registry.js'
import type { JobLifecycle } from './lifecycle.js'
import type { Reputation } from './reputation.js'
import { budgetPerUnit } from './estimate.js'
import type { Candidate, JobRequirements, MatchFn } from './match-types.js'

export interface SchedulerInit {
  protocol: string
  /** the job-cancel protocol: tells a job's peer that the job ended without it */
  cancelProtocol: string
  /** the matcher loop period */
  interval: number
  /**
   * how long a peer has to accept or decline, ms; within it, an offer that fails in transit is sent
   * again on the retry schedule (1, 2, 4 … s), and the same lease makes a repeat harmless
   */
  acceptTimeout: number
  /** the retry schedule's first delay, ms (1000: retries after 1, 2, 4, 8, 16 s) */
  retryBase: number
  /** an accepted job that has not reported RUNNING by then goes back to the queue, ms */
  startTimeout: number
  /** why-not reasons kept per unmatched job */
  maxReasons: number
  /** jobs matched per tick, oldest first; more wait for the next tick, which follows at once */
  maxJobsPerTick: number
}

export const defaultSchedulerInit: Omit<SchedulerInit, 'protocol' | 'cancelProtocol'> = {
  interval: 5_000,
  // 10 s: an answer is one stream round trip; a peer slower than that is too busy to take work
  acceptTimeout: 10_000,
  retryBase: 1000,
  // 60 s: fetching a dataset ([4]) happens after RUNNING, so starting is just bookkeeping
  startTimeout: 60_000,
  maxReasons: 20,
  // a tick over 500 jobs × 10,000 nodes is ~25 ms of CPU: heartbeats and streams barely notice
  maxJobsPerTick: 500
}

export interface SchedulerComponents {
  node: Pick<Libp2p, 'dialProtocol'>
  jobs: JobLifecycle
  registry: Pick<NodeRegistry, 'list' | 'on'>
  reputation: Reputation
  match: MatchFn
  logger: ComponentLogger
  /** the clock a job's time since assignment is measured on, ms: the lifecycle's (default the system clock) */
  now?: () => number
}

interface Entry { state: JobState, node: string, queuedMs: bigint, assignedMs: bigint, whyNotKey: string }

export class Scheduler {
  private readonly init: SchedulerInit
  private readonly c: SchedulerComponents
  private readonly log: Logger
  private readonly index = new Map<string, Entry>()
  private timer?: NodeJS.Timeout
  private running = false
  private again = false
  /** where the current round over the queue has got to */
  private cursor = 0
  /** the candidates of the last tick, for quick estimates */
  lastCandidates: Candidate[] = []

  constructor (init: SchedulerInit, components: SchedulerComponents) {
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:coordinator:scheduler')
  }

  async start (): Promise<void> {
    for await (const j of this.c.jobs.store.inState(JobState.QUEUED, JobState.ASSIGNED, JobState.RUNNING)) this.track(j)
    this.c.jobs.on('update', (job) => {
      this.track(job)
      if (job.state === JobState.QUEUED) this.kick()
    })
    this.c.registry.on('status', (s) => { if (s.to === 'ONLINE') this.kick() })
    this.timer = setInterval(() => { this.kick() }, this.init.interval)
    this.timer.unref()
    this.kick()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
  }

  /** runs a tick now, or right after the one in progress */
  kick (): void {
    if (this.running) { this.again = true; return }
    this.running = true
    void this.tick().catch((err: unknown) => { this.log.error('tick failed: %e', err) }).finally(() => {
      this.running = false
      if (this.again) { this.again = false; this.kick() }
    })
  }

  /** active (assigned or running) jobs per node, from the index */
  activeJobs (): Map<string, number> {
    const out = new Map<string, number>()
    for (const e of this.index.values()) {
      if (e.state === JobState.ASSIGNED || e.state === JobState.RUNNING) out.set(e.node, (out.get(e.node) ?? 0) + 1)
    }
    return out
  }

  queuedCount (): number {
    let n = 0
    for (const e of this.index.values()) if (e.state === JobState.QUEUED) n++
    return n
  }

  private track (job: JobRecord): void {
    if (job.state === JobState.COMPLETED || job.state === JobState.FAILED || job.state === JobState.CANCELLED) {
      this.index.delete(job.jobId)
      return
    }
    const prev = this.index.get(job.jobId)
    this.index.set(job.jobId, { state: job.state, node: job.lease?.node ?? '', queuedMs: job.queuedMs, assignedMs: job.lease?.assignedMs ?? 0n, whyNotKey: prev?.whyNotKey ?? '' })
  }

  async candidates (): Promise<Candidate[]> {
    const active = this.activeJobs()
    const out: Candidate[] = []
    for (const n of await this.c.registry.list()) {
      if (n.availability.byteLength === 0) continue
      let offer: Availability
      let heartbeat: Heartbeat | undefined
      try {
        offer = Availability.decode(n.availability)
        heartbeat = n.heartbeat.byteLength > 0 ? Heartbeat.decode(n.heartbeat) : undefined
      } catch {
        continue
      }
      // a peer with no payout wallet could not be paid for a job: it is not offered one
      if (offer.walletAddress === '') continue
      out.push({ nodeId: n.nodeId, liveness: n.status, offer, heartbeat, reputation: this.c.reputation.score(n.nodeId), activeJobs: active.get(n.nodeId) ?? 0 })
    }
    return out
  }

  private async tick (): Promise<void> {
    await this.requeueStalled()
    const candidates = await this.candidates()
    this.lastCandidates = candidates
    const all = [...this.index.entries()].filter(([, e]) => e.state === JobState.QUEUED).sort((a, b) => Number(a[1].queuedMs - b[1].queuedMs))
    if (all.length === 0) return
    // a round walks the whole queue oldest first, one slice per tick; the next slice follows at once,
    // after whatever else is waiting on the event loop, and a finished round waits for the next event
    if (this.cursor >= all.length) this.cursor = 0
    const queued = all.slice(this.cursor, this.cursor + this.init.maxJobsPerTick)
    this.cursor += queued.length
    if (this.cursor < all.length) setImmediate(() => { this.kick() })
    else this.cursor = 0
    const jobs: JobRecord[] = []
    for (const [id] of queued) {
      const j = await this.c.jobs.get(id)
      if (j?.state === JobState.QUEUED) jobs.push(j)
    }
    const reqs = jobs.map(requirementsOf)
    const result = this.c.match(reqs, candidates)
    const byId = new Map(jobs.map(j => [j.jobId, j]))
    await Promise.all(result.assignments.map(async (a) => {
      const job = byId.get(a.jobId)
      if (job != null) await this.assign(job, a.nodeId, a.score, Object.entries(a.breakdown).map(([name, t]): ScoreTerm => ({ name, ...t })))
    }))
    for (const u of result.unmatched) {
      const whyNot: WhyNot[] = u.reasons.slice(0, this.init.maxReasons).map(r => ({ nodeId: r.nodeId, code: r.code, reason: r.reason }))
      const key = JSON.stringify(whyNot)
      const e = this.index.get(u.jobId)
      if (e == null || e.whyNotKey === key) continue // unchanged: no write
      e.whyNotKey = key
      await this.c.jobs.whyNot(u.jobId, whyNot).catch(() => {}) // it moved on meanwhile
    }
  }

  private async assign (job: JobRecord, nodeId: string, score: number, breakdown: ScoreTerm[]): Promise<void> {
    const leaseId = randomUUID()
    const spec = job.spec
    const model = spec != null ? await this.c.jobs.store.model(spec.modelHash) : undefined
    if (spec == null || model == null) {
      this.log.error('job %s has no training spec or model to offer', job.jobId)
      return
    }
    try {
      await this.c.jobs.assign(job.jobId, { leaseId, node: nodeId, score, breakdown })
    } catch (err) {
      this.log('job %s not assigned: %e', job.jobId, err)
      return
    }
    const offer: Assignment = {
      jobId: job.jobId, leaseId, spec: TrainingSpec.encode(spec), modelDefinition: model,
      paymentAmount: job.request?.paymentAmount ?? '0', acceptDeadlineMs: BigInt(Date.now() + this.init.acceptTimeout),
      // a job a lost peer started continues from its last verified checkpoint
      resumeCheckpointUri: job.verifiedEpochs > 0 ? job.checkpointUri : '', resumeEpoch: job.verifiedEpochs
    }
    let answer: AssignmentResponse | undefined
    let failure = ''
    // a transport failure is retried on the schedule until the accept deadline (attempts at 0, 1, 3
    // and 7 s of the default 10 s); then the job goes back to the queue — persisted, it is this
    // call's outbox — and the next best peer is asked
    const deadline = Date.now() + this.init.acceptTimeout
    let attempts = 0
    let lastError: Error | undefined
    try {
      answer = await withRetries(async () => {
        attempts++
        return await request<Assignment, AssignmentResponse>(this.c.node, peerIdFromString(nodeId), this.init.protocol,
          { value: offer, codec: Assignment }, AssignmentResponse, { timeout: Math.max(1, deadline - Date.now()), maxSize: 4096 })
      }, {
        base: this.init.retryBase,
        signal: AbortSignal.timeout(this.init.acceptTimeout),
        onRetry: (attempt, delay, err) => {
          lastError = err
          this.log('offer of %s to %s failed (attempt %d: %s); again in %d ms', job.jobId, nodeId, attempt, err.message, delay)
        }
      })
    } catch (err) {
      failure = `did not answer within ${this.init.acceptTimeout} ms (${attempts} attempt${attempts === 1 ? '' : 's'}): ${(lastError ?? err as Error).message}`
    }
    if (answer?.accept === true) {
      this.log('job %s accepted by %s (%s)', job.jobId, nodeId, answer.backend)
      return
    }
    // a decline or a silence costs the peer this job (it is excluded from it), not its reputation:
    // reputation counts only what verification shows
    await this.backToQueue(job.jobId, leaseId, nodeId, answer == null ? failure : `declined: ${answer.reason}`)
  }

  /** tells a job's peer that the job was cancelled, so it stops before its next batch */
  async notifyCancel (job: JobRecord): Promise<void> {
    const notice: CancelJob = { jobId: job.jobId, leaseId: job.lease?.id ?? '', reason: 'cancelled by the submitter' }
    // on the retry schedule; if it never arrives the peer learns it from the answer to its next report
    await withRetries(async () => await request<CancelJob, CancelAck>(this.c.node, peerIdFromString(job.lease?.node ?? ''), this.init.cancelProtocol,
      { value: notice, codec: CancelJob }, CancelAck, { timeout: this.init.acceptTimeout, maxSize: 4096 }), { base: this.init.retryBase })
      .catch((err: unknown) => { this.log('cancel notice for %s not delivered: %e', job.jobId, err) })
  }

  private async backToQueue (jobId: string, leaseId: string, nodeId: string, why: string): Promise<void> {
    // under another lease or in another state by now: it moved on, nothing to undo
    await this.c.jobs.requeue(jobId, leaseId, `${nodeId} ${why}`).catch((err: unknown) => { this.log('requeue of %s: %e', jobId, err) })
  }

  /** accepted but never started: the peer is treated as having timed out */
  private async requeueStalled (): Promise<void> {
    const cutoff = BigInt((this.c.now ?? Date.now)() - this.init.startTimeout)
    for (const [id, e] of this.index) {
      if (e.state !== JobState.ASSIGNED || e.assignedMs > cutoff) continue
      const job = await this.c.jobs.get(id)
      if (job == null) continue
      // accepted and never started: a job the peer lost
      await this.c.reputation.record(e.node, 'lost')
      await this.backToQueue(id, job.lease?.id ?? '', e.node, `did not start within ${this.init.startTimeout} ms`)
    }
  }
}

/** what the matcher needs to know about a job */
export function requirementsOf (job: JobRecord): JobRequirements {
  const units = BigInt(job.estimate?.computeUnits ?? '1')
  return {
    jobId: job.jobId,
    requiredDevice: job.spec?.requiredDevice ?? 'ANY',
    minMemoryBytes: job.spec?.minMemoryBytes ?? 0n,
    maxPricePerUnit: budgetPerUnit(BigInt(job.request?.paymentAmount ?? '0'), units),
    excludeNodes: job.excludedNodes
  }
}

/** the matching loop, built from its options (defaults filled in) and then its components */
export function scheduler (init: Partial<SchedulerInit> & Pick<SchedulerInit, 'protocol' | 'cancelProtocol'>): (components: SchedulerComponents) => Scheduler {
  return (components) => new Scheduler({ ...defaultSchedulerInit, ...init }, components)
}
