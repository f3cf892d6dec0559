/**
 * The peer's side of HeartbeatResponse {keep_alive}: it listens to the coordinator's beacon on
 * gossip (lost after three missing beacons → re-dial with backoff) and on the keepalive protocol for
 * a refusal, which it surfaces as a PeerRefusedError so the daemon stops with a clear reason.
 */
import { EventEmitter } from 'node:events'
import type { ComponentLogger, Libp2p, Logger, PeerId, Startable } from '@libp2p/interface'
import type { Beacon } from '../protocols/beacon.js'
import { KeepAlive } from '../protocols/keepalive.js'
import { serve } from '../src/network/stream.js'
import { PeerRefusedError } from '../src/errors.js'
import type { BootstrapKeeper } from '../src/network/bootstrap-keeper.js'
import type { GossipAdapter } from '../src/network/gossip-validation.js'
import { beaconTopic } from '../src/network/validators.js'
import { SeqnoTracker } from '../src/network/seqno-tracker.js'

export interface CoordinatorLinkInit {
  keepaliveProtocol: string
  /** the beacon topic, and how old or early a beacon may be, ms */
  beacon: { topic: string, maxAgeMs: number, maxFutureMs: number }
  /** assumed beacon period until the first beacon says otherwise, ms */
  interval: number
  /** beacons missed before the coordinator counts as lost */
  missedForLost: number
}

export interface CoordinatorLinkComponents {
  node: Pick<Libp2p, 'handle' | 'unhandle'>
  keeper: Pick<BootstrapKeeper, 'peers' | 'redial' | 'isConnected'>
  /** validates gossip; the link registers the beacon topic on it and stops it */
  gossip?: Pick<GossipAdapter, 'register' | 'stop'>
  logger: ComponentLogger
}

export interface CoordinatorLinkEvents {
  alive: [Beacon]
  lost: [PeerId]
  refused: [PeerRefusedError]
}

export class CoordinatorLink extends EventEmitter<CoordinatorLinkEvents> implements Startable {
  private readonly init: CoordinatorLinkInit
  private readonly c: CoordinatorLinkComponents
  private readonly log: Logger
  private readonly lastBeacon = new Map<string, number>()
  private interval: number
  private timer?: NodeJS.Timeout
  private lost = new Set<string>()

  constructor (init: CoordinatorLinkInit, components: CoordinatorLinkComponents) {
    super()
    this.init = init
    this.c = components
    this.interval = init.interval
    this.log = components.logger.forComponent('cyxwiz:peer:coordinator-link')
  }

  async start (): Promise<void> {
    const coordinators = new Set(this.c.keeper.peers.map(String))
    const started = Date.now()
    for (const id of coordinators) this.lastBeacon.set(id, started)
    const b = this.init.beacon
    this.c.gossip?.register(beaconTopic(b.topic, [...coordinators], { maxAgeMs: b.maxAgeMs, maxFutureMs: b.maxFutureMs }, new SeqnoTracker(), (beacon) => { this.onBeacon(beacon) }))
    await serve(this.c.node, this.init.keepaliveProtocol, KeepAlive, KeepAlive, async (msg, connection) => {
      const from = connection.remotePeer.toString()
      // only our coordinators may turn us away
      if (!coordinators.has(from) || msg.keepAlive) return { keepAlive: true, code: '', reason: '', timestampMs: BigInt(Date.now()) }
      const code = msg.code === 'ERR_PEER_BANNED' ? 'ERR_PEER_BANNED' : 'ERR_PEER_INCOMPATIBLE'
      const err = new PeerRefusedError(code, (msg.reason ?? '').slice(0, 256))
      setImmediate(() => this.emit('refused', err))
      return { keepAlive: false, code: 'ACK', reason: '', timestampMs: BigInt(Date.now()) }
    }, { timeout: 5_000, maxSize: 1024, log: this.log })
    this.timer = setInterval(() => { this.check() }, Math.max(100, Math.floor(this.interval / 2)))
    this.timer.unref()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
    this.c.gossip?.stop()
    await this.c.node.unhandle(this.init.keepaliveProtocol)
  }

  /** called by the gossip adapter with each accepted beacon */
  onBeacon (b: Beacon): void {
    const id = b.coordinatorId
    this.lastBeacon.set(id, Date.now())
    const announced = Number(b.heartbeatIntervalMs)
    if (announced >= 100 && announced <= 600_000) this.interval = announced
    if (this.lost.delete(id)) this.log('coordinator %s is back', id)
    this.emit('alive', b)
  }

  private check (): void {
    const now = Date.now()
    for (const peer of this.c.keeper.peers) {
      const id = peer.toString()
      const last = this.lastBeacon.get(id) ?? now
      if (now - last > this.init.missedForLost * this.interval && !this.lost.has(id)) {
        this.lost.add(id)
        this.log('no beacon from %s for %d ms: re-dialling', id, now - last)
        this.emit('lost', peer)
        this.c.keeper.redial(peer)
      }
    }
  }
}

/** `(init) => (components) => service`, as every CyxWiz service */
export function coordinatorLink (init: CoordinatorLinkInit): (components: CoordinatorLinkComponents) => CoordinatorLink {
  return (components) => new CoordinatorLink(init, components)
}
