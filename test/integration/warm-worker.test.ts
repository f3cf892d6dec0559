/**
 * A peer's spare training worker, end to end in one process (a coordinator, a peer daemon and a
 * client over real libp2p, real digits, real training): the peer loads a spare before its first
 * job, each job runs in a spare of its own (a new thread; the used one ends with its job), and
 * stopping the peer ends every worker it started.
 */
import { expect } from 'chai'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Worker } from 'node:worker_threads'
import { generateKeyPairSigner } from '@solana/kit'
import { JobState, JobType, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import { Coordinator } from '../../coordinator/coordinator.js'
import { PeerDaemon, defaultPeerOptions } from '../../peer/daemon.js'
import { JobClient } from '../../client/job-client.js'
import { ipfsUri } from '../../src/storage/ipfs.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import type { TrainingWorker } from '../../src/training/executor.js'
import type { WarmWorkers } from '../../src/training/warm-worker.js'

describe('peer: a loaded training worker for each job', function () {
  this.timeout(300_000)
  let dir: string
  let coordinator: Coordinator | undefined
  let peer: PeerDaemon | undefined
  let client: JobClient | undefined

  after(async () => {
    await client?.close()
    await peer?.stop()
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const loaded = async (spare: WarmWorkers): Promise<void> => {
    if (spare.ready) return
    await new Promise<void>((resolve, reject) => {
      spare.once('ready', () => { resolve() })
      spare.once('lost', err => { reject(new Error(`the spare did not load: ${err?.message ?? 'it exited'}`)) })
    })
  }

  it('trains each job in a spare of its own and ends every worker it started when the peer stops', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-warm-'))
    coordinator = await Coordinator.start({ dataDir: join(dir, 'c'), listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000 })
    const c = coordinator
    const addr = c.multiaddrs()[0]?.toString() ?? ''
    // the peer's offer reaching the coordinator: from then on a queued job is matched
    const offered = new Promise(resolve => c.registry.once('offer', resolve))
    peer = await PeerDaemon.start({
      dataDir: join(dir, 'p'), walletAddress: (await generateKeyPairSigner()).address, bootstrap: [addr], listen: ['/ip4/127.0.0.1/tcp/0'],
      heartbeatInterval: 1000, runner: { progressEveryBatches: 5 }
    })
    const spare = peer.runner.warm
    if (spare === undefined) throw new Error('the peer keeps no spare worker')
    const workers: Worker[] = []
    const exits = new Map<Worker, Promise<unknown>>()
    const track = (w: Worker | undefined): void => {
      if (w === undefined || exits.has(w)) return
      workers.push(w)
      exits.set(w, new Promise(resolve => w.once('exit', resolve)))
    }
    track(spare.worker)
    spare.on('spawned', track)
    const started: TrainingWorker[] = []
    peer.runner.on('started', (_id, _backend, _resumed, w) => { started.push(w) })
    await loaded(spare)
    await offered

    const wallet = await generateKeyPairSigner()
    client = await JobClient.open(addr, wallet, { dataDir: join(dir, 'client') })
    const cl = client
    const store = cl.ipfs ?? (() => { throw new Error('the client has no IPFS store') })()
    const model = await readFile(new URL('../fixtures/jobs/mlp.json', import.meta.url), 'utf8')
    // 10% for validation: final_accuracy is then the final model's, which the held-out check compares
    const spec = (datasetUri: string, paymentAmount: string): SubmitJob => ({
      jobType: JobType.TRAINING, modelDefinition: model, datasetUri, datasetSamples: 400n,
      hyperparameters: { epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', validationSplit: 0.1, metrics: ['accuracy'] },
      paymentAmount, requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, wallet: wallet.address
    })
    const estimate = await cl.estimate(spec('ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', '1'))
    const atPeerPrice = BigInt(estimate.computeUnits) * BigInt(defaultPeerOptions.price)
    const payment = atPeerPrice > BigInt(estimate.total) ? atPeerPrice : BigInt(estimate.total)
    await c.treasury.airdrop?.(wallet.address, 2n * payment + 1_000_000n)
    const train = async (seed: number): Promise<void> => {
      const uri = ipfsUri(await store.addBytes(encodeCyxt(mnistDatasets({ train: 400, test: 20, seed }).train)))
      const { job } = await cl.submit(spec(uri, payment.toString()))
      const final = await cl.watch(job.jobId, () => {})
      expect(final?.state, final?.message).to.equal(JobState.COMPLETED)
    }

    const firstId = workers[0]?.threadId
    await train(1)
    // the first job's worker ended with it; its replacement loaded while it trained (or after)
    await exits.get(workers[0] as Worker)
    await loaded(spare)
    await train(2)
    expect(started.map(w => w.warm)).to.deep.equal([true, true])
    expect(started[0]?.threadId).to.equal(firstId)
    expect(started[1]?.threadId).to.not.equal(firstId)
    expect(workers.length, 'the initial spare and one replacement per job').to.equal(3)

    await peer.stop()
    peer = undefined
    // every worker the peer started has ended: the two jobs' and the spare that waited for a third
    await Promise.all(exits.values())
    expect(spare.worker).to.equal(undefined)
  })
})
