/**
 * The stored job and the wire's view of it. The coordinator keeps a `JobRecord` (the training spec,
 * the lease, the verified model and the payout as parts of their own); clients get a `JobInfo`
 * built from it here, the one place that knows both shapes. `recordOf` reads the flat `JobInfo`
 * that older releases stored.
 */
import { JobRecord, type JobInfo } from '../../protocols/jobs.js'

/** the wire view of a stored job; `modelDefinition` fills in the request's model (GET shows it) */
export function jobInfoOf (r: JobRecord, modelDefinition = ''): JobInfo {
  const { lease, model, ...rest } = r
  return {
    ...rest,
    request: r.request != null ? { ...r.request, modelDefinition: modelDefinition !== '' ? modelDefinition : r.request.modelDefinition } : undefined,
    assignedNode: lease?.node ?? '',
    leaseId: lease?.id ?? '',
    assignedMs: lease?.assignedMs ?? 0n,
    leaseStartEpoch: lease?.startEpoch ?? 0,
    score: lease?.score ?? 0,
    scoreBreakdown: lease?.scoreBreakdown ?? [],
    modelUri: model?.uri ?? '',
    modelHash: model?.hash ?? '',
    finalMetrics: model?.finalMetrics ?? new Map(),
    computeTimeMs: model?.computeTimeMs ?? 0n
  }
}

/** a record with every field at its zero value (empty lists, 0, ''), to fill in */
export function blankRecord (): JobRecord {
  return JobRecord.decode(new Uint8Array())
}

/** a job as an older release stored it (the flat wire message) */
export function recordOf (j: JobInfo): JobRecord {
  return {
    ...blankRecord(),
    jobId: j.jobId, state: j.state, submitterPeer: j.submitterPeer, wallet: j.wallet, request: j.request, spec: j.spec, estimate: j.estimate,
    dataset: j.dataset, escrow: j.escrow, whyNot: j.whyNot, excludedNodes: j.excludedNodes, contributions: j.contributions, progress: j.progress,
    currentEpoch: j.currentEpoch, backend: j.backend, message: j.message, createdMs: j.createdMs, updatedMs: j.updatedMs,
    estimatedStartMs: j.estimatedStartMs, queuedMs: j.queuedMs, checkpointUri: j.checkpointUri, verifiedEpochs: j.verifiedEpochs,
    completion: j.completion, verifyingSinceMs: j.verifyingSinceMs, payout: j.payout,
    ...(j.leaseId !== '' ? { lease: { id: j.leaseId, node: j.assignedNode, assignedMs: j.assignedMs, startEpoch: j.leaseStartEpoch, startUri: '', trajectory: [], pending: [], score: j.score, scoreBreakdown: j.scoreBreakdown } } : {}),
    ...(j.modelUri !== '' ? { model: { uri: j.modelUri, hash: j.modelHash, finalMetrics: j.finalMetrics, computeTimeMs: j.computeTimeMs } } : {})
  }
}
