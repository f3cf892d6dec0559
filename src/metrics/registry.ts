/**
 * One typed prom-client registry per role (coordinator, peer). Everything a role counts is declared
 * here so names and labels stay consistent; the role's /metrics serves the lot, with prom-client's
 * default process metrics and libp2p's own (registered on the same registry by the node factory).
 * Labels are few and bounded (states, codes, flows): never a job id or a peer id.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client'

export type GossipAction = 'accept' | 'ignore' | 'reject'

export interface CyxwizMetrics {
  registry: Registry
  /** every gossip message seen by the validation adapter, by topic, action and code */
  gossipValidation: Counter<'topic' | 'action' | 'code'>
  /** heartbeats and availability messages written to the registry */
  registryWrites: Counter<'kind'>
  /** nodes per liveness status, refreshed by the sweeper */
  nodesByStatus: Gauge<'status'>
  /** age of a heartbeat when the coordinator stored it (its timestamp to now), seconds */
  heartbeatAge: Histogram
  /** coordinator: jobs per state (every job ever submitted, by where it is now) */
  jobsByState: Gauge<'state'>
  /** coordinator: jobs created (a submission that passed validation and awaits its lock) */
  jobSubmissions: Counter
  /** coordinator: job requests refused, by operation and code */
  jobRefusals: Counter<'op' | 'code'>
  /** coordinator: model definitions the validator refused (estimates and submissions), by code */
  modelRefusals: Counter<'code'>
  /** coordinator: one matching pass over the queue and the candidates, seconds */
  matcherTick: Histogram
  /** coordinator: jobs handed to a peer (a re-queued job counts again) */
  assignments: Counter
  /** coordinator: from a job's submission to its first RUNNING, seconds */
  submitToStart: Histogram
  /** coordinator: lease verifications by result (passed, failed) */
  verifications: Counter<'result'>
  /** coordinator: verification work, seconds, by phase (replay, evaluate) */
  verificationSeconds: Counter<'phase'>
  /** coordinator: batches replayed to check peers' work */
  verificationBatches: Counter
  /** coordinator: escrow money by flow (locked, paid, refunded, fees), base units */
  escrowFlow: Counter<'flow'>
  /** peer: training speed of the last progress report, samples per second */
  trainingSamplesPerSecond: Gauge
  /** peer: batches trained */
  trainingBatches: Counter
  /** peer: epochs trained (each one checkpointed) */
  trainingEpochs: Counter
  /** peer: payment of the jobs this peer completed, before the platform's fee, base units */
  completedPayment: Counter
}

export function createMetrics (role: 'coordinator' | 'peer' | 'client'): CyxwizMetrics {
  const registry = new Registry()
  registry.setDefaultLabels({ role })
  return {
    registry,
    gossipValidation: new Counter({
      name: 'cyxwiz_gossip_validation_total',
      help: 'Gossip messages seen by the validation adapter',
      labelNames: ['topic', 'action', 'code'] as const,
      registers: [registry]
    }),
    registryWrites: new Counter({
      name: 'cyxwiz_registry_writes_total',
      help: 'Node registry writes',
      labelNames: ['kind'] as const,
      registers: [registry]
    }),
    nodesByStatus: new Gauge({
      name: 'cyxwiz_nodes',
      help: 'Nodes in the registry by liveness status',
      labelNames: ['status'] as const,
      registers: [registry]
    }),
    heartbeatAge: new Histogram({
      name: 'cyxwiz_heartbeat_age_seconds',
      help: 'Time from a heartbeat timestamp to its storage on the coordinator',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry]
    }),
    jobsByState: new Gauge({ name: 'cyxwiz_jobs', help: 'Jobs by state', labelNames: ['state'] as const, registers: [registry] }),
    jobSubmissions: new Counter({ name: 'cyxwiz_job_submissions_total', help: 'Jobs submitted (validated, awaiting the escrow lock)', registers: [registry] }),
    jobRefusals: new Counter({ name: 'cyxwiz_job_refusals_total', help: 'Job requests refused, by operation and code (estimates, submissions, lock confirmations, cancels, …)', labelNames: ['op', 'code'] as const, registers: [registry] }),
    modelRefusals: new Counter({ name: 'cyxwiz_model_refusals_total', help: 'Model definitions refused by the validator (estimates and submissions), by code', labelNames: ['code'] as const, registers: [registry] }),
    matcherTick: new Histogram({
      name: 'cyxwiz_matcher_tick_seconds',
      help: 'One matching pass over the queued jobs and the candidate peers',
      // the benchmark's range: well under a millisecond for a few jobs, ~25 ms at 500 × 10,000
      buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1],
      registers: [registry]
    }),
    assignments: new Counter({ name: 'cyxwiz_assignments_total', help: 'Jobs assigned to a peer', registers: [registry] }),
    submitToStart: new Histogram({
      name: 'cyxwiz_job_submit_to_start_seconds',
      help: 'Time from a job\'s submission to its first RUNNING',
      // a match tick (5 s) plus the dataset fetch on a quiet network; minutes when the queue is long
      buckets: [1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
      registers: [registry]
    }),
    verifications: new Counter({ name: 'cyxwiz_verifications_total', help: 'Lease verifications by result', labelNames: ['result'] as const, registers: [registry] }),
    verificationSeconds: new Counter({ name: 'cyxwiz_verification_seconds_total', help: 'Time spent verifying peers\' work, by phase', labelNames: ['phase'] as const, registers: [registry] }),
    verificationBatches: new Counter({ name: 'cyxwiz_verification_batches_replayed_total', help: 'Batches replayed to check peers\' work', registers: [registry] }),
    escrowFlow: new Counter({ name: 'cyxwiz_escrow_base_units_total', help: 'Escrow money by flow (locked, paid, refunded, fees), base units', labelNames: ['flow'] as const, registers: [registry] }),
    trainingSamplesPerSecond: new Gauge({ name: 'cyxwiz_peer_training_samples_per_second', help: 'Training speed at the last progress report', registers: [registry] }),
    trainingBatches: new Counter({ name: 'cyxwiz_peer_training_batches_total', help: 'Batches trained', registers: [registry] }),
    trainingEpochs: new Counter({ name: 'cyxwiz_peer_training_epochs_total', help: 'Epochs trained and checkpointed', registers: [registry] }),
    completedPayment: new Counter({ name: 'cyxwiz_peer_completed_payment_base_units_total', help: 'Payment of the jobs this peer completed, before the platform fee, base units', registers: [registry] })
  }
}

/** Reads the gossip validation counter as `{ "topic/action/code": n }`, for tests, logs and the CLI. */
export async function gossipCounts (metrics: CyxwizMetrics): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const v of (await metrics.gossipValidation.get()).values) {
    out[`${v.labels.topic ?? ''}/${v.labels.action ?? ''}/${v.labels.code ?? ''}`] = v.value
  }
  return out
}
