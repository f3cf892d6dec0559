/**
 * One matcher tick: jobs in queue order (oldest first), each given the best-scoring candidate that
 * passes every filter, counting slots already given out in this tick; jobs nobody fits keep the
 * reasons why (up to `maxReasons`, plus a count per code). Deterministic: ties go to the cheaper
 * peer, then to the smaller node id.
 */
import type { Candidate, JobRequirements, MatchResult } from '../jobs/match-types.js'
import { refusal } from './filters.js'
import { defaultScoreWeights, score, type ScoreWeights } from './scorers.js'

export interface MatchOptions {
  weights: ScoreWeights
  /** why-not reasons kept per unmatched job; the counts per code cover the rest */
  maxReasons: number
}

export const defaultMatchOptions: MatchOptions = { weights: defaultScoreWeights, maxReasons: 20 }

export function match (jobs: JobRequirements[], candidates: Candidate[], options: Partial<MatchOptions> = {}): MatchResult {
  const o = { ...defaultMatchOptions, ...options }
  // nodes that cannot take any job this tick are judged once, not once per job
  const live = candidates.filter(c => c.liveness === 'ONLINE').sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1))
  const taken = new Map<string, number>()
  const result: MatchResult = { assignments: [], unmatched: [] }
  for (const job of jobs) {
    let best: { c: Candidate, total: number, breakdown: MatchResult['assignments'][number]['breakdown'], price: bigint } | undefined
    for (const c of live) {
      const t = taken.get(c.nodeId) ?? 0
      if (refusal(job, c, t) != null) continue
      const s = score(job, c, t, o.weights)
      const price = BigInt(c.offer.pricePerUnit)
      if (best == null || s.total > best.total + 1e-12 || (Math.abs(s.total - best.total) <= 1e-12 && price < best.price)) {
        best = { c, total: s.total, breakdown: s.breakdown, price }
      }
    }
    if (best != null) {
      taken.set(best.c.nodeId, (taken.get(best.c.nodeId) ?? 0) + 1)
      result.assignments.push({ jobId: job.jobId, nodeId: best.c.nodeId, score: best.total, breakdown: best.breakdown })
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
