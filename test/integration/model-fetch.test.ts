/**
 * `job fetch` against a hostile model directory on a real Helia node, served over bitswap to the
 * client's node: an entry named `../escape`, a duplicate weights.bin, a stray file. The command's
 * fetch-and-write step (`fetchModel`, which `cyxwiz job fetch` calls once the coordinator names a
 * completed job's model) refuses each with a named error and writes nothing — not in --out, not
 * beside it. Driving the whole command would need a coordinator that marks such a directory
 * COMPLETED, which its own verifier refuses to do; so the step is driven directly with the uri and
 * hash the coordinator would hand over. A good directory is written as exactly its two files.
 */
import { expect } from 'chai'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { CID } from 'multiformats/cid'
import { sha256 } from 'multiformats/hashes/sha2'
import { unixfs } from '@helia/unixfs'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore, ipfsUri } from '../../src/storage/ipfs.js'
import { sha256Hex } from '../../src/storage/model-dir.js'
import { fetchModel } from '../../client/content-command.js'
import type { CyxwizError } from '../../src/errors.js'

const DAG_PB = 0x70

function varint (n: number): number[] {
  const out: number[] = []
  for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n % 0x80) | 0x80)
  return [...out, n]
}

const field = (tag: number, bytes: Uint8Array): number[] => [tag, ...varint(bytes.byteLength), ...bytes]

/**
 * A UnixFS directory block with exactly these links, in this order, names unchecked: what a
 * hostile peer can publish (@helia/unixfs's own `cp` refuses names with a slash).
 */
function directoryBlock (links: Array<{ name: string, cid: CID, size: number }>): Uint8Array {
  const bytes: number[] = []
  for (const l of links) {
    const link = [...field(0x0a, l.cid.bytes), ...field(0x12, new TextEncoder().encode(l.name)), 0x18, ...varint(l.size)]
    bytes.push(...field(0x12, Uint8Array.from(link)))
  }
  bytes.push(...field(0x0a, Uint8Array.from([0x08, 0x01]))) // UnixFS Data { Type: Directory }
  return Uint8Array.from(bytes)
}

describe('job fetch: a hostile model directory writes nothing', function () {
  this.timeout(60_000)
  let dir: string
  let peer: CyxwizNode
  let client: CyxwizNode
  let peerIpfs: IpfsStore
  let clientIpfs: IpfsStore
  const weights = randomBytes(24)
  const modelJson = new TextEncoder().encode(JSON.stringify({
    modelTopology: {}, weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'd/kernel', shape: [3, 2], dtype: 'float32' }] }]
  }))
  const hash = sha256Hex(weights)

  /** publishes a directory of (name, bytes) entries on the hostile peer; returns its uri */
  async function publish (entries: Array<[string, Uint8Array]>): Promise<string> {
    const fs = unixfs(peerIpfs.helia)
    const links = await Promise.all(entries.map(async ([name, content]) => ({ name, cid: await fs.addBytes(content), size: content.byteLength })))
    const block = directoryBlock(links)
    const cid = CID.createV1(DAG_PB, await sha256.digest(block))
    await peerIpfs.helia.blockstore.put(cid, block)
    return ipfsUri(cid)
  }

  /** a fresh parent directory; --out is `<parent>/out`, so `../escape` would land in the parent */
  async function parent (): Promise<string> {
    return await mkdtemp(join(dir, 'work-'))
  }

  async function refusal (uri: string, out: string): Promise<CyxwizError> {
    const err = await fetchModel(clientIpfs, { uri, hash }, out).then(() => undefined, (e: unknown) => e as CyxwizError)
    if (err == null) throw new Error(`${uri} was fetched and written`)
    return err
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-model-fetch-'))
    peer = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    client = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    peerIpfs = await IpfsStore.open(join(dir, 'peer'), peer)
    clientIpfs = await IpfsStore.open(join(dir, 'client'), client, { persistentPins: false })
    await client.dial(peer.getMultiaddrs()[0] as never)
  })

  after(async () => {
    await clientIpfs?.stop(); await peerIpfs?.stop(); await client?.stop(); await peer?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses a directory with an entry named ../escape and writes nothing, inside --out or out of it', async () => {
    const uri = await publish([['../escape', new TextEncoder().encode('pwned')], ['model.json', modelJson], ['weights.bin', weights]])
    const p = await parent()
    const err = await refusal(uri, join(p, 'out'))
    expect(err.code).to.equal('ERR_IPFS')
    expect(err.message).to.include('"../escape"')
    expect(await readdir(p)).to.deep.equal([])
  })

  it('refuses a duplicate weights.bin and a stray file (ERR_COMPLETION), writing nothing', async () => {
    const duplicate = await publish([['model.json', modelJson], ['weights.bin', weights], ['weights.bin', weights]])
    const stray = await publish([['model.json', modelJson], ['notes.txt', new TextEncoder().encode('hi')], ['weights.bin', weights]])
    for (const [uri, name] of [[duplicate, '"weights.bin"'], [stray, '"notes.txt"']] as const) {
      const p = await parent()
      const err = await refusal(uri, join(p, 'out'))
      expect(err.code).to.equal('ERR_COMPLETION')
      expect(err.message).to.include(name)
      expect(await readdir(p)).to.deep.equal([])
    }
  })

  it('refuses weights that do not hash to the verified hash, writing nothing', async () => {
    const uri = await publish([['model.json', modelJson], ['weights.bin', randomBytes(24)]])
    const p = await parent()
    expect((await refusal(uri, join(p, 'out'))).code).to.equal('ERR_HASH_MISMATCH')
    expect(await readdir(p)).to.deep.equal([])
  })

  it('writes a good directory as exactly model.json and weights.bin inside --out', async () => {
    const uri = ipfsUri(await peerIpfs.addFiles([{ path: 'model.json', content: modelJson }, { path: 'weights.bin', content: weights }]))
    const p = await parent()
    const out = join(p, 'out')
    expect(await fetchModel(clientIpfs, { uri, hash }, out)).to.deep.equal({ weightsBytes: 24, hash })
    expect(await readdir(p)).to.deep.equal(['out'])
    expect((await readdir(out)).sort()).to.deep.equal(['model.json', 'weights.bin'])
    expect(Buffer.from(await readFile(join(out, 'weights.bin'))).equals(weights)).to.equal(true)
    expect(Buffer.from(await readFile(join(out, 'model.json'))).equals(modelJson)).to.equal(true)
  })
})
