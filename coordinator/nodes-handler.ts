/**
 * Serves the coordinator's view of the network over the nodes protocol (`cyxwiz nodes`), one page
 * at a time: whoever asks gets at most `maxPage` records per request and a cursor for the next, so
 * no request makes the coordinator read, encode or send the whole registry.
 */
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import { NodesRequest, NodesResponse } from '../protocols/nodes.js'
import { serve } from '../src/network/stream.js'
import type { NodeRegistry } from './registry/node-registry.js'

export interface NodesHandlerComponents {
  node: Pick<Libp2p, 'handle'>
  registry: Pick<NodeRegistry, 'page'>
  logger: ComponentLogger
}

export interface NodesHandlerInit {
  /** most records in one answer */
  maxPage: number
}

/**
 * 500: a record is ~1 KiB as peers send them and at most ~20.5 KiB (a heartbeat at its 16 KiB cap
 * plus an offer at its 4 KiB cap), so a full page stays under ~10.3 MiB, within the response cap
 */
export const defaultNodesHandlerInit: NodesHandlerInit = { maxPage: 500 }

/** a request is a few bytes and a cursor (a peer id, ~52 characters) */
export const MAX_NODES_REQUEST = 1024
export const MAX_NODES_RESPONSE = 16 * 1024 * 1024
/** longest cursor taken: a peer id is at most ~60 characters */
const MAX_CURSOR = 128

export async function handleNodes (protocol: string, components: NodesHandlerComponents, init: Partial<NodesHandlerInit> = {}): Promise<void> {
  const o = { ...defaultNodesHandlerInit, ...init }
  const log = components.logger.forComponent('cyxwiz:coordinator:nodes')
  await serve(components.node, protocol, NodesRequest, NodesResponse, async (req) => {
    const nowMs = BigInt(Date.now())
    if (req.after.length > MAX_CURSOR) return { code: 'ERR_INVALID_ARGUMENT', message: `the cursor is longer than ${MAX_CURSOR} characters`, nodes: [], nowMs, next: '' }
    const limit = req.limit === 0 ? o.maxPage : Math.min(req.limit, o.maxPage)
    const { nodes, next } = await components.registry.page({ ...(req.status != null ? { status: req.status } : {}), after: req.after, limit })
    return { code: '', message: '', nodes, nowMs, next }
  }, { timeout: 10_000, maxSize: MAX_NODES_REQUEST, log })
}
