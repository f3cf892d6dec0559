/**
 * A real peer daemon against a stand-in coordinator (a libp2p node that serves the dataset over
 * IPFS, offers assignments, answers reports and sends cancels), so the peer's side of the wire is
 * checked without the coordinator: offers decoded from their TrainingSpec and checked against the
 * model's hash; a job trained from that spec with every report carrying the peer's execution state
 * (ACCEPTED, then TRAINING with its checkpoints, then COMPLETED), ending REPORTED once acknowledged;
 * and a cancel that stops only the holder of the lease named.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Assignment, AssignmentResponse } from '../../protocols/assignment.js'
import { protocolIds } from '../../protocols/ids.js'
import { CancelAck, CancelJob } from '../../protocols/job-cancel.js'
import { ExecutionState, JobReport, JobReportAck } from '../../protocols/job-report.js'
import { RequiredDevice, TrainingSpec, type Hyperparameters } from '../../protocols/jobs.js'
import type { RawHardware } from '../../src/metrics/hardware.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { request, serve } from '../../src/network/stream.js'
import { IpfsStore, ipfsUri } from '../../src/storage/ipfs.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { modelHash } from '../../src/training/spec.js'
import { PeerDaemon } from '../../peer/daemon.js'
import type { ActiveJob } from '../../peer/active-jobs.js'
import { waitFor } from '../helpers/processes.js'

const HARDWARE: RawHardware = {
  load: { cpus: [{ load: 10 }] },
  temperature: { main: null, cores: [] },
  speed: { cores: [] },
  graphics: { controllers: [] },
  mem: { total: 8 * 1024 ** 3, active: 1024 ** 3, swaptotal: 0, swapused: 0 },
  network: null,
  connections: null
}

const model = JSON.stringify({
  nodes: [{ id: 'x', op: 'Input', params: { shape: [4] } }, { id: 'y', op: 'Dense', params: { units: 3, activation: 'softmax' } }],
  edges: [['x', 'y']]
})

/** n samples, 3 classes: the largest of the first three features */
function blobs (n: number): Uint8Array {
  const features = new Float32Array(n * 4)
  const labels = new Float32Array(n * 3)
  for (let i = 0; i < n; i++) {
    for (let f = 0; f < 4; f++) features[i * 4 + f] = ((i * 7 + f * 13) % 10) / 10 + (f === i % 3 ? 1 : 0)
    labels[i * 3 + i % 3] = 1
  }
  return encodeCyxt({ samples: n, featureShape: [4], labelShape: [3], features, labels })
}

