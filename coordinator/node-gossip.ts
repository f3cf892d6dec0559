/**
 * What the coordinator does with a node's gossip once the validators have accepted it: the
 * admission rule (ban list, minimum version) first, then the registry write. Heartbeats also feed
 * the age histogram. Shared by the coordinator and bench:heartbeat-ingest, so the bench measures the
 * handler the coordinator runs.
 */
import type { SignedMessage } from '@libp2p/gossipsub'
import type { Heartbeat } from '../protocols/heartbeat.js'
import type { Availability } from '../protocols/availability.js'
import type { CyxwizMetrics } from '../src/metrics/registry.js'
import type { Admission } from './admission.js'
import type { NodeRegistry } from './registry/node-registry.js'

export interface NodeGossipComponents {
  admission: Pick<Admission, 'check' | 'notify'>
  registry: Pick<NodeRegistry, 'recordHeartbeat' | 'recordAvailability'>
  metrics: Pick<CyxwizMetrics, 'heartbeatAge'>
}

export interface NodeGossipHandlers {
  heartbeat: (hb: Heartbeat, msg: SignedMessage) => Promise<void>
  availability: (a: Availability, msg: SignedMessage) => Promise<void>
}

/** the accepted-message handlers of the heartbeat and availability topics */
export function nodeGossipHandlers (c: NodeGossipComponents): NodeGossipHandlers {
  return {
    async heartbeat (hb, msg) {
      const refusal = c.admission.check(hb.nodeId, hb.softwareVersion)
      if (refusal != null) {
        c.admission.notify(hb.nodeId, refusal)
        return
      }
      const now = Date.now()
      c.metrics.heartbeatAge.observe(Math.max(0, now - Number(hb.timestampMs)) / 1000)
      await c.registry.recordHeartbeat(hb, msg.data, now)
    },
    async availability (a, msg) {
      const refusal = c.admission.check(a.nodeId, a.softwareVersion)
      if (refusal != null) {
        c.admission.notify(a.nodeId, refusal)
        return
      }
      await c.registry.recordAvailability(a, msg.data)
    }
  }
}
