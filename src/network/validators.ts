/**
 * Validators for the CyxWiz gossip topics, shared by every role. Each checks, in order: the
 * signer is who the message claims to be, the fields are sane, the timestamp is fresh, (where a
 * registry admits nodes) the signer is connected here, the seqno is new. They throw GossipValidationError; the adapter maps and counts.
 */
import type { SignedMessage } from '@libp2p/gossipsub'
import type { PeerId } from '@libp2p/interface'
import { Heartbeat, type HardwareMetrics } from '../../protocols/heartbeat.js'
import { Availability } from '../../protocols/availability.js'
import { Beacon } from '../../protocols/beacon.js'
import { isWalletAddress } from '../ledger/addresses.js'
import { GossipValidationError, type GossipTopic } from './gossip-validation.js'
import type { SeqnoTracker } from './seqno-tracker.js'
import { SignerCache } from './signer-cache.js'

export interface FreshnessOptions {
  /** messages older than this (by their own timestamp) are ignored */
  maxAgeMs: number
  /** messages dated further than this in the future are ignored (clock skew allowance) */
  maxFutureMs: number
}

/** what a node registry asks of a message about a node before it is stored */
export interface AdmissionOptions extends FreshnessOptions {
  /**
   * true when the signer holds a live connection of its own to this node. A message signed by a key
   * that is not connected is ignored (not forwarded, not stored): one connection can relay gossip
   * for any number of fresh keys, but each key that wants a record must pay for a connection — a
   * TCP socket and a Noise handshake the receiver authenticates — and the receiver caps those.
   * Absent: every signer is admitted (roles that keep no registry).
   */
  connected?: (signer: PeerId) => boolean
  /** true when the registry has, or can make, a record for the signer; absent: always */
  room?: (signer: PeerId) => boolean
  /**
   * node id → signer, shared by the topics of one node; absent: each topic keeps its own. Only
   * makes the signer check cheaper, never more lenient (see SignerCache).
   */
  signers?: SignerCache
}

/** per-topic frame caps; a 256-core machine's heartbeat is ~8 KiB */
export const MAX_HEARTBEAT_BYTES = 16 * 1024
export const MAX_AVAILABILITY_BYTES = 4 * 1024
export const MAX_BEACON_BYTES = 1024

const MAX_CORES = 1024
const MAX_GPUS = 64
const MAX_TEXT = 128
const MAX_BACKENDS = 8
const BACKEND = /^[a-z0-9-]{1,32}$/
const DECIMAL_U64 = /^(0|[1-9][0-9]{0,19})$/
const SEMVER = /^\d{1,5}\.\d{1,5}\.\d{1,5}(-[0-9A-Za-z.-]{1,32})?$/

function invalid (message: string): GossipValidationError {
  return new GossipValidationError('reject', 'ERR_INVALID_FIELD', message)
}

/** the signer, when it is the node `claimed` names (through `signers` when given) */
function checkSigner (claimed: string, msg: SignedMessage, signers?: SignerCache): PeerId {
  const signer = signers != null ? signers.match(claimed, msg.from) : claimed === msg.from.toString() ? msg.from : undefined
  if (signer == null) {
    throw new GossipValidationError('reject', 'ERR_SIGNER_MISMATCH', `claims ${claimed.slice(0, 16)}… but signed by ${msg.from.toString()}`)
  }
  return signer
}

function checkFresh (timestampMs: bigint, now: number, o: FreshnessOptions): void {
  const ts = Number(timestampMs)
  if (ts < now - o.maxAgeMs) throw new GossipValidationError('ignore', 'ERR_STALE_TIMESTAMP', `${now - ts} ms old`)
  if (ts > now + o.maxFutureMs) throw new GossipValidationError('ignore', 'ERR_FUTURE_TIMESTAMP', `${ts - now} ms ahead`)
}

function checkConnected (signer: PeerId, o: AdmissionOptions): void {
  if (o.connected != null && !o.connected(signer)) {
    throw new GossipValidationError('ignore', 'ERR_NOT_CONNECTED', `${signer.toString()} has no connection of its own here`)
  }
  if (o.room != null && !o.room(signer)) {
    throw new GossipValidationError('ignore', 'ERR_REGISTRY_FULL', `no room for ${signer.toString()}: every record is live`)
  }
}

function checkSeqno (tracker: SeqnoTracker, key: string, seqno: bigint): void {
  if (!tracker.advance(key, seqno)) throw new GossipValidationError('ignore', 'ERR_REPLAYED_SEQNO', `seqno ${seqno} not above the last one`)
}

function finiteOrAbsent (v: number | undefined, name: string, min: number, max: number): void {
  if (v == null) return
  if (!Number.isFinite(v) || v < min || v > max) throw invalid(`${name}=${v} outside [${min}, ${max}]`)
}

function text (v: string, name: string, max = MAX_TEXT): void {
  if (v.length > max) throw invalid(`${name} longer than ${max}`)
  // control characters would corrupt terminals and logs that print them
  if (/[\p{Cc}]/u.test(v)) throw invalid(`${name} has control characters`)
}

