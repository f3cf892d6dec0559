/**
 * Serves the coordinator's view of the network over the nodes protocol (`cyxwiz nodes`).
 */
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import { NodesRequest, NodesResponse } from '../protocols/nodes.js'
import { serve } from '../src/network/stream.js'
import type { NodeRegistry } from './registry/node-registry.js'

export interface NodesHandlerComponents {
  node: Pick<Libp2p, 'handle'>
  registry: Pick<NodeRegistry, 'list'>
  logger: ComponentLogger
}

/** a request is a few bytes; the answer carries ~1 KiB per node, so 16 MiB covers ~15,000 nodes */
export const MAX_NODES_REQUEST = 1024
export const MAX_NODES_RESPONSE = 16 * 1024 * 1024

export async function handleNodes (protocol: string, components: NodesHandlerComponents): Promise<void> {
  const log = components.logger.forComponent('cyxwiz:coordinator:nodes')
  await serve(components.node, protocol, NodesRequest, NodesResponse, async (req) => {
    const nodes = await components.registry.list(req.status)
    return { code: '', message: '', nodes, nowMs: BigInt(Date.now()) }
  }, { timeout: 10_000, maxSize: MAX_NODES_REQUEST, log })
}
