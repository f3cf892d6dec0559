/**
 * Benchmark (not a test): a job's latencies on loopback with one free peer that really trains.
 * A coordinator and a peer daemon run in this process (real libp2p over TCP, the embedded
 * cluster); a client publishes a real MNIST dataset (CYXT) on its own IPFS store and submits an
 * MLP job (test/fixtures/jobs/mlp.json) through the jobs protocol, then follows it with `watch`.
 * Jobs run in rounds of `--concurrency` submitted at once, each round on an idle peer. Per job:
 *
 * - submit → RUNNING: session, validation, the coordinator fetching and checking the dataset from
 *   the client, estimate, escrow lock signed offline, queue, match, assignment, accept, RUNNING
 *   report (taken from the coordinator's job store, as before);
 * - submit → first progress: the first update the client receives carrying training metrics
 *   (`batch_loss`) — after the peer fetched the dataset from the coordinator, started its
 *   training worker and trained its first batch (the first report; then every 20);
 * - submit → COMPLETED: the client receives the final update — trained, the model published,
 *   the completion proof and weights hash verified by the coordinator, the escrow settled (paid).
 *
 * Every figure is measured twice in the same run, on two peers started in turn: one that starts a
 * training worker per job ("cold", --no-warm-worker) and one that keeps a loaded spare ("warm",
 * the default; src/training/warm-worker.ts, waited for before the first job), at each concurrency
 * in `--concurrency` (the peer holds and trains a round's jobs at once). The cold peer is
 * the anchor: the summary prints warm/cold for p50 and p90 of submit → first progress.
 *
 * Each job gets its own dataset (a different seeded shuffle of the same digits, so a new CID) and
 * therefore really moves it twice: client → coordinator while submitting, coordinator → peer after
 * the assignment. `--same-dataset` reuses one (fetched once; later jobs find it pinned/cached).
 * The breakdown times the coordinator's dataset check (DatasetGate.decode: fetched from the
 * client, pinned, decoded and split in one pass) and its held-out slice kept and the training set
 * published (HeldOut.keep, or HeldOut.split when it decodes again) by wrapping their prototypes,
 * counts the dataset worker's passes (DatasetDecoder.scan and .split), and the
 * moment the peer's job moves to TRAINING (dataset in hand) by wrapping its ActiveJobs.move, in this
 * process (bench instrumentation only), and the peer's runner events.
 *
 * The anchor for the coordinator's submit path, in the same run: every other job's dataset takes
 * the two-pass path (its gate decode asked for no split, so HeldOut.split reads and decodes it
 * again, as every submission did before); `--no-anchor` sends every job the one-pass way.
 *
 *   npm run bench:submit -- --jobs 8 --concurrency 1,4 --samples 1000 --epochs 1
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { generateKeyPairSigner } from '@solana/kit'
import { JobState, JobType, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import { ExecutionState } from '../../protocols/job-report.js'
import { Coordinator } from '../../coordinator/coordinator.js'
import { PeerDaemon, defaultPeerOptions } from '../../peer/daemon.js'
import { JobClient } from '../../client/job-client.js'
import { DatasetGate } from '../../coordinator/jobs/dataset-gate.js'
import { HeldOut, type Split } from '../../coordinator/jobs/held-out.js'
import { DatasetDecoder } from '../../src/training/dataset-decoder.js'
import { ipfsUri } from '../../src/storage/ipfs.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets, MNIST_PER_DIGIT } from '../../src/training/mnist.js'
import type { Backend } from '../../src/training/backends.js'

const opts = new Command()
  .option('--jobs <n>', 'jobs per peer (cold, warm) and concurrency', '8')
  .option('--concurrency <list>', 'jobs submitted at once, comma-separated; each is measured', '1,4')
  .option('--warmup <n>', 'jobs run first and not counted (the first compiles every module)', '1')
  .option('--samples <n>', 'training digits per job', '1000')
  .option('--epochs <n>', 'epochs per job', '1')
  .option('--batch-size <n>', 'batch size', '32')
  .option('--same-dataset', 'every job trains on one dataset (moved once) instead of a new one per job')
  .option('--backend <name>', 'the peer trains on this backend (default: the best available)')
  .option('--no-anchor', 'every job takes the one-pass submit path (by default every other job takes the two-pass path)')
  .option('--back-to-back', 'submit each round as soon as the last ended, not once a warm peer\'s next spare has loaded')
  .parse().opts<{ jobs: string, concurrency: string, warmup: string, samples: string, epochs: string, batchSize: string, sameDataset?: boolean, backend?: Backend, anchor: boolean, backToBack?: boolean }>()
const int = (s: string, fallback: number, min = 1): number => Math.max(min, Number.parseInt(s, 10) || fallback)
const count = int(opts.jobs, 8)
const sizes = [...new Set(opts.concurrency.split(',').map(s => int(s, 1)))]
const warmup = int(opts.warmup, 1, 0)
const HELD_OUT = 20 // mnistDatasets needs ≥ 1 held-out digit per class; unused here
const samples = Math.min(MNIST_PER_DIGIT * 10 - HELD_OUT, int(opts.samples, 1000, 10))
const epochs = int(opts.epochs, 1)
const batchSize = int(opts.batchSize, 32)
const PROGRESS_EVERY = 20 // the peer's default (defaultJobRunnerInit.progressEveryBatches); the first report comes after batch 1

const pct = (values: number[], p: number): number => {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN
}

// --- instrumentation: the coordinator's dataset check (by dataset URI) and held-out split (by job) ---
interface Span { key: string, t0: number, t1: number }
const inspects: Span[] = []
const splits: Span[] = []
// the anchor: these datasets' gate decodes are asked for no split, so HeldOut.split reads and
// decodes them again, as every submission did before the split came with the gate's decode
const twoPass = new Set<string>()
const anchor = opts.anchor && opts.sameDataset !== true
const originalDecode = DatasetGate.prototype.decode
DatasetGate.prototype.decode = async function (this: DatasetGate, uri, wallet, split) {
  const t0 = performance.now()
  try {
    return await originalDecode.call(this, uri, wallet, twoPass.has(uri) ? undefined : split)
  } finally {
    inspects.push({ key: uri, t0, t1: performance.now() })
  }
}
// the split from the gate's decode (keep), or from a decode of its own (split)
const timed = <A extends unknown[]>(f: (this: HeldOut, jobId: string, ...rest: A) => Promise<Split>) => async function (this: HeldOut, jobId: string, ...rest: A): Promise<Split> {
  const t0 = performance.now()
  try {
    return await f.call(this, jobId, ...rest)
  } finally {
    splits.push({ key: jobId, t0, t1: performance.now() })
  }
}
HeldOut.prototype.split = timed(HeldOut.prototype.split)
HeldOut.prototype.keep = timed(HeldOut.prototype.keep)
// every pass of the coordinator's dataset worker over a dataset (the gate's check, a held-out split)
let decodes = 0
const originalScan = DatasetDecoder.prototype.scan
DatasetDecoder.prototype.scan = async function (this: DatasetDecoder, chunks) { decodes++; return await originalScan.call(this, chunks) }
const originalSplit = DatasetDecoder.prototype.split
DatasetDecoder.prototype.split = async function (this: DatasetDecoder, chunks, params) { decodes++; return await originalSplit.call(this, chunks, params) }

const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-bench-submit-'))
const tSetup = performance.now()
const coordinator = await Coordinator.start({ dataDir: join(dir, 'c'), listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000 })
// the coordinator's fetches and pins, by URI: the first of a submitted dataset's is the gate's fetch from the client
const pins: Span[] = []
const pin = coordinator.ipfs.pin.bind(coordinator.ipfs)
coordinator.ipfs.pin = async (cid, o) => {
  const t0 = performance.now()
  try {
    return await pin(cid, o)
  } finally {
    pins.push({ key: ipfsUri(cid), t0, t1: performance.now() })
  }
}
const addr = coordinator.multiaddrs()[0]?.toString() ?? ''
const wallet = await generateKeyPairSigner()
const client = await JobClient.open(addr, wallet, { dataDir: join(dir, 'client') })
const store = client.ipfs ?? (() => { throw new Error('the client has no IPFS store') })()

const model = await readFile(new URL('../../test/fixtures/jobs/mlp.json', import.meta.url), 'utf8')
// 10% held out for validation: without it a peer's final_accuracy is the epoch's running mean on
// training batches, which the coordinator's held-out check of the final model can refuse (then the
// job waits for another peer, and this bench, with one, waits for ever)
const specFor = (datasetUri: string, paymentAmount: string): SubmitJob => ({
  jobType: JobType.TRAINING, modelDefinition: model, datasetUri, datasetSamples: BigInt(samples),
  hyperparameters: { epochs, batchSize, learningRate: 0.001, optimizer: 'adam', validationSplit: 0.1, metrics: ['accuracy'] },
  paymentAmount, requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, wallet: wallet.address
})
// a quote for a declared sample count needs no data; pay the compute units at the peer's asking
// price (the matcher's budget filter), and at least the coordinator's estimate
const estimate = await client.estimate(specFor('ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy', '1'))
const atPeerPrice = BigInt(estimate.computeUnits) * BigInt(defaultPeerOptions.price)
const payment = atPeerPrice > BigInt(estimate.total) ? atPeerPrice : BigInt(estimate.total)
const total = warmup + 2 * sizes.length * count
await coordinator.treasury.airdrop?.(wallet.address, BigInt(total) * payment + 1_000_000n)

// --- marks per job, ms (performance.now) ---
type Mark = 'start' | 'created' | 'queuedCoord' | 'queued' | 'running' | 'accepted' | 'training' | 'workerStarted' | 'firstProgressCoord' | 'firstProgress' | 'verifying' | 'completedCoord' | 'completed'
const marks = new Map<string, Partial<Record<Mark, number>>>()
const mark = (jobId: string, m: Mark, t = performance.now()): void => {
  const j = marks.get(jobId) ?? {}
  j[m] ??= t
  marks.set(jobId, j)
}
const ran = new Map<string, { backend: string, warm: boolean }>()
const accuracy = new Map<string, number>()
coordinator.jobs.jobs.on('update', (job, update) => {
  if (job.state === JobState.PENDING_LOCK) mark(job.jobId, 'created')
  if (job.state === JobState.QUEUED) mark(job.jobId, 'queuedCoord')
  if (job.state === JobState.RUNNING) mark(job.jobId, 'running')
  if (update.metrics.has('batch_loss')) mark(job.jobId, 'firstProgressCoord')
  if (job.state === JobState.VERIFYING) mark(job.jobId, 'verifying')
  if (job.state === JobState.COMPLETED) mark(job.jobId, 'completedCoord')
})

/**
 * Waits (returns the ms) until a warm peer's next spare is loaded: a job submitted while it loads
 * measures that load competing, in this one process on 2 cores, with the submit path.
 */
