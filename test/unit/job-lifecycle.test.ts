/**
 * The job lifecycle, in process on a real level store: every named transition is refused from every
 * state its precondition leaves out (and leaves the record untouched), reports under another lease
 * are refused, and each write keeps the state and wallet indexes and the bounded event log in step.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { JobState, JobType, RequiredDevice, Verification, type JobRecord, type Payout, type SubmitJob } from '../../protocols/jobs.js'
import { blankRecord } from '../../coordinator/jobs/job-view.js'
import { JobStore } from '../../coordinator/jobs/job-store.js'
import { FINAL, JobLifecycle, TRANSITIONS, type TransitionName } from '../../coordinator/jobs/lifecycle.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { batchesPerEpoch, commitPositions, specOf, type Position, type TrainingSpec } from '../../src/training/spec.js'
import { isCyxwizError } from '../../src/errors.js'
import { generateKeyPairSigner } from '@solana/kit'
import { Availability } from '../../protocols/availability.js'
import { endJob, paidText } from '../../coordinator/jobs/payout.js'
import type { EscrowService } from '../../coordinator/escrow/escrow-service.js'
import type { NodeInfo } from '../../protocols/nodes.js'

const ALL = Object.values(JobState).filter((s): s is JobState => typeof s === 'string')
const LEASE = 'lease-1'
const payout = (outcome: JobState): Payout => ({ earnedBps: 0, peerWallet: '', peer: '', fee: '', refund: '', signature: '', outcome, reason: `ends ${outcome}`, shares: [] })

/** calls one named transition with arguments that satisfy everything but its state precondition */
const call: Record<TransitionName, (l: JobLifecycle, id: string) => Promise<JobRecord>> = {
  queue: async (l, id) => await l.queue(id, Date.now(), 'locked'),
  abandon: async (l, id) => await l.abandon(id, 'never locked'),
  assign: async (l, id) => await l.assign(id, { leaseId: LEASE, node: 'peer-a', score: 1, breakdown: [] }),
  start: async (l, id) => await l.start(id, LEASE, { progress: 0, currentEpoch: 1 }),
  progress: async (l, id) => await l.progress(id, LEASE, { progress: 0.5, currentEpoch: 1 }),
  commitState: async (l, id) => await l.commitState(id, LEASE, { ...(commitPositions((await l.get(id))?.spec as TrainingSpec, 0)[0] as Position), uri: 'ipfs://bafy' }),
  acceptCheckpoint: async (l, id) => await l.acceptCheckpoint(id, LEASE, 'ipfs://bafy', 1),
  complete: async (l, id) => await l.complete(id, LEASE, { finalStatus: 'COMPLETED', modelWeightsUri: 'ipfs://m', modelWeightsHash: 'sha256:00', finalMetrics: new Map(), totalComputeTimeMs: 1n, signature: new Uint8Array() }),
  requeue: async (l, id) => await l.requeue(id, LEASE, 'lost'),
  reject: async (l, id) => await l.reject(id, LEASE, 'the replay did not match'),
  recordVerification: async (l, id) => await l.recordVerification(id, Verification.decode(new Uint8Array())),
  recordModel: async (l, id) => await l.recordModel(id, { uri: 'ipfs://m', hash: 'sha256:00', finalMetrics: new Map(), computeTimeMs: 1n }, 2),
  intendPayout: async (l, id) => await l.intendPayout(id, payout(JobState.FAILED)),
  settleCompleted: async (l, id) => await l.settle(id, payout(JobState.COMPLETED)),
  settleFailed: async (l, id) => await l.settle(id, payout(JobState.FAILED)),
  settleCancelled: async (l, id) => await l.settle(id, payout(JobState.CANCELLED)),
  note: async (l, id) => await l.note(id, 'hello'),
  whyNot: async (l, id) => await l.whyNot(id, [{ nodeId: 'peer-b', code: 'ERR_BUSY', reason: 'busy' }])
}

