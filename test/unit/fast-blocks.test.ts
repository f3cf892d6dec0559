/**
 * The filesystem blockstore every IpfsStore uses reads a block with one readFile and writes it
 * through a temporary file without a mkdir per block: it must still behave as blockstore-fs does
 * for Helia (NotFoundError, aborts, a block put twice at once, a directory that went missing).
 */
import { expect } from 'chai'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { NextToLast } from 'blockstore-fs/sharding'
import { WholeBlockFsBlockstore } from '../../src/storage/fast-blocks.js'

async function block (size: number): Promise<{ cid: CID, bytes: Uint8Array }> {
  const bytes = randomBytes(size)
  return { cid: CID.createV1(raw.code, await sha256.digest(bytes)), bytes }
}

async function read (store: WholeBlockFsBlockstore, cid: CID, signal?: AbortSignal): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = []
  for await (const p of store.get(cid, { signal })) parts.push(p)
  return parts
}

describe('WholeBlockFsBlockstore: whole-block reads and writes', () => {
  let dir: string
  let store: WholeBlockFsBlockstore

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-fast-blocks-'))
    store = new WholeBlockFsBlockstore(dir)
    await store.open()
  })
  afterEach(async () => { await rm(dir, { recursive: true, force: true }) })

  it('yields a stored block as one buffer of its bytes, and has/delete see it', async () => {
    const b = await block(1024 * 1024 + 17)
    await store.put(b.cid, b.bytes)
    const parts = await read(store, b.cid)
    expect(parts).to.have.length(1)
    expect(Buffer.compare(parts[0] as Uint8Array, b.bytes)).to.equal(0)
    expect(await store.has(b.cid)).to.equal(true)
    await store.delete(b.cid)
    expect(await store.has(b.cid)).to.equal(false)
  })

  it('reports a block it does not hold as NotFoundError, the name Helia and bitswap look for', async () => {
    const b = await block(100)
    const err = await read(store, b.cid).then(() => undefined, (e: unknown) => e as Error)
    expect(err?.name).to.equal('NotFoundError')
  })

  it('stops a read whose signal has fired with that abort, not NotFoundError', async () => {
    const b = await block(100)
    await store.put(b.cid, b.bytes)
    const err = await read(store, b.cid, AbortSignal.abort()).then(() => undefined, (e: unknown) => e as Error)
    expect(err?.name).to.equal('AbortError')
  })

  it('makes a block directory again if it went missing after it was made once', async () => {
    const a = await block(100)
    await store.put(a.cid, a.bytes)
    const { dir: shard } = new NextToLast().encode(a.cid)
    await rm(join(dir, shard), { recursive: true })
    await store.put(a.cid, a.bytes)
    expect(Buffer.compare((await read(store, a.cid))[0] as Uint8Array, a.bytes)).to.equal(0)
  })

  it('takes the same block put twice at once, leaving one file and no temporary ones', async () => {
    const b = await block(256 * 1024)
    await Promise.all([store.put(b.cid, b.bytes), store.put(b.cid, b.bytes)])
    const { dir: shard } = new NextToLast().encode(b.cid)
    const files = await readdir(join(dir, shard))
    expect(files).to.have.length(1)
    expect(Buffer.compare((await read(store, b.cid))[0] as Uint8Array, b.bytes)).to.equal(0)
  })

  it('forgets a block deleted through deleteMany (Helia\'s garbage collection)', async () => {
    const b = await block(100)
    await store.put(b.cid, b.bytes)
    expect(await store.has(b.cid)).to.equal(true)
    for await (const _ of store.deleteMany([b.cid])) { /* drained */ }
    expect(await store.has(b.cid)).to.equal(false)
  })

  it('asks the disk again once a read finds a remembered block gone', async () => {
    const b = await block(100)
    await store.put(b.cid, b.bytes)
    const { dir: shard, file } = new NextToLast().encode(b.cid)
    await rm(join(dir, shard, file))
    const err = await read(store, b.cid).then(() => undefined, (e: unknown) => e as Error)
    expect(err?.name).to.equal('NotFoundError')
    expect(await store.has(b.cid)).to.equal(false)
  })
})