/** Field sanity for a hardware snapshot: counts bounded, percentages and temperatures plausible. */
export function checkHardwareMetrics (m: HardwareMetrics): void {
  if (m.cores.length > MAX_CORES) throw invalid(`${m.cores.length} cores`)
  if (m.gpus.length > MAX_GPUS) throw invalid(`${m.gpus.length} gpus`)
  for (const c of m.cores) {
    finiteOrAbsent(c.loadPercent, 'core load', 0, 100.5)
    finiteOrAbsent(c.temperatureC, 'core temperature', -50, 200)
    finiteOrAbsent(c.frequencyMhz, 'core frequency', 0, 100_000)
  }
  finiteOrAbsent(m.cpuTemperatureC, 'cpu temperature', -50, 200)
  for (const g of m.gpus) {
    text(g.vendor, 'gpu vendor')
    text(g.model, 'gpu model')
    finiteOrAbsent(g.utilizationPercent, 'gpu utilization', 0, 100.5)
    finiteOrAbsent(g.temperatureC, 'gpu temperature', -50, 200)
    finiteOrAbsent(g.powerWatts, 'gpu power', 0, 10_000)
  }
  if (m.ramUsedBytes > m.ramTotalBytes) throw invalid('ram used > total')
  nonNegative(m.ramUsedBytes, m.ramTotalBytes, m.swapUsedBytes, m.swapTotalBytes, m.netRxBytes, m.netTxBytes, ...m.gpus.flatMap(g => [g.memoryUsedBytes, g.memoryTotalBytes]))
}

/**
 * fixed64 fields decode as signed: a value of 2^63 or more arrives negative. Nothing we send is
 * that large, so a negative one is a forgery.
 */
function nonNegative (...values: Array<bigint | undefined>): void {
  if (values.some(v => v != null && v < 0n)) throw invalid('a 64-bit field is out of range')
}

export function heartbeatTopic (topic: string, o: AdmissionOptions, seqnos: SeqnoTracker,
  onMessage?: GossipTopic<Heartbeat>['onMessage']): GossipTopic<Heartbeat> {
  const signers = o.signers ?? new SignerCache()
  return {
    topic,
    label: 'heartbeat',
    maxSize: MAX_HEARTBEAT_BYTES,
    decode: (data) => Heartbeat.decode(data),
    validate (hb, msg, now) {
      const signer = checkSigner(hb.nodeId, msg, signers)
      if (hb.metrics != null) checkHardwareMetrics(hb.metrics)
      if (hb.queueLength > 10_000) throw invalid(`queue length ${hb.queueLength}`)
      nonNegative(hb.availableMemoryBytes)
      if (!SEMVER.test(hb.softwareVersion)) throw invalid(`software version "${hb.softwareVersion}" is not semver`)
      checkFresh(hb.timestampMs, now, o)
      // before the seqno: a refused message must not burn the seqno its real sender will use
      checkConnected(signer, o)
      checkSeqno(seqnos, `hb:${hb.nodeId}`, hb.seqno)
    },
    onMessage
  }
}

export function availabilityTopic (topic: string, o: AdmissionOptions, seqnos: SeqnoTracker,
  onMessage?: GossipTopic<Availability>['onMessage']): GossipTopic<Availability> {
  const signers = o.signers ?? new SignerCache()
  return {
    topic,
    label: 'availability',
    maxSize: MAX_AVAILABILITY_BYTES,
    decode: (data) => Availability.decode(data),
    validate (a, msg, now) {
      const signer = checkSigner(a.nodeId, msg, signers)
      text(a.deviceModel, 'device model')
      text(a.location, 'location', 64)
      if (!DECIMAL_U64.test(a.pricePerUnit) || BigInt(a.pricePerUnit) > 0xffffffffffffffffn) throw invalid(`price "${a.pricePerUnit}" is not a u64 decimal`)
      // a wallet that fails here would make every settlement that pays it fail: refused at the door
      if (a.walletAddress !== '' && !isWalletAddress(a.walletAddress)) throw invalid('wallet address is not a Solana wallet (32 bytes, on the ed25519 curve)')
      if (!SEMVER.test(a.softwareVersion)) throw invalid(`software version "${a.softwareVersion}" is not semver`)
      if (a.backends.length === 0 || a.backends.length > MAX_BACKENDS || !a.backends.every(b => BACKEND.test(b))) throw invalid('backends')
      if (a.cpuCores === 0 || a.cpuCores > MAX_CORES) throw invalid(`cpu cores ${a.cpuCores}`)
      nonNegative(a.gpuMemoryBytes, a.ramBytes)
      if (a.maxQueueLength === 0 || a.maxQueueLength > 1024) throw invalid(`max queue length ${a.maxQueueLength}`)
      checkFresh(a.timestampMs, now, o)
      checkConnected(signer, o)
      checkSeqno(seqnos, `av:${a.nodeId}`, a.seqno)
    },
    onMessage
  }
}

/** Beacons are accepted only from the coordinators this node bootstrapped from. */
export function beaconTopic (topic: string, coordinators: string[], o: FreshnessOptions, seqnos: SeqnoTracker,
  onMessage?: GossipTopic<Beacon>['onMessage']): GossipTopic<Beacon> {
  return {
    topic,
    label: 'beacon',
    maxSize: MAX_BEACON_BYTES,
    decode: (data) => Beacon.decode(data),
    validate (b, msg, now) {
      if (!coordinators.includes(msg.from.toString())) throw new GossipValidationError('reject', 'ERR_NOT_COORDINATOR')
      checkSigner(b.coordinatorId, msg)
      text(b.minPeerVersion, 'min peer version', 32)
      checkFresh(b.timestampMs, now, o)
      checkSeqno(seqnos, `beacon:${b.coordinatorId}`, b.seqno)
    },
    onMessage
  }
}
