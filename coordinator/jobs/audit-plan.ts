/**
 * How a job is cut into segments a verifier can replay, and which of them it replays.
 *
 * A peer commits to its state (weights + optimizer) every `commitEveryBatches` batches and at every
 * epoch's end. The coordinator sets the interval when it accepts the job so that a job has about
 * `SEGMENTS_PER_JOB` segments (at least two per epoch): replaying one segment then costs about 5% of
 * the job's training, so the default budget of 10% replays two of them, and a small job is not
 * forced past its budget by a single segment that is a large part of it.
 *
 * A lease's segments run from the state it started from (the job's initial state, or the checkpoint
 * it resumed) through each state it committed to. Which ones are replayed is drawn with the
 * coordinator's CSPRNG after the lease has committed to all of them, so the peer cannot know which
 * parts of its work will be checked: a peer that faked a fraction f of its segments passes k checks
 * with probability (1 − f)^k, and one that did no work fails every check.
 */
import { randomInt } from 'node:crypto'
import type { Lease, StatePoint } from '../../protocols/jobs.js'
import { batchesPerEpoch, epochsOf, type Position, type TrainingSpec } from '../../src/training/spec.js'

/** segments a job is cut into, about (see the file comment) */
export const SEGMENTS_PER_JOB = 20

/** the commit interval the coordinator sets for a job, in batches */
export function commitInterval (spec: TrainingSpec): number {
  const per = batchesPerEpoch(spec)
  const perEpoch = Math.max(2, Math.ceil(SEGMENTS_PER_JOB / epochsOf(spec)))
  return Math.max(1, Math.ceil(per / perEpoch))
}

/** one replayable piece of a lease's work */
export interface Segment {
  /** where it starts: undefined uri = the job's initial state */
  from: Position
  fromUri: string
  to: Position
  toUri: string
  batches: number
}

/** the position a lease starts from: the job's start, or the end of the epoch it resumed after */
export function leaseStart (spec: TrainingSpec, lease: Pick<Lease, 'startEpoch'>): Position {
  return lease.startEpoch > 0 ? { epoch: lease.startEpoch, batch: batchesPerEpoch(spec) } : { epoch: 1, batch: 0 }
}

/** batches between two positions (b after a, at most one epoch boundary apart) */
export function batchesBetween (spec: TrainingSpec, a: Position, b: Position): number {
  const per = batchesPerEpoch(spec)
  return (b.epoch - a.epoch) * per + b.batch - a.batch
}

/** the lease's segments, in order, from its start through every state it committed to */
export function segmentsOf (spec: TrainingSpec, lease: Pick<Lease, 'startEpoch' | 'startUri' | 'trajectory'>, upTo = Number.POSITIVE_INFINITY): Segment[] {
  const out: Segment[] = []
  let from = leaseStart(spec, lease)
  let fromUri = lease.startUri
  for (const p of lease.trajectory as StatePoint[]) {
    if (p.epoch > upTo) break
    const to = { epoch: p.epoch, batch: p.batch }
    out.push({ from, fromUri, to, toUri: p.uri, batches: batchesBetween(spec, from, to) })
    from = to
    fromUri = p.uri
  }
  return out
}

/** `k` of `n` indices, uniformly, with the coordinator's CSPRNG (in increasing order) */
export function pickSegments (n: number, k: number): number[] {
  const idx = Array.from({ length: n }, (_, i) => i)
  const take = Math.max(0, Math.min(n, k))
  for (let i = 0; i < take; i++) {
    const j = i + randomInt(n - i)
    const t = idx[i] as number; idx[i] = idx[j] as number; idx[j] = t
  }
  return idx.slice(0, take).sort((a, b) => a - b)
}
