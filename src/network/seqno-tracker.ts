/**
 * Remembers the highest seqno accepted per sender so replays and reordered duplicates are ignored.
 * Bounded (LRU) so a flood of fresh identities cannot grow it without limit; a sender evicted from it
 * is checked again against the registry's stored seqno by the coordinator.
 */
import { LRUCache } from 'lru-cache'

export class SeqnoTracker {
  private readonly last: LRUCache<string, bigint>

  /** @param max how many senders to remember (default 100,000: well above any network we expect) */
  constructor (max = 100_000) {
    this.last = new LRUCache<string, bigint>({ max })
  }

  /** true if `seqno` is above the last one accepted for `sender`; records it when it is */
  advance (sender: string, seqno: bigint): boolean {
    const prev = this.last.get(sender)
    if (prev != null && seqno <= prev) return false
    this.last.set(sender, seqno)
    return true
  }

  /** seeds the tracker from persisted state (never lowers a value) */
  seed (sender: string, seqno: bigint): void {
    const prev = this.last.get(sender)
    if (prev == null || seqno > prev) this.last.set(sender, seqno)
  }
}

/**
 * A seqno source that keeps increasing across restarts without writing anything: it starts at the
 * wall clock in microseconds and counts up from there, so a restarted daemon's first message is
 * above anything it sent before (unless the clock went back, which the coordinator then ignores
 * until the clock catches up).
 */
export function seqnoSource (now: () => number = Date.now): () => bigint {
  let next = BigInt(now()) * 1000n
  return () => {
    const floor = BigInt(now()) * 1000n
    if (floor > next) next = floor
    return next++
  }
}
