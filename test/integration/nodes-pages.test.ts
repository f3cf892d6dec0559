/**
 * The nodes protocol from outside, against the real handler on a real libp2p node over a registry
 * of 1,200 records on level: a stranger asking for four billion nodes gets one capped page and a
 * cursor; `fetchNodes` (what `cyxwiz nodes` runs) walks the pages and gets every node exactly once,
 * in order, with a status filter too; an oversized cursor is refused by name.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultLogger } from '@libp2p/logger'
import { multiaddr } from '@multiformats/multiaddr'
import type { Libp2p } from '@libp2p/interface'
import { nodeRegistry, type NodeRegistry } from '../../coordinator/registry/node-registry.js'
import { defaultNodesHandlerInit, handleNodes } from '../../coordinator/nodes-handler.js'
import { fetchNodes } from '../../client/nodes-command.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { createMetrics } from '../../src/metrics/registry.js'
import { createClientNode, createNode, type CyxwizNode } from '../../src/network/node.js'
import { request } from '../../src/network/stream.js'
import { protocolIds } from '../../protocols/ids.js'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { Liveness, NodesRequest, NodesResponse } from '../../protocols/nodes.js'

const NODES = 1200
const ids = protocolIds()

describe('nodes protocol: pages, capped', function () {
  this.timeout(120_000)
  let dir: string
  let store: LevelStore
  let registry: NodeRegistry
  let server: CyxwizNode
  let stranger: Libp2p
  let addr: string
  const all: string[] = []

  const ask = async (value: Partial<NodesRequest>): Promise<NodesResponse> => await request<NodesRequest, NodesResponse>(stranger, multiaddr(addr),
    ids.protocols.nodes, { value: { after: '', limit: 0, ...value }, codec: NodesRequest }, NodesResponse, { timeout: 15_000, maxSize: 32 * 1024 * 1024 })

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-nodes-pages-'))
    store = await LevelStore.open(dir)
    registry = nodeRegistry({ interval: 60_000, sweepInterval: 3_600_000 })({ store, metrics: createMetrics('coordinator'), logger: defaultLogger() })
    await registry.start()
    for (let i = 0; i < NODES; i++) {
      const id = `node-${String(i).padStart(5, '0')}`
      all.push(id)
      // every third one said goodbye: offline
      const hb: Heartbeat = { nodeId: id, status: i % 3 === 0 ? WorkStatus.LEAVING : WorkStatus.IDLE, seqno: 1n, timestampMs: 0n, queueLength: 0, availableMemoryBytes: 0n, softwareVersion: '0.1.0' }
      await registry.recordHeartbeat(hb, Heartbeat.encode(hb))
    }
    server = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    await handleNodes(ids.protocols.nodes, { node: server, registry, logger: defaultLogger() })
    addr = server.getMultiaddrs()[0]!.toString()
    stranger = await createClientNode()
  })

  after(async () => {
    await stranger?.stop()
    await server?.stop()
    await registry?.stop()
    await store?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('answers a request for four billion nodes with one capped page and a cursor', async () => {
    const res = await ask({ limit: 0xffffffff })
    expect(res.code).to.equal('')
    expect(res.nodes).to.have.length(defaultNodesHandlerInit.maxPage)
    expect(res.nodes.map(n => n.nodeId)).to.deep.equal(all.slice(0, defaultNodesHandlerInit.maxPage))
    expect(res.next).to.equal(all[defaultNodesHandlerInit.maxPage - 1])
    // an unbounded ask and a small one
    expect((await ask({})).nodes).to.have.length(defaultNodesHandlerInit.maxPage)
    const small = await ask({ limit: 7, after: res.next })
    expect(small.nodes.map(n => n.nodeId)).to.deep.equal(all.slice(defaultNodesHandlerInit.maxPage, defaultNodesHandlerInit.maxPage + 7))
  })

  it('ends with an empty cursor on the last page', async () => {
    const res = await ask({ after: all[NODES - 3] })
    expect(res.nodes.map(n => n.nodeId)).to.deep.equal(all.slice(NODES - 2))
    expect(res.next).to.equal('')
    // exactly a page's worth left: still no cursor to an empty page
    const exact = await ask({ after: all[NODES - 11], limit: 10 })
    expect(exact.nodes).to.have.length(10)
    expect(exact.next).to.equal('')
  })

  it('lets the client walk every node exactly once, in order, filtered too', async () => {
    const res = await fetchNodes(addr)
    expect(res.nodes.map(n => n.nodeId)).to.deep.equal(all)
    const offline = await fetchNodes(addr, 'cyxwiz', Liveness.OFFLINE)
    expect(offline.nodes.map(n => n.nodeId)).to.deep.equal(all.filter((_, i) => i % 3 === 0))
    expect(offline.nodes.every(n => n.status === Liveness.OFFLINE)).to.equal(true)
  })

  it('refuses an oversized cursor by name', async () => {
    const res = await ask({ after: 'x'.repeat(200) })
    expect(res.code).to.equal('ERR_INVALID_ARGUMENT')
    expect(res.nodes).to.have.length(0)
  })
})
