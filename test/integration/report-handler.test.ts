/**
 * The job-report protocol, in process: a real coordinator node serves `handleJobReports` over a real
 * lifecycle and level store, and real peer nodes send reports. The lease holder's first report
 * starts the job, later ones update it and hand checkpoints to the outcomes; a report under another
 * lease or from another peer is told to stop (ERR_STALE_LEASE, cancel) and changes nothing; states
 * a report cannot carry to a running job and malformed checkpoints are refused, the job untouched.
 */
import { expect } from 'chai'
import { defaultLogger } from '@libp2p/logger'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { ExecutionState, JobReport, JobReportAck } from '../../protocols/job-report.js'
import { JobState, type JobRecord } from '../../protocols/jobs.js'
import { handleJobReports } from '../../coordinator/jobs/report-handler.js'
import type { Outcomes } from '../../coordinator/jobs/outcomes.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { request } from '../../src/network/stream.js'
import { queuedJob, openBench, type JobBench } from '../helpers/job-bench.js'

const PROTOCOL = '/cyxwiz-test/job-report/1.0.0'
const LEASE = 'lease-1'

describe('job reports', function () {
  this.timeout(20_000)
  let bench: JobBench
  let coordinator: CyxwizNode
  let peer: CyxwizNode
  let stranger: CyxwizNode
  let checkpointUri: string
  /** what reached the outcomes: checkpoints to verify */
  const checkpoints: Array<{ jobId: string, uri: string, epoch: number }> = []

  before(async () => {
    bench = await openBench()
    checkpointUri = `ipfs://${CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode('checkpoint'))).toString()}`
    coordinator = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    peer = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    stranger = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    const outcomes = { checkpoint: (job: JobRecord, uri: string, epoch: number) => { checkpoints.push({ jobId: job.jobId, uri, epoch }) } } as unknown as Outcomes
    await handleJobReports(PROTOCOL, { node: coordinator, jobs: bench.jobs, outcomes, logger: defaultLogger() })
  })
  after(async () => {
    await Promise.all([coordinator, peer, stranger].filter(n => n != null).map(async n => { await n.stop() }))
    await bench?.close()
  })

  const send = async (from: CyxwizNode, r: Partial<JobReport> & Pick<JobReport, 'jobId' | 'state'>): Promise<JobReportAck> => {
    const report: JobReport = {
      leaseId: LEASE, progress: 0, currentEpoch: 0, metrics: new Map(), message: '', timestampMs: BigInt(Date.now()), checkpointUri: '',
      checkpointEpoch: 0, backend: '', queuedMs: 0n, states: [], ...r
    }
    return await request(from, coordinator.getMultiaddrs()[0] as never, PROTOCOL, { value: report, codec: JobReport }, JobReportAck, { timeout: 5_000, maxSize: 4096 })
  }
  /** a 3-epoch job assigned to `peer` under LEASE, and RUNNING if `running` */
  const assigned = async (running = false): Promise<JobRecord> => {
    const { jobId } = await queuedJob(bench.jobs)
    const job = await bench.jobs.assign(jobId, { leaseId: LEASE, node: peer.peerId.toString(), score: 1, breakdown: [] })
    return running ? await bench.jobs.start(jobId, LEASE, { progress: 0, currentEpoch: 0 }) : job
  }

  it('starts the job on the lease holder\'s first report, and updates it on the next', async () => {
    const job = await assigned()
    expect(await send(peer, { jobId: job.jobId, state: ExecutionState.ACCEPTED, backend: 'wasm' })).to.deep.equal({ code: '', message: '', cancel: false })
    expect(await bench.jobs.get(job.jobId)).to.include({ state: JobState.RUNNING, backend: 'wasm' })
    const ack = await send(peer, { jobId: job.jobId, state: ExecutionState.TRAINING, progress: 0.5, currentEpoch: 1, message: 'epoch 1 of 3', checkpointUri, checkpointEpoch: 1 })
    expect(ack.code).to.equal('')
    expect(await bench.jobs.get(job.jobId)).to.include({ state: JobState.RUNNING, progress: 0.5, currentEpoch: 1, message: 'epoch 1 of 3' })
    expect(checkpoints).to.deep.include({ jobId: job.jobId, uri: checkpointUri, epoch: 1 })
  })

  it('clamps what a report claims to the job: progress within 0..1, the epoch within the job\'s', async () => {
    const job = await assigned(true)
    await send(peer, { jobId: job.jobId, state: ExecutionState.TRAINING, progress: 7, currentEpoch: 99 })
    expect(await bench.jobs.get(job.jobId)).to.include({ progress: 1, currentEpoch: 3 })
  })

  it('tells a report under another lease, or from another peer, to stop, and changes nothing', async () => {
    const job = await assigned(true)
    for (const [from, leaseId] of [[peer, 'lease-0'], [peer, ''], [stranger, LEASE]] as const) {
      const ack = await send(from, { jobId: job.jobId, leaseId, state: ExecutionState.TRAINING, progress: 0.9, currentEpoch: 2 })
      expect(ack, `${from === peer ? 'the peer' : 'a stranger'} under "${leaseId}"`).to.include({ code: 'ERR_STALE_LEASE', cancel: true })
    }
    // an assigned job is not started by anyone else either
    const waiting = await assigned()
    expect((await send(stranger, { jobId: waiting.jobId, state: ExecutionState.ACCEPTED })).code).to.equal('ERR_STALE_LEASE')
    expect(await bench.jobs.get(job.jobId)).to.deep.equal(job)
    expect(await bench.jobs.get(waiting.jobId)).to.deep.equal(waiting)
  })

  it('refuses states a report cannot bring a running job to', async () => {
    const job = await assigned(true)
    for (const state of [ExecutionState.REPORTED, ExecutionState.CANCELLED]) {
      const ack = await send(peer, { jobId: job.jobId, state, progress: 0.9 })
      expect(ack, state).to.include({ code: 'ERR_JOB_STATE', cancel: false })
    }
    expect((await send(peer, { jobId: job.jobId, state: ExecutionState.COMPLETED })).code).to.equal('ERR_COMPLETION')
    expect(await bench.jobs.get(job.jobId)).to.deep.equal(job)
  })

  it('refuses a malformed checkpoint, or one outside the job\'s epochs, and changes nothing', async () => {
    const job = await assigned(true)
    const seen = checkpoints.length
    const bad: Array<[string, number]> = [['http://example.com/ckpt', 1], ['ipfs://not a cid', 1], ['ipfs://bafynotacidatall', 1], [checkpointUri, 4], [checkpointUri, 0]]
    for (const [uri, epoch] of bad) {
      const ack = await send(peer, { jobId: job.jobId, state: ExecutionState.TRAINING, progress: 0.6, currentEpoch: 2, checkpointUri: uri, checkpointEpoch: epoch })
      expect(ack.code, `${uri} after epoch ${epoch}`).to.equal('ERR_INVALID_ARGUMENT')
    }
    expect(checkpoints.length).to.equal(seen)
    expect(await bench.jobs.get(job.jobId)).to.deep.equal(job)
  })

  it('answers a report on an unknown job with ERR_JOB_NOT_FOUND', async () => {
    expect((await send(peer, { jobId: 'no-such-job', state: ExecutionState.TRAINING })).code).to.equal('ERR_JOB_NOT_FOUND')
  })
})
