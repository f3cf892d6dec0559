/**
 * Benchmark (not a test): a job's latencies on loopback with one free peer that really trains.
 * A coordinator and a peer daemon run in this process (real libp2p over TCP, the embedded
 * cluster); a client publishes a real MNIST dataset (CYXT) on its own IPFS store and submits an
 * MLP job (test/fixtures/jobs/mlp.json) through the jobs protocol, then follows it with `watch`.
 * Jobs run one after another, each on an idle peer. Per job:
 *
 * - submit → RUNNING: session, validation, the coordinator fetching and checking the dataset from
 *   the client, estimate, escrow lock signed offline, queue, match, assignment, accept, RUNNING
 *   report (taken from the coordinator's job store, as before);
 * - submit → first progress: the first update the client receives carrying training metrics
 *   (`batch_loss`) — after the peer fetched the dataset from the coordinator, started its
 *   training worker and trained `progressEveryBatches` (20) batches;
 * - submit → COMPLETED: the client receives the final update — trained, the model published,
 *   the completion proof and weights hash verified by the coordinator, the escrow settled (paid).
 *
 * Each job gets its own dataset (a different seeded shuffle of the same digits, so a new CID) and
 * therefore really moves it twice: client → coordinator while submitting, coordinator → peer after
 * the assignment. `--same-dataset` reuses one (fetched once; later jobs find it pinned/cached).
 * The breakdown times the IPFS fetches by wrapping IpfsStore.prototype.cat in this process
 * (bench instrumentation only) and the peer's runner events.
 *
 *   npm run bench:submit -- --jobs 10 --samples 1000 --epochs 1
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { generateKeyPairSigner } from '@solana/kit'
import type { CID } from 'multiformats/cid'
import { JobState, JobType, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import { Coordinator } from '../../coordinator/coordinator.js'
import { PeerDaemon, defaultPeerOptions } from '../../peer/daemon.js'
import { JobClient } from '../../client/job-client.js'
import { IpfsStore, ipfsUri, type FetchOptions } from '../../src/storage/ipfs.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets, MNIST_PER_DIGIT } from '../../src/training/mnist.js'
import type { Backend } from '../../src/training/backends.js'

const opts = new Command()
  .option('--jobs <n>', 'jobs to submit, one after another', '10')
  .option('--samples <n>', 'training digits per job', '1000')
  .option('--epochs <n>', 'epochs per job', '1')
  .option('--batch-size <n>', 'batch size', '32')
  .option('--same-dataset', 'every job trains on one dataset (moved once) instead of a new one per job')
  .option('--backend <name>', 'the peer trains on this backend (default: the best available)')
  .parse().opts<{ jobs: string, samples: string, epochs: string, batchSize: string, sameDataset?: boolean, backend?: Backend }>()
const int = (s: string, fallback: number, min = 1): number => Math.max(min, Number.parseInt(s, 10) || fallback)
const count = int(opts.jobs, 10)
const HELD_OUT = 20 // mnistDatasets needs ≥ 1 held-out digit per class; unused here
const samples = Math.min(MNIST_PER_DIGIT * 10 - HELD_OUT, int(opts.samples, 1000, 10))
const epochs = int(opts.epochs, 1)
const batchSize = int(opts.batchSize, 32)
const PROGRESS_EVERY = 20 // the peer's default (defaultJobRunnerInit.progressEveryBatches), stated here for the report

// --- instrumentation: every IPFS `cat` in this process, by the store that made it ---
interface Cat { store: IpfsStore, cid: string, t0: number, t1: number }
const cats: Cat[] = []
const originalCat = IpfsStore.prototype.cat
IpfsStore.prototype.cat = async function (this: IpfsStore, cid: CID, o: FetchOptions): Promise<Uint8Array> {
  const t0 = performance.now()
  try {
    return await originalCat.call(this, cid, o)
  } finally {
    cats.push({ store: this, cid: cid.toString(), t0, t1: performance.now() })
  }
}

const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-bench-submit-'))
const tSetup = performance.now()
const coordinator = await Coordinator.start({ dataDir: join(dir, 'c'), listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000 })
const addr = coordinator.multiaddrs()[0]?.toString() ?? ''
// a peer without a payout wallet is never offered a job
const peerWallet = await generateKeyPairSigner()
const peer = await PeerDaemon.start({
  dataDir: join(dir, 'p'), walletAddress: peerWallet.address, bootstrap: [addr], listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000, maxQueueLength: 1024,
  runner: { progressEveryBatches: PROGRESS_EVERY, ...(opts.backend != null ? { backend: opts.backend } : {}) }
})
const wallet = await generateKeyPairSigner()
while ((await coordinator.registry.list()).every(n => n.availability.byteLength === 0 || n.status !== 'ONLINE')) await new Promise(resolve => setTimeout(resolve, 100))
const client = await JobClient.open(addr, wallet, { dataDir: join(dir, 'client') })
const store = client.ipfs ?? (() => { throw new Error('the client has no IPFS store') })()
// the coordinator's and the client's stores are public; the peer's (inside its runner) is the other one
const byCoordinator = (c: Cat): boolean => c.store === coordinator.ipfs
const byPeer = (c: Cat): boolean => c.store !== coordinator.ipfs && c.store !== store

const model = await readFile(new URL('../../test/fixtures/jobs/mlp.json', import.meta.url), 'utf8')
const specFor = (datasetUri: string, paymentAmount: string): SubmitJob => ({
  jobType: JobType.TRAINING, modelDefinition: model, datasetUri, datasetSamples: BigInt(samples),
  hyperparameters: { epochs, batchSize, learningRate: 0.001, optimizer: 'adam', validationSplit: 0, metrics: ['accuracy'] },
  paymentAmount, requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, wallet: wallet.address
})
// a quote for a declared sample count needs no data; pay the compute units at the peer's asking
// price (the matcher's budget filter), and at least the coordinator's estimate
const estimate = await client.estimate(specFor('ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', '1'))
const atPeerPrice = BigInt(estimate.computeUnits) * BigInt(defaultPeerOptions.price)
const payment = atPeerPrice > BigInt(estimate.total) ? atPeerPrice : BigInt(estimate.total)
await coordinator.treasury.airdrop?.(wallet.address, BigInt(count) * payment + 1_000_000n)

// --- marks per job, ms (performance.now) ---
type Mark = 'start' | 'queued' | 'running' | 'accepted' | 'workerStarted' | 'firstProgressCoord' | 'firstProgress' | 'verifying' | 'completedCoord' | 'completed'
const marks = new Map<string, Partial<Record<Mark, number>>>()
const mark = (jobId: string, m: Mark, t = performance.now()): void => {
  const j = marks.get(jobId) ?? {}
  j[m] ??= t
  marks.set(jobId, j)
}
const backends = new Map<string, string>()
const accuracy = new Map<string, number>()
coordinator.jobs.jobs.on('update', (job, update) => {
  if (job.state === JobState.RUNNING) mark(job.jobId, 'running')
  if (update.metrics.has('batch_loss')) mark(job.jobId, 'firstProgressCoord')
  if (job.state === JobState.VERIFYING) mark(job.jobId, 'verifying')
  if (job.state === JobState.COMPLETED) mark(job.jobId, 'completedCoord')
})
peer.jobs.on('accepted', job => { mark(job.jobId, 'accepted') })
peer.runner.on('started', (jobId, backend) => { mark(jobId, 'workerStarted'); backends.set(jobId, backend) })
peer.runner.on('completed', (jobId, _uri, metrics) => { accuracy.set(jobId, metrics.final_accuracy ?? Number.NaN) })

interface JobResult { jobId: string, marks: Partial<Record<Mark, number>>, datasetBytes: number, coordFetch?: Cat, peerFetch?: Cat }
const results: JobResult[] = []
const publishMs: number[] = []
let shared: { uri: string, bytes: number } | undefined
console.log(`setup ${((performance.now() - tSetup) / 1000).toFixed(1)} s; ${count} jobs of ${samples} digits × ${epochs} epoch(s), batch ${batchSize}, payment ${payment} base units each`)
const t0 = performance.now()
for (let i = 0; i < count; i++) {
  // the submitter publishes its dataset before submitting: not part of the latencies
  let ds = shared
  if (ds == null) {
    const tp = performance.now()
    const bytes = encodeCyxt(mnistDatasets({ train: samples, test: HELD_OUT, seed: i + 1 }).train)
    ds = { uri: ipfsUri(await store.addBytes(bytes)), bytes: bytes.byteLength }
    publishMs.push(performance.now() - tp)
    if (opts.sameDataset === true) shared = ds
  }
  const cid = ds.uri.slice('ipfs://'.length)
  const start = performance.now()
  const { job } = await client.submit(specFor(ds.uri, payment.toString()))
  mark(job.jobId, 'start', start)
  mark(job.jobId, 'queued')
  const final = await client.watch(job.jobId, u => {
    if (u.metrics.has('batch_loss')) mark(job.jobId, 'firstProgress')
    if (u.state === JobState.COMPLETED) mark(job.jobId, 'completed')
  })
  if (final?.state !== JobState.COMPLETED) throw new Error(`job ${job.jobId} ended ${final?.state}: ${final?.message}`)
  const m = marks.get(job.jobId) ?? {}
  results.push({
    jobId: job.jobId, marks: m, datasetBytes: ds.bytes,
    coordFetch: cats.find(c => byCoordinator(c) && c.cid === cid && c.t0 >= start),
    peerFetch: cats.find(c => byPeer(c) && c.cid === cid && c.t0 >= start)
  })
  const since = (k: Mark): string => ((m[k] ?? Number.NaN) - start).toFixed(0)
  console.log(`job ${i + 1}/${count} on ${backends.get(job.jobId) ?? '?'}: RUNNING ${since('running')} ms, first progress ${since('firstProgress')} ms, COMPLETED ${since('completed')} ms (accuracy ${(accuracy.get(job.jobId) ?? Number.NaN).toFixed(3)})`)
}
const seconds = (performance.now() - t0) / 1000

const pct = (values: number[], p: number): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
}
const stats = (values: number[]): Record<string, string> => ({
  p50: pct(values, 0.5).toFixed(1), p99: pct(values, 0.99).toFixed(1), max: pct(values, 1).toFixed(1)
})
const span = (a: Mark, b: Mark): number[] => results.map(r => (r.marks[b] ?? Number.NaN) - (r.marks[a] ?? Number.NaN))
const dur = (c?: Cat): number => c == null ? 0 : c.t1 - c.t0

console.log(`\nsubmit latencies on loopback, one free peer training for real (real libp2p, embedded cluster, in one process); ${count} jobs in ${seconds.toFixed(1)} s`)
console.log(`dataset ${(results[0]?.datasetBytes ?? 0) / 1e6} MB CYXT per job${opts.sameDataset === true ? ' (the same for every job)' : ' (a new CID per job)'}; client publish p50 ${pct(publishMs, 0.5).toFixed(1)} ms (before submit, not counted)`)
console.table({
  'submit → RUNNING': stats(span('start', 'running')),
  'submit → first progress (client)': stats(span('start', 'firstProgress')),
  'submit → COMPLETED, verified + paid (client)': stats(span('start', 'completed'))
})
console.log(`where the time goes (ms; p99 over ${count} jobs is their max below 100 jobs):`)
console.table({
  'submit call → QUEUED': stats(span('start', 'queued')),
  '  of which coordinator fetches the dataset from the client': stats(results.map(r => dur(r.coordFetch))),
  'QUEUED → RUNNING (match, assign, accept, report)': stats(span('queued', 'running')),
  'RUNNING → training worker started': stats(span('running', 'workerStarted')),
  '  of which peer fetches the dataset from the coordinator': stats(results.map(r => dur(r.peerFetch))),
  '  of which worker start-up (spawn, tsx, tfjs + backend, model build)': stats(results.map(r => (r.marks.workerStarted ?? Number.NaN) - (r.peerFetch?.t1 ?? r.marks.accepted ?? Number.NaN))),
  [`worker started → first progress at the client (${PROGRESS_EVERY} batches + report)`]: stats(span('workerStarted', 'firstProgress')),
  '  of which coordinator → client relay': stats(span('firstProgressCoord', 'firstProgress')),
  'first progress → VERIFYING (rest of training, model on IPFS, proof, report)': stats(span('firstProgress', 'verifying')),
  'VERIFYING → COMPLETED (fetch model, hash, settle escrow)': stats(span('verifying', 'completedCoord')),
  'COMPLETED → client': stats(span('completedCoord', 'completed'))
})
await client.close()
await peer.stop()
await coordinator.stop()
await rm(dir, { recursive: true, force: true })
