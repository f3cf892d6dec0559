/**
 * A peer's reputation from verified outcomes only, persisted in level and cached in memory (`load`
 * at start). Three things count, each known for certain by the coordinator:
 * - `verified`: a completion whose verification passed;
 * - `invalid`: a verification that failed — a lie caught;
 * - `lost`: a job the peer went silent or offline while holding.
 * Answers to offers (accepted, declined, not answered) do not count: they cost nobody anything
 * and say nothing about whether the peer's work is true.
 *
 * Besides the counts, `run` is the number of consecutive verified results since the last invalid
 * one. As in BOINC's adaptive replication, a host is trusted after a run of consecutive valid
 * results and the run restarts at an invalid one; a lost job is not a lie, so it leaves the run.
 *
 * Kept under a sublevel of its own, 'reputation-verified': counts of the earlier scheme (accepted,
 * declined, timed out…, under 'reputation') mean something else and are not mixed in.
 */
import type { BinarySublevel, LevelStore } from '../../src/storage/level-store.js'
import { CyxwizError } from '../../src/errors.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'

export type Outcome = 'verified' | 'invalid' | 'lost'

export interface Counts {
  verified: number
  invalid: number
  lost: number
  /** consecutive verified results since the last invalid one */
  run: number
}

/** consecutive verified results after which a peer is trusted */
export const TRUST_RUN = 10

/** the share of a job's compute spent replaying segments to spot-check it, by default */
export const SPOT_CHECK_BUDGET = 0.1

/** how much less a trusted peer is spot-checked */
const TRUSTED_CHECK_DIVISOR = 4

/** the sublevel the counts live in */
export const REPUTATION_SUBLEVEL = 'reputation-verified'

const ZERO: Readonly<Counts> = Object.freeze({ verified: 0, invalid: 0, lost: 0, run: 0 })

/** a stored record, read defensively: a field that is not a count reads as 0 */
function decode (bytes: Uint8Array): Counts {
  let raw: Record<string, unknown> = {}
  try {
    const v: unknown = JSON.parse(Buffer.from(bytes).toString('utf8'))
    if (typeof v === 'object' && v !== null) raw = v as Record<string, unknown>
  } catch {}
  const n = (x: unknown): number => Number.isSafeInteger(x) && (x as number) >= 0 ? x as number : 0
  const c = { verified: n(raw.verified), invalid: n(raw.invalid), lost: n(raw.lost), run: n(raw.run) }
  return { ...c, run: Math.min(c.run, c.verified) }
}

export class Reputation {
  private readonly db: BinarySublevel
  private readonly cache = new Map<string, Counts>()
  private readonly writes = new KeyedMutex()

  constructor (store: LevelStore) {
    this.db = store.binary(REPUTATION_SUBLEVEL)
  }

  async load (): Promise<void> {
    for await (const [k, v] of this.db.iterator()) this.cache.set(k, decode(v))
  }

  /**
   * (1 + verified) / (2 + verified + lost + 3 × invalid): the Laplace estimate, 0.5 for a newcomer,
   * moving toward 1 or 0 with evidence and never reaching either. An invalid result weighs three
   * lost jobs, as iExec takes about a third of a worker's score for a bad result: after 6
   * verified a peer scores 7/8 = 0.875, and one invalid result drops it to 7/11 ≈ 0.636, about a
   * third less (0.239 / 0.875 ≈ 27%); a lost job instead would give 7/9 ≈ 0.778.
   */
  score (nodeId: string): number {
    const c = this.cache.get(nodeId) ?? ZERO
    return (1 + c.verified) / (2 + c.verified + c.lost + 3 * c.invalid)
  }

  /** after `TRUST_RUN` consecutive verified results with no invalid one among them */
  trusted (nodeId: string): boolean {
    return (this.cache.get(nodeId) ?? ZERO).run >= TRUST_RUN
  }

  /**
   * How many of a lease's `segments` to replay, given `budget`, the share of the job's compute
   * spot checks may cost: ⌊budget × segments⌋ for an untrusted peer, a quarter of that for a
   * trusted one. A trusted peer is checked less, but never not at all: at least 1, at most
   * `segments`, and 0 only when there is nothing to check.
   */
  spotChecks (nodeId: string, segments: number, budget = SPOT_CHECK_BUDGET): number {
    if (!Number.isSafeInteger(segments) || segments < 0) throw new CyxwizError('ERR_INVALID_ARGUMENT', `segments must be a count, got ${segments}`)
    if (!Number.isFinite(budget) || budget < 0 || budget > 1) throw new CyxwizError('ERR_INVALID_ARGUMENT', `the spot-check budget must be a fraction 0…1, got ${budget}`)
    if (segments === 0) return 0
    const share = budget * segments / (this.trusted(nodeId) ? TRUSTED_CHECK_DIVISOR : 1)
    // 1e-9 absorbs float error (0.29 × 100 is 28.999999999999996), far below one segment
    return Math.min(segments, Math.max(1, Math.floor(share + 1e-9)))
  }

  counts (nodeId: string): Counts {
    return { ...(this.cache.get(nodeId) ?? ZERO) }
  }

  async record (nodeId: string, outcome: Outcome): Promise<void> {
    const c = { ...(this.cache.get(nodeId) ?? ZERO) }
    if (outcome === 'verified') {
      c.verified++
      c.run++
    } else if (outcome === 'invalid') {
      c.invalid++
      c.run = 0
    } else {
      c.lost++
    }
    this.cache.set(nodeId, c)
    // one write per node at a time, each of the latest counts: the last to land is the newest
    await this.writes.run(nodeId, async () => {
      await this.db.put(nodeId, Buffer.from(JSON.stringify(this.cache.get(nodeId) ?? c)))
    })
  }
}
