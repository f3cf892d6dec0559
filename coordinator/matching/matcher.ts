/**
 * One matcher tick: filters first, then weighted scorers. Jobs are taken
 * in the order given (the queue, oldest first); each gets the best-scoring candidate that passes
 * every filter, counting the slots handed out earlier in the same tick, so no peer is given more
 * than its queue allows. Ties go to the cheaper peer, then to the lower node id, so the same input
 * always gives the same answer. Every assignment carries its score breakdown; every job left over
 * carries why-not reasons (reasons.ts).
 *
 * The definition is `matchReference` (reference.ts): a scan of every candidate for every job. This
 * is the same function computed faster — the candidate index (candidate-index.ts) skips candidates
 * that provably cannot win, and reasons are written once per kind of unmatched job after the loop.
 * A unit test holds the two equal on random markets.
 *
 * Pure logic: no I/O, no clock, no randomness.
 */
import { InvalidArgumentError } from '../../src/errors.js'
import { CandidateIndex } from './candidate-index.js'
import { defaultFilterOptions, uniqueCandidates, type FilterOptions } from './filters.js'
import { prepare, prepareJob, scored } from './prepared.js'
import { explainUnmatched } from './reasons.js'
import { checkWeights, defaultScoreWeights } from './scorers.js'
import type { Assignment, Candidate, JobRequirements, MatchOutcome, ScoreWeights } from './types.js'

/** How a tick weighs and explains; `match` takes any subset (`MatchInit`). */
export interface MatchOptions extends FilterOptions {
  /** the weight of each score term */
  weights: ScoreWeights
  /** why-not lines kept per unmatched job, a SUMMARY line with the counts per code included */
  maxReasons: number
}

/** The matcher's defaults, each with its reason. */
export const defaultMatchOptions: MatchOptions = {
  // each weight is explained where it is defined (scorers.ts)
  weights: defaultScoreWeights,
  // enough to show every kind of refusal with a few examples, little enough to store with every queued job
  maxReasons: 20,
  // see defaultFilterOptions (filters.ts)
  liveMemory: defaultFilterOptions.liveMemory
}

/** Options as callers pass them: any subset, weights term by term. */
export type MatchInit = Partial<Omit<MatchOptions, 'weights'>> & { weights?: Partial<ScoreWeights> }

/** Defaults filled in and checked; throws `InvalidArgumentError` for weights or limits that cannot work. */
export function resolveMatchOptions (init: MatchInit = {}): MatchOptions {
  const o: MatchOptions = {
    weights: { ...defaultMatchOptions.weights, ...init.weights },
    maxReasons: init.maxReasons ?? defaultMatchOptions.maxReasons,
    liveMemory: init.liveMemory ?? defaultMatchOptions.liveMemory
  }
  checkWeights(o.weights)
  if (!Number.isInteger(o.maxReasons) || o.maxReasons < 1) throw new InvalidArgumentError(`maxReasons must be a whole number ≥ 1, got ${o.maxReasons}`)
  return o
}

/**
 * One tick: `jobs` in queue order, `candidates` as the registry sees them now (unique by node id;
 * a repeated id is ignored after its first occurrence).
 */
export function match (jobs: readonly JobRequirements[], candidates: readonly Candidate[], init: MatchInit = {}): MatchOutcome {
  const o = resolveMatchOptions(init)
  const cs = uniqueCandidates(candidates)
  const sets = new Map<string, ReadonlySet<string>>()
  const nodes = cs.map(c => prepare(c, o, sets))
  const prepared = jobs.map(prepareJob)
  const index = new CandidateIndex(nodes, o.weights, prepared)
  const assignments: Assignment[] = []
  const left: JobRequirements[] = []
  for (let q = 0; q < jobs.length; q++) {
    const job = jobs[q]!
    const i = index.best(prepared[q]!)
    const c = i >= 0 ? cs[i] : undefined
    if (c == null) {
      left.push(job)
      continue
    }
    // the breakdown, for the winner only, from the prepared values it won with (the same as `score`'s)
    const s = scored(prepared[q]!, nodes[i]!, index.takenOf(i), o.weights)
    assignments.push({ jobId: job.jobId, nodeId: c.nodeId, score: s.total, breakdown: s.breakdown })
    index.take(i)
  }
  const unmatched = explainUnmatched(left, cs, nodes, i => index.takenOf(i), o.maxReasons, o)
  return { assignments, unmatched }
}
