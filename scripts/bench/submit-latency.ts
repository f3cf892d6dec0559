/**
 * Benchmark (not a test): submit → RUNNING latency on loopback with a free peer. A coordinator and a
 * peer daemon run in this process (real libp2p over TCP, the embedded cluster); a client submits jobs
 * one after another through the jobs protocol — session, validation, estimate, escrow lock signed
 * offline, queue, match, assignment, accept, RUNNING report — and each job's time from the submit
 * call to its RUNNING transition is recorded.
 *
 *   npm run bench:submit -- --jobs 50
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { generateKeyPairSigner } from '@solana/kit'
import { JobState, JobType, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import { Coordinator } from '../../coordinator/coordinator.js'
import { PeerDaemon } from '../../peer/daemon.js'
import { JobClient } from '../../peer/job-client.js'

const opts = new Command().option('--jobs <n>', 'jobs to submit', '50').parse().opts<{ jobs: string }>()
const count = Math.max(1, Number.parseInt(opts.jobs, 10) || 50)
const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-bench-submit-'))
const coordinator = await Coordinator.start({ dataDir: join(dir, 'c'), listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000 })
const addr = coordinator.multiaddrs()[0]?.toString() ?? ''
const peer = await PeerDaemon.start({ dataDir: join(dir, 'p'), bootstrap: [addr], listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000, maxQueueLength: 1024 })
const wallet = await generateKeyPairSigner()
await coordinator.treasury.airdrop?.(wallet.address, BigInt(count) * 1_000_000n + 1_000_000n)
while ((await coordinator.registry.list()).every(n => n.availability.byteLength === 0 || n.status !== 'ONLINE')) await new Promise(resolve => setTimeout(resolve, 100))

const model = await readFile(new URL('../../test/fixtures/jobs/mlp.json', import.meta.url), 'utf8')
const spec: SubmitJob = {
  jobType: JobType.TRAINING, modelDefinition: model, datasetUri: 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
  datasetSamples: 1000n, hyperparameters: { epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', validationSplit: 0, metrics: ['accuracy'] },
  paymentAmount: '1000000', requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, wallet: wallet.address
}
const running = new Map<string, number>()
coordinator.jobs.jobs.on('update', (job) => { if (job.state === JobState.RUNNING) running.set(job.jobId, performance.now()) })

const client = await JobClient.open(addr, wallet)
const latencies: number[] = []
const t0 = performance.now()
for (let i = 0; i < count; i++) {
  const start = performance.now()
  const { job } = await client.submit(spec)
  while (!running.has(job.jobId)) await new Promise(resolve => setTimeout(resolve, 1))
  latencies.push((running.get(job.jobId) ?? 0) - start)
}
const seconds = (performance.now() - t0) / 1000
const sorted = [...latencies].sort((a, b) => a - b)
const pct = (p: number): number => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
console.log('submit → RUNNING on loopback, one free peer (real libp2p, embedded cluster, in one process)')
console.log(`jobs: ${count} in ${seconds.toFixed(1)} s; latency p50 ${pct(0.5).toFixed(1)} ms, p99 ${pct(0.99).toFixed(1)} ms, max ${pct(1).toFixed(1)} ms`)
await client.close()
await peer.stop()
await coordinator.stop()
await rm(dir, { recursive: true, force: true })
