/**
 * The peer's side of a job before and around training, without a network: bidding decodes the
 * assignment's spec and checks the model against its hash and the device and memory it requires;
 * held jobs record every state move in the journal and come back after a restart from their last
 * checkpoint; only the holder of a lease is cancelled.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultLogger } from '@libp2p/logger'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { PeerId } from '@libp2p/interface'
import type { Assignment } from '../../protocols/assignment.js'
import { DeviceKind } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import { RequiredDevice, TrainingSpec } from '../../protocols/jobs.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { DEFAULT_HYPERPARAMETERS, modelHash } from '../../src/training/spec.js'
import { activeJobs, type ActiveJob, type ActiveJobs } from '../../peer/active-jobs.js'
import { bidding } from '../../peer/bidding.js'
import { cancelListener } from '../../peer/cancel-listener.js'
import { ExecutionState, IllegalTransitionError } from '../../peer/execution-state.js'
import { JobJournal } from '../../peer/job-journal.js'
import { jobRunner } from '../../peer/job-runner.js'
import type { Offer } from '../../peer/offer.js'

const logger = defaultLogger()
const GiB = 1024n ** 3n
const model = JSON.stringify({ nodes: [{ id: 'x', op: 'Input', params: { shape: [4] } }, { id: 'y', op: 'Dense', params: { units: 1 } }], edges: [['x', 'y']] })
const offer: Offer = {
  deviceKind: DeviceKind.CPU, deviceModel: 'test cpu', gpuMemoryBytes: 0n, cpuCores: 4, ramBytes: 8n * GiB, backends: ['cpu'], pricePerUnit: '1',
  location: '', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 2
}

function spec (over: Partial<TrainingSpec> = {}): TrainingSpec {
  return {
    modelHash: modelHash(model), datasetUri: 'ipfs://bafkqaaa', datasetSamples: 64n, hyperparameters: { ...DEFAULT_HYPERPARAMETERS, metrics: ['accuracy'] },
    requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 1, commitEveryBatches: 0, ...over
  }
}

function assignment (jobId: string, over: Partial<Assignment> = {}, s: Partial<TrainingSpec> = {}): Assignment {
  return {
    jobId, leaseId: `${jobId}-lease-1`, spec: TrainingSpec.encode(spec(s)), modelDefinition: model, paymentAmount: '1000',
    acceptDeadlineMs: 0n, resumeCheckpointUri: '', resumeEpoch: 0, ...over
  }
}

describe('peer: bidding, held jobs and cancels', () => {
  let dir: string
  let store: LevelStore
  let journal: JobJournal
  let coordinator: PeerId
  let load: { queueLength: number, status: WorkStatus }
  let jobs: ActiveJobs

  before(async () => {
    coordinator = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  })

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-peer-jobs-'))
    store = await LevelStore.open(dir)
    journal = new JobJournal(store)
    load = { queueLength: 0, status: WorkStatus.IDLE }
    jobs = activeJobs()({ publisher: load, offer: () => offer, journal, logger })
  })

  afterEach(async () => {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('declines an offer whose spec does not decode, whose model is not the spec\'s, or that needs what this peer lacks', () => {
    const node = { handle: async () => {}, unhandle: async () => {} }
    const b = bidding({ protocol: '/test/assignment', coordinators: [coordinator.toString()], minPayment: 10n })({ node, jobs, offer: () => offer, logger })
    const from = coordinator.toString()
    const taken = b.judge(assignment('ok'), from)
    expect(taken.take).to.equal(true)
    if (taken.take) expect(taken.spec).to.deep.equal(spec())
    expect(b.whyNot(assignment('a'), 'someone else')).to.equal('not from my coordinator')
    expect(b.whyNot(assignment('a', { spec: new Uint8Array([0xff, 0xff, 0xff]) }), from)).to.match(/^the training spec does not decode/)
    expect(b.whyNot(assignment('a', { spec: new Uint8Array() }), from)).to.match(/^the training spec does not decode/)
    expect(b.whyNot(assignment('a', { modelDefinition: `${model} ` }), from)).to.equal('the model definition does not match the spec\'s model hash')
    expect(b.whyNot(assignment('a', {}, { requiredDevice: RequiredDevice.GPU }), from)).to.equal('the job needs a GPU and this peer offers a CPU')
    expect(b.whyNot(assignment('a', {}, { minMemoryBytes: 9n * GiB }), from)).to.equal(`the job needs ${9n * GiB} bytes of memory, this peer offers ${8n * GiB}`)
    expect(b.whyNot(assignment('a', {}, { requiredDevice: RequiredDevice.CPU, minMemoryBytes: 8n * GiB }), from)).to.equal(undefined)
    expect(b.whyNot(assignment('a', { paymentAmount: '9' }), from)).to.equal('the payment 9 is below this peer\'s minimum 10')
  })

  it('declines a job whose training step needs more memory than it offers, whatever the spec declares (ERR_INSUFFICIENT_MEMORY)', () => {
    const node = { handle: async () => {}, unhandle: async () => {} }
    const small: Offer = { ...offer, ramBytes: 1n * GiB }
    const b = bidding({ protocol: '/test/assignment', coordinators: [coordinator.toString()], minPayment: 10n })({ node, jobs, offer: () => small, logger })
    const from = coordinator.toString()
    // 0 FLOPs: an input of 2^24 elements and three Reshapes, 4 × 2^24 activations per sample;
    // batches of 32 need 4 bytes × 3 copies × 2^26 × 32 = 24 GiB, declared as 0 bytes
    const hungry = JSON.stringify({
      nodes: [{ id: 'in', op: 'Input', params: { shape: [2 ** 24] } }, { id: 'a', op: 'Reshape', params: { target_shape: [2 ** 12, 2 ** 12] } }, { id: 'b', op: 'Reshape', params: { target_shape: [2 ** 24] } }, { id: 'c', op: 'Reshape', params: { target_shape: [2 ** 12, 2 ** 12] } }],
      edges: [['in', 'a'], ['a', 'b'], ['b', 'c']]
    })
    const a = assignment('hungry', { modelDefinition: hungry }, { modelHash: modelHash(hungry), minMemoryBytes: 0n })
    expect(b.whyNot(a, from)).to.equal('ERR_INSUFFICIENT_MEMORY: a training step of this job needs about 24.0 GiB, this peer offers 1.0 GiB')
    // one sample a batch needs 0.75 GiB: taken
    expect(b.whyNot(assignment('hungry', { modelDefinition: hungry }, { modelHash: modelHash(hungry), hyperparameters: { ...DEFAULT_HYPERPARAMETERS, batchSize: 1 } }), from)).to.equal(undefined)
    // a definition the validator refuses is declined with its reason, never trained
    const broken = JSON.stringify({ nodes: [{ id: 'x', op: 'Lambda' }], edges: [] })
    expect(b.whyNot(assignment('broken', { modelDefinition: broken }, { modelHash: modelHash(broken) }), from)).to.match(/Lambda/)
    expect(jobs.size).to.equal(0)
  })

  it('records each state move of a held job in the journal, and resumes it after a restart from its last checkpoint', async () => {
    const accepted: string[] = []
    jobs.on('accepted', j => { accepted.push(`${j.jobId}:${j.origin}`) })
    const job = await jobs.hold(assignment('j1'), coordinator, spec())
    expect(await jobs.hold(assignment('j1'), coordinator, spec())).to.equal(job) // the same lease again: the same job
    expect(accepted).to.deep.equal(['j1:offer'])
    expect(load).to.deep.equal({ queueLength: 1, status: WorkStatus.IDLE })
    expect((await journal.get('j1'))?.state).to.equal(ExecutionState.ACCEPTED)
    jobs.move(job, ExecutionState.FETCHING_DATASET)
    jobs.move(job, ExecutionState.TRAINING)
    expect(() => { jobs.move(job, ExecutionState.COMPLETED) }).to.throw(IllegalTransitionError)
    await jobs.checkpoint(job, 'ipfs://checkpoint-2', 2)
    expect(await journal.get('j1')).to.deep.include({ state: ExecutionState.TRAINING, checkpointUri: 'ipfs://checkpoint-2', checkpointEpoch: 2 })

    // a restart: a new set of held jobs on the same journal
    const after = activeJobs()({ publisher: load, offer: () => offer, journal, logger })
    const resumed: Array<{ origin: string, epoch: number, uri: string, state: ExecutionState }> = []
    after.on('accepted', j => { resumed.push({ origin: j.origin, epoch: j.assignment.resumeEpoch, uri: j.assignment.resumeCheckpointUri, state: j.execution.state }) })
    await after.start()
    expect(resumed).to.deep.equal([{ origin: 'restart', epoch: 2, uri: 'ipfs://checkpoint-2', state: ExecutionState.ACCEPTED }])
    expect(after.get('j1')?.spec).to.deep.equal(spec())
    expect((await journal.get('j1'))?.state).to.equal(ExecutionState.ACCEPTED)
  })

  it('resumes a job once after its training took the process down, then fails it and reports FAILED rather than loop; an orderly stop is no crash', async () => {
    const training = async (j: ActiveJob): Promise<void> => {
      jobs.move(j, ExecutionState.FETCHING_DATASET)
      jobs.move(j, ExecutionState.TRAINING)
      await journal.state(j.jobId, j.leaseId, ExecutionState.TRAINING) // queued behind the moves' writes
    }
    await training(await jobs.hold(assignment('j5'), coordinator, spec()))
    // the process dies mid-training (no stop): a new set of held jobs on the same journal
    jobs = activeJobs()({ publisher: load, offer: () => offer, journal, logger })
    const first: ActiveJob[] = []
    jobs.on('accepted', j => { first.push(j) })
    await jobs.start()
    expect(first.map(j => [j.jobId, j.crashes])).to.deep.equal([['j5', 1]])
    await training(first[0] as ActiveJob)
    // it dies again at the same point: this time the runner fails it without fetching or training
    jobs = activeJobs()({ publisher: load, offer: () => offer, journal, logger })
    const reports: Array<{ state: ExecutionState, message: string }> = []
    const fetched: string[] = []
    const refuse = async (): Promise<never> => { fetched.push('ipfs'); throw new Error('nothing may be fetched') }
    const runner = jobRunner()({
      jobs,
      reports: { report: async (_job, r) => { reports.push({ state: r.state as ExecutionState, message: r.message ?? '' }); return { code: '', message: '', cancel: false } } },
      ipfs: { cat: refuse, readFiles: refuse, addFiles: refuse },
      privateKey: await generateKeyPair('Ed25519'),
      logger
    })
    await runner.start()
    const failed = new Promise<[string, string]>(resolve => { runner.once('failed', (id, message) => { resolve([id, message]) }) })
    await jobs.start()
    const [id, message] = await failed
    await runner.stop()
    expect(id).to.equal('j5')
    expect(message).to.match(/^ERR_TRAINING_CRASHED: this peer's process died 2 times while training the job/)
    expect(reports.map(r => r.state)).to.deep.equal([ExecutionState.FAILED])
    expect(fetched).to.deep.equal([])
    expect(jobs.size).to.equal(0)
    await journal.state('j5', 'j5-lease-1', ExecutionState.TRAINING) // after the delete: ignored
    expect(await journal.get('j5')).to.equal(undefined)

    // an orderly stop mid-training, twice: resumed each time, never counted as a crash
    for (let i = 0; i < 2; i++) {
      const j = jobs.get('j6') ?? await jobs.hold(assignment('j6'), coordinator, spec())
      await training(j)
      await jobs.stop()
      jobs = activeJobs()({ publisher: load, offer: () => offer, journal, logger })
      await jobs.start()
      expect(jobs.get('j6')?.crashes).to.equal(0)
    }
  })

  it('drops a job under its lease only: cancelled, its training aborted, gone from the journal', async () => {
    const job = await jobs.hold(assignment('j2'), coordinator, spec())
    jobs.drop('j2', 'stale answer', 'j2-lease-0')
    expect(jobs.get('j2')).to.equal(job)
    jobs.drop('j2', 'cancelled by the submitter', 'j2-lease-1')
    expect(jobs.get('j2')).to.equal(undefined)
    expect(job.execution.state).to.equal(ExecutionState.CANCELLED)
    expect(job.abort.signal.aborted).to.equal(true)
    expect(load.queueLength).to.equal(0)
    await journal.checkpoint('j2', 'j2-lease-1', 'ipfs://late', 1) // queued behind the delete: ignored
    expect(await journal.get('j2')).to.equal(undefined)
  })

  it('a finished job leaves without being cancelled; a new lease replaces the old one', async () => {
    const first = await jobs.hold(assignment('j3'), coordinator, spec())
    const second = await jobs.hold(assignment('j3', { leaseId: 'j3-lease-2' }), coordinator, spec())
    expect(first.execution.state).to.equal(ExecutionState.CANCELLED)
    expect(first.abort.signal.aborted).to.equal(true)
    expect(jobs.holds(second)).to.equal(true)
    expect((await journal.get('j3'))?.assignment.leaseId).to.equal('j3-lease-2')
    jobs.move(second, ExecutionState.FAILED)
    jobs.finish(first, 'not held any more: nothing happens')
    expect(jobs.holds(second)).to.equal(true)
    jobs.finish(second, 'failed')
    expect(second.execution.state).to.equal(ExecutionState.FAILED)
    expect(jobs.size).to.equal(0)
  })

  it('stops a job on a cancel from our coordinator for the lease held, and on nothing else', async () => {
    const node = { handle: async () => {}, unhandle: async () => {} }
    const cancels = cancelListener({ protocol: '/test/job-cancel', coordinators: [coordinator.toString()] })({ node, jobs, logger })
    const heard: string[] = []
    cancels.on('cancelled', (id, why) => { heard.push(`${id}: ${why}`) })
    await jobs.hold(assignment('j4'), coordinator, spec())
    const from = coordinator.toString()
    expect(cancels.cancel({ jobId: 'j4', leaseId: 'j4-lease-1', reason: '' }, 'someone else')).to.equal(false)
    expect(cancels.cancel({ jobId: 'j4', leaseId: 'j4-lease-0', reason: '' }, from)).to.equal(false)
    expect(cancels.cancel({ jobId: 'nope', leaseId: 'j4-lease-1', reason: '' }, from)).to.equal(false)
    expect(jobs.size).to.equal(1)
    expect(cancels.cancel({ jobId: 'j4', leaseId: 'j4-lease-1', reason: '' }, from)).to.equal(true)
    expect(jobs.size).to.equal(0)
    expect(heard).to.deep.equal(['j4: cancelled by the submitter'])
  })
})
