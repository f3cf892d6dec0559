/**
 * One matcher tick: jobs in queue order (oldest first), each given the best-scoring candidate that
 * passes every filter, counting slots already given out in this tick; jobs nobody fits keep the
 * reasons why (up to `maxReasons`, plus a count per code). Deterministic: ties go to the cheaper
 * peer, then to the smaller node id.
 */
import type { Candidate, JobRequirements, MatchResult } from '../jobs/match-types.js'
import { refusal } from './filters.js'
import { defaultScoreWeights, score, type ScoreWeights } from './scorers.js'
import { fits, prepare, prepareJob, total, type Prepared } from './prepared.js'

export interface MatchOptions {
  weights: ScoreWeights
  /** why-not reasons kept per unmatched job; the counts per code cover the rest */
  maxReasons: number
}

export const defaultMatchOptions: MatchOptions = { weights: defaultScoreWeights, maxReasons: 20 }

export function match (jobs: JobRequirements[], candidates: Candidate[], options: Partial<MatchOptions> = {}): MatchResult {
  const o = { ...defaultMatchOptions, ...options }
  // prepared once per tick; nodes that can take nothing this tick are left out of the hot loop
  const pool: Prepared[] = candidates.map(prepare).filter(p => p.online && !p.draining && p.capacity > 0)
    .sort((a, b) => (a.c.nodeId < b.c.nodeId ? -1 : 1))
  const taken = new Map<string, number>()
  const result: MatchResult = { assignments: [], unmatched: [] }
  for (const job of jobs) {
    const pj = prepareJob(job)
    let best: Prepared | undefined
    let bestTotal = -1
    for (const p of pool) {
      if (!fits(pj, p, p.taken)) continue
      const s = total(pj, p, p.taken, o.weights)
      if (best == null || s > bestTotal + 1e-12 || (Math.abs(s - bestTotal) <= 1e-12 && p.price < best.price)) {
        best = p
        bestTotal = s
      }
    }
    if (best != null) {
      // the readable scorer gives the breakdown for the one winner
      const s = score(job, best.c, best.taken, o.weights)
      best.taken++
      taken.set(best.c.nodeId, best.taken)
      result.assignments.push({ jobId: job.jobId, nodeId: best.c.nodeId, score: s.total, breakdown: s.breakdown })
      continue
    }
    const reasons: MatchResult['unmatched'][number]['reasons'] = []
    const counts = new Map<string, number>()
    for (const c of candidates) {
      const r = refusal(job, c, taken.get(c.nodeId) ?? 0)
      if (r == null) continue
      counts.set(r.code, (counts.get(r.code) ?? 0) + 1)
      if (reasons.length < o.maxReasons) reasons.push({ nodeId: c.nodeId, code: r.code, reason: r.reason })
    }
    if (candidates.length === 0) reasons.push({ nodeId: '', code: 'NO_PEERS', reason: 'no peer has offered anything yet' })
    else if (reasons.length < [...counts.values()].reduce((a, b) => a + b, 0)) {
      reasons.push({ nodeId: '', code: 'MORE', reason: [...counts].map(([code, n]) => `${n} ${code}`).join(', ') })
    }
    result.unmatched.push({ jobId: job.jobId, reasons })
  }
  return result
}
