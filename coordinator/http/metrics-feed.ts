/**
 * Feeds the coordinator's cyxwiz_* job, escrow and verification metrics from the job lifecycle's
 * events: the lifecycle is the only writer of a job and emits every change after it is on disk, so
 * counting here counts what really happened, once. Nothing here writes a job.
 *
 * The state a job was in before an update is remembered per job (an LRU: a job silent for long is
 * looked up again in the store), so a transition is counted by where it came from: escrow is locked
 * once per job (PENDING_LOCK → QUEUED), a job starts once (its first RUNNING).
 */
import type { Startable } from '@libp2p/interface'
import { LRUCache } from 'lru-cache'
import { JobState, type JobRecord } from '../../protocols/jobs.js'
import type { CyxwizMetrics } from '../../src/metrics/registry.js'

const ALL_STATES = Object.values(JobState).filter((s): s is JobState => typeof s === 'string')
const FINAL = new Set<JobState>([JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED])

export interface MetricsFeedComponents {
  jobs: {
    on(event: 'update', listener: (job: JobRecord) => void): unknown
    on(event: 'annotated', listener: (job: JobRecord) => void): unknown
    off(event: 'update', listener: (job: JobRecord) => void): unknown
    off(event: 'annotated', listener: (job: JobRecord) => void): unknown
    store: { inState(...states: JobState[]): AsyncGenerator<JobRecord> }
  }
  metrics: CyxwizMetrics
}

interface Seen { state: JobState, started: boolean, verification: string }

export class MetricsFeed implements Startable {
  private readonly c: MetricsFeedComponents
  // 100,000 jobs × ~100 bytes: far more than run at once; a forgotten job is only re-counted by state
  private readonly seen = new LRUCache<string, Seen>({ max: 100_000 })
  private readonly onUpdate = (job: JobRecord): void => { this.observe(job) }

  constructor (c: MetricsFeedComponents) {
    this.c = c
  }

  async start (): Promise<void> {
    const counts = new Map<JobState, number>(ALL_STATES.map(s => [s, 0]))
    for await (const job of this.c.jobs.store.inState(...ALL_STATES)) {
      counts.set(job.state, (counts.get(job.state) ?? 0) + 1)
      if (!FINAL.has(job.state)) this.seen.set(job.jobId, { state: job.state, started: job.state === JobState.RUNNING || job.state === JobState.VERIFYING, verification: fingerprint(job) })
    }
    for (const [state, n] of counts) this.c.metrics.jobsByState.set({ state }, n)
    this.c.jobs.on('update', this.onUpdate)
    this.c.jobs.on('annotated', this.onUpdate)
  }

  async stop (): Promise<void> {
    this.c.jobs.off('update', this.onUpdate)
    this.c.jobs.off('annotated', this.onUpdate)
  }

  private observe (job: JobRecord): void {
    const m = this.c.metrics
    const before = this.seen.get(job.jobId)
    const now: Seen = { state: job.state, started: before?.started ?? false, verification: fingerprint(job) }
    if (before == null) {
      // a job first seen in a final state was counted at start (a note written after its end)
      if (job.state === JobState.PENDING_LOCK) m.jobSubmissions.inc()
      if (!FINAL.has(job.state)) m.jobsByState.inc({ state: job.state })
    } else if (before.state !== job.state) {
      m.jobsByState.dec({ state: before.state })
      m.jobsByState.inc({ state: job.state })
      if (before.state === JobState.PENDING_LOCK && job.state === JobState.QUEUED) m.escrowFlow.inc({ flow: 'locked' }, units(job.request?.paymentAmount))
      if (job.state === JobState.ASSIGNED) m.assignments.inc()
      if (job.state === JobState.RUNNING && !now.started) {
        now.started = true
        m.submitToStart.observe(Math.max(0, Date.now() - Number(job.createdMs)) / 1000)
      }
      if (FINAL.has(job.state) && job.payout != null) {
        m.escrowFlow.inc({ flow: 'paid' }, units(job.payout.peer))
        m.escrowFlow.inc({ flow: 'fees' }, units(job.payout.fee))
        m.escrowFlow.inc({ flow: 'refunded' }, units(job.payout.refund))
      }
    }
    const v = job.verification
    if (v != null && now.verification !== '' && now.verification !== before?.verification) {
      m.verifications.inc({ result: v.passed ? 'passed' : 'failed' })
      m.verificationSeconds.inc({ phase: 'replay' }, Number(v.replayMs) / 1000)
      m.verificationSeconds.inc({ phase: 'evaluate' }, Number(v.evaluateMs) / 1000)
      m.verificationBatches.inc(v.batchesReplayed)
    }
    this.seen.set(job.jobId, now)
  }
}

export function metricsFeed (): (components: MetricsFeedComponents) => MetricsFeed {
  return (components) => new MetricsFeed(components)
}

/** one verification result, told apart from the next one of the same job */
function fingerprint (job: JobRecord): string {
  const v = job.verification
  if (v == null || (v.segmentsChecked === 0 && v.heldOutSamples === 0 && v.reason === '' && !v.passed)) return ''
  return `${job.lease?.id ?? ''}|${v.passed}|${v.reason}|${v.replayMs}|${v.evaluateMs}|${v.segmentsChecked}|${v.heldOutSamples}`
}

/** a base-unit amount as a counter increment (0 when absent or malformed) */
function units (amount: string | undefined): number {
  if (amount == null || !/^\d+$/.test(amount)) return 0
  return Number(amount)
}
