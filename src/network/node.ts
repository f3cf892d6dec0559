/**
 * The libp2p node factory shared by the coordinator, the peer daemon and the CLI clients.
 * TCP + noise + yamux, identify, ping, kad-dht in server mode that keeps private and loopback
 * addresses, and gossipsub with StrictSign and colocation scoring that does not starve peers that
 * share a host (> ~14 peers on one IP are graylisted otherwise).
 */
import { createLibp2p } from 'libp2p'
import type { Libp2p, PrivateKey } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify, type Identify } from '@libp2p/identify'
import { ping, type Ping } from '@libp2p/ping'
import { kadDHT, passthroughMapper, type KadDHT } from '@libp2p/kad-dht'
import { gossipsub, type GossipSub } from '@libp2p/gossipsub'
import { prometheusMetrics } from '@libp2p/prometheus-metrics'
import type { Registry } from 'prom-client'
import { protocolIds } from '../../protocols/ids.js'
import { fastMsgId } from './fast-msg-id.js'

export type NodeServices = {
  pubsub: GossipSub
  identify: Identify
  ping: Ping
  dht: KadDHT
}

export type CyxwizNode = Libp2p<NodeServices>

export interface NodeOptions {
  /** network name, see protocolIds() */
  network: string
  privateKey?: PrivateKey
  /** multiaddrs to listen on; empty for a dial-only client */
  listen: string[]
  /**
   * IPs exempt from gossipsub's IP-colocation penalty. Loopback by default so a local network of
   * any size works; add the public IP of a NAT that hides several peers.
   */
  colocationWhitelist: string[]
  /**
   * Address ranges (multiaddr with /ipcidr) exempt from the inbound dial rate limit and the
   * connection cap. Loopback by default: a bootstrap node sees a whole local testnet dial at once.
   */
  allow: string[]
  /** connection cap; a coordinator is every peer's bootstrap node and needs more than the default 300 */
  maxConnections: number
  /** inbound connections per second per host before refusing (libp2p's default is 5) */
  inboundConnectionThreshold: number
  /** largest gossip payload gossipsub decodes at all; our own per-topic caps are far below it */
  maxGossipDataLength: number
  /**
   * the role's prom-client registry: libp2p's own metrics (connections, streams, protocols,
   * gossipsub) and prom-client's default process metrics go on it, beside the role's cyxwiz_*
   * metrics, so one /metrics serves them all. Absent: libp2p collects no metrics.
   */
  metricsRegistry?: Registry
}

export const defaultNodeOptions: NodeOptions = {
  network: 'cyxwiz',
  listen: ['/ip4/0.0.0.0/tcp/0'],
  colocationWhitelist: ['127.0.0.1', '::1'],
  allow: ['/ip4/127.0.0.0/ipcidr/8', '/ip6/::1/ipcidr/128'],
  maxConnections: 300,
  inboundConnectionThreshold: 5,
  // 1 MiB: larger frames are dropped by gossipsub itself; anything under it reaches our adapter,
  // which rejects it by the topic's own cap and counts it
  maxGossipDataLength: 1024 * 1024
}

/** Creates (and starts) a node. */
export async function createNode (opts: Partial<NodeOptions> = {}): Promise<CyxwizNode> {
  const o: NodeOptions = { ...defaultNodeOptions, ...opts }
  const ids = protocolIds(o.network)
  return createLibp2p<NodeServices>({
    ...(o.privateKey != null ? { privateKey: o.privateKey } : {}),
    addresses: { listen: o.listen },
    // preserveExistingMetrics: the registry already holds the role's metrics; the default resets it
    ...(o.metricsRegistry != null ? { metrics: prometheusMetrics({ registry: o.metricsRegistry, preserveExistingMetrics: true, collectDefaultMetrics: true }) } : {}),
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionManager: {
      allow: o.allow,
      maxConnections: o.maxConnections,
      inboundConnectionThreshold: o.inboundConnectionThreshold
    },
    // a busy peer (training blocks for 100 ms at a time) must not lose its connection to one late ping
    connectionMonitor: { abortConnectionOnPingFailure: false },
    services: {
      identify: identify(),
      ping: ping(),
      dht: kadDHT({
        protocol: ids.protocols.kad,
        clientMode: false,
        peerInfoMapper: passthroughMapper
      }),
      pubsub: gossipsub({
        globalSignaturePolicy: 'StrictSign',
        // a copy of a message already verified is dropped before its signature is checked again
        fastMsgIdFn: fastMsgId,
        emitSelf: false,
        allowPublishToZeroTopicPeers: true,
        ignoreDuplicatePublishError: true,
        maxInboundDataLength: o.maxGossipDataLength,
        scoreParams: {
          IPColocationFactorWhitelist: new Set(o.colocationWhitelist)
        }
      })
    }
  })
}

/**
 * A dial-only node for CLI clients: no listening, no DHT, no gossip; an ephemeral identity.
 * Identify stays: bitswap on either side only talks to peers identify says run it (the
 * coordinator fetches a submitter's dataset over this connection).
 */
export async function createClientNode (): Promise<Libp2p> {
  return createLibp2p({
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionMonitor: { enabled: false },
    services: { identify: identify() }
  })
}
