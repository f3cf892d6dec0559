/**
 * The dashboard's live data: snapshots of nodes, jobs and money for a viewer, each job's loss and
 * accuracy curves, and a stream of changes to every open dashboard. Fed only by the lifecycle's
 * 'update' events (after each change is on disk), the registry's 'status' events and a sample of the
 * registry every few seconds for the hardware sparklines. A viewer with a wallet's read token gets
 * that wallet's jobs and nothing else: no node, no other job, no money but its own.
 */
import type { Startable } from '@libp2p/interface'
import { LRUCache } from 'lru-cache'
import { JobState, type JobRecord } from '../../protocols/jobs.js'
import type { JobUpdate } from '../../protocols/job-updates.js'
import type { NodeInfo } from '../../protocols/nodes.js'
import type { Access } from '../../src/http/server.js'
import { jobView, moneyOf, nodeView } from './views.js'
import type { Curves, HardwarePoint, JobView, NodeView, Snapshot } from '../../src/http/dashboard-types.js'

export interface DashboardFeedInit {
  /** how often the registry is sampled for sparklines, ms (the peers' default hardware period) */
  sampleInterval: number
  /** hardware points kept per node (60 × 5 s: the last five minutes) */
  sparkPoints: number
  /** points kept per curve: a long job keeps its newest ones */
  curvePoints: number
  /** jobs listed in a snapshot, newest first */
  maxJobs: number
}

export const defaultDashboardFeedInit: DashboardFeedInit = { sampleInterval: 5_000, sparkPoints: 60, curvePoints: 5_000, maxJobs: 200 }

type Listener = (job: JobRecord, update: JobUpdate) => void
export interface DashboardFeedComponents {
  jobs: {
    on(event: 'update', l: Listener): unknown
    off(event: 'update', l: Listener): unknown
    get(jobId: string): Promise<JobRecord | undefined>
    store: {
      inState(...states: JobState[]): AsyncGenerator<JobRecord>
      byWalletNewest(wallet: string, limit: number): Promise<JobRecord[]>
      updates(jobId: string, afterSeq?: bigint): AsyncGenerator<JobUpdate>
    }
  }
  registry: {
    on(event: 'status', l: () => void): unknown
    off(event: 'status', l: () => void): unknown
    list(): Promise<NodeInfo[]>
  }
  /** reputation per node id, as the matcher last saw it */
  reputation: () => Map<string, number>
}

/** a job's curves and the last update in them */
interface Tracked { curves: Curves, seq: bigint }

export type Send = (event: 'job' | 'nodes' | 'money', data: unknown) => void
interface Viewer { access: Access, send: Send }

const ALL = Object.values(JobState).filter((s): s is JobState => typeof s === 'string')

export class DashboardFeed implements Startable {
  private readonly init: DashboardFeedInit
  private readonly c: DashboardFeedComponents
  private readonly viewers = new Set<Viewer>()
  // the 200 jobs changed or viewed last: a job's curves are at most 2 × curvePoints points
  private readonly curves = new LRUCache<string, Tracked>({ max: 200 })
  private readonly loading = new Map<string, Promise<Tracked>>()
  private readonly sparks = new Map<string, HardwarePoint[]>()
  private timer?: ReturnType<typeof setInterval>
  private moneyTimer?: ReturnType<typeof setTimeout>
  private readonly onUpdate: Listener = (job, update) => { this.jobChanged(job, update) }
  private readonly onStatus = (): void => { void this.sample() }

  constructor (init: DashboardFeedInit, c: DashboardFeedComponents) {
    this.init = init
    this.c = c
  }

  async start (): Promise<void> {
    this.c.jobs.on('update', this.onUpdate)
    this.c.registry.on('status', this.onStatus)
    this.timer = setInterval(() => { void this.sample() }, this.init.sampleInterval)
    await this.sample()
  }

  async stop (): Promise<void> {
    this.c.jobs.off('update', this.onUpdate)
    this.c.registry.off('status', this.onStatus)
    clearInterval(this.timer)
    clearTimeout(this.moneyTimer)
    this.viewers.clear()
  }

  /** starts sending changes to a viewer; returns the function that stops it */
  subscribe (access: Access, send: Send): () => void {
    const v = { access, send }
    this.viewers.add(v)
    return () => { this.viewers.delete(v) }
  }

  async snapshot (access: Access): Promise<Snapshot> {
    const all = await this.jobsFor(access)
    const jobs = all.slice(0, this.init.maxJobs)
    if (access.kind !== 'operator') return { access: 'wallet', nodes: [], jobs, money: moneyOf(all), sparks: {} }
    return { access: 'operator', nodes: await this.nodes(), jobs, money: moneyOf(all), sparks: Object.fromEntries(this.sparks) }
  }

  /** one job, if this viewer may see it */
  async job (access: Access, jobId: string): Promise<{ job: JobView, curves: Curves } | undefined> {
    const j = await this.c.jobs.get(jobId)
    if (j == null || !mayView(access, j)) return undefined
    return { job: jobView(j), curves: await this.curvesOf(j) }
  }

  /** the prices online peers offer, base units per compute unit */
  async prices (): Promise<bigint[]> {
    return (await this.nodes()).filter(n => n.status === 'ONLINE' && /^\d+$/.test(n.price)).map(n => BigInt(n.price))
  }

