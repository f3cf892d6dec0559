/**
 * A peer's reputation from what it did with the work it was given, persisted in level: accepted
 * and completed count for it; declined, timed out and failed against it. The score is the Laplace
 * estimate (1 + good) / (2 + good + bad): 0.5 for a newcomer, moving toward 1 or 0 with evidence,
 * never reaching either, so one bad event does not bury a peer for good.
 */
import type { BinarySublevel, LevelStore } from '../../src/storage/level-store.js'

export type Outcome = 'accepted' | 'completed' | 'declined' | 'timedOut' | 'failed'

type Counts = Record<Outcome, number>

const ZERO: Counts = { accepted: 0, completed: 0, declined: 0, timedOut: 0, failed: 0 }

export class Reputation {
  private readonly db: BinarySublevel
  private readonly cache = new Map<string, Counts>()

  constructor (store: LevelStore) {
    this.db = store.binary('reputation')
  }

  async load (): Promise<void> {
    for await (const [k, v] of this.db.iterator()) this.cache.set(k, { ...ZERO, ...(JSON.parse(Buffer.from(v).toString('utf8')) as Partial<Counts>) })
  }

  score (nodeId: string): number {
    const c = this.cache.get(nodeId) ?? ZERO
    const good = c.accepted + c.completed
    const bad = c.declined + c.timedOut + c.failed
    return (1 + good) / (2 + good + bad)
  }

  counts (nodeId: string): Counts {
    return { ...(this.cache.get(nodeId) ?? ZERO) }
  }

  async record (nodeId: string, outcome: Outcome): Promise<void> {
    const c = { ...(this.cache.get(nodeId) ?? ZERO) }
    c[outcome]++
    this.cache.set(nodeId, c)
    await this.db.put(nodeId, Buffer.from(JSON.stringify(c)))
  }
}
