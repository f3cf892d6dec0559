/**
 * Content from where it lives: a store with `sources` fetches what no connected peer holds from an
 * IPFS trustless gateway (a real HTTP server on loopback serving a real Helia blockstore) or from
 * an IPFS peer it was told to dial, over bitswap; gateways only for a fetch that asks for them. What a gateway serves is hostile: a block that
 * does not hash to its CID is never stored or pinned (ERR_HASH_MISMATCH), and the byte caps apply
 * to a gateway's DAG as to a peer's.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import * as dagPb from '@ipld/dag-pb'
import type { CID } from 'multiformats/cid'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore } from '../../src/storage/ipfs.js'
import type { CyxwizError } from '../../src/errors.js'
import { startTrustlessGateway, type TestGateway } from '../helpers/trustless-gateway.js'

async function codeOf (p: Promise<unknown>): Promise<string | undefined> {
  try { await p; return undefined } catch (err) { return (err as CyxwizError).code }
}

/** the CIDs a unixfs file's root links to (its leaves) */
async function leavesOf (store: IpfsStore, root: CID): Promise<CID[]> {
  const parts: Uint8Array[] = []
  for await (const p of store.helia.blockstore.get(root, { offline: true })) parts.push(p)
  return dagPb.decode(Buffer.concat(parts)).Links.map(l => l.Hash)
}

describe('ipfs content sources: trustless gateways and named IPFS peers', function () {
  this.timeout(60_000)
  let dir: string
  let originNode: CyxwizNode
  let origin: IpfsStore
  let gateway: TestGateway
  const opened: Array<{ store: IpfsStore, node: CyxwizNode }> = []

  /** a fresh store (its own node, connected to nobody) fetching from `sources` */
  async function fetcher (sources: { gateways?: string[], peers?: string[] }): Promise<IpfsStore> {
    const node = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    try {
      const store = await IpfsStore.open(join(dir, `f${opened.length}`), node, { sources })
      opened.push({ store, node })
      return store
    } catch (err) {
      await node.stop()
      throw err
    }
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-sources-'))
    originNode = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    origin = await IpfsStore.open(join(dir, 'origin'), originNode)
    gateway = await startTrustlessGateway(origin.helia.blockstore)
  })

  after(async () => {
    for (const { store, node } of opened) { await store.stop().catch(() => {}); await node.stop() }
    await gateway?.close()
    await origin?.stop(); await originNode?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('fetches a multi-block file no connected peer holds from a trustless gateway, checked and pinned', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 17)
    const cid = await origin.addBytes(data)
    const store = await fetcher({ gateways: [gateway.url] })
    expect(opened.at(-1)?.node.getConnections()).to.have.length(0)
    const got = await store.cat(cid, { maxBytes: 4 * 1024 * 1024, timeout: 20_000, gateways: true })
    expect(Buffer.from(got).equals(data)).to.equal(true)
    expect(await store.helia.pins.isPinned(cid)).to.equal(true)
    expect(gateway.requests).to.include(cid.toString())
  })

  it('refuses a block a gateway forged for its CID: ERR_HASH_MISMATCH, nothing stored or pinned', async () => {
    const cid = await origin.addBytes(randomBytes(2 * 1024 * 1024 + 5))
    const leaves = await leavesOf(origin, cid)
    expect(leaves.length).to.be.greaterThan(1)
    const forgedLeaf = leaves[1] as CID
    gateway.forge(forgedLeaf, randomBytes(1024))
    const store = await fetcher({ gateways: [gateway.url] })
    expect(await codeOf(store.cat(cid, { maxBytes: 4 * 1024 * 1024, timeout: 4_000, gateways: true }))).to.equal('ERR_HASH_MISMATCH')
    expect(await store.helia.pins.isPinned(cid)).to.equal(false)
    expect(await store.helia.blockstore.has(forgedLeaf)).to.equal(false)
    // and what did arrive of the refused DAG was deleted again
    expect(await store.helia.blockstore.has(leaves[0] as CID)).to.equal(false)
  })

  it('refuses a forged root block too (the size check reads it first)', async () => {
    const cid = await origin.addBytes(randomBytes(300_000))
    gateway.forge(cid, randomBytes(300))
    const store = await fetcher({ gateways: [gateway.url] })
    expect(await codeOf(store.cat(cid, { maxBytes: 1024 * 1024, timeout: 3_000, gateways: true }))).to.equal('ERR_HASH_MISMATCH')
    expect(await store.helia.blockstore.has(cid)).to.equal(false)
  })

  it('applies the byte cap to a gateway\'s DAG (ERR_TOO_LARGE, nothing pinned)', async () => {
    const cid = await origin.addBytes(randomBytes(2 * 1024 * 1024))
    const store = await fetcher({ gateways: [gateway.url] })
    expect(await codeOf(store.cat(cid, { maxBytes: 1024 * 1024, timeout: 10_000, gateways: true }))).to.equal('ERR_TOO_LARGE')
    expect(await store.helia.pins.isPinned(cid)).to.equal(false)
  })

  it('names content that no source has: ERR_CONTENT_NOT_FOUND (the gateway answers 404)', async () => {
    const other = await fetcher({})
    const cid = await other.addBytes(randomBytes(1000)) // held only by a store nobody is connected to
    const store = await fetcher({ gateways: [gateway.url] })
    expect(await codeOf(store.cat(cid, { maxBytes: 1024 * 1024, timeout: 2_000, gateways: true }))).to.equal('ERR_CONTENT_NOT_FOUND')
  })

  it('asks no gateway for content the fetch does not say may live there (a checkpoint, a model)', async () => {
    const cid = await origin.addBytes(randomBytes(2000))
    const store = await fetcher({ gateways: [gateway.url] })
    expect(await codeOf(store.cat(cid, { maxBytes: 1024 * 1024, timeout: 1_000 }))).to.equal('ERR_CONTENT_NOT_FOUND')
    expect(gateway.requests).to.not.include(cid.toString())
  })

  it('dials a named IPFS peer and fetches from it over bitswap', async () => {
    const data = randomBytes(2 * 1024 * 1024 + 3)
    const cid = await origin.addBytes(data)
    const addr = `${originNode.getMultiaddrs()[0]?.toString() ?? ''}`
    expect(addr).to.contain('/p2p/')
    const store = await fetcher({ peers: [addr] })
    const got = await store.cat(cid, { maxBytes: 4 * 1024 * 1024, timeout: 20_000 })
    expect(Buffer.from(got).equals(data)).to.equal(true)
    expect(await store.helia.pins.isPinned(cid)).to.equal(true)
  })

  it('refuses a bad gateway URL or an IPFS peer address without /p2p/<id> with named errors', async () => {
    expect(await codeOf(fetcher({ gateways: ['ftp://example.com'] }))).to.equal('ERR_INVALID_ARGUMENT')
    expect(await codeOf(fetcher({ gateways: ['http://127.0.0.1:1/?x=1'] }))).to.equal('ERR_INVALID_ARGUMENT')
    expect(await codeOf(fetcher({ peers: ['/ip4/127.0.0.1/tcp/4001'] }))).to.equal('ERR_INVALID_MULTIADDR')
    expect(await codeOf(fetcher({ peers: ['not a multiaddr'] }))).to.equal('ERR_INVALID_MULTIADDR')
  })
})
