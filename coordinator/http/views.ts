/**
 * What the dashboard is sent: plain JSON views of nodes, jobs and money, built from the registry's
 * records and the stored jobs (bigints become numbers or decimal strings). A wallet's view of a job
 * is the same as the operator's; which jobs it gets is decided by the caller (dashboard-feed.ts).
 */
import { Availability } from '../../protocols/availability.js'
import { Heartbeat } from '../../protocols/heartbeat.js'
import type { NodeInfo } from '../../protocols/nodes.js'
import type { JobRecord } from '../../protocols/jobs.js'
import type { HardwarePoint, JobView, MoneyView, NodeView } from '../../src/http/dashboard-types.js'

const finite = (x: number): number | null => Number.isFinite(x) ? x : null

export function nodeView (n: NodeInfo, reputation: number | undefined): NodeView {
  let offer: Availability | undefined
  let beat: Heartbeat | undefined
  try { if (n.availability.byteLength > 0) offer = Availability.decode(n.availability) } catch {}
  try { if (n.heartbeat.byteLength > 0) beat = Heartbeat.decode(n.heartbeat) } catch {}
  return {
    id: n.nodeId,
    status: n.status,
    lastSeenMs: Number(n.lastSeenMs),
    device: offer?.deviceKind ?? '',
    model: offer?.deviceModel ?? '',
    cores: offer?.cpuCores ?? 0,
    ramBytes: Number(offer?.ramBytes ?? 0n),
    gpuMemoryBytes: Number(offer?.gpuMemoryBytes ?? 0n),
    backends: offer?.backends ?? [],
    price: offer?.pricePerUnit ?? '',
    location: offer?.location ?? '',
    wallet: offer?.walletAddress ?? '',
    version: offer?.softwareVersion ?? beat?.softwareVersion ?? '',
    queue: beat?.queueLength ?? 0,
    reputation: reputation ?? null,
    hardware: hardwarePoint(beat)
  }
}

/** the heartbeat's snapshot as one point: mean CPU load per core, first GPU, RAM used, bytes received */
export function hardwarePoint (beat: Heartbeat | undefined): HardwarePoint | null {
  const h = beat?.metrics
  if (h == null) return null
  const cores = h.cores.map(c => c.loadPercent)
  return {
    t: Number(h.sampledAtMs),
    cpu: cores.length > 0 ? cores.reduce((a, b) => a + b, 0) / cores.length : 0,
    cores,
    gpu: h.gpus[0]?.utilizationPercent ?? null,
    ram: Number(h.ramTotalBytes) > 0 ? 100 * Number(h.ramUsedBytes) / Number(h.ramTotalBytes) : 0,
    net: h.netRxBytes != null ? Number(h.netRxBytes) : null
  }
}

export function jobView (j: JobRecord): JobView {
  const v = j.verification
  return {
    id: j.jobId,
    state: j.state,
    wallet: j.wallet,
    progress: j.progress,
    epoch: j.currentEpoch,
    epochs: j.spec?.hyperparameters?.epochs ?? 0,
    message: j.message,
    createdMs: Number(j.createdMs),
    updatedMs: Number(j.updatedMs),
    payment: j.request?.paymentAmount ?? '',
    estimate: j.estimate?.total ?? '',
    backend: j.backend,
    node: j.lease?.node ?? '',
    score: j.lease?.score ?? 0,
    breakdown: (j.lease?.scoreBreakdown ?? []).map(t => ({ name: t.name, value: t.value, weight: t.weight, weighted: t.weighted })),
    whyNot: j.whyNot.map(w => ({ node: w.nodeId, code: w.code, reason: w.reason })),
    verifiedEpochs: j.verifiedEpochs,
    verification: v == null
      ? null
      : {
          passed: v.passed, reason: v.reason, segments: v.segments, checked: v.segmentsChecked, maxDeviation: v.maxDeviation, tolerance: v.tolerance,
          heldOutSamples: v.heldOutSamples, heldOutAccuracy: finite(v.heldOutAccuracy), claimedAccuracy: finite(v.claimedAccuracy)
        },
    payout: j.payout == null
      ? null
      : { outcome: j.payout.outcome, reason: j.payout.reason, peer: j.payout.peer, fee: j.payout.fee, refund: j.payout.refund, signature: j.payout.signature, earnedBps: j.payout.earnedBps },
    modelUri: j.model?.uri ?? '',
    history: j.history,
    contributions: j.contributions.map(c => ({ node: c.node, epochs: c.epochs }))
  }
}

/** escrow money over the jobs shown, base units as decimal strings */
export function moneyOf (jobs: Iterable<JobView>): MoneyView {
  let locked = 0n; let paid = 0n; let refunded = 0n; let fees = 0n
  const big = (s: string): bigint => /^\d+$/.test(s) ? BigInt(s) : 0n
  for (const j of jobs) {
    if (j.payout?.signature != null && j.payout.signature !== '') {
      paid += big(j.payout.peer); fees += big(j.payout.fee); refunded += big(j.payout.refund)
    } else if (j.state !== 'PENDING_LOCK' && j.state !== 'CANCELLED' && j.state !== 'FAILED' && j.state !== 'COMPLETED') {
      locked += big(j.payment)
    }
  }
  return { locked: locked.toString(), paid: paid.toString(), refunded: refunded.toString(), fees: fees.toString() }
}
