/**
 * One typed prom-client registry per role (coordinator, peer). Everything a role counts is declared
 * here so names and labels stay consistent and a later /metrics endpoint serves the lot.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client'

export type GossipAction = 'accept' | 'ignore' | 'reject'

export interface CyxwizMetrics {
  registry: Registry
  /** every gossip message seen by the validation adapter, by topic, action and code */
  gossipValidation: Counter<'topic' | 'action' | 'code'>
  /** heartbeats and availability messages written to the registry */
  registryWrites: Counter<'kind'>
  /** nodes per liveness status, refreshed by the sweeper */
  nodesByStatus: Gauge<'status'>
  /** age of a heartbeat when the coordinator stored it (its timestamp to now), seconds */
  heartbeatAge: Histogram
}

export function createMetrics (role: 'coordinator' | 'peer' | 'client'): CyxwizMetrics {
  const registry = new Registry()
  registry.setDefaultLabels({ role })
  return {
    registry,
    gossipValidation: new Counter({
      name: 'cyxwiz_gossip_validation_total',
      help: 'Gossip messages seen by the validation adapter',
      labelNames: ['topic', 'action', 'code'] as const,
      registers: [registry]
    }),
    registryWrites: new Counter({
      name: 'cyxwiz_registry_writes_total',
      help: 'Node registry writes',
      labelNames: ['kind'] as const,
      registers: [registry]
    }),
    nodesByStatus: new Gauge({
      name: 'cyxwiz_nodes',
      help: 'Nodes in the registry by liveness status',
      labelNames: ['status'] as const,
      registers: [registry]
    }),
    heartbeatAge: new Histogram({
      name: 'cyxwiz_heartbeat_age_seconds',
      help: 'Time from a heartbeat timestamp to its storage on the coordinator',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry]
    })
  }
}

/** Reads the gossip validation counter as `{ "topic/action/code": n }`, for tests, logs and the CLI. */
export async function gossipCounts (metrics: CyxwizMetrics): Promise<Record<string, number>> {
  const out: Record<string, number> = {}
  for (const v of (await metrics.gossipValidation.get()).values) {
    out[`${v.labels.topic ?? ''}/${v.labels.action ?? ''}/${v.labels.code ?? ''}`] = v.value
  }
  return out
}
