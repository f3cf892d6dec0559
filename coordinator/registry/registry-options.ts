/**
 * The node registry's options and their defaults, with the liveness rule they feed.
 *
 * Liveness of a node from the time of its last heartbeat: online while beats arrive, stale after
 * one missed beat, offline after three (a peer is offline after 3 missed beats).
 * A beat counts as missed only once `grace` of an interval has passed beyond its due time, so
 * ordinary jitter does not flap a node between online and stale.
 */
import { Liveness } from '../../protocols/nodes.js'

export interface LivenessOptions {
  /** the heartbeat interval peers are asked to keep, ms */
  interval: number
  /** fraction of an interval a beat may be late before it counts as missed */
  grace: number
  /** missed beats before a node is offline */
  missedForOffline: number
}

export const defaultLivenessOptions: LivenessOptions = {
  interval: 10_000,
  // half an interval: gossip p99 is milliseconds, but a peer under training load can slip its timer
  grace: 0.5,
  // offline after 3 missed beats
  missedForOffline: 3
}

export function livenessOf (lastSeenMs: number, now: number, leaving: boolean, o: LivenessOptions): Liveness {
  if (leaving) return Liveness.OFFLINE
  // beat k is due at k intervals after the last one and missed once it is `grace` late
  const missed = Math.ceil((now - lastSeenMs) / o.interval - o.grace) - 1
  if (missed <= 0) return Liveness.ONLINE
  if (missed < o.missedForOffline) return Liveness.STALE
  return Liveness.OFFLINE
}

export interface NodeRegistryInit extends LivenessOptions {
  /** TTL of the node info cache, ms (default 30 s) */
  cacheTtl: number
  /** entries in the node info cache */
  cacheMax: number
  /** how often liveness is re-evaluated, ms */
  sweepInterval: number
  /** an offline record with no sign of life for this long is deleted, ms */
  retention: number
  /** most records kept; a new node beyond it replaces the offline record silent longest */
  maxNodes: number
  /** most record writes in one level batch (writes of one turn of the event loop are batched) */
  maxBatch: number
}

export const defaultNodeRegistryInit: Omit<NodeRegistryInit, keyof LivenessOptions> = {
  cacheTtl: 30_000,
  // 20,000, as many as maxNodes: a heartbeat's read-modify-write of its record never goes to disk
  // for the read; ~1 KiB a record, ~20 MiB at most
  cacheMax: 20_000,
  // 1 s: status changes show within a second of a missed beat, and a sweep over the in-memory
  // index of 100,000 nodes costs well under a millisecond per thousand
  sweepInterval: 1_000,
  // 7 days: long enough that `cyxwiz nodes` still shows a peer that was off over a weekend, and far
  // beyond every deadline that reads a lost peer's record (its payout wallet is read when its lease
  // is re-queued, minutes after it goes offline)
  retention: 7 * 24 * 3_600_000,
  // 20,000: ten times the coordinator's 2,000-connection cap (at most that many can be online at
  // once), so peers that came and went within the retention fit; ~1 KiB each, ~20 MiB on disk
  maxNodes: 20_000,
  // 1,000: a burst of heartbeats from a few connections is a few hundred messages; a bigger batch
  // would only hold the first writers of a burst longer
  maxBatch: 1_000
}
