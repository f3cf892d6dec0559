/**
 * How a running job ends, on real parts in one process: a coordinator-side job store, verifier and
 * escrow (embedded Solana cluster, real SPL Token), and a peer-side IPFS node that publishes real
 * tfjs checkpoints. Checkpoints count only once fetched and verified; a training failure is paid by
 * the rule (verified epochs / epochs, 90/10 of that) with the rest refunded, in one settlement; a
 * payout cut short by a crash is finished once after the restart; a completed job whose model cannot
 * be fetched waits (until its deadline) for its peer to serve it.
 */
import { expect } from 'chai'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { defaultLogger } from '@libp2p/logger'
import { generateKeyPairSigner } from '@solana/kit'
import { generateKeyPair } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { signCompletion } from '../../src/proof/completion.js'
import { sha256Hex } from '../../src/storage/model-dir.js'
import { Availability, DeviceKind } from '../../protocols/availability.js'
import { JobState, JobType, RequiredDevice, type JobRecord, type Verification } from '../../protocols/jobs.js'
import type { JobReport } from '../../protocols/job-report.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore, ipfsUri } from '../../src/storage/ipfs.js'
import { parseModel } from '../../src/model/index.js'
import { buildModel } from '../../src/training/build-model.js'
import { saveModel } from '../../src/training/model-files.js'
import { splitEscrow } from '../../src/ledger/amounts.js'
import { JobStore } from '../../coordinator/jobs/job-store.js'
import { JobLifecycle } from '../../coordinator/jobs/lifecycle.js'
import { blankRecord } from '../../coordinator/jobs/job-view.js'
import { batchesPerEpoch, specOf } from '../../src/training/spec.js'
import { ExecutionState } from '../../protocols/job-report.js'
import { Verifier, defaultVerifierInit } from '../../coordinator/jobs/verifier.js'
import { blankVerification } from '../../coordinator/jobs/auditor.js'
import { Outcomes } from '../../coordinator/jobs/outcomes.js'
import type { NodeRegistry } from '../../coordinator/registry/node-registry.js'
import { lockJob, moneyAddsUp, openRig, type MoneyRig } from '../helpers/money.js'

const AMOUNT = 10_000_000n

