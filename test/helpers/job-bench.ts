/**
 * A coordinator's job parts in one process, for the fast tests: a real lifecycle over a level
 * store in a temp dir, on a clock the test moves; jobs brought to a state through the lifecycle's
 * own transitions; a node registry stand-in whose peers' offers and liveness the test sets; and a
 * wait for the next update of a job that matches a condition.
 */
import { EventEmitter } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Availability, DeviceKind } from '../../protocols/availability.js'
import { JobState, JobType, RequiredDevice, type JobRecord, type SubmitJob } from '../../protocols/jobs.js'
import { Liveness, type NodeInfo } from '../../protocols/nodes.js'
import { blankRecord } from '../../coordinator/jobs/job-view.js'
import { JobStore } from '../../coordinator/jobs/job-store.js'
import { JobLifecycle } from '../../coordinator/jobs/lifecycle.js'
import { Reputation } from '../../coordinator/jobs/reputation.js'
import type { NodeRegistry, NodeRegistryEvents } from '../../coordinator/registry/node-registry.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { specOf } from '../../src/training/spec.js'

export const MODEL = '{"format":"cyxwiz-graph","nodes":[]}'

export interface JobBench {
  dir: string
  level: LevelStore
  jobs: JobLifecycle
  reputation: Reputation
  /** the time the lifecycle writes, ms; move it with `clock.ms += …` */
  clock: { ms: number }
  close: () => Promise<void>
}

export async function openBench (): Promise<JobBench> {
  const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-bench-'))
  const level = await LevelStore.open(dir)
  const clock = { ms: Date.now() }
  return {
    dir, level, clock,
    jobs: new JobLifecycle(new JobStore(level), () => clock.ms),
    reputation: new Reputation(level),
    close: async () => {
      await level.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
}

let n = 0

/** a new job, queued (its lock signed): a 3-epoch training of MODEL, paying 100 */
export async function queuedJob (jobs: JobLifecycle, o: { epochs?: number } = {}): Promise<JobRecord> {
  const jobId = `job-${process.pid}-${++n}`
  const submit: SubmitJob = {
    jobType: JobType.TRAINING, modelDefinition: MODEL, datasetUri: 'ipfs://bafkreidataset', datasetSamples: 100n, paymentAmount: '100',
    requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, wallet: 'submitter-wallet',
    hyperparameters: { epochs: o.epochs ?? 3, batchSize: 0, learningRate: 0, optimizer: '', validationSplit: 0, metrics: [] }
  }
  const now = BigInt(Date.now())
  await jobs.create({ ...blankRecord(), jobId, state: JobState.PENDING_LOCK, wallet: submit.wallet, request: { ...submit, modelDefinition: '' }, spec: specOf(submit, 100n), createdMs: now, updatedMs: now }, MODEL, 'created')
  return await jobs.queue(jobId, 0, 'payment locked')
}

/** a new job RUNNING on `node` under `leaseId`, with `verified` epochs' checkpoints accepted */
export async function runningJob (jobs: JobLifecycle, node: string, leaseId: string, verified = 0): Promise<JobRecord> {
  const { jobId } = await queuedJob(jobs)
  await jobs.assign(jobId, { leaseId, node, score: 1, breakdown: [] })
  let job = await jobs.start(jobId, leaseId, { progress: 0, currentEpoch: 0 })
  for (let e = 1; e <= verified; e++) job = await jobs.acceptCheckpoint(jobId, leaseId, `ipfs://bafkreicheckpoint${e}`, e)
  return job
}

/** the next update of `jobId` that satisfies `done` (listening starts now, before the cause) */
export async function nextUpdate (jobs: JobLifecycle, jobId: string, done: (j: JobRecord) => boolean): Promise<JobRecord> {
  return await new Promise((resolve) => {
    const on = (j: JobRecord): void => {
      if (j.jobId !== jobId || !done(j)) return
      jobs.off('update', on)
      resolve(j)
    }
    jobs.on('update', on)
  })
}

/** a peer's offer as the registry holds it: a CPU, price 10 per unit, paid to `wallet` */
export function offerOf (nodeId: string, wallet: string): Uint8Array<ArrayBuffer> {
  return Availability.encode({
    nodeId, seqno: 1n, timestampMs: BigInt(Date.now()), deviceKind: DeviceKind.CPU, deviceModel: 'test', gpuMemoryBytes: 0n, cpuCores: 4,
    ramBytes: 1n << 33n, backends: ['wasm'], pricePerUnit: '10', location: '', walletAddress: wallet, softwareVersion: '0.1.0', maxQueueLength: 2
  })
}

/** the node registry as the scheduler and recovery see it: peers the test adds, liveness it sets */
export class FakeRegistry extends EventEmitter<NodeRegistryEvents> {
  readonly nodes = new Map<string, NodeInfo>()

  /** this, typed as the registry's parts the services use (its `on` returns the registry itself) */
  get view (): Pick<NodeRegistry, 'list' | 'get' | 'on'> { return this as unknown as Pick<NodeRegistry, 'list' | 'get' | 'on'> }

  /** sets a peer's liveness without telling anyone, as a registry read back from disk has it */
  mark (nodeId: string, status: Liveness): void {
    const node = this.nodes.get(nodeId)
    if (node == null) throw new Error(`no node ${nodeId}`)
    node.status = status
  }

  add (nodeId: string, wallet = `wallet-of-${nodeId.slice(-6)}`): void {
    this.nodes.set(nodeId, { nodeId, status: Liveness.ONLINE, firstSeenMs: 1n, lastSeenMs: 1n, heartbeat: new Uint8Array(), availability: offerOf(nodeId, wallet) })
  }

  /** sets a peer's liveness and tells listeners, as the registry's sweep does */
  setStatus (nodeId: string, to: Liveness): void {
    const node = this.nodes.get(nodeId)
    if (node == null) throw new Error(`no node ${nodeId}`)
    const from = node.status
    node.status = to
    this.emit('status', { nodeId, from, to })
  }

  async get (nodeId: string): Promise<NodeInfo | undefined> { return this.nodes.get(nodeId) }
  async list (): Promise<NodeInfo[]> { return [...this.nodes.values()] }
}