async function spareLoaded (peer: PeerDaemon): Promise<number> {
  const spare = peer.runner.warm
  if (spare == null || spare.ready) return 0
  const t = performance.now()
  await new Promise<void>((resolve, reject) => {
    spare.once('ready', () => { resolve() })
    spare.once('lost', err => { reject(new Error(`the spare training worker did not load: ${err?.message ?? 'it exited'}`)) })
  })
  return performance.now() - t
}
const spareWaits: number[] = []

let peers = 0
/** a peer of its own identity, the only one online, with its spare loaded when `warm` */
async function startPeer (warm: boolean): Promise<PeerDaemon> {
  // a peer without a payout wallet is never offered a job
  const peerWallet = await generateKeyPairSigner()
  const peer = await PeerDaemon.start({
    dataDir: join(dir, `p${peers++}`), walletAddress: peerWallet.address, bootstrap: [addr], listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000, maxQueueLength: 1024,
    runner: { progressEveryBatches: PROGRESS_EVERY, warmWorker: warm, ...(opts.backend != null ? { backend: opts.backend } : {}) }
  })
  const move = peer.jobs.move.bind(peer.jobs)
  peer.jobs.move = (job, to) => {
    if (to === ExecutionState.TRAINING) mark(job.jobId, 'training')
    move(job, to)
  }
  peer.jobs.on('accepted', job => { mark(job.jobId, 'accepted') })
  peer.runner.on('started', (jobId, backend, _resumed, worker) => { mark(jobId, 'workerStarted'); ran.set(jobId, { backend, warm: worker.warm }) })
  peer.runner.on('completed', (jobId, _uri, metrics) => { accuracy.set(jobId, metrics.final_accuracy ?? Number.NaN) })
  const id = peer.node.peerId.toString()
  for (;;) {
    const nodes = await coordinator.registry.list()
    if (nodes.some(n => n.nodeId === id && n.status === 'ONLINE' && n.availability.byteLength > 0) && nodes.every(n => n.nodeId === id || n.status !== 'ONLINE')) break
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  if (warm) await spareLoaded(peer)
  return peer
}

interface JobResult { jobId: string, marks: Partial<Record<Mark, number>>, datasetBytes: number, twoPass: boolean, inspect?: Span, fetch?: Span, split?: Span }
const publishMs: number[] = []
let shared: { uri: string, bytes: number } | undefined
let seed = 0
async function publish (): Promise<{ uri: string, bytes: number }> {
  // the submitter publishes its dataset before submitting: not part of the latencies
  if (shared != null) return shared
  const tp = performance.now()
  const bytes = encodeCyxt(mnistDatasets({ train: samples, test: HELD_OUT, seed: ++seed }).train)
  const ds = { uri: ipfsUri(await store.addBytes(bytes)), bytes: bytes.byteLength }
  publishMs.push(performance.now() - tp)
  if (opts.sameDataset === true) shared = ds
  return ds
}
async function runJob (ds: { uri: string, bytes: number }, label: string): Promise<JobResult> {
  const start = performance.now()
  const { job } = await client.submit(specFor(ds.uri, payment.toString()))
  mark(job.jobId, 'start', start)
  mark(job.jobId, 'queued')
  // a job that stalls is named with where it stands, not waited on in silence
  const stall = setInterval(() => {
    void coordinator.jobs.jobs.get(job.jobId).then(j => {
      console.log(`${label}: not ended after ${((performance.now() - start) / 1000).toFixed(0)} s; at the coordinator ${j?.state ?? '?'} (${j?.message ?? ''}); marks so far: ${Object.keys(marks.get(job.jobId) ?? {}).join(', ')}`)
    })
  }, 60_000)
  const final = await client.watch(job.jobId, u => {
    if (u.metrics.has('batch_loss')) mark(job.jobId, 'firstProgress')
    if (u.state === JobState.COMPLETED) mark(job.jobId, 'completed')
  }).finally(() => { clearInterval(stall) })
  if (final?.state !== JobState.COMPLETED) throw new Error(`job ${job.jobId} ended ${final?.state}: ${final?.message}`)
  const m = marks.get(job.jobId) ?? {}
  const since = (k: Mark): string => ((m[k] ?? Number.NaN) - start).toFixed(0)
  const r = ran.get(job.jobId)
  console.log(`${label}${twoPass.has(ds.uri) ? ' (two-pass)' : ''} on ${r?.backend ?? '?'}, ${r?.warm === true ? 'warm' : 'cold'}: RUNNING ${since('running')} ms, first progress ${since('firstProgress')} ms, COMPLETED ${since('completed')} ms (accuracy ${(accuracy.get(job.jobId) ?? Number.NaN).toFixed(3)})`)
  return {
    jobId: job.jobId, marks: m, datasetBytes: ds.bytes, twoPass: twoPass.has(ds.uri),
    inspect: inspects.find(c => c.key === ds.uri && c.t0 >= start),
    fetch: pins.find(c => c.key === ds.uri && c.t0 >= start),
    split: splits.find(c => c.key === job.jobId)
  }
}
/** `n` jobs in rounds of `c` submitted at once */
async function runJobs (peer: PeerDaemon, n: number, c: number, label: string): Promise<JobResult[]> {
  const out: JobResult[] = []
  for (let i = 0; i < n; i += c) {
    if (opts.backToBack !== true) spareWaits.push(await spareLoaded(peer))
    const round: Array<{ uri: string, bytes: number }> = []
    for (let j = 0; j < Math.min(c, n - i); j++) {
      const ds = await publish()
      if (anchor && (i + j) % 2 === 1) twoPass.add(ds.uri)
      round.push(ds)
    }
    out.push(...await Promise.all(round.map(async (ds, j) => await runJob(ds, `${label} job ${i + j + 1}/${n}`))))
  }
  return out
}

console.log(`setup ${((performance.now() - tSetup) / 1000).toFixed(1)} s; ${count} jobs per peer (cold, warm) × concurrency ${sizes.join(', ')}, ${warmup} warm-up; ${samples} digits × ${epochs} epoch(s), batch ${batchSize}, payment ${payment} base units each`)
const t0 = performance.now()
const runs: Array<{ kind: 'cold' | 'warm', c: number, results: JobResult[] }> = []
for (const [i, c] of sizes.entries()) {
  for (const kind of ['cold', 'warm'] as const) {
    const peer = await startPeer(kind === 'warm')
    if (i === 0 && kind === 'cold' && warmup > 0) await runJobs(peer, warmup, 1, 'warm-up')
    runs.push({ kind, c, results: await runJobs(peer, count, c, `${kind} ×${c}`) })
    await peer.stop()
  }
}
const seconds = (performance.now() - t0) / 1000

const span = (results: JobResult[], a: Mark, b: Mark): number[] => results.map(r => (r.marks[b] ?? Number.NaN) - (r.marks[a] ?? Number.NaN))
const dur = (c?: Span): number => c == null ? Number.NaN : c.t1 - c.t0
const cell = (values: number[]): string => `${pct(values, 0.5).toFixed(0)} / ${pct(values, 0.9).toFixed(0)}`
const column = (kind: string, c: number): string => `${kind} ×${c}`

const waited = spareWaits.filter(w => w > 0)
console.log(opts.backToBack === true
  ? '\nrounds submitted back to back (--back-to-back): a warm peer may still be loading its next spare'
  : `\nbefore each round the bench waited for a warm peer's next spare to load: ${waited.length} of ${spareWaits.length} rounds waited, p50 ${pct(waited, 0.5).toFixed(0)} ms of those`)
console.log(`\nsubmit latencies on loopback, one free peer training for real (real libp2p, embedded cluster, in one process); ${runs.length * count + warmup} jobs in ${seconds.toFixed(1)} s`)
console.log(`dataset ${(runs[0]?.results[0]?.datasetBytes ?? 0) / 1e6} MB CYXT per job${opts.sameDataset === true ? ' (the same for every job)' : ' (a new CID per job)'}; client publish p50 ${pct(publishMs, 0.5).toFixed(1)} ms (before submit, not counted); the coordinator's dataset worker made ${decodes} passes over datasets for ${runs.length * count + warmup} jobs`)
console.log(`where the time goes, ms, p50 / p90 over ${anchor ? `${Math.ceil(count / 2)} and ${Math.floor(count / 2)}` : count} jobs per column (cold: a worker started per job; warm: the peer's loaded spare; ×c: jobs submitted at once${anchor ? '; 2-pass: the anchor, every other job, its dataset decoded again for the held-out split' : ''}):`)
const stages: Array<[string, (r: JobResult[]) => number[]]> = [
  ['submit → RUNNING', r => span(r, 'start', 'running')],
  ['submit → first progress (client)', r => span(r, 'start', 'firstProgress')],
  ['submit → COMPLETED, verified + paid (client)', r => span(r, 'start', 'completed')],
  ['submit call → QUEUED (client)', r => span(r, 'start', 'queued')],
  ['  submit call → job created (SUBMIT: dataset checked, split, lock prepared)', r => span(r, 'start', 'created')],
  ['    of which the coordinator checks the dataset (fetched from the client, pinned, decoded, split)', r => r.map(x => dur(x.inspect))],
  ['      of which fetched from the client and pinned', r => r.map(x => dur(x.fetch))],
  ['    of which the coordinator keeps its held-out samples (the training dataset published)', r => r.map(x => dur(x.split))],
  ['  job created → QUEUED (the client signs the lock, CONFIRM_LOCK, the lock lands)', r => span(r, 'created', 'queuedCoord')],
  ['QUEUED → RUNNING (match, assign, accept, report)', r => span(r, 'queuedCoord', 'running')],
  ['accepted → TRAINING (the peer fetches the dataset)', r => span(r, 'accepted', 'training')],
  ['TRAINING → worker started (spawn, tsx, tfjs + backend, model build)', r => span(r, 'training', 'workerStarted')],
  ['worker started → first progress at the client (1 batch + report)', r => span(r, 'workerStarted', 'firstProgress')],
  ['  of which coordinator → client relay', r => span(r, 'firstProgressCoord', 'firstProgress')],
  ['first progress → VERIFYING (rest of training, model on IPFS, proof, report)', r => span(r, 'firstProgress', 'verifying')],
  ['VERIFYING → COMPLETED (fetch model, hash, settle escrow)', r => span(r, 'verifying', 'completedCoord')]
]
const warmCount = (r: JobResult[]): string => `${r.filter(x => ran.get(x.jobId)?.warm === true).length} of ${r.length}`
const columns = runs.flatMap(run => anchor
  ? [{ name: column(run.kind, run.c), results: run.results.filter(r => !r.twoPass) }, { name: `${column(run.kind, run.c)} 2-pass`, results: run.results.filter(r => r.twoPass) }]
  : [{ name: column(run.kind, run.c), results: run.results }])
console.table(Object.fromEntries([
  ...stages.map(([name, f]) => [name, Object.fromEntries(columns.map(col => [col.name, cell(f(col.results))]))]),
  ['jobs that ran in a warm worker', Object.fromEntries(columns.map(col => [col.name, warmCount(col.results)]))]
]))
console.log('submit → first progress at the client, warm against cold (the anchor) in this run:')
const firstProgress = (kind: string, c: number): number[] => span(runs.find(r => r.kind === kind && r.c === c)?.results ?? [], 'start', 'firstProgress')
console.table(Object.fromEntries(sizes.map(c => {
  const cold = firstProgress('cold', c)
  const warm = firstProgress('warm', c)
  return [`×${c}`, {
    'cold p50': pct(cold, 0.5).toFixed(0), 'warm p50': pct(warm, 0.5).toFixed(0), 'p50 warm/cold': (pct(warm, 0.5) / pct(cold, 0.5)).toFixed(2),
    'cold p90': pct(cold, 0.9).toFixed(0), 'warm p90': pct(warm, 0.9).toFixed(0), 'p90 warm/cold': (pct(warm, 0.9) / pct(cold, 0.9)).toFixed(2)
  }]
})))
if (anchor) {
  console.log('submit → first progress and submit → job created (SUBMIT answered), one pass against two (the anchor, every other job) in this run:')
  const of = (kind: string, c: number, two: boolean, a: Mark, b: Mark): number[] => span((runs.find(r => r.kind === kind && r.c === c)?.results ?? []).filter(r => r.twoPass === two), a, b)
  const ratio = (one: number[], two: number[], p: number): string => (pct(one, p) / pct(two, p)).toFixed(2)
  console.table(Object.fromEntries(sizes.flatMap(c => (['warm', 'cold'] as const).flatMap(kind => ([['first progress', 'firstProgress'], ['job created', 'created']] as const).map(([what, m]) => {
    const one = of(kind, c, false, 'start', m)
    const two = of(kind, c, true, 'start', m)
    return [`${kind} ×${c} ${what}`, {
      'one-pass p50': pct(one, 0.5).toFixed(0), 'two-pass p50': pct(two, 0.5).toFixed(0), 'p50 one/two': ratio(one, two, 0.5),
      'one-pass p90': pct(one, 0.9).toFixed(0), 'two-pass p90': pct(two, 0.9).toFixed(0), 'p90 one/two': ratio(one, two, 0.9)
    }]
  })))))
}
await client.close()
await coordinator.stop()
await rm(dir, { recursive: true, force: true })