describe('peer daemon on the wire (a stand-in coordinator)', function () {
  this.timeout(120_000)
  const ids = protocolIds()
  let dir: string
  let coordinator: CyxwizNode
  let coordinatorIpfs: IpfsStore
  let stranger: CyxwizNode
  let peer: PeerDaemon
  let datasetUri: string
  const reports: JobReport[] = []
  const held = new Map<string, ActiveJob>()

  const spec = (h: Partial<Hyperparameters> = {}): TrainingSpec => ({
    modelHash: modelHash(model), datasetUri, datasetSamples: 96n, requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 1, commitEveryBatches: 0,
    hyperparameters: { epochs: 2, batchSize: 16, learningRate: 0.05, optimizer: 'adam', validationSplit: 0.25, metrics: ['accuracy'], ...h }
  })
  const assignment = (jobId: string, over: Partial<Assignment> = {}, h: Partial<Hyperparameters> = {}): Assignment => ({
    jobId, leaseId: `${jobId}-lease-1`, spec: TrainingSpec.encode(spec(h)), modelDefinition: model, paymentAmount: '1000',
    acceptDeadlineMs: BigInt(Date.now() + 10_000), resumeCheckpointUri: '', resumeEpoch: 0, ...over
  })
  const offer = async (a: Assignment): Promise<AssignmentResponse> =>
    await request(coordinator, peer.node.peerId, ids.protocols.assignment, { value: a, codec: Assignment }, AssignmentResponse, { timeout: 10_000, maxSize: 4096 })
  const cancel = async (from: CyxwizNode, c: CancelJob): Promise<CancelAck> =>
    await request(from, peer.node.peerId, ids.protocols.jobCancel, { value: c, codec: CancelJob }, CancelAck, { timeout: 10_000, maxSize: 4096 })
  const of = (jobId: string): JobReport[] => reports.filter(r => r.jobId === jobId)

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-peer-wire-'))
    coordinator = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    coordinatorIpfs = await IpfsStore.open(join(dir, 'coordinator'), coordinator)
    datasetUri = ipfsUri(await coordinatorIpfs.addBytes(blobs(96)))
    await serve(coordinator, ids.protocols.jobReport, JobReport, JobReportAck, async (r) => {
      reports.push(r)
      return { code: '', message: '', cancel: false }
    }, { timeout: 10_000, maxSize: 1024 * 1024, log: Object.assign(() => {}, { error: () => {}, trace: () => {}, enabled: false }) as never })
    stranger = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    peer = await PeerDaemon.start({
      dataDir: join(dir, 'peer'),
      bootstrap: [coordinator.getMultiaddrs()[0]?.toString() ?? ''],
      listen: ['/ip4/127.0.0.1/tcp/0'],
      readHardware: async () => HARDWARE,
      maxQueueLength: 2,
      heartbeatInterval: 1000,
      runner: { progressEveryBatches: 2, backend: 'cpu' }
    })
    peer.jobs.on('accepted', job => { held.set(job.jobId, job) })
    await waitFor('the peer to connect', () => coordinator.getConnections(peer.node.peerId).length > 0 ? true : undefined, 20_000, 50)
    await stranger.dial(peer.node.getMultiaddrs()[0] as never)
  })

  after(async () => {
    await peer?.stop()
    await stranger?.stop()
    await coordinatorIpfs?.stop()
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('declines an offer whose spec does not decode or whose model is not the spec\'s', async () => {
    const garbled = await offer(assignment('bad-spec', { spec: new Uint8Array([0xff, 0xff]) }))
    expect(garbled.accept).to.equal(false)
    expect(garbled.reason).to.match(/^the training spec does not decode/)
    const other = await offer(assignment('bad-model', { modelDefinition: model.replace('"units":3', '"units":4') }))
    expect(other).to.deep.include({ accept: false, reason: 'the model definition does not match the spec\'s model hash' })
    expect(peer.jobs.size).to.equal(0)
  })

  it('declines over the wire a job whose training step needs more memory than it offers, though its spec declares none', async () => {
    // four free tensors of 2^24 elements per sample (0 FLOPs): batches of 4096 need about 3 TiB
    const hungry = JSON.stringify({
      nodes: [{ id: 'in', op: 'Input', params: { shape: [2 ** 24] } }, { id: 'a', op: 'Reshape', params: { target_shape: [2 ** 12, 2 ** 12] } }, { id: 'b', op: 'Reshape', params: { target_shape: [2 ** 24] } }, { id: 'c', op: 'Reshape', params: { target_shape: [2 ** 12, 2 ** 12] } }],
      edges: [['in', 'a'], ['a', 'b'], ['b', 'c']]
    })
    const s = { ...spec({ batchSize: 4096 }), modelHash: modelHash(hungry), minMemoryBytes: 0n }
    const answer = await offer(assignment('hungry', { modelDefinition: hungry, spec: TrainingSpec.encode(s) }))
    expect(answer.accept).to.equal(false)
    expect(answer.reason).to.match(/^ERR_INSUFFICIENT_MEMORY: a training step of this job needs about 3072\.0 GiB, this peer offers /)
    expect(peer.jobs.size).to.equal(0)
  })

  it('trains from the spec and reports each state it is in: ACCEPTED, TRAINING with checkpoints, COMPLETED; then REPORTED', async () => {
    const answer = await offer(assignment('j1'))
    expect(answer).to.deep.include({ accept: true, reason: '' })
    const done = await waitFor('the completion report', () => of('j1').find(r => r.state === ExecutionState.COMPLETED), 90_000)
    const states = of('j1').map(r => r.state)
    expect(states[0]).to.equal(ExecutionState.ACCEPTED)
    expect(of('j1')[0]?.message).to.equal('accepted; fetching the dataset')
    expect(states.at(-1)).to.equal(ExecutionState.COMPLETED)
    expect(new Set(states.slice(1, -1))).to.deep.equal(new Set([ExecutionState.TRAINING]))
    expect(of('j1').every(r => r.leaseId === 'j1-lease-1')).to.equal(true)
    expect(of('j1').find(r => r.backend !== '')?.backend).to.equal('cpu')
    expect(of('j1').filter(r => r.checkpointUri !== '').map(r => r.checkpointEpoch)).to.deep.equal([1, 2])
    expect(done.completion?.modelWeightsHash).to.match(/^sha256:/)
    expect(done.currentEpoch).to.equal(2)
    await waitFor('the job to leave', () => peer.jobs.size === 0 ? true : undefined, 5_000, 20)
    expect(held.get('j1')?.execution.state).to.equal(ExecutionState.REPORTED)
  })

  it('stops a job on a cancel from its coordinator for the lease held, and on nothing else', async () => {
    const stopped = new Promise<string>(resolve => { peer.runner.on('stopped', (id, why) => { if (id === 'j2') resolve(why) }) })
    expect((await offer(assignment('j2', {}, { epochs: 500, batchSize: 1 }))).accept).to.equal(true)
    await waitFor('training under way', () => of('j2').some(r => r.state === ExecutionState.TRAINING) ? true : undefined, 60_000, 50)
    expect(await cancel(coordinator, { jobId: 'j2', leaseId: 'j2-lease-0', reason: 'an older lease' })).to.deep.equal({ stopped: false })
    expect(await cancel(stranger, { jobId: 'j2', leaseId: 'j2-lease-1', reason: 'not my coordinator' })).to.deep.equal({ stopped: false })
    expect(peer.jobs.size).to.equal(1)
    expect(await cancel(coordinator, { jobId: 'j2', leaseId: 'j2-lease-1', reason: '' })).to.deep.equal({ stopped: true })
    expect(await stopped).to.equal('cancelled by the submitter')
    expect(peer.jobs.size).to.equal(0)
    expect(held.get('j2')?.execution.state).to.equal(ExecutionState.CANCELLED)
    // nothing is reported for a job taken away
    const count = of('j2').length
    await new Promise(resolve => setTimeout(resolve, 300))
    expect(of('j2').every(r => r.state === ExecutionState.ACCEPTED || r.state === ExecutionState.TRAINING)).to.equal(true)
    expect(of('j2').length).to.be.at.most(count + 1)
  })
})
