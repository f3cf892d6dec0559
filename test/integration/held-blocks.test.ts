/**
 * HeldBlocks, the blocks one IpfsStore call fetched, kept in memory: a reader beside the fetch
 * waits for the blocks the fetch brings and never asks the network itself (only the fetch counts
 * bytes against the caller's cap), and a failed fetch fails every wait and lets go of every block.
 * Two real nodes on loopback, so "asks the network" would really find the block on the other one.
 */
import { expect } from 'chai'
import { randomBytes } from 'node:crypto'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import * as raw from 'multiformats/codecs/raw'
import { IpfsStore } from '../../src/storage/ipfs.js'
import { ipfsPair } from '../helpers/ipfs-pair.js'
import { HeldBlocks } from '../../src/storage/held-blocks.js'
import { CyxwizError } from '../../src/errors.js'

type Store = IpfsStore['helia']['blockstore']

async function bytesOf (store: Store, cid: CID): Promise<Uint8Array> {
  const parts: Uint8Array[] = []
  for await (const part of store.get(cid)) parts.push(part)
  return Buffer.concat(parts)
}

describe('held blocks: a reader beside the fetch', function () {
  this.timeout(60_000)
  const stores = ipfsPair('cyxwiz-held-')

  async function blockOnA (): Promise<{ cid: CID, bytes: Uint8Array }> {
    const bytes = randomBytes(4096)
    const cid = CID.createV1(raw.code, await sha256.digest(bytes))
    await stores.A.helia.blockstore.put(cid, bytes)
    return { cid, bytes }
  }

  it('waits for a block until the fetch brings it', async () => {
    const { cid, bytes } = await blockOnA()
    const held = new HeldBlocks()
    const reading = bytesOf(held.following(stores.B.helia.blockstore), cid)
    held.add(cid, bytes)
    expect(Buffer.from(await reading).equals(bytes)).to.equal(true)
  })

  it('never fetches: once the fetch has ended, a block not held is looked for on disk only', async () => {
    const { cid } = await blockOnA() // the connected peer has it, so a networked read would succeed
    const held = new HeldBlocks()
    const reading = bytesOf(held.following(stores.B.helia.blockstore), cid)
    held.end()
    const err = await reading.then(() => undefined, (e: unknown) => e as Error)
    expect(err?.name).to.equal('BlockNotFoundWhileOfflineError')
    expect(await stores.B.helia.blockstore.has(cid)).to.equal(false)
  })

  it('fails every wait with the fetch\'s error and lets go of what it held', async () => {
    const { cid, bytes } = await blockOnA()
    const other = await blockOnA()
    const held = new HeldBlocks()
    held.add(other.cid, other.bytes)
    const reading = bytesOf(held.following(stores.B.helia.blockstore), cid)
    const refused = new CyxwizError('ERR_TOO_LARGE', 'refused')
    held.end(refused)
    expect(await reading.then(() => undefined, (e: unknown) => e)).to.equal(refused)
    // nothing it held is handed out after a failure, and nothing added later is either
    held.add(cid, bytes)
    for (const c of [other.cid, cid]) {
      expect(await bytesOf(held.following(stores.B.helia.blockstore), c).then(() => undefined, (e: unknown) => e)).to.equal(refused)
    }
  })
})
