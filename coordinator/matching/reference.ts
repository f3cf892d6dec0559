/**
 * The matcher's definition, written the obvious way: for every job in order, run the readable
 * filter chain and scorers over every candidate and keep the best; explain a job nobody takes from
 * the candidates' first failing filters at that moment. Q × N steps per tick — too slow for a large
 * network, which is why `match` (matcher.ts) exists; this is what `match` must equal, and what the
 * tests and the benchmark compare it with.
 *
 * It shares nothing with the fast path but the definitions themselves (filters, scorers, the way
 * lines are summarised): no prepared candidates, no index, and reasons written when the job is
 * considered rather than after the tick. So holding the two equal also checks the claim that lets
 * the fast path explain jobs late (filters.ts: BUSY is the last filter).
 */
import { firstRefusal, parsePrice, uniqueCandidates, withTaken } from './filters.js'
import { resolveMatchOptions, type MatchInit } from './matcher.js'
import { summarize, Tally } from './reasons.js'
import { score } from './scorers.js'
import type { Assignment, Candidate, JobRequirements, MatchOutcome, Unmatched, WhyNot } from './types.js'

interface Best { i: number, total: number, price: bigint, nodeId: string }

/** Whether `a` wins over `b`: the higher score, then the lower price, then the lower node id. */
function beats (a: Best, b: Best | undefined): boolean {
  if (b == null || a.total > b.total) return true
  if (a.total < b.total) return false
  return a.price < b.price || (a.price === b.price && a.nodeId < b.nodeId)
}

/** One tick by full scan; same arguments and result as `match`. */
export function matchReference (jobs: readonly JobRequirements[], candidates: readonly Candidate[], init: MatchInit = {}): MatchOutcome {
  const o = resolveMatchOptions(init)
  const cs = uniqueCandidates(candidates)
  const taken = cs.map(() => 0)
  const assignments: Assignment[] = []
  const unmatched: Unmatched[] = []
  for (const job of jobs) {
    let best: Best | undefined
    const tally = new Tally(o.maxReasons)
    const lines: WhyNot[] = []
    cs.forEach((c, i) => {
      const t = taken[i] ?? 0
      const f = firstRefusal(job, withTaken(c, t), o)
      if (!f.ok) {
        tally.add(f.code, i)
        lines[i] = { nodeId: c.nodeId, code: f.code, reason: f.reason }
        return
      }
      const here: Best = { i, total: score(job, c, t, o.weights, o).total, price: parsePrice(c.offer.pricePerUnit) ?? 0n, nodeId: c.nodeId }
      if (beats(here, best)) best = here
    })
    const winner = best == null ? undefined : cs[best.i]
    if (best == null || winner == null) {
      unmatched.push({ jobId: job.jobId, ...summarize(tally, i => lines[i] as WhyNot, o.maxReasons) })
      continue
    }
    const s = score(job, winner, taken[best.i] ?? 0, o.weights, o)
    assignments.push({ jobId: job.jobId, nodeId: winner.nodeId, score: s.total, breakdown: s.breakdown })
    taken[best.i] = (taken[best.i] ?? 0) + 1
  }
  return { assignments, unmatched }
}
