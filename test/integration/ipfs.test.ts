/**
 * IPFS storage between two real libp2p nodes on loopback (TCP, noise, yamux, bitswap): content
 * added on one is fetched on the other, checked against its CID, pinned and kept across a restart;
 * oversized or unavailable content is refused with a named error, not hung on.
 */
import { expect } from 'chai'
import { randomBytes } from 'node:crypto'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import * as raw from 'multiformats/codecs/raw'
import * as dagPb from '@ipld/dag-pb'
import { UnixFS } from 'ipfs-unixfs'
import drain from 'it-drain'
import { parseIpfsUri, ipfsUri } from '../../src/storage/ipfs.js'
import { ipfsPair } from '../helpers/ipfs-pair.js'
import type { CyxwizError } from '../../src/errors.js'

async function codeOf (p: Promise<unknown>): Promise<string | undefined> {
  try { await p; return undefined } catch (err) { return (err as CyxwizError).code }
}

describe('ipfs storage over bitswap', function () {
  this.timeout(60_000)
  const stores = ipfsPair('cyxwiz-ipfs-')

  it('moves a multi-block file from one node to the other intact, pinned on arrival', async () => {
    const data = randomBytes(5 * 1024 * 1024 + 123)
    const cid = await stores.A.addBytes(data)
    const got = await stores.B.cat(cid, { maxBytes: 10 * 1024 * 1024, timeout: 20_000 })
    expect(Buffer.from(got).equals(data)).to.equal(true)
    expect(await stores.B.helia.pins.isPinned(cid)).to.equal(true)
  })

  it('stores and pins every block of a file it hands over from memory, so a later cat reads the same bytes from disk', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 5)
    const cid = await stores.A.addBytes(data)
    const got = await stores.B.cat(cid, { maxBytes: data.byteLength, timeout: 20_000 })
    expect(Buffer.from(got).equals(data)).to.equal(true)
    const parts: Uint8Array[] = []
    for await (const part of stores.B.helia.blockstore.get(cid)) parts.push(part)
    const links = dagPb.decode(Buffer.concat(parts)).Links.map(l => l.Hash)
    expect(links.length).to.be.greaterThan(1)
    for (const l of [cid, ...links]) {
      expect(await stores.B.helia.blockstore.has(l), `${l.toString()} stored`).to.equal(true)
      expect(await stores.B.helia.pins.isPinned(l), `${l.toString()} pinned`).to.equal(true)
    }
    const again = await stores.B.cat(cid, { maxBytes: data.byteLength, timeout: 20_000 })
    expect(Buffer.from(again).equals(data)).to.equal(true)
  })

  it('serves two concurrent fetches of one CID (two jobs on one dataset) without a double pin', async () => {
    const data = randomBytes(3 * 1024 * 1024)
    const cid = await stores.A.addBytes(data)
    const [x, y] = await Promise.all([0, 1].map(async () => await stores.B.cat(cid, { maxBytes: 4 * 1024 * 1024, timeout: 20_000 })))
    expect(Buffer.from(x ?? []).equals(data) && Buffer.from(y ?? []).equals(data)).to.equal(true)
  })

  it('moves a directory of files (a tfjs model directory)', async () => {
    const files = [{ path: 'model.json', content: new TextEncoder().encode('{"a":1}') }, { path: 'weights.bin', content: randomBytes(300_000) }]
    const cid = await stores.A.addFiles(files)
    const got = await stores.B.readFiles(cid, { maxBytes: 1024 * 1024, timeout: 20_000 })
    expect(got.map(f => f.path).sort()).to.deep.equal(['model.json', 'weights.bin'])
    expect(Buffer.from(got.find(f => f.path === 'weights.bin')?.content ?? []).equals(files[1]?.content as Uint8Array)).to.equal(true)
  })

  it('refuses content over the caller\'s size cap before fetching it (ERR_TOO_LARGE)', async () => {
    const cid = await stores.A.addBytes(randomBytes(2 * 1024 * 1024))
    expect(await codeOf(stores.B.cat(cid, { maxBytes: 1024 * 1024, timeout: 10_000 }))).to.equal('ERR_TOO_LARGE')
    expect(await stores.B.helia.pins.isPinned(cid)).to.equal(false)
  })

  it('accepts a multi-block file of exactly the cap (its DAG links are not counted against it)', async () => {
    const data = randomBytes(3 * 1024 * 1024 + 7)
    const cid = await stores.A.addBytes(data)
    const got = await stores.B.cat(cid, { maxBytes: data.byteLength, timeout: 20_000 })
    expect(Buffer.from(got).equals(data)).to.equal(true)
  })

  it('counts the bytes that arrive, not the size the root claims: a lying file is refused and none of it stays pinned', async () => {
    // a UnixFS file whose root says its three 1 MiB leaves hold one byte each (no honest adder makes one)
    const leaves: CID[] = []
    for (let i = 0; i < 3; i++) {
      const bytes = randomBytes(1024 * 1024)
      const cid = CID.createV1(raw.code, await sha256.digest(bytes))
      await stores.A.helia.blockstore.put(cid, bytes)
      leaves.push(cid)
    }
    const claim = new UnixFS({ type: 'file', blockSizes: [1n, 1n, 1n] })
    const root = dagPb.encode(dagPb.prepare({ Data: claim.marshal(), Links: leaves.map(l => ({ Hash: l, Tsize: 1 })) }))
    const rootCid = CID.createV1(dagPb.code, await sha256.digest(root))
    await stores.A.helia.blockstore.put(rootCid, root)
    await drain(stores.A.helia.pins.add(rootCid))
    expect(await codeOf(stores.B.cat(rootCid, { maxBytes: 1024 * 1024 + 512 * 1024, timeout: 20_000 }))).to.equal('ERR_TOO_LARGE')
    expect(await stores.B.helia.pins.isPinned(rootCid)).to.equal(false)
    expect(await stores.B.helia.blockstore.has(rootCid), 'the root it brought is deleted again').to.equal(false)
    for await (const p of stores.B.helia.pins.ls()) expect(p.cid.equals(rootCid)).to.equal(false)
  })

  it('refuses a file whose root claims more bytes than its blocks hold (ERR_IPFS), handing over none of it', async () => {
    // the file is read into a buffer of the size the root claims while it arrives: a short file must not come back padded
    const leaves: CID[] = []
    for (let i = 0; i < 2; i++) {
      const bytes = randomBytes(1024 * 1024)
      const cid = CID.createV1(raw.code, await sha256.digest(bytes))
      await stores.A.helia.blockstore.put(cid, bytes)
      leaves.push(cid)
    }
    const claim = new UnixFS({ type: 'file', blockSizes: [1024n * 1024n, 2n * 1024n * 1024n] })
    const root = dagPb.encode(dagPb.prepare({ Data: claim.marshal(), Links: leaves.map(l => ({ Hash: l, Tsize: 1024 * 1024 })) }))
    const rootCid = CID.createV1(dagPb.code, await sha256.digest(root))
    await stores.A.helia.blockstore.put(rootCid, root)
    await drain(stores.A.helia.pins.add(rootCid))
    expect(await codeOf(stores.B.cat(rootCid, { maxBytes: 4 * 1024 * 1024, timeout: 20_000 }))).to.equal('ERR_IPFS')
  })

  it('refuses to cat a directory as a file (ERR_IPFS)', async () => {
    const cid = await stores.A.addFiles([{ path: 'a.txt', content: new TextEncoder().encode('a') }])
    expect(await codeOf(stores.B.cat(cid, { maxBytes: 1024 * 1024, timeout: 20_000 }))).to.equal('ERR_IPFS')
  })

  it('gives up on content nobody connected holds with a retryable ERR_CONTENT_NOT_FOUND', async () => {
    const missing = CID.createV1(raw.code, await sha256.digest(randomBytes(64)))
    // it gives up by itself: the fetch ends, with the error, before the test's own limit
    const err = await stores.B.cat(missing, { maxBytes: 1024, timeout: 1500 }).then(() => undefined, (e: unknown) => e as CyxwizError)
    expect(err?.code).to.equal('ERR_CONTENT_NOT_FOUND')
    expect(err?.retryable).to.equal(true)
  })

  it('parses only ipfs://<cid> addresses', () => {
    const cid = 'bafybeibcd6gpy5bobtngv5l57m4pmfeichqc5sotynmpcc6do524fpy7ga'
    expect(ipfsUri(parseIpfsUri(`ipfs://${cid}`))).to.equal(`ipfs://${cid}`)
    for (const bad of ['', 'ipfs://', `http://${cid}`, 'ipfs://not-a-cid-at-all!', `ipfs://${cid}/../x`, `ipfs://${'b'.repeat(200)}`]) {
      expect(() => parseIpfsUri(bad), bad).to.throw().with.property('code', 'ERR_IPFS')
    }
  })
})
