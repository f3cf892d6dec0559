/**
 * The coordinator's wire under a fuzzer, from an independent libp2p node: 10,000 mutated request
 * frames on each stream protocol it serves (jobs, job-report, ledger, nodes, job-updates), 10,000
 * mutated messages on each gossip topic, and 10,000 mutated assignment answers read by the
 * coordinator's own request function. Nothing crashes (the coordinator runs in this process: an
 * uncaught error fails the test), every gossip message is judged, and an honest job submitted
 * before the fuzzing starts is trained, verified and paid meanwhile.
 */
import { expect } from 'chai'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defaultLogger } from '@libp2p/logger'
import { Coordinator } from '../../coordinator/coordinator.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { request } from '../../src/network/stream.js'
import { gossipCounts } from '../../src/metrics/registry.js'
import { protocolIds } from '../../protocols/ids.js'
import { JobOp, JobRequest, RequiredDevice, JobType } from '../../protocols/jobs.js'
import { ExecutionState, JobReport } from '../../protocols/job-report.js'
import { LedgerOp, LedgerRequest } from '../../protocols/ledger.js'
import { Liveness, NodesRequest } from '../../protocols/nodes.js'
import { JobUpdatesRequest } from '../../protocols/job-updates.js'
import { Assignment, AssignmentResponse } from '../../protocols/assignment.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import { isCyxwizError } from '../../src/errors.js'
import { kill, peerStarted, runCli, startCli, waitFor, watchJob, type CliProcess } from '../helpers/processes.js'
import { fuzzProtocol, fuzzTopic, mutate, type FuzzTally } from '../helpers/fuzz.js'
import { mulberry32 } from '../../src/random.js'
import { readFile } from 'node:fs/promises'

