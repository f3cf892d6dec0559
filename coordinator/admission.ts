/**
 * Who is welcome. The HeartbeatResponse {keep_alive} lives here: a peer that is banned,
 * or whose software is older than the coordinator accepts, is told so over the keepalive protocol
 * (rate-limited, so a peer that ignores it costs one stream per minute) and its messages are not stored.
 */
import { LRUCache } from 'lru-cache'
import { peerIdFromString } from '@libp2p/peer-id'
import type { ComponentLogger, Libp2p, Logger } from '@libp2p/interface'
import { KeepAlive } from '../protocols/keepalive.js'
import { compareVersions } from '../src/version.js'
import { request } from '../src/network/stream.js'

export interface Refusal {
  code: 'ERR_PEER_BANNED' | 'ERR_PEER_INCOMPATIBLE'
  reason: string
}

export interface AdmissionInit {
  /** peer ids that are refused */
  banned: string[]
  /** peers reporting an older software version are refused */
  minPeerVersion: string
  /** at most one refusal notice per peer per this many ms */
  noticeInterval: number
  /** the keepalive protocol id */
  protocol: string
}

export interface AdmissionComponents {
  node: Pick<Libp2p, 'dialProtocol'>
  logger: ComponentLogger
}

export class Admission {
  private readonly init: AdmissionInit
  private readonly components: AdmissionComponents
  private readonly log: Logger
  private readonly banned: Set<string>
  /** peers refused for their version, learnt from their offers */
  private readonly incompatible = new LRUCache<string, string>({ max: 100_000 })
  private readonly noticed: LRUCache<string, true>

  constructor (init: AdmissionInit, components: AdmissionComponents) {
    this.init = init
    this.components = components
    this.log = components.logger.forComponent('cyxwiz:coordinator:admission')
    this.banned = new Set(init.banned)
    this.noticed = new LRUCache<string, true>({ max: 100_000, ttl: init.noticeInterval })
  }

  /** the refusal for a node, if any; `version` is given when the message carries one */
  check (nodeId: string, version?: string): Refusal | undefined {
    if (this.banned.has(nodeId)) return { code: 'ERR_PEER_BANNED', reason: 'this peer id is banned by the coordinator operator' }
    if (version != null) {
      if (compareVersions(version, this.init.minPeerVersion) < 0) {
        this.incompatible.set(nodeId, version)
      } else {
        this.incompatible.delete(nodeId)
      }
    }
    const old = this.incompatible.get(nodeId)
    if (old != null) {
      return { code: 'ERR_PEER_INCOMPATIBLE', reason: `peer version ${old} is older than the minimum ${this.init.minPeerVersion}; upgrade cyxwiz` }
    }
    return undefined
  }

  /** Tells the peer, at most once per notice interval. Never throws. */
  notify (nodeId: string, refusal: Refusal): void {
    if (this.noticed.has(nodeId)) return
    this.noticed.set(nodeId, true)
    this.log('refusing %s: %s', nodeId, refusal.reason)
    const value: KeepAlive = { keepAlive: false, code: refusal.code, reason: refusal.reason, timestampMs: BigInt(Date.now()) }
    request(this.components.node, peerIdFromString(nodeId), this.init.protocol,
      { value, codec: KeepAlive }, KeepAlive, { timeout: 5_000, maxSize: 1024 })
      .catch((err: unknown) => { this.log('refusal to %s not delivered: %e', nodeId, err) })
  }
}

/** admission, built from its options and then its components */
export function admission (init: AdmissionInit): (components: AdmissionComponents) => Admission {
  return (components) => new Admission(init, components)
}
