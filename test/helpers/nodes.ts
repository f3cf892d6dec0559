/**
 * What the coordinator says about its nodes, asked in-process over one stream (the `cyxwiz nodes`
 * request) rather than by starting a `cyxwiz nodes` process per look.
 */
import { fetchNodes, toView, type NodeView } from '../../client/nodes-command.js'
import { waitFor } from './processes.js'

export async function nodes (addr: string): Promise<NodeView[]> {
  const res = await fetchNodes(addr)
  return res.nodes.map(n => toView(n, Number(res.nowMs)))
}

/** Asks until `ok` holds for the coordinator's view of its nodes; gives that view. */
export async function untilNodes (addr: string, what: string, ok: (v: NodeView[]) => boolean, timeoutMs = 60_000): Promise<NodeView[]> {
  let last: NodeView[] = []
  return await waitFor(what, async () => { last = await nodes(addr); return ok(last) ? last : undefined }, timeoutMs, 250)
    .catch((err: Error) => { throw new Error(`${err.message}; last view ${JSON.stringify(last.map(n => ({ id: n.node_id, status: n.status, offer: n.offer != null })))}`) })
}

/** a node the coordinator has online with an offer */
export const ready = (n: NodeView): boolean => n.status === 'online' && n.offer != null
