/**
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
