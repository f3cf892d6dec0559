/**
 * The matching loop, in process: a real lifecycle on a level store, the real matcher, and real
 * libp2p nodes playing peers that answer the assignment protocol. A queued job is written ASSIGNED
 * under a fresh lease before its peer is asked, and the offer carries the job's training spec and
 * the model it names; a peer that declines, does not serve the protocol, or never answers loses the
 * job (excluded for it) and the next tick offers it to another; a cancel notice goes out on the
 * job-cancel protocol alone. Offer deadlines are shortened, so nothing here takes seconds.
 */
import { EventEmitter, once } from 'node:events'
import { expect } from 'chai'
import { defaultLogger } from '@libp2p/logger'
import { Assignment, AssignmentResponse } from '../../protocols/assignment.js'
import { CancelAck, CancelJob } from '../../protocols/job-cancel.js'
import { JobState, type JobRecord } from '../../protocols/jobs.js'
import { match } from '../../coordinator/matching/matcher.js'
import { scheduler, type Scheduler } from '../../coordinator/jobs/scheduler.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { serve } from '../../src/network/stream.js'
import { decodeSpec, modelHash } from '../../src/training/spec.js'
import { FakeRegistry, MODEL, nextUpdate, openBench, queuedJob, type JobBench } from '../helpers/job-bench.js'

const ASSIGN = '/cyxwiz-test/assignment/1.0.0'
const CANCEL = '/cyxwiz-test/job-cancel/1.0.0'
const ACCEPT_TIMEOUT = 400
const START_TIMEOUT = 60_000
const log = defaultLogger().forComponent('test:scheduler')

