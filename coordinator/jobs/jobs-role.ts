/**
 * The coordinator's job machinery in one place: the job store and state machine, sessions,
 * reputation, the jobs / updates / reports protocols and the matching loop, built over the
 * components the coordinator already has (node, store, registry, escrow, treasury).
 */
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import { JobState, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import type { ProtocolIds } from '../../protocols/ids.js'
import type { LevelStore } from '../../src/storage/level-store.js'
import type { NodeRegistry } from '../registry/node-registry.js'
import type { EscrowService } from '../escrow/escrow-service.js'
import type { Treasury } from '../escrow/treasury.js'
import { JobStore } from './job-store.js'
import { JobLifecycle } from './lifecycle.js'
import { ServiceList } from '../../src/service-list.js'
import { Sessions } from './sessions.js'
import { Reputation } from './reputation.js'
import { jobService, type JobService } from './job-service.js'
import { scheduler, defaultSchedulerInit, type Scheduler, type SchedulerInit } from './scheduler.js'
import { handleJobReports } from './report-handler.js'
import { handleJobUpdates } from './updates-handler.js'
import type { AnalyzeModel } from './estimate.js'
import { PriceIndex } from './price-index.js'
import type { MatchFn } from './match-types.js'
import type { IpfsStore } from '../../src/storage/ipfs.js'
import { datasetGate, PinQuota, type DatasetGateInit } from './dataset-gate.js'
import { verifier, type VerifierInit } from './verifier.js'
import { outcomes, defaultOutcomesInit, type Outcomes } from './outcomes.js'
import { recovery, type RecoveryInit } from './recovery.js'
import { auditor, type AuditorInit } from './auditor.js'
import { heldOut, type HeldOutInit } from './held-out.js'
import { checker, type CheckerInit } from '../../src/training/checker.js'
import { datasetDecoder } from '../../src/training/dataset-decoder.js'

export interface JobsOptions {
  /** matcher period and peer deadlines (tests shorten them) */
  scheduler: Partial<Omit<SchedulerInit, 'protocol'>>
  /** dataset size and fetch limits */
  datasets: Partial<DatasetGateInit>
  /** model / checkpoint size and fetch limits */
  verifier: Partial<VerifierInit>
  /** how much of a job's work is replayed, and the deviation accepted */
  auditor: Partial<AuditorInit>
  /** how much of each dataset the coordinator keeps for its own evaluation */
  heldOut: Partial<HeldOutInit>
  /** the worker thread that builds, replays and evaluates models for the checks */
  checker: Partial<CheckerInit>
  /** when a job is taken from a lost or silent peer */
  recovery: Partial<RecoveryInit>
  /** market price per compute unit when no peer is online to set one */
  defaultPrice: bigint
  /** the retry schedule's first delay for fetches and settlement sends, ms (1000: retries after 1, 2, 4, 8, 16 s) */
  retryBase: number
  /** how long a completed job's model may stay unfetchable before it fails (outcomes.ts) */
  verifyDeadline: number
}

export const defaultJobsOptions: JobsOptions = {
  scheduler: {},
  datasets: {},
  verifier: {},
  auditor: {},
  heldOut: {},
  checker: {},
  recovery: {},
  // the peers' default price: an estimate with nobody online still says something sensible
  defaultPrice: 10n,
  retryBase: defaultOutcomesInit.retryBase,
  verifyDeadline: defaultOutcomesInit.verifyDeadline
}

export interface JobsComponents {
  ids: ProtocolIds
  node: Pick<Libp2p, 'handle' | 'dialProtocol' | 'peerId'>
  store: LevelStore
  registry: NodeRegistry
  escrow: EscrowService
  treasury: Treasury
  ipfs: IpfsStore
  analyze: AnalyzeModel
  match: MatchFn
  /** told of every refused job request, by operation and code */
  refused?: (op: string, code: string) => void
  logger: ComponentLogger
}

export interface JobsRole {
  jobs: JobLifecycle
  scheduler: Scheduler
  service: JobService
  outcomes: Outcomes
  /** wallets' sessions (the faucet grants only to a wallet with one) */
  sessions: Sessions
  stop(): Promise<void>
}

export async function startJobs (o: JobsOptions, c: JobsComponents): Promise<JobsRole> {
  const store = new JobStore(c.store)
  await store.migrate()
  const jobs = new JobLifecycle(store)
  const sessions = new Sessions({ coordinator: c.node.peerId.toString() })
  const reputation = new Reputation(c.store)
  await reputation.load()
  const matching = scheduler({ ...o.scheduler, protocol: c.ids.protocols.assignment, cancelProtocol: c.ids.protocols.jobCancel })({
    node: c.node, jobs, registry: c.registry, reputation, match: c.match, logger: c.logger
  })

  // the market price: kept from the registry's events, only peers with verified jobs move it
  const prices = new PriceIndex({ registry: c.registry, verified: (nodeId) => reputation.counts(nodeId).verified })
  await prices.start()

  const checks = checker(o.checker)()
  const decoder = datasetDecoder()()
  const held = heldOut(o.heldOut)({ ipfs: c.ipfs, decoder, store: c.store })
  const checkStates = verifier(o.verifier)({ ipfs: c.ipfs, checker: checks, models: store })
  const audits = auditor(o.auditor)({ checker: checks, verifier: checkStates, ipfs: c.ipfs, reputation, heldOut: held })
  const ends = outcomes({ retryBase: o.retryBase, verifyDeadline: o.verifyDeadline })({
    jobs, escrow: c.escrow, registry: c.registry, verifier: checkStates, auditor: audits, reputation, logger: c.logger
  })
  const service = jobService({ protocol: c.ids.protocols.jobs })({
    node: c.node, jobs, sessions, escrow: c.escrow,
    ledgerInfo: { authority: c.treasury.authority.address, mint: c.treasury.ledger.mint },
    analyze: c.analyze,
    datasets: datasetGate(o.datasets)({ ipfs: c.ipfs, decoder, quota: new PinQuota(c.store), logger: c.logger }),
    heldOut: held,
    price: () => prices.price(o.defaultPrice),
    estimatedStart: (s) => estimatedStart(s, matching, o.scheduler.interval ?? defaultSchedulerInit.interval),
    kick: () => { matching.kick() },
    cancelLocked: async (job) => {
      const done = await ends.cancelled(job.jobId)
      if (job.lease != null) void matching.notifyCancel(job) // best effort: its reports are refused from now on anyway
      return done
    },
    ...(c.refused != null ? { refused: c.refused } : {}),
    logger: c.logger
  })
  const sweeps = recovery(o.recovery)({ jobs, registry: c.registry, reputation, audit: async (job) => await ends.auditLease(job), logger: c.logger })
  // in order, stopped in reverse: outcomes last to stop, so no settlement is cut off by the others
  const services = new ServiceList(c.logger.forComponent('cyxwiz:coordinator:jobs'))
  try {
    await reconcileRefunds(jobs, c.escrow, c.logger)
    await services.start([{ name: 'checker', service: checks }, { name: 'dataset decoder', service: decoder }, { name: 'outcomes', service: ends }, { name: 'jobs protocol', service }])
    await handleJobReports(c.ids.protocols.jobReport, { node: c.node, jobs, outcomes: ends, logger: c.logger })
    await handleJobUpdates(c.ids.protocols.jobUpdates, { node: c.node, jobs, sessions, logger: c.logger })
    await services.start([{ name: 'recovery', service: sweeps }, { name: 'scheduler', service: matching }])
  } catch (err) {
    await services.stop()
    throw err
  }
  return { jobs, scheduler: matching, service, outcomes: ends, sessions, stop: async () => { await services.stop() } }
}

/**
 * A job that ended CANCELLED or FAILED has its transition on disk before its refund is sent; if the
 * coordinator died in between, the refund is sent now (refunds are idempotent).
 */
async function reconcileRefunds (jobs: JobLifecycle, escrow: EscrowService, logger: ComponentLogger): Promise<void> {
  const log = logger.forComponent('cyxwiz:coordinator:jobs')
  for await (const j of jobs.store.inState(JobState.CANCELLED, JobState.FAILED)) {
    const e = await escrow.state(j.jobId)
    if (e?.state !== 'LOCKED' && e?.state !== 'SETTLING' && e?.state !== 'LOCKING') continue
    await escrow.refund(j.jobId).catch((err: unknown) => { log.error('refund of %s after restart failed: %e', j.jobId, err) })
  }
}

/**
 * A rough start time: the next matcher tick when a fitting peer has a free slot now, else one minute
 * per job queued ahead — a guess until completed jobs give real durations.
 */
function estimatedStart (s: SubmitJob, scheduler: Scheduler, interval: number): number {
  const now = Date.now()
  const free = scheduler.lastCandidates.some(cand => cand.liveness === 'ONLINE' &&
    (s.requiredDevice !== RequiredDevice.GPU || cand.offer.deviceKind === 'GPU') &&
    cand.activeJobs < cand.offer.maxQueueLength)
  return free ? now + interval : now + 60_000 * (scheduler.queuedCount() + 1)
}