  private async jobsFor (access: Access): Promise<JobView[]> {
    const records: JobRecord[] = []
    if (access.kind === 'operator') for await (const j of this.c.jobs.store.inState(...ALL)) records.push(j)
    else records.push(...await this.c.jobs.store.byWalletNewest(access.wallet, this.init.maxJobs))
    return records.sort((a, b) => Number(b.createdMs - a.createdMs)).map(jobView)
  }

  private async nodes (): Promise<NodeView[]> {
    const rep = this.c.reputation()
    return (await this.c.registry.list()).map(n => nodeView(n, rep.get(n.nodeId)))
  }

  /**
   * A job's curves: kept from the live updates for every job that changes while the coordinator
   * runs (the store coalesces batch-only updates, so its history alone would keep one per run of
   * them), read from the stored updates the first time a job is seen. Loads are shared, and an
   * update already in the history is not added twice (by its seq).
   */
  private async curvesOf (job: JobRecord): Promise<Curves> {
    return (await this.entry(job)).curves
  }

  private async entry (job: JobRecord): Promise<Tracked> {
    const have = this.curves.get(job.jobId)
    if (have != null) return have
    let loading = this.loading.get(job.jobId)
    if (loading == null) {
      loading = (async () => {
        const t: Tracked = { curves: { batch: [], epoch: [] }, seq: 0n }
        for await (const u of this.c.jobs.store.updates(job.jobId)) this.track(t, job, u)
        this.curves.set(job.jobId, t)
        return t
      })().finally(() => { this.loading.delete(job.jobId) })
      this.loading.set(job.jobId, loading)
    }
    return await loading
  }

  /** adds an update's points unless the curves have it already */
  private track (t: Tracked, job: JobRecord, u: JobUpdate): ReturnType<DashboardFeed['addPoint']> {
    if (u.seq !== 0n && u.seq <= t.seq) return {}
    t.seq = u.seq > t.seq ? u.seq : t.seq
    return this.addPoint(t.curves, job, u)
  }

  private addPoint (c: Curves, job: JobRecord, u: JobUpdate): { batch?: Curves['batch'][number], epoch?: Curves['epoch'][number] } {
    const m = (k: string): number | null => { const v = u.metrics.get(k); return v != null && Number.isFinite(v) ? v : null }
    const epochs = job.spec?.hyperparameters?.epochs ?? 1
    const out: { batch?: Curves['batch'][number], epoch?: Curves['epoch'][number] } = {}
    if (m('batch_loss') != null) {
      out.batch = [u.progress * epochs, m('batch_loss'), m('batch_accuracy')]
      c.batch.push(out.batch)
      if (c.batch.length > this.init.curvePoints) c.batch.shift()
    }
    if (m('epoch_loss') != null || m('validation_loss') != null) {
      out.epoch = [u.currentEpoch, m('epoch_loss'), m('validation_loss'), m('validation_accuracy')]
      c.epoch.push(out.epoch)
      if (c.epoch.length > this.init.curvePoints) c.epoch.shift()
    }
    return out
  }

  private jobChanged (job: JobRecord, update: JobUpdate): void {
    // what viewers get now; the kept curves take it too (a job seen first reads its history, which
    // holds this update already: its seq keeps it from counting twice)
    const point = this.addPoint({ batch: [], epoch: [] }, job, update)
    const have = this.curves.get(job.jobId)
    if (have != null) this.track(have, job, update)
    else void this.entry(job).then(t => { this.track(t, job, update) }, () => {})
    this.sendJob(job, point)
    // money moves when a job is queued (locked) or ends (paid, refunded): recounted once a second at most
    if (update.state === JobState.QUEUED || update.final) this.moneyChanged()
  }

  private sendJob (job: JobRecord, point: ReturnType<DashboardFeed['addPoint']>): void {
    const data = { job: jobView(job), point }
    for (const v of this.viewers) if (mayView(v.access, job)) v.send('job', data)
  }

  private moneyChanged (): void {
    if (this.moneyTimer != null) return
    this.moneyTimer = setTimeout(() => {
      this.moneyTimer = undefined
      // counted once per audience (the operator, each wallet), however many pages each has open
      const audiences = new Map<string, Viewer[]>()
      for (const v of this.viewers) {
        const key = v.access.kind === 'operator' ? '' : v.access.wallet
        audiences.set(key, [...(audiences.get(key) ?? []), v])
      }
      for (const viewers of audiences.values()) {
        const access = viewers[0]?.access
        if (access == null) continue
        void this.jobsFor(access).then(js => { const m = moneyOf(js); for (const v of viewers) v.send('money', m) }, () => {})
      }
    }, 1000)
  }

  private async sample (): Promise<void> {
    const nodes = await this.nodes().catch(() => [] as NodeView[])
    for (const n of nodes) {
      if (n.hardware == null) continue
      const s = this.sparks.get(n.id) ?? []
      if (s.at(-1)?.t !== n.hardware.t) s.push(n.hardware)
      if (s.length > this.init.sparkPoints) s.shift()
      this.sparks.set(n.id, s)
    }
    const sparks = Object.fromEntries(this.sparks)
    for (const v of this.viewers) if (v.access.kind === 'operator') v.send('nodes', { nodes, sparks })
  }
}

export function dashboardFeed (init: Partial<DashboardFeedInit> = {}): (components: DashboardFeedComponents) => DashboardFeed {
  return (components) => new DashboardFeed({ ...defaultDashboardFeedInit, ...init }, components)
}

export function mayView (access: Access, job: Pick<JobRecord, 'wallet'>): boolean {
  return access.kind === 'operator' || (job.wallet !== '' && job.wallet === access.wallet)
}