const ids = protocolIds()
const COUNT = 10_000
const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/jobs/${name}`, import.meta.url))

describe('fuzzing the coordinator\'s wire', function () {
  this.timeout(1_200_000)
  let home: string
  let coordinator: Coordinator
  let fuzzer: CyxwizNode
  const started: CliProcess[] = []
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const tallies: Record<string, FuzzTally> = {}

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-fuzz-'))
    coordinator = await Coordinator.start({ dataDir: join(home, 'coordinator'), listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000, embeddedRpcPort: 0 })
    fuzzer = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    for (const t of Object.values(ids.topics)) fuzzer.services.pubsub.subscribe(t)
    const [target] = coordinator.multiaddrs()
    if (target == null) throw new Error('the coordinator has no address')
    await fuzzer.dial(target)
  })

  after(async () => {
    await kill(...started)
    await fuzzer?.stop()
    await coordinator?.stop()
    await rm(home, { recursive: true, force: true })
  })

  it('survives 10,000 mutated messages per protocol and topic, judging each, while an honest job is trained and paid', async () => {
    const addr = coordinator.multiaddrs()[0]?.toString() ?? ''
    const wallet = (await cli('wallet', 'new', '--out', join(home, 'peer.json'))).output.split('\n')[0] ?? ''
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '10')).code).to.equal(0)
    const peer = startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, 'peer'), '--listen', '/ip4/127.0.0.1/tcp/0',
      '--heartbeat-interval', '1s', '--wallet-address', wallet], env())
    started.push(peer)
    await peerStarted(peer)
    await writeFile(join(home, 'digits.cyxt'), encodeCyxt(mnistDatasets({ train: 2000, test: 10 }).train))
    const dataset = /ipfs:\/\/\w+/.exec((await cli('dataset', 'add', join(home, 'digits.cyxt'))).output)?.[0] ?? ''
    const sub = await cli('job', 'submit', fixture('mlp.json'), '--dataset', dataset, '--payment', '1', '--epochs', '3')
    expect(sub.code, sub.output).to.equal(0)
    const jobId = /job ([0-9a-f-]{36})/.exec(sub.output)?.[1] ?? ''
    const w = watchJob(jobId, env())
    started.push(w.proc)

    // real messages of each kind, as the seeds the mutations start from
    const model = await readFile(fixture('mlp.json'), 'utf8')
    const submit = {
      jobType: JobType.TRAINING, modelDefinition: model, datasetUri: dataset, datasetSamples: 2000n, paymentAmount: '1000000', requiredDevice: RequiredDevice.ANY,
      minMemoryBytes: 0n, wallet, hyperparameters: { epochs: 2, batchSize: 32, learningRate: 0.001, optimizer: 'adam', validationSplit: 0.1, metrics: ['accuracy'] }
    }
    const seeds: Record<string, Uint8Array[]> = {
      [ids.protocols.jobs]: [JobOp.SESSION_CHALLENGE, JobOp.SESSION_OPEN, JobOp.ESTIMATE, JobOp.SUBMIT, JobOp.CONFIRM_LOCK, JobOp.GET, JobOp.LIST, JobOp.CANCEL].map(op =>
        JobRequest.encode({ op, session: 'x'.repeat(43), wallet, signature: new Uint8Array(64), submit, jobId, signedTransaction: 'AQID', idempotencyKey: 'k' })),
      [ids.protocols.jobReport]: [ExecutionState.ACCEPTED, ExecutionState.TRAINING, ExecutionState.COMPLETED, ExecutionState.FAILED].map(state => JobReport.encode({
        jobId, leaseId: 'lease', state, progress: 0.5, currentEpoch: 1, metrics: new Map([['batch_loss', 1]]), message: 'm', timestampMs: BigInt(Date.now()),
        checkpointUri: dataset, checkpointEpoch: 1, backend: 'cpu', queuedMs: 0n, states: [{ epoch: 1, batch: 2, uri: dataset }],
        completion: { finalStatus: 'COMPLETED', modelWeightsUri: dataset, modelWeightsHash: `sha256:${'0'.repeat(64)}`, finalMetrics: new Map([['final_accuracy', 0.9]]), totalComputeTimeMs: 1n, signature: new Uint8Array(64) }
      })),
      [ids.protocols.ledger]: [LedgerOp.INFO, LedgerOp.BALANCE, LedgerOp.AIRDROP].map(op => LedgerRequest.encode({ op, address: wallet, amount: '1000' })),
      [ids.protocols.nodes]: [NodesRequest.encode({}), NodesRequest.encode({ status: Liveness.ONLINE })],
      [ids.protocols.jobUpdates]: [JobUpdatesRequest.encode({ jobId, session: 'x'.repeat(43), afterSeq: 0n })]
    }
    const log = defaultLogger().forComponent('test:fuzz')
    let n = 0
    for (const [protocol, s] of Object.entries(seeds)) {
      tallies[protocol] = await fuzzProtocol(fuzzer, coordinator.node.peerId, protocol, s, { count: COUNT, seed: ++n, timeout: 15_000 })
      log('%s: %o', protocol, tallies[protocol])
    }

    // gossip: mutations of what the honest peer and the coordinator publish
    const heard: Record<string, Uint8Array[]> = {}
    fuzzer.services.pubsub.addEventListener('message', (e) => { (heard[e.detail.topic] ??= []).push(e.detail.data) })
    await waitFor('a message on every topic', () => Object.values(ids.topics).every(t => (heard[t]?.length ?? 0) > 0) ? true : undefined, 60_000)
    const judged = async (): Promise<number> => Object.values(await gossipCounts(coordinator.metrics)).reduce((a, b) => a + b, 0)
    for (const topic of Object.values(ids.topics)) {
      const before = await judged()
      tallies[topic] = await fuzzTopic(fuzzer.services.pubsub, topic, heard[topic] ?? [], { count: COUNT, seed: ++n })
      log('%s: %o', topic, tallies[topic])
      // the coordinator judged every one (the honest peer's own messages come on top)
      const sent = tallies[topic]?.sent ?? 0
      // the coordinator judges the topics it listens on; beacons are the peers' to judge (the
      // honest peer below takes every fuzzed beacon and must go on training)
      if (coordinator.node.services.pubsub.getTopics().includes(topic)) {
        await waitFor(`the coordinator to judge the fuzzed ${topic}`, async () => (await judged()) - before >= sent ? true : undefined, 120_000)
      }
    }

    // assignment answers: the coordinator's request function reading 10,000 mutated answers
    const answering = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    const rand = mulberry32(++n)
    const answers = [AssignmentResponse.encode({ accept: true, reason: '', backend: 'cpu' }), AssignmentResponse.encode({ accept: false, reason: 'busy', backend: '' })]
    await answering.handle(ids.protocols.assignment, async (stream) => {
      const { lpStream } = await import('@libp2p/utils')
      const lp = lpStream(stream)
      await lp.read().catch(() => {})
      await lp.write(mutate(answers, rand)).catch(() => {})
      await stream.close().catch(() => {})
    }, { maxInboundStreams: 64 })
    const assignment = { sent: 0, answered: 0, refused: 0 }
    const reasons = new Set<string>()
    const [answerer] = answering.getMultiaddrs()
    if (answerer == null) throw new Error('the answering node has no address')
    const offer = { jobId, leaseId: 'lease', spec: new Uint8Array(), modelDefinition: model, paymentAmount: '1', acceptDeadlineMs: 0n, resumeCheckpointUri: '', resumeEpoch: 0 }
    for (let i = 0; i < COUNT; i += 16) {
      await Promise.all(Array.from({ length: 16 }, async () => {
        assignment.sent++
        try {
          await request(coordinator.node, answerer, ids.protocols.assignment,
            { value: offer, codec: Assignment }, AssignmentResponse, { timeout: 10_000, maxSize: 4096 })
          assignment.answered++
        } catch (err) {
          // every failure is one of ours, named: never a raw decoder or stream error
          expect(isCyxwizError(err), String(err)).to.equal(true)
          assignment.refused++
          if (reasons.size < 5) reasons.add((err as Error).message.slice(0, 200))
        }
      }))
    }
    tallies[ids.protocols.assignment] = assignment
    log('assignment answers refused for: %o', [...reasons])
    // mutations that still decode are answers the scheduler reads: some must get through
    expect(assignment.answered, [...reasons].join('; ')).to.be.greaterThan(0)
    await answering.stop()

    // the honest job went on meanwhile, and the coordinator still answers
    await w.line('the honest job paid', /COMPLETED .*completed and verified/)
    const status = await cli('nodes', '--json')
    expect(status.code, status.output).to.equal(0)
    expect(peer.done(), 'the honest peer is still up').to.equal(false)
    for (const [what, t] of Object.entries(tallies)) {
      log('%s: %d sent, %d answered, %d refused', what, t.sent, t.answered, t.refused)
      expect(t.sent, what).to.equal(COUNT)
    }
  })
})