describe('job outcomes: verified checkpoints and the partial payment', function () {
  this.timeout(120_000)
  let dir: string
  let rig: MoneyRig
  let coordinatorNode: CyxwizNode
  let peerNode: CyxwizNode
  let coordinatorIpfs: IpfsStore
  let peerIpfs: IpfsStore
  let jobs: JobLifecycle
  let outcomes: Outcomes
  let payee: string
  let outcomesRegistry: Pick<NodeRegistry, 'get'>
  let peerKey: PrivateKey

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-outcomes-'))
    rig = await openRig(join(dir, 'coordinator'))
    coordinatorNode = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    peerKey = await generateKeyPair('Ed25519')
    peerNode = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'], privateKey: peerKey })
    coordinatorIpfs = await IpfsStore.open(join(dir, 'coordinator'), coordinatorNode)
    peerIpfs = await IpfsStore.open(join(dir, 'peer'), peerNode)
    await peerNode.dial(coordinatorNode.getMultiaddrs()[0] as never)
    payee = (await generateKeyPairSigner()).address
    const availability = Availability.encode({
      nodeId: peerNode.peerId.toString(), seqno: 1n, timestampMs: BigInt(Date.now()), deviceKind: DeviceKind.CPU, deviceModel: 'test', gpuMemoryBytes: 0n,
      cpuCores: 2, ramBytes: 1n << 33n, backends: ['wasm'], pricePerUnit: '10', location: '', walletAddress: payee, softwareVersion: '0.1.0', maxQueueLength: 1
    } as Availability)
    // the registry's one call here: the assigned peer's offer, for its payout wallet
    const registry = { get: async () => ({ availability }) } as unknown as Pick<NodeRegistry, 'get'>
    outcomesRegistry = registry
    jobs = new JobLifecycle(new JobStore(rig.store))
    outcomes = new Outcomes({}, {
      jobs, escrow: rig.escrow, registry, logger: defaultLogger(),
      verifier: new Verifier({ ...defaultVerifierInit, fetchTimeout: 10_000 }, { ipfs: coordinatorIpfs, ...modelChecks }), auditor: passing, reputation: noReputation
    })
  })

  after(async () => {
    await outcomes?.idle()
    await peerIpfs?.stop(); await coordinatorIpfs?.stop(); await peerNode?.stop(); await coordinatorNode?.stop()
    await rig?.close()
    await rm(dir, { recursive: true, force: true })
  })

  /**
   * The model checks and the replay are the checker's and the auditor's (test/unit/replay.test.ts,
   * test/integration/verification.test.ts): here they pass, so what is tested is how outcomes counts,
   * rejects and pays.
   */
  const modelChecks = { checker: { checkState: async () => {} }, models: { model: async () => '{}' } }
  const passing = { replay: async () => blankVerification(), final: async (...a: [unknown, unknown, unknown, unknown, Verification]) => a[4] }
  const noReputation = { record: async () => {} }

  /** a job locked in escrow and RUNNING on the peer, `epochs` long */
  async function runningJob (epochs: number, parameters = 0n): Promise<JobRecord> {
    const submitter = await generateKeyPairSigner()
    await rig.treasury.airdrop?.(submitter.address, AMOUNT)
    const jobId = await lockJob(rig, submitter, AMOUNT)
    const now = BigInt(Date.now())
    const request = {
      jobType: JobType.TRAINING, modelDefinition: '{}', datasetUri: '', datasetSamples: 1n, paymentAmount: AMOUNT.toString(), requiredDevice: RequiredDevice.ANY,
      minMemoryBytes: 0n, wallet: submitter.address, hyperparameters: { epochs, batchSize: 32, learningRate: 0.001, optimizer: 'adam', validationSplit: 0, metrics: [] }
    }
    await jobs.create({
      ...blankRecord(), jobId, state: JobState.PENDING_LOCK, submitterPeer: '', wallet: submitter.address,
      request: { ...request, modelDefinition: '' }, spec: specOf(request, 1n),
      estimate: { flopsPerSample: 1n, computeUnits: '1', pricePerUnit: '1', total: '1', parameters },
      createdMs: now, updatedMs: now
    }, request.modelDefinition, 'test job')
    await jobs.queue(jobId, Date.now(), 'locked')
    await jobs.assign(jobId, { leaseId: 'lease-1', node: peerNode.peerId.toString(), score: 1, breakdown: [] })
    return await jobs.start(jobId, 'lease-1', { progress: 0, currentEpoch: 1 })
  }

  /** a real tfjs checkpoint directory of the MLP fixture, published by the peer */
  async function checkpoint (): Promise<string> {
    const def = await readFile(fileURLToPath(new URL('../fixtures/jobs/mlp.json', import.meta.url)), 'utf8')
    const files = await saveModel(buildModel(parseModel(def)))
    return ipfsUri(await peerIpfs.addFiles([{ path: 'model.json', content: files.modelJson }, { path: 'weights.bin', content: files.weights }]))
  }

  const report = (job: JobRecord, r: Partial<JobReport>): JobReport => ({
    jobId: job.jobId, leaseId: job.lease?.id ?? '', state: ExecutionState.FAILED, progress: 0, currentEpoch: 0, metrics: new Map(), message: '', timestampMs: 0n,
    checkpointUri: '', checkpointEpoch: 0, backend: '', queuedMs: 0n, states: [], ...r
  })

  it('counts only checkpoints it could fetch and check, then pays a failure for its verified epochs', async () => {
    const before = await moneyAddsUp(rig.treasury.ledger)
    const job = await runningJob(4)
    outcomes.checkpoint(job, await checkpoint(), 1)
    outcomes.checkpoint(job, await checkpoint(), 2)
    // epochs advance one at a time: a jump to epoch 4 is not counted
    outcomes.checkpoint(job, await checkpoint(), 4)
    await outcomes.idle()
    expect((await jobs.get(job.jobId))?.verifiedEpochs).to.equal(2)

    await outcomes.failed(job, report(job, { message: 'ERR_TRAINING_DIVERGED: the loss became NaN', currentEpoch: 2 }))
    await outcomes.idle()
    const done = await jobs.get(job.jobId) as JobRecord
    expect(done.state).to.equal(JobState.FAILED)
    expect(done.message).to.match(/2 of 4 epochs verified: 50% earned/)
    const split = splitEscrow(AMOUNT, 5000, 1000)
    expect(done.payout).to.include({ earnedBps: 5000, peerWallet: payee, peer: split.peer.toString(), fee: split.fee.toString(), refund: split.refund.toString() })
    expect(split).to.deep.equal({ peer: 4_500_000n, fee: 500_000n, refund: 5_000_000n })
    expect(await rig.escrow.balanceOf(payee as never)).to.equal(4_500_000n)
    expect(await rig.escrow.balanceOf(job.wallet as never)).to.equal(5_000_000n)
    const after = await moneyAddsUp(rig.treasury.ledger)
    expect(after.held).to.equal(after.supply)
    expect(after.supply - before.supply).to.equal(AMOUNT)
  })

  it('rejects a lease that hands in a checkpoint that is not a model directory: nothing paid, the peer excluded, the job re-queued', async () => {
    const job = await runningJob(3)
    outcomes.checkpoint(job, await checkpoint(), 1)
    outcomes.checkpoint(job, ipfsUri(await peerIpfs.addFiles([{ path: 'notes.txt', content: randomBytes(100) }])), 2)
    await outcomes.idle()
    const back = await jobs.get(job.jobId) as JobRecord
    expect(back.state).to.equal(JobState.QUEUED)
    expect(back.verifiedEpochs).to.equal(0)
    expect(back.excludedNodes).to.include(peerNode.peerId.toString())
    expect(back.history[0]).to.match(/not the job's model after epoch 2/)
    expect(back.contributions).to.deep.equal([])
    expect((await rig.escrow.state(job.jobId))?.state).to.equal('LOCKED')
  })

  it('refunds in full a failure before any verified epoch, and ignores a second failure report', async () => {
    const job = await runningJob(3)
    await outcomes.failed(job, report(job, { message: 'ERR_DATASET_MISMATCH: labels', checkpointUri: await checkpoint(), checkpointEpoch: 0 }))
    await outcomes.idle()
    await outcomes.failed(job, report(job, { message: 'again' }))
    await outcomes.idle()
    const done = await jobs.get(job.jobId) as JobRecord
    expect(done.state).to.equal(JobState.FAILED)
    expect(done.message).to.match(/refunded in full/)
    expect(done.payout?.earnedBps).to.equal(0)
    expect(await rig.escrow.balanceOf(job.wallet as never)).to.equal(AMOUNT)
  })
  /**
   * A coordinator crash between the steps of paying a job, made with an escrow whose settle throws
   * where the process would have died (a kill cannot be aimed at these instants): before the escrow
   * moves, and after it moved but before the job's final transition. A fresh Outcomes over the same
   * store — the restart — finishes the job from its payout intent, and the escrow moves once.
   */
  for (const when of ['before the escrow moved', 'after the escrow moved, before the final state'] as const) {
    it(`after a restart, finishes once a payout interrupted ${when}`, async () => {
      const job = await runningJob(2)
      outcomes.checkpoint(job, await checkpoint(), 1)
      await outcomes.idle()
      const paidBefore = await rig.escrow.balanceOf(payee as never)
      const crash = (): never => { throw new Error('the coordinator died here') }
      const dying = Object.assign(Object.create(rig.escrow) as typeof rig.escrow, {
        settle: when === 'before the escrow moved' ? crash : async (r: Parameters<typeof rig.escrow.settle>[0]) => { await rig.escrow.settle(r); crash() }
      })
      const first = new Outcomes({ retryBase: 1 }, { jobs, escrow: dying, registry: outcomesRegistry, verifier: { state: async () => ({ modelJson: new Uint8Array(), weights: new Uint8Array() }), completion: async () => ({ hash: '', files: { modelJson: new Uint8Array(), weights: new Uint8Array() } }) }, auditor: passing, reputation: noReputation, logger: defaultLogger() })
      const err = await first.cancelled(job.jobId).then(() => undefined, (e: unknown) => e as Error)
      expect(err?.message).to.equal('the coordinator died here')
      const interrupted = await jobs.get(job.jobId) as JobRecord
      expect(interrupted.state).to.equal(JobState.RUNNING)
      expect(interrupted.payout?.outcome).to.equal(JobState.CANCELLED)
      const escrowState = (await rig.escrow.state(job.jobId))?.state
      expect(escrowState).to.equal(when === 'before the escrow moved' ? 'LOCKED' : 'SETTLED')

      // the restart: a new store view and a new Outcomes, with the real escrow
      const restarted = new Outcomes({}, { jobs: new JobLifecycle(new JobStore(rig.store)), escrow: rig.escrow, registry: outcomesRegistry, verifier: { state: async () => ({ modelJson: new Uint8Array(), weights: new Uint8Array() }), completion: async () => ({ hash: '', files: { modelJson: new Uint8Array(), weights: new Uint8Array() } }) }, auditor: passing, reputation: noReputation, logger: defaultLogger() })
      await restarted.reconcile()
      await restarted.idle()
      await restarted.reconcile() // nothing left to do: nothing moves again
      await restarted.idle()
      const done = await jobs.get(job.jobId) as JobRecord
      expect(done.state).to.equal(JobState.CANCELLED)
      const split = splitEscrow(AMOUNT, 5000, 1000)
      expect(done.payout).to.include({ earnedBps: 5000, peer: split.peer.toString(), refund: split.refund.toString() })
      expect(await rig.escrow.balanceOf(payee as never)).to.equal(paidBefore + split.peer)
      expect(await rig.escrow.balanceOf(job.wallet as never)).to.equal(split.refund)
      const after = await moneyAddsUp(rig.treasury.ledger)
      expect(after.held).to.equal(after.supply)
    })
  }
  it('after a restart, checks the checkpoints reported before it and never checked, and counts them', async () => {
    const job = await runningJob(2)
    const spec = job.spec as NonNullable<JobRecord['spec']>
    // the report is answered and its checkpoint written as pending; the coordinator dies before checking it
    const uri = await checkpoint()
    await jobs.progress(job.jobId, 'lease-1', { progress: 0.5, currentEpoch: 1 }, [{ epoch: 1, batch: batchesPerEpoch(spec), uri }])
    const before = await jobs.get(job.jobId) as JobRecord
    expect(before.lease?.pending.map(p => p.uri)).to.deep.equal([uri])
    expect(before.verifiedEpochs).to.equal(0)
    const restarted = new Outcomes({}, {
      jobs: new JobLifecycle(new JobStore(rig.store)), escrow: rig.escrow, registry: outcomesRegistry, logger: defaultLogger(),
      verifier: new Verifier({ ...defaultVerifierInit, fetchTimeout: 10_000 }, { ipfs: coordinatorIpfs, ...modelChecks }), auditor: passing, reputation: noReputation
    })
    await restarted.reconcile(true)
    await restarted.idle()
    const after = await jobs.get(job.jobId) as JobRecord
    expect(after.verifiedEpochs).to.equal(1)
    expect(after.lease?.pending).to.deep.equal([])
    expect(after.lease?.trajectory.map(p => p.uri)).to.deep.equal([uri])
  })

  it('waits for a completed job\'s model that cannot be fetched yet, then verifies and pays it; past the deadline the job is re-queued without that peer', async () => {
    const def = await readFile(fileURLToPath(new URL('../fixtures/jobs/mlp.json', import.meta.url)), 'utf8')
    const verifier = new Verifier({ ...defaultVerifierInit, fetchTimeout: 300 }, { ipfs: coordinatorIpfs, ...modelChecks })
    /** a freshly initialised model (its own weights, so its own CID), added on a node stopped at once: nobody serves it */
    const unservedModel = async (): Promise<{ uri: string, weights: Uint8Array, files: Array<{ path: string, content: Uint8Array }> }> => {
      const saved = await saveModel(buildModel(parseModel(def)))
      const files = [{ path: 'model.json', content: saved.modelJson }, { path: 'weights.bin', content: saved.weights }]
      const node = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
      const store = await IpfsStore.open(await mkdtemp(join(dir, 'offline-')), node)
      const uri = ipfsUri(await store.addFiles(files))
      await store.stop(); await node.stop()
      return { uri, weights: saved.weights, files }
    }
    const completing = async (model: { uri: string, weights: Uint8Array }, deadline: number): Promise<{ job: JobRecord, o: Outcomes }> => {
      const job = await runningJob(1, BigInt(parseModel(def).totals.params))
      outcomes.checkpoint(job, await checkpoint(), 1)
      await outcomes.idle()
      const completion = await signCompletion(peerKey, {
        jobId: job.jobId, leaseId: job.lease?.id ?? '',
        completion: { finalStatus: 'COMPLETED', modelWeightsUri: model.uri, modelWeightsHash: sha256Hex(model.weights), finalMetrics: new Map([['final_accuracy', 0.9]]), totalComputeTimeMs: 10n }
      })
      const o = new Outcomes({ retryBase: 1, verifyDeadline: deadline }, { jobs, escrow: rig.escrow, registry: outcomesRegistry, verifier, auditor: passing, reputation: noReputation, logger: defaultLogger() })
      await o.completed(job, report(job, { state: ExecutionState.COMPLETED, completion }))
      await o.idle()
      return { job, o }
    }

    const model = await unservedModel()
    const { job, o } = await completing(model, 60_000)
    const waiting = await jobs.get(job.jobId) as JobRecord
    expect(waiting.state).to.equal(JobState.VERIFYING)
    expect(waiting.message).to.match(/could not be fetched yet \(ERR_CONTENT_NOT_FOUND\); verification is tried again every minute until/)
    // the peer is back and serves its model: the next reconcile verifies and pays in full
    await peerIpfs.addFiles(model.files)
    const paidBefore = await rig.escrow.balanceOf(payee as never)
    await o.reconcile()
    await o.idle()
    const done = await jobs.get(job.jobId) as JobRecord
    expect(done.state, done.message).to.equal(JobState.COMPLETED)
    expect(await rig.escrow.balanceOf(payee as never)).to.equal(paidBefore + splitEscrow(AMOUNT, 10_000, 1000).peer)

    // past the deadline, a model nobody serves is not paid: the job goes back to the queue without that peer
    const late = await completing(await unservedModel(), 0)
    const requeued = await jobs.get(late.job.jobId) as JobRecord
    expect(requeued.state).to.equal(JobState.QUEUED)
    expect(requeued.history[0]).to.match(/completion was refused \(ERR_CONTENT_NOT_FOUND\)/)
    expect(requeued.excludedNodes).to.include(peerNode.peerId.toString())
    expect((await rig.escrow.state(late.job.jobId))?.state).to.equal('LOCKED')
  })
})