describe('scheduler', function () {
  this.timeout(20_000)
  let coordinator: CyxwizNode
  /** three peers, each connected to the coordinator */
  let peers: CyxwizNode[]
  let bench: JobBench
  let registry: FakeRegistry
  let matching: Scheduler | undefined
  /** offers each peer received, by peer id; 'offer' is emitted with the peer id as each arrives */
  let offers: Map<string, Assignment[]>
  let offered: EventEmitter<{ offer: [string] }>

  before(async () => {
    coordinator = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    peers = await Promise.all([0, 1, 2].map(async () => await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })))
    for (const p of peers) await p.dial(coordinator.getMultiaddrs()[0] as never)
  })
  after(async () => {
    await Promise.all([coordinator, ...(peers ?? [])].filter(n => n != null).map(async n => { await n.stop() }))
  })
  beforeEach(async () => {
    bench = await openBench()
    registry = new FakeRegistry()
    offers = new Map()
    offered = new EventEmitter()
  })
  afterEach(async () => {
    await matching?.stop()
    matching = undefined
    for (const p of peers) await Promise.all([p.unhandle(ASSIGN), p.unhandle(CANCEL)])
    await bench.close()
  })

  const id = (p: CyxwizNode): string => p.peerId.toString()
  /** `p` answers offers with `answer` (and remembers them), and is known to the registry */
  const answers = async (p: CyxwizNode, answer: AssignmentResponse): Promise<void> => {
    registry.add(id(p))
    await serve(p, ASSIGN, Assignment, AssignmentResponse, async (offer) => {
      offers.set(id(p), [...(offers.get(id(p)) ?? []), offer])
      offered.emit('offer', id(p))
      return answer
    }, { timeout: 5_000, maxSize: 64 * 1024, log })
  }
  const start = async (): Promise<Scheduler> => {
    matching = scheduler({ protocol: ASSIGN, cancelProtocol: CANCEL, interval: 3_600_000, acceptTimeout: ACCEPT_TIMEOUT, startTimeout: START_TIMEOUT, retryBase: 20 })({
      node: coordinator, jobs: bench.jobs, registry: registry.view, reputation: bench.reputation, match: (jobs, cs) => match(jobs, cs), logger: defaultLogger(),
      now: () => bench.clock.ms
    })
    await matching.start()
    return matching
  }
  /** the first offer `p` received, once it has */
  const firstOffer = async (p: CyxwizNode): Promise<Assignment> => {
    while (offers.get(id(p))?.[0] == null) await once(offered, 'offer')
    return offers.get(id(p))?.[0] as Assignment
  }
  /** every update of one job, in order, until one satisfies `done` */
  const updatesOf = async (jobId: string, done: (j: JobRecord) => boolean): Promise<JobRecord[]> => {
    const seen: JobRecord[] = []
    await nextUpdate(bench.jobs, jobId, (j) => { seen.push(j); return done(j) })
    return seen
  }

  it('assigns a queued job under a fresh lease and offers its spec and model to the peer', async () => {
    const [a] = peers as [CyxwizNode]
    await answers(a, { accept: true, reason: '', backend: 'wasm' })
    await start()
    const job = await queuedJob(bench.jobs)
    const assigned = await nextUpdate(bench.jobs, job.jobId, j => j.state === JobState.ASSIGNED)
    expect(assigned.lease).to.include({ node: id(a), startEpoch: 0 })
    expect(assigned.lease?.id).to.match(/^[0-9a-f-]{36}$/)
    expect(assigned.lease?.scoreBreakdown.map(t => t.name)).to.include('reputation')
    const offer = await firstOffer(a)
    expect(offer).to.include({ jobId: job.jobId, leaseId: assigned.lease?.id, paymentAmount: '100', resumeCheckpointUri: '', resumeEpoch: 0 })
    expect(decodeSpec(offer.spec)).to.deep.equal(job.spec)
    expect(offer.modelDefinition).to.equal(MODEL)
    expect(modelHash(offer.modelDefinition)).to.equal(job.spec?.modelHash)
  })

  it('sends a declined job back to the queue without that peer, and the next tick offers it to another', async () => {
    const [a, b] = peers as [CyxwizNode, CyxwizNode]
    // the decliner has the better record, so the matcher asks it first
    for (let i = 0; i < 5; i++) await bench.reputation.record(id(a), 'verified')
    await answers(a, { accept: false, reason: 'queue full', backend: '' })
    await answers(b, { accept: true, reason: '', backend: 'wasm' })
    await start()
    const job = await queuedJob(bench.jobs)
    const seen = await updatesOf(job.jobId, j => j.state === JobState.ASSIGNED && j.lease?.node === id(b))
    expect(seen.map(j => `${j.state} ${j.lease?.node ?? ''}`)).to.deep.equal([`ASSIGNED ${id(a)}`, 'QUEUED ', `ASSIGNED ${id(b)}`])
    const [first, back, second] = seen as [JobRecord, JobRecord, JobRecord]
    expect(back.excludedNodes).to.deep.equal([id(a)])
    expect(back.message).to.match(/declined: queue full/)
    // the second lease is new: a late answer under the first cannot touch it
    expect(second.lease?.id).to.not.equal(first.lease?.id)
    expect(bench.reputation.counts(id(a)).lost).to.equal(0) // a decline is not held against a peer
  })

  it('gives up on a peer that does not answer within the accept timeout and re-queues the job', async () => {
    const [silent, hanging] = peers as [CyxwizNode, CyxwizNode]
    // one peer does not serve the protocol at all, the other takes the offer and never answers
    registry.add(id(silent))
    registry.add(id(hanging))
    await hanging.handle(ASSIGN, () => {})
    await start()
    const job = await queuedJob(bench.jobs)
    const seen = await updatesOf(job.jobId, j => j.state === JobState.QUEUED && j.excludedNodes.length === 2)
    const requeues = seen.filter(j => j.state === JobState.QUEUED)
    expect(requeues.map(j => j.message)).to.satisfy((ms: string[]) => ms.every(m => m.includes(`did not answer within ${ACCEPT_TIMEOUT} ms`)))
    expect(new Set(requeues.at(-1)?.excludedNodes)).to.deep.equal(new Set([id(silent), id(hanging)]))
    expect(bench.reputation.counts(id(silent)).lost).to.equal(0) // never accepted: not its job to lose
    expect(bench.reputation.counts(id(hanging)).lost).to.equal(0)
    expect((await bench.jobs.get(job.jobId))?.lease).to.equal(undefined)
  })

  it('takes back an accepted job that has not started within the start timeout, and only then', async () => {
    const [a] = peers as [CyxwizNode]
    await answers(a, { accept: true, reason: '', backend: 'wasm' })
    const s = await start()
    const job = await queuedJob(bench.jobs)
    const assigned = await nextUpdate(bench.jobs, job.jobId, j => j.state === JobState.ASSIGNED)
    await firstOffer(a)
    const assignedMs = Number(assigned.lease?.assignedMs)
    // a tick 1 ms before the timeout leaves it (a tick runs whenever a job is queued: one is)
    bench.clock.ms = assignedMs + START_TIMEOUT - 1
    const other = await queuedJob(bench.jobs)
    await nextUpdate(bench.jobs, other.jobId, j => j.state === JobState.ASSIGNED)
    expect((await bench.jobs.get(job.jobId))?.state).to.equal(JobState.ASSIGNED)
    bench.clock.ms = assignedMs + START_TIMEOUT
    const requeued = nextUpdate(bench.jobs, job.jobId, j => j.state === JobState.QUEUED)
    s.kick()
    const back = await requeued
    expect(back.message).to.match(new RegExp(`${id(a)} did not start within ${START_TIMEOUT} ms`))
    expect(back.excludedNodes).to.deep.equal([id(a)])
    expect(bench.reputation.counts(id(a)).lost).to.equal(1)
  })

  it('sends a cancel notice on the job-cancel protocol, not as another offer', async () => {
    const [a, mute] = peers as [CyxwizNode, CyxwizNode]
    await answers(a, { accept: true, reason: '', backend: 'wasm' })
    const notices: CancelJob[] = []
    await serve(a, CANCEL, CancelJob, CancelAck, async (n) => { notices.push(n); return { stopped: true } }, { timeout: 5_000, maxSize: 4096, log })
    const s = await start()
    const job = await queuedJob(bench.jobs)
    const assigned = await nextUpdate(bench.jobs, job.jobId, j => j.state === JobState.ASSIGNED)
    await firstOffer(a)
    await s.notifyCancel(assigned)
    expect(notices).to.deep.equal([{ jobId: job.jobId, leaseId: assigned.lease?.id, reason: 'cancelled by the submitter' }])
    expect(offers.get(id(a))).to.have.length(1)
    // a peer that does not serve the protocol: the notice is given up after its retries, never thrown
    const lease = assigned.lease as NonNullable<JobRecord['lease']>
    await s.notifyCancel({ ...assigned, lease: { ...lease, node: id(mute) } })
  })
})
