/**
 * Proof of learning: the coordinator's check that a lease's peer really trained what it claims.
 *
 * - **Replay spot-checks.** The lease's segments (audit-plan.ts) run from its starting state through
 *   every state it committed to. After the peer has committed to all of them, the auditor draws
 *   `reputation.spotChecks(...)` of them (about `budget` of the lease's batches; fewer for a trusted
 *   peer, never none), and for each one replays its batches itself, in the checker's worker, from
 *   the committed start state on the job's own model, data order and hyperparameters. The replayed
 *   end state must be within `tolerance` of the committed one: the deviation is
 *   ‖claimed − replayed‖ / ‖replayed − start‖ over the model's weights, so an honest peer on any
 *   backend stays near 0 (float order only) and a peer that skipped steps, applied no update, handed
 *   in an earlier state or trained on other data lands near 1.
 * - **The final model** must be exactly the last state the peer committed to (the last epoch's
 *   checkpoint), so the model paid for is the one the checks were about.
 * - **The held-out evaluation.** The final model is evaluated on the coordinator's own held-out
 *   slice (held-out.ts), which no peer has seen; the peer's signed claim (final_accuracy, else
 *   final_loss) must agree with it within `claimTolerance` when it is a measurement of the final
 *   weights (the job has a validation split; otherwise it is a training running mean, only shown).
 *
 * All states come from the coordinator's own pinned copies (each was fetched and checked when it was
 * committed), so an audit never waits on the peer. The result is a `Verification` kept on the job.
 */
import type { JobRecord, Lease, Verification } from '../../protocols/jobs.js'
import type { Checker } from '../../src/training/checker.js'
import type { ModelFiles } from '../../src/training/model-files.js'
import { REPLAY_TOLERANCE } from '../../src/training/replay.js'
import { parseIpfsUri, type IpfsStore } from '../../src/storage/ipfs.js'
import { pickSegments, segmentsOf } from './audit-plan.js'
import type { Verifier } from './verifier.js'
import type { Reputation } from './reputation.js'
import type { HeldOut } from './held-out.js'

export interface AuditorInit {
  /** the share of a lease's batches replayed (before reputation lowers it) */
  budget: number
  /** the largest replay deviation accepted (see src/training/replay.ts for its calibration) */
  tolerance: number
}

export const defaultAuditorInit: AuditorInit = {
  // a tenth of the job's compute buys two random segments of twenty: a peer faking half its work
  // is caught three times in four, one faking all of it always
  budget: 0.1,
  tolerance: REPLAY_TOLERANCE
}

export interface AuditorComponents {
  checker: Pick<Checker, 'replay' | 'evaluate' | 'sameModelWeights'>
  verifier: Pick<Verifier, 'files' | 'definition'>
  ipfs: Pick<IpfsStore, 'cat'>
  reputation: Pick<Reputation, 'spotChecks'>
  heldOut: Pick<HeldOut, 'get'>
}

/**
 * How far a peer's claim may sit from the held-out measurement: 5 points of accuracy for the gap
 * between the peer's validation samples and ours, plus three standard errors of a proportion
 * measured on n samples (at most 1.5/√n): 0.125 on 400 samples, 0.084 on 2,000. A loss (no
 * accuracy) may differ by half the larger of the two plus 0.05.
 */
export function claimTolerance (n: number): number {
  return 0.05 + 1.5 / Math.sqrt(Math.max(1, n))
}

const NONE = Number.NaN

export function blankVerification (): Verification {
  return {
    segments: 0, segmentsChecked: 0, batchesReplayed: 0, batchesTotal: 0, maxDeviation: 0, tolerance: 0, replayMs: 0n, evaluateMs: 0n,
    heldOutSamples: 0, heldOutAccuracy: NONE, heldOutLoss: NONE, claimedAccuracy: NONE, claimedLoss: NONE, passed: true, reason: '', backend: ''
  }
}

export class Auditor {
  private readonly init: AuditorInit
  private readonly c: AuditorComponents

  constructor (init: AuditorInit, components: AuditorComponents) {
    this.init = init
    this.c = components
  }

