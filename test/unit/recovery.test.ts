/**
 * Recovery, in process on a real lifecycle and level store with a moved clock: a running job whose
 * peer the registry marks OFFLINE goes back to the queue with the peer's verified epochs recorded
 * as its contribution (paid to the wallet it offered) and the peer excluded; the sweep takes back a
 * job silent past the progress timeout and leaves a fresh one; and during the grace after a start
 * nothing is judged, neither by a status event nor by a sweep.
 */
import { expect } from 'chai'
import { defaultLogger } from '@libp2p/logger'
import { JobState } from '../../protocols/jobs.js'
import { Liveness } from '../../protocols/nodes.js'
import { recovery, type Recovery } from '../../coordinator/jobs/recovery.js'
import { FakeRegistry, nextUpdate, openBench, queuedJob, runningJob, type JobBench } from '../helpers/job-bench.js'

const PROGRESS_TIMEOUT = 60_000
const GRACE = 40_000

describe('recovery', () => {
  let bench: JobBench
  let registry: FakeRegistry
  let sweeps: Recovery

  beforeEach(async () => {
    bench = await openBench()
    registry = new FakeRegistry()
    registry.add('peer-a', 'wallet-a')
    registry.add('peer-b', 'wallet-b')
    sweeps = recovery({ progressTimeout: PROGRESS_TIMEOUT, restartGrace: GRACE, sweepInterval: 3_600_000 })({
      jobs: bench.jobs, registry: registry.view, reputation: bench.reputation, audit: async () => true, logger: defaultLogger(), now: () => bench.clock.ms
    })
    await sweeps.start()
  })
  afterEach(async () => {
    sweeps.stop()
    await bench.close()
  })

  it('re-queues a running job whose peer goes offline, recording its verified epochs as its contribution', async () => {
    const lost = await runningJob(bench.jobs, 'peer-a', 'lease-a', 2)
    const other = await runningJob(bench.jobs, 'peer-b', 'lease-b', 1)
    // an offer the lost peer had accepted but not started goes back too
    const offered = await queuedJob(bench.jobs)
    await bench.jobs.assign(offered.jobId, { leaseId: 'lease-a2', node: 'peer-a', score: 1, breakdown: [] })
    bench.clock.ms += GRACE + 1
    const requeued = nextUpdate(bench.jobs, lost.jobId, j => j.state === JobState.QUEUED)
    const offerBack = nextUpdate(bench.jobs, offered.jobId, j => j.state === JobState.QUEUED)
    registry.setStatus('peer-a', Liveness.OFFLINE)
    const job = await requeued
    expect((await offerBack).excludedNodes).to.deep.equal(['peer-a'])
    expect(job.lease).to.equal(undefined)
    expect(job.contributions).to.deep.equal([{ node: 'peer-a', wallet: 'wallet-a', epochs: 2 }])
    expect(job.excludedNodes).to.deep.equal(['peer-a'])
    // it resumes from its last verified checkpoint
    expect(job).to.include({ verifiedEpochs: 2, currentEpoch: 2, checkpointUri: 'ipfs://bafkreicheckpoint2' })
    expect(job.message).to.match(/peer peer-a lost/)
    expect((await bench.jobs.get(lost.jobId))?.state).to.equal(JobState.QUEUED)
    // another peer's job is not touched
    expect(await bench.jobs.get(other.jobId)).to.deep.equal(other)
  })

  it('an OFFLINE event reads only the lost peer\'s own jobs, however many peers go offline', async () => {
    const others = []
    for (let i = 0; i < 30; i++) others.push(await runningJob(bench.jobs, 'peer-b', `lease-b${i}`))
    const lost = await runningJob(bench.jobs, 'peer-a', 'lease-a')
    expect(sweeps.activeJobsOf('peer-a')).to.equal(1)
    expect(sweeps.activeJobsOf('peer-b')).to.equal(30)
    bench.clock.ms += GRACE + 1
    // a spy on the store's state index: how much an event reads cannot be seen from outside
    let scans = 0
    const store = bench.jobs.store
    const inState = store.inState.bind(store)
    store.inState = (...states) => { scans++; return inState(...states) }
    // a thousand fresh keys go offline, holding nothing
    for (let i = 0; i < 1000; i++) {
      registry.add(`sybil-${i}`)
      registry.setStatus(`sybil-${i}`, Liveness.OFFLINE)
    }
    const requeued = nextUpdate(bench.jobs, lost.jobId, j => j.state === JobState.QUEUED)
    registry.setStatus('peer-a', Liveness.OFFLINE)
    await requeued
    expect(scans).to.equal(0)
    expect(sweeps.activeJobsOf('peer-a')).to.equal(0)
    expect(sweeps.activeJobsOf('peer-b')).to.equal(30)
    for (const o of others) expect(await bench.jobs.get(o.jobId)).to.deep.equal(o)
  })

  it('records no contribution for a peer lost before its first verified epoch', async () => {
    const lost = await runningJob(bench.jobs, 'peer-a', 'lease-a', 0)
    bench.clock.ms += GRACE + 1
    const requeued = nextUpdate(bench.jobs, lost.jobId, j => j.state === JobState.QUEUED)
    registry.setStatus('peer-a', Liveness.OFFLINE)
    const job = await requeued
    expect(job.contributions).to.deep.equal([])
    expect(job.excludedNodes).to.deep.equal(['peer-a'])
  })

  it('sweeps back a job silent past the progress timeout and leaves a fresh one', async () => {
    const silent = await runningJob(bench.jobs, 'peer-a', 'lease-a')
    bench.clock.ms += 50_000
    const fresh = await runningJob(bench.jobs, 'peer-b', 'lease-b')
    // the silent job's last word was PROGRESS_TIMEOUT + 1 ms ago, the fresh one's 10,001 ms ago
    const now = Number(silent.updatedMs) + PROGRESS_TIMEOUT + 1
    await sweeps.sweep(now)
    const job = await bench.jobs.get(silent.jobId)
    expect(job?.state).to.equal(JobState.QUEUED)
    expect(job?.excludedNodes).to.deep.equal(['peer-a'])
    expect(job?.message).to.match(/no report from peer-a for 60000 ms/)
    expect(bench.reputation.counts('peer-a').lost).to.equal(1)
    expect(await bench.jobs.get(fresh.jobId)).to.deep.equal(fresh)
    expect(bench.reputation.counts('peer-b').lost).to.equal(0)
    // at exactly the timeout a job is still within it
    await sweeps.sweep(Number(fresh.updatedMs) + PROGRESS_TIMEOUT)
    expect((await bench.jobs.get(fresh.jobId))?.state).to.equal(JobState.RUNNING)
  })

  it('sweeps back the jobs of a peer the registry already has offline, once the grace is over', async () => {
    const job = await runningJob(bench.jobs, 'peer-a', 'lease-a', 1)
    registry.mark('peer-a', Liveness.OFFLINE)
    await sweeps.sweep(bench.clock.ms + GRACE + 1)
    const after = await bench.jobs.get(job.jobId)
    expect(after?.state).to.equal(JobState.QUEUED)
    expect(after?.contributions).to.deep.equal([{ node: 'peer-a', wallet: 'wallet-a', epochs: 1 }])
  })

  it('judges nothing during the grace after a restart: no status event, no silence, no offline peer', async () => {
    const silent = await runningJob(bench.jobs, 'peer-a', 'lease-a', 1)
    const offline = await runningJob(bench.jobs, 'peer-b', 'lease-b', 1)
    // the coordinator was down for ten minutes: every job looks silent, its registry reads back peer-b offline
    bench.clock.ms += 600_000
    const restartedRegistry = new FakeRegistry()
    restartedRegistry.add('peer-a', 'wallet-a')
    restartedRegistry.add('peer-b', 'wallet-b')
    restartedRegistry.mark('peer-b', Liveness.OFFLINE)
    const restarted = recovery({ progressTimeout: PROGRESS_TIMEOUT, restartGrace: GRACE, sweepInterval: 3_600_000 })({
      jobs: bench.jobs, registry: restartedRegistry.view, reputation: bench.reputation, audit: async () => true, logger: defaultLogger(), now: () => bench.clock.ms
    })
    await restarted.start()
    try {
      bench.clock.ms += GRACE - 1
      restartedRegistry.setStatus('peer-a', Liveness.OFFLINE)
      await restarted.sweep()
      expect(await bench.jobs.get(silent.jobId)).to.deep.equal(silent)
      expect(await bench.jobs.get(offline.jobId)).to.deep.equal(offline)
      expect(bench.reputation.counts('peer-a').lost).to.equal(0)
      // once the grace is over both are judged
      bench.clock.ms += 1
      await restarted.sweep()
      expect((await bench.jobs.get(silent.jobId))?.state).to.equal(JobState.QUEUED)
      expect((await bench.jobs.get(offline.jobId))?.state).to.equal(JobState.QUEUED)
    } finally {
      restarted.stop()
    }
  })
})