describe('job lifecycle', function () {
  let dir: string
  let level: LevelStore
  let store: JobStore
  let life: JobLifecycle
  let n = 0

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-lifecycle-'))
    level = await LevelStore.open(dir)
    store = new JobStore(level)
    life = new JobLifecycle(store)
  })
  after(async () => {
    await level.close()
    await rm(dir, { recursive: true, force: true })
  })

  const submit = (wallet: string): SubmitJob => ({
    jobType: JobType.TRAINING, modelDefinition: '{"nodes":[]}', datasetUri: 'ipfs://bafy', datasetSamples: 10n, paymentAmount: '100', requiredDevice: RequiredDevice.ANY,
    minMemoryBytes: 0n, wallet, hyperparameters: { epochs: 2, batchSize: 0, learningRate: 0, optimizer: '', validationSplit: 0, metrics: [] }
  })

  /** a job written straight into `state` (under LEASE; with a payout intent when `intent` is given) */
  async function jobIn (state: JobState, wallet = 'wallet-a', intent?: JobState): Promise<string> {
    const jobId = `job-${++n}`
    const now = BigInt(Date.now() + n)
    const s = submit(wallet)
    const job: JobRecord = {
      ...blankRecord(),
      jobId, state: JobState.PENDING_LOCK, wallet, request: { ...s, modelDefinition: '' }, spec: specOf(s, 10n), createdMs: now, updatedMs: now
    }
    await life.create(job, s.modelDefinition, 'created')
    if (state !== JobState.PENDING_LOCK) {
      // seeded past the lifecycle, as a test fixture: a record in the state under test
      await store.write(await store.get(jobId), {
        ...(await store.get(jobId) as JobRecord),
        state,
        lease: { id: LEASE, node: 'peer-a', assignedMs: now, startEpoch: 0, startUri: '', trajectory: [], pending: [], score: 1, scoreBreakdown: [] },
        ...(intent != null ? { payout: payout(intent) } : {})
      })
    }
    return jobId
  }

  for (const [name, t] of Object.entries(TRANSITIONS) as Array<[TransitionName, { from: readonly JobState[] }]>) {
    const forbidden = ALL.filter(s => !t.from.includes(s))
    it(`refuses ${name} from ${forbidden.join(', ')} and leaves the job as it was`, async () => {
      for (const state of forbidden) {
        const id = await jobIn(state)
        const before = await store.get(id)
        const err = await call[name](life, id).then(() => undefined, (e: unknown) => e)
        expect(isCyxwizError(err) && err.code, `${name} from ${state}`).to.equal('ERR_JOB_STATE')
        expect(await store.get(id)).to.deep.equal(before)
      }
    })
  }

  it('allows each transition from the states its precondition names', async () => {
    for (const [name, t] of Object.entries(TRANSITIONS) as Array<[TransitionName, { from: readonly JobState[] }]>) {
      const intent = name === 'settleCompleted' ? JobState.COMPLETED : name === 'settleCancelled' ? JobState.CANCELLED : name === 'settleFailed' ? JobState.FAILED : undefined
      for (const state of t.from) {
        const id = await jobIn(state, 'wallet-a', intent)
        if (name === 'recordModel' || name === 'acceptCheckpoint' || name === 'intendPayout') {
          await call[name](life, id)
          continue
        }
        const after = await call[name](life, id)
        const to = (TRANSITIONS[name] as { to: JobState | 'same' }).to
        expect(after.state, `${name} from ${state}`).to.equal(to === 'same' ? state : to)
      }
    }
  })

  it('refuses a report under another lease with ERR_STALE_LEASE', async () => {
    const id = await jobIn(JobState.RUNNING)
    const err = await life.progress(id, 'old-lease', { progress: 0.9, currentEpoch: 2 }).then(() => undefined, (e: unknown) => e)
    expect(isCyxwizError(err) && err.code).to.equal('ERR_STALE_LEASE')
    expect((await store.get(id))?.progress).to.equal(0)
  })

  it('keeps the state and wallet indexes in step with the record', async () => {
    const id = await jobIn(JobState.PENDING_LOCK, 'wallet-index')
    const ids = async (state: JobState): Promise<string[]> => { const out: string[] = []; for await (const j of store.inState(state)) out.push(j.jobId); return out }
    expect(await ids(JobState.PENDING_LOCK)).to.include(id)
    await life.queue(id, Date.now(), 'locked')
    expect(await ids(JobState.PENDING_LOCK)).to.not.include(id)
    expect(await ids(JobState.QUEUED)).to.include(id)
    const second = await jobIn(JobState.PENDING_LOCK, 'wallet-index')
    expect((await store.byWalletNewest('wallet-index', 10)).map(j => j.jobId)).to.deep.equal([id, second])
    expect((await store.byWalletNewest('wallet-index', 1)).map(j => j.jobId)).to.deep.equal([second])
  })

  it('stores the model definition once, outside the record', async () => {
    const id = await jobIn(JobState.PENDING_LOCK)
    const job = await store.get(id) as JobRecord
    expect(job.request?.modelDefinition).to.equal('')
    expect(await store.model(job.spec?.modelHash ?? '')).to.equal('{"nodes":[]}')
  })

  it('coalesces batch progress: one trailing batch-only update between meaningful ones', async () => {
    const id = await jobIn(JobState.QUEUED)
    await life.assign(id, { leaseId: 'l2', node: 'peer-a', score: 1, breakdown: [] })
    await life.start(id, 'l2', { progress: 0, currentEpoch: 1 })
    for (let b = 1; b <= 50; b++) await life.progress(id, 'l2', { progress: b / 100, currentEpoch: 1, metrics: new Map([['batch_loss', 1 / b]]) })
    await life.progress(id, 'l2', { progress: 0.5, currentEpoch: 1, message: 'epoch 1 done', metrics: new Map([['epoch_loss', 0.1]]) })
    for (let b = 1; b <= 50; b++) await life.progress(id, 'l2', { progress: 0.5 + b / 100, currentEpoch: 2, metrics: new Map([['batch_loss', 1 / b]]) })
    const updates = []
    for await (const u of store.updates(id)) updates.push(u)
    // created, assigned, started, the last batch of epoch 1, the epoch, the last batch of epoch 2
    expect(updates.map(u => u.message !== '' ? u.message : `batch ${u.progress.toFixed(2)}`)).to.deep.equal([
      'created', 'assigned to peer-a (score 1.000)', 'running', 'batch 0.50', 'epoch 1 done', 'batch 1.00'
    ])
    expect(updates.map(u => u.seq)).to.deep.equal([...updates.map(u => u.seq)].sort((a, b) => Number(a - b)))
    const after = []
    for await (const u of store.updates(id, updates[3]?.seq)) after.push(u.seq)
    expect(after).to.deep.equal(updates.slice(4).map(u => u.seq))
  })

  it('settles only the end its payout intent names, and a final job takes no more changes', async () => {
    const id = await jobIn(JobState.RUNNING, 'wallet-a', JobState.CANCELLED)
    const wrong = await life.settle(id, payout(JobState.FAILED)).then(() => undefined, (e: unknown) => e)
    expect(isCyxwizError(wrong) && wrong.code).to.equal('ERR_JOB_STATE')
    const done = await life.settle(id, payout(JobState.CANCELLED))
    expect(FINAL.has(done.state)).to.equal(true)
  })

  it('takes no change to the work once a payout intent is written, only the settlement and notes', async () => {
    for (const name of ['progress', 'commitState', 'acceptCheckpoint', 'complete', 'requeue', 'reject', 'recordVerification'] as const) {
      const id = await jobIn(JobState.RUNNING, 'wallet-a', JobState.CANCELLED)
      const before = await store.get(id)
      const err = await call[name](life, id).then(() => undefined, (e: unknown) => e)
      expect(isCyxwizError(err) && err.code, name).to.equal('ERR_JOB_STATE')
      expect(await store.get(id), name).to.deep.equal(before)
    }
    const id = await jobIn(JobState.RUNNING, 'wallet-a', JobState.CANCELLED)
    await life.note(id, 'the escrow is moving', [JobState.RUNNING])
    expect(FINAL.has((await life.settle(id, payout(JobState.CANCELLED))).state)).to.equal(true)
  })

  it('pays a checkpoint accepted while a cancel reads the payee: the intent is computed under the job\'s lock', async () => {
    const id = await jobIn(JobState.RUNNING)
    const spec = (await life.get(id))?.spec as TrainingSpec
    for (const p of commitPositions(spec, 0).filter(p => p.epoch === 1 && p.batch < batchesPerEpoch(spec))) await life.commitState(id, LEASE, { ...p, uri: 'ipfs://bafy' })
    const wallet = (await generateKeyPairSigner()).address
    let release = (): void => {}
    let reading = (): void => {}
    const read = new Promise<void>(resolve => { reading = resolve })
    const registry = {
      // the payee's lookup is held open until the checkpoint has been accepted
      get: async () => { reading(); await new Promise<void>(resolve => { release = resolve }); return { availability: Availability.encode({ ...Availability.decode(new Uint8Array()), walletAddress: wallet }) } as unknown as NodeInfo }
    }
    // a stand-in escrow that refuses: this test is about the intent written before any money moves
    const escrow = { settle: async () => { throw new Error('no escrow in this test') }, refund: async () => { throw new Error('no escrow in this test') } } as unknown as EscrowService
    const ending = endJob({ jobs: life, escrow, registry }, id, JobState.CANCELLED, false, (j) => paidText(j), { retryBase: 1 }).then(() => undefined, (e: unknown) => e)
    await read
    await life.acceptCheckpoint(id, LEASE, 'ipfs://epoch-1', 1)
    release()
    expect(await ending).to.be.instanceOf(Error)
    const job = await life.get(id) as JobRecord
    expect(job.verifiedEpochs).to.equal(1)
    expect(job.payout?.shares.map(s => [s.wallet, s.bps])).to.deep.equal([[wallet, 5000]])
    expect(job.payout?.reason).to.equal('1 of 2 epochs verified: 50% earned, the rest refunded')
  })

  it('keeps only a job\'s newest updates, however many messages its peer sends', async () => {
    const small = new JobLifecycle(new JobStore(level, { maxUpdates: 10 }))
    const id = await jobIn(JobState.RUNNING)
    for (let i = 0; i < 50; i++) await small.progress(id, LEASE, { progress: i / 100, currentEpoch: 1, message: `message ${i}` })
    const kept: string[] = []
    for await (const u of small.store.updates(id)) kept.push(u.message)
    expect(kept).to.have.length(10)
    expect(kept.at(-1)).to.equal('message 49')
    expect(kept[0]).to.equal('message 40')
  })

  it('keeps reported states pending, each position once, until its check commits it', async () => {
    const id = await jobIn(JobState.RUNNING)
    const job = await store.get(id) as JobRecord
    const per = batchesPerEpoch(job.spec as NonNullable<JobRecord['spec']>)
    await life.progress(id, LEASE, { progress: 0.5, currentEpoch: 1 }, [{ epoch: 1, batch: per, uri: 'ipfs://a' }])
    await life.progress(id, LEASE, { progress: 0.5, currentEpoch: 1 }, [{ epoch: 1, batch: per, uri: 'ipfs://b' }])
    expect((await store.get(id))?.lease?.pending).to.deep.equal([{ epoch: 1, batch: per, uri: 'ipfs://a' }])
    await life.acceptCheckpoint(id, LEASE, 'ipfs://a', 1)
    const done = await store.get(id) as JobRecord
    expect(done.lease?.pending).to.deep.equal([])
    expect(done.lease?.trajectory).to.deep.equal([{ epoch: 1, batch: per, uri: 'ipfs://a' }])
  })
})