  /**
   * Replays a sample of `lease`'s segments up to the end of epoch `upTo`. A failure is a
   * Verification with `passed: false` and its reason; a state that cannot be read throws.
   */
  async replay (job: JobRecord, lease: Lease, upTo = Number.POSITIVE_INFINITY): Promise<Verification> {
    const spec = job.spec as NonNullable<JobRecord['spec']>
    const segments = segmentsOf(spec, lease, upTo)
    const v: Verification = { ...blankVerification(), segments: segments.length, tolerance: this.init.tolerance, batchesTotal: segments.reduce((a, s) => a + s.batches, 0) }
    if (segments.length === 0) return v
    const modelDefinition = await this.c.verifier.definition(job)
    const dataset = { key: spec.datasetUri, load: async () => await this.c.ipfs.cat(parseIpfsUri(spec.datasetUri), { maxBytes: 2 ** 31 - 1, timeout: 60_000 }) }
    const chosen = pickSegments(segments.length, this.c.reputation.spotChecks(lease.node, segments.length, this.init.budget))
    for (const i of chosen) {
      const s = segments[i] as (typeof segments)[number]
      const start = s.fromUri === '' ? undefined : await this.c.verifier.files(s.fromUri)
      const claimed = await this.c.verifier.files(s.toUri)
      const r = await this.c.checker.replay({ modelDefinition, spec, dataset, ...(start != null ? { start } : {}), from: s.from, to: s.to, claimed })
      v.segmentsChecked++
      v.batchesReplayed += r.batches
      v.replayMs += BigInt(Math.round(r.ms))
      v.backend = r.backend
      v.maxDeviation = Math.max(v.maxDeviation, Number.isFinite(r.ratio) ? r.ratio : Number.MAX_VALUE)
      if (!(r.ratio <= this.init.tolerance)) {
        return {
          ...v,
          passed: false,
          reason: `the replay of epoch ${s.to.epoch}, batches ${s.from.epoch === s.to.epoch ? s.from.batch + 1 : 1}–${s.to.batch} ended ${r.ratio.toPrecision(3)} of an update away from the state the peer committed to (tolerance ${this.init.tolerance})`
        }
      }
    }
    return v
  }

  /**
   * A completed lease: the final model must be its last committed state, and the peer's claim must
   * agree with the held-out evaluation. `v` is the replay's result, completed here.
   */
  async final (job: JobRecord, lease: Lease, model: ModelFiles, claims: ReadonlyMap<string, number>, v: Verification): Promise<Verification> {
    if (!v.passed) return v
    const last = lease.trajectory.at(-1)
    if (last == null) return { ...v, passed: false, reason: 'the peer committed to no state' }
    if (!await this.c.checker.sameModelWeights(model, await this.c.verifier.files(last.uri))) {
      return { ...v, passed: false, reason: `the final model is not the state the peer committed to after epoch ${last.epoch}` }
    }
    const held = await this.c.heldOut.get(job.jobId)
    const claimedAccuracy = claims.get('final_accuracy') ?? NONE
    const claimedLoss = claims.get('final_loss') ?? NONE
    if (held == null) return { ...v, claimedAccuracy, claimedLoss }
    const spec = job.spec as NonNullable<JobRecord['spec']>
    const e = await this.c.checker.evaluate({ modelDefinition: await this.c.verifier.definition(job), spec, model, dataset: held })
    const out: Verification = {
      ...v, heldOutSamples: e.samples, heldOutAccuracy: e.accuracy ?? NONE, heldOutLoss: e.loss, claimedAccuracy, claimedLoss, evaluateMs: BigInt(Math.round(e.ms)), backend: e.backend
    }
    if (!out.passed) return out
    // without a validation split the peer's final_* are the last epoch's running means over its
    // training batches, taken while the weights still moved: not a measurement of the final model,
    // so they are shown beside the held-out figure and not held against it
    if (!((spec.hyperparameters?.validationSplit ?? 0) > 0)) return out
    const tol = claimTolerance(e.samples)
    if (e.accuracy !== undefined && Number.isFinite(claimedAccuracy) && Math.abs(claimedAccuracy - e.accuracy) > tol) {
      return { ...out, passed: false, reason: `the peer claimed accuracy ${claimedAccuracy.toFixed(3)}; on ${e.samples} held-out samples it is ${e.accuracy.toFixed(3)} (tolerance ±${tol.toFixed(3)})` }
    }
    if (e.accuracy === undefined && Number.isFinite(claimedLoss) && Math.abs(claimedLoss - e.loss) > 0.5 * Math.max(claimedLoss, e.loss) + 0.05) {
      return { ...out, passed: false, reason: `the peer claimed loss ${claimedLoss.toPrecision(3)}; on ${e.samples} held-out samples it is ${e.loss.toPrecision(3)}` }
    }
    return out
  }
}

/** a verification in words, for the job's message */
export function verificationText (v: Verification): string {
  const replay = v.segments === 0 ? 'nothing to replay' : `${v.segmentsChecked} of ${v.segments} segments replayed (${v.batchesReplayed} of ${v.batchesTotal} batches), max deviation ${v.maxDeviation.toPrecision(2)} ≤ ${v.tolerance}`
  const held = v.heldOutSamples > 0 ? `; held-out ${Number.isFinite(v.heldOutAccuracy) ? `accuracy ${v.heldOutAccuracy.toFixed(3)}` : `loss ${v.heldOutLoss.toPrecision(3)}`} on ${v.heldOutSamples} samples` : ''
  return replay + held
}

/** the auditor, built from its options (defaults filled in) and then its components */
export function auditor (init: Partial<AuditorInit> = {}): (components: AuditorComponents) => Auditor {
  return (components) => new Auditor({ ...defaultAuditorInit, ...init }, components)
}
