/**
 * The matcher's vocabulary. The job and candidate shapes are the scheduler's contract
 * (coordinator/jobs/match-types.ts) and are re-exported rather than copied, so the two can never
 * drift apart; everything the matcher adds on top (codes, filters, scorers, the richer result)
 * is defined here.
 */
import type { Candidate, JobRequirements, MatchResult } from '../jobs/match-types.js'

/** The scheduler's job, candidate and result shapes, as the matcher reads and returns them. */
export type { Candidate, JobRequirements, MatchResult }

/**
 * Why a candidate cannot take a job, one code per filter. The order of the chain (filters.ts) is
 * the order of this list: a candidate is reported with the first filter it fails.
 */
export type FilterCode =
  | 'NOT_ONLINE'
  | 'EXCLUDED'
  | 'DEVICE_MISMATCH'
  | 'INSUFFICIENT_MEMORY'
  | 'NO_BACKEND'
  | 'OVER_BUDGET'
  | 'BUSY'

/** A filter's answer: suitable, or unsuitable with a code to branch on and a sentence for people. */
export type FilterResult = { ok: true } | { ok: false, code: FilterCode, reason: string }

/** One requirement checked against one candidate; pure, so the matcher may call it in any order. */
export type Filter = (job: JobRequirements, candidate: Candidate) => FilterResult

/**
 * The score terms — the product's f(device_match, memory_available, reputation, location,
 * queue_length) plus price. Snake case because these names are stored in every assignment's
 * breakdown and shown to users as they are.
 */
export type ScoreTerm = 'device_match' | 'memory_available' | 'reputation' | 'location' | 'queue_length' | 'price'

/** A weight per score term; the total score is the weighted sum of the terms' values. */
export type ScoreWeights = Record<ScoreTerm, number>

/** One term of a candidate's suitability for a job, in 0…1 (1 = best). */
export type Scorer = (job: JobRequirements, candidate: Candidate) => number

/** How one term contributed: its value, its weight and their product. */
export interface TermScore { value: number, weight: number, weighted: number }

/** Every term of a score, so an assignment can say why this peer won. */
export type Breakdown = Record<ScoreTerm, TermScore>

/** A job given to a peer in one tick, with the score that decided it. */
export interface Assignment {
  jobId: string
  nodeId: string
  /** the weighted sum of the breakdown */
  score: number
  breakdown: Breakdown
}

/**
 * A why-not line: a filter code for one peer, `NO_PEERS` when nobody offers anything, or
 * `SUMMARY` (node id empty) with the counts per code when the per-peer lines were capped.
 */
export interface WhyNot { nodeId: string, code: FilterCode | 'NO_PEERS' | 'SUMMARY', reason: string }

/** A job no candidate could take this tick, with examples of why and how often each code occurred. */
export interface Unmatched {
  jobId: string
  reasons: WhyNot[]
  /** how many candidates failed with each code (every candidate is counted, not only the examples) */
  counts: Partial<Record<FilterCode, number>>
}

/** One tick's outcome; a structural superset of the scheduler's `MatchResult`. */
export interface MatchOutcome {
  assignments: Assignment[]
  unmatched: Unmatched[]
}
