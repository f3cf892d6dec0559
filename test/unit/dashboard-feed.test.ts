/**
 * The dashboard's feed and the coordinator's job metrics, in process over a real job lifecycle on a
 * real level store: two wallets' jobs move through their transitions; the operator's stream sees
 * both, a wallet's stream and snapshot see only its own, a job of another wallet is answered as
 * absent; curves rebuilt from the stored updates equal the live ones; the counters count each
 * transition once (escrow locked once per job, paid and fees at the end).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { EventEmitter } from 'node:events'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { JobState, JobType, RequiredDevice, type JobRecord, type SubmitJob } from '../../protocols/jobs.js'
import type { NodeInfo } from '../../protocols/nodes.js'
import { blankRecord } from '../../coordinator/jobs/job-view.js'
import { JobStore } from '../../coordinator/jobs/job-store.js'
import { JobLifecycle } from '../../coordinator/jobs/lifecycle.js'
import { dashboardFeed, type DashboardFeed } from '../../coordinator/http/dashboard-feed.js'
import { metricsFeed, type MetricsFeed } from '../../coordinator/http/metrics-feed.js'
import { createMetrics, type CyxwizMetrics } from '../../src/metrics/registry.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { specOf } from '../../src/training/spec.js'
import type { Access } from '../../src/http/server.js'

class FakeRegistry extends EventEmitter<{ status: [] }> {
  async list (): Promise<NodeInfo[]> { return [] }
}

const value = async (m: CyxwizMetrics, name: keyof CyxwizMetrics, labels: Record<string, string> = {}): Promise<number> => {
  const metric = m[name] as { get(): Promise<{ values: Array<{ value: number, labels: Record<string, string | number>, metricName?: string }> }> }
  const vs = (await metric.get()).values.filter(v => (v.metricName == null || !v.metricName.endsWith('_bucket')) && Object.entries(labels).every(([k, x]) => v.labels[k] === x))
  return vs.find(v => v.metricName == null || v.metricName.endsWith('_count'))?.value ?? vs[0]?.value ?? 0
}

describe('dashboard feed and job metrics', () => {
  let dir: string
  let level: LevelStore
  let life: JobLifecycle
  let feed: DashboardFeed
  let counters: MetricsFeed
  let metrics: CyxwizMetrics
  const seen: Record<string, Array<{ event: string, job?: string }>> = { operator: [], a: [], b: [] }
  const A: Access = { kind: 'wallet', wallet: 'wallet-a' }
  const B: Access = { kind: 'wallet', wallet: 'wallet-b' }
  const OP: Access = { kind: 'operator' }

  const submit = (wallet: string): SubmitJob => ({
    jobType: JobType.TRAINING, modelDefinition: '{"nodes":[]}', datasetUri: 'ipfs://bafy', datasetSamples: 100n, paymentAmount: '1000', requiredDevice: RequiredDevice.ANY,
    minMemoryBytes: 0n, wallet, hyperparameters: { epochs: 2, batchSize: 10, learningRate: 0, optimizer: '', validationSplit: 0, metrics: [] }
  })
  const create = async (jobId: string, wallet: string): Promise<void> => {
    const s = submit(wallet)
    const job: JobRecord = { ...blankRecord(), jobId, state: JobState.PENDING_LOCK, wallet, request: { ...s, modelDefinition: '' }, spec: specOf(s, 100n), createdMs: BigInt(Date.now()), updatedMs: BigInt(Date.now()) }
    await life.create(job, s.modelDefinition, 'created')
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-feed-'))
    level = await LevelStore.open(dir)
    life = new JobLifecycle(new JobStore(level))
    metrics = createMetrics('coordinator')
    // an hour between registry samples: this test is about jobs
    feed = dashboardFeed({ sampleInterval: 3_600_000 })({ jobs: life, registry: new FakeRegistry(), reputation: () => new Map() })
    counters = metricsFeed()({ jobs: life, metrics })
    await feed.start()
    await counters.start()
    for (const [name, access] of [['operator', OP], ['a', A], ['b', B]] as const) {
      feed.subscribe(access, (event, data) => { seen[name]?.push({ event, job: (data as { job?: { id: string } }).job?.id }) })
    }
  })
  after(async () => {
    await feed.stop()
    await counters.stop()
    await level.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('streams each job to the operator and to its own wallet only, and counts its transitions once', async () => {
    await create('job-a', 'wallet-a')
    await create('job-b', 'wallet-b')
    for (const id of ['job-a', 'job-b']) await life.queue(id, Date.now(), 'locked')
    await life.assign('job-a', { leaseId: 'l1', node: 'peer-1', score: 0.7, breakdown: [{ name: 'price', value: 1, weight: 0.1, weighted: 0.1 }] })
    await life.start('job-a', 'l1', { progress: 0, currentEpoch: 1 })
    for (const [p, loss] of [[0.1, 2.1], [0.2, 1.5], [0.3, 1.1]] as const) {
      await life.progress('job-a', 'l1', { progress: p, currentEpoch: 1, metrics: new Map([['batch_loss', loss], ['batch_accuracy', 1 - loss / 3]]) })
    }
    await life.progress('job-a', 'l1', { progress: 0.5, currentEpoch: 1, metrics: new Map([['epoch_loss', 1.2], ['validation_loss', 1.3], ['validation_accuracy', 0.6]]) })

    expect(new Set(seen.operator?.map(e => e.job))).to.deep.equal(new Set(['job-a', 'job-b']))
    expect(new Set(seen.a?.map(e => e.job))).to.deep.equal(new Set(['job-a']))
    expect(new Set(seen.b?.map(e => e.job))).to.deep.equal(new Set(['job-b']))

    expect((await feed.snapshot(A)).jobs.map(j => j.id)).to.deep.equal(['job-a'])
    expect((await feed.snapshot(A)).nodes).to.deep.equal([])
    expect((await feed.snapshot(OP)).jobs.map(j => j.id).sort()).to.deep.equal(['job-a', 'job-b'])
    expect(await feed.job(B, 'job-a')).to.equal(undefined)
    const mine = await feed.job(A, 'job-a')
    expect(mine?.job.breakdown).to.deep.equal([{ name: 'price', value: 1, weight: 0.1, weighted: 0.1 }])
    expect(mine?.curves.batch.map(p => p[1])).to.deep.equal([2.1, 1.5, 1.1])
    // x: epochs done (progress × 2 epochs)
    expect(mine?.curves.batch.map(p => p[0])).to.deep.equal([0.2, 0.4, 0.6])
    expect(mine?.curves.epoch).to.deep.equal([[1, 1.2, 1.3, 0.6]])

    // the store coalesces batch-only updates: a feed that was not running keeps only the last of a run
    const fresh = dashboardFeed({ sampleInterval: 3_600_000 })({ jobs: life, registry: new FakeRegistry(), reputation: () => new Map() })
    const rebuilt = await fresh.job(OP, 'job-a')
    expect(rebuilt?.curves.batch.map(p => p[1])).to.deep.equal([1.1])
    expect(rebuilt?.curves.epoch).to.deep.equal(mine?.curves.epoch)

    expect(await value(metrics, 'jobSubmissions')).to.equal(2)
    expect(await value(metrics, 'escrowFlow', { flow: 'locked' })).to.equal(2000)
    expect(await value(metrics, 'assignments')).to.equal(1)
    expect(await value(metrics, 'jobsByState', { state: 'RUNNING' })).to.equal(1)
    expect(await value(metrics, 'jobsByState', { state: 'QUEUED' })).to.equal(1)
    expect(await value(metrics, 'jobsByState', { state: 'PENDING_LOCK' })).to.equal(0)
  })

  it('counts the money at the end of a job once, and shows it to its wallet', async () => {
    const payout = { earnedBps: 10_000, peerWallet: 'w', peer: '900', fee: '100', refund: '0', signature: '', outcome: JobState.CANCELLED, reason: 'cancelled', shares: [] }
    await life.intendPayout('job-a', payout)
    await life.settle('job-a', { earnedBps: 10_000, peerWallet: 'w', peer: '900', fee: '100', refund: '0', signature: 'sig-1', outcome: JobState.CANCELLED, reason: 'cancelled', shares: [] })
    // a note after the end moves nothing
    await life.note('job-a', 'archived').catch(() => {})
    expect(await value(metrics, 'escrowFlow', { flow: 'paid' })).to.equal(900)
    expect(await value(metrics, 'escrowFlow', { flow: 'fees' })).to.equal(100)
    expect(await value(metrics, 'jobsByState', { state: 'CANCELLED' })).to.equal(1)
    expect(await value(metrics, 'jobsByState', { state: 'RUNNING' })).to.equal(0)
    expect((await feed.snapshot(A)).money).to.deep.equal({ locked: '0', paid: '900', refunded: '0', fees: '100' })
    expect((await feed.snapshot(OP)).money).to.deep.equal({ locked: '1000', paid: '900', refunded: '0', fees: '100' })
  })
})
