/**
 * The peer's outbox with reports in execution states: plain progress (TRAINING, or fetching /
 * uploading, with no checkpoint and no backend) is superseded by newer progress of the same job;
 * the ACCEPTED report, checkpoints, completions and failures are always kept, in order.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ExecutionState, type JobReport } from '../../protocols/job-report.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { Outbox } from '../../peer/outbox.js'

const report = (jobId: string, state: ExecutionState, over: Partial<JobReport> = {}): JobReport => ({
  jobId, leaseId: `${jobId}-lease`, state, progress: 0, currentEpoch: 0, metrics: new Map(), message: '', timestampMs: 0n,
  checkpointUri: '', checkpointEpoch: 0, backend: '', queuedMs: 0n, states: [], ...over
})

describe('peer outbox: reports in execution states', () => {
  let dir: string
  let store: LevelStore

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-peer-outbox-'))
    store = await LevelStore.open(dir)
  })

  afterEach(async () => {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('keeps what matters in order and only the newest plain progress of each job', async () => {
    const outbox = new Outbox(store)
    const { ACCEPTED, TRAINING, COMPLETED } = ExecutionState
    await outbox.put('c', report('a', ACCEPTED))
    await outbox.put('c', report('a', TRAINING, { backend: 'cpu' }))
    await outbox.put('c', report('a', TRAINING, { progress: 0.1 }))
    await outbox.put('c', report('b', TRAINING, { progress: 0.5 }))
    await outbox.put('c', report('a', TRAINING, { progress: 0.4, checkpointUri: 'ipfs://e1', checkpointEpoch: 1 }))
    // a committed state is never dropped: the coordinator needs every one to check the work
    await outbox.put('c', report('a', TRAINING, { progress: 0.5, states: [{ epoch: 2, batch: 3, uri: 'ipfs://s' }] }))
    await outbox.put('c', report('a', TRAINING, { progress: 0.6 }))
    await outbox.put('c', report('a', COMPLETED, { progress: 1 }))
    const queued = (await outbox.list()).map(q => `${q.report.jobId} ${q.report.state} ${q.report.progress}`)
    expect(queued).to.deep.equal(['a ACCEPTED 0', 'a TRAINING 0', 'b TRAINING 0.5', 'a TRAINING 0.4', 'a TRAINING 0.5', 'a TRAINING 0.6', 'a COMPLETED 1'])
    expect((await outbox.list()).every(q => q.report.queuedMs > 0n)).to.equal(true)
    expect(await outbox.holds('a')).to.equal(true)
    const sent: string[] = []
    expect(await outbox.drain(async q => { sent.push(q.report.state); return 'done' })).to.equal(7)
    expect(sent.at(-1)).to.equal(COMPLETED)
    expect(await outbox.holds('a')).to.equal(false)
  })
})
