import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LevelStore, type BinarySublevel } from '../../src/storage/level-store.js'
import { WriteBatch } from '../../coordinator/registry/write-batch.js'

type PutOps = Array<{ type: 'put', key: string, value: Uint8Array }>

/** the size of every batch the sublevel writes; counting, not replacing: the real batch still writes */
function countBatches (db: BinarySublevel): number[] {
  const batches: number[] = []
  const batch = db.batch.bind(db) as (ops: PutOps) => Promise<void>
  Object.assign(db, { batch: async (ops: PutOps) => { batches.push(ops.length); await batch(ops) } })
  return batches
}

describe('registry write batch', () => {
  let dir: string
  let store: LevelStore

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-write-batch-'))
    store = await LevelStore.open(dir)
  })

  afterEach(async () => {
    await store.close().catch(() => {})
    await rm(dir, { recursive: true, force: true })
  })

  it('writes the puts of one turn as one batch, each on disk when its promise settles', async () => {
    const db = store.binary('nodes')
    const batches = countBatches(db)
    const writes = new WriteBatch(db, 1_000)
    const done = Array.from({ length: 50 }, async (_, i) => {
      await writes.put(`n${i}`, Uint8Array.of(i))
      // settled means written: a read sees it
      expect(await db.get(`n${i}`)).to.deep.equal(Uint8Array.of(i))
    })
    await Promise.all(done)
    expect(batches).to.deep.equal([50])
    await writes.put('later', Uint8Array.of(1))
    expect(batches).to.deep.equal([50, 1])
  })

  it('keeps the later of two puts of one key, and splits a turn at maxOps', async () => {
    const db = store.binary('nodes')
    const batches = countBatches(db)
    const writes = new WriteBatch(db, 3)
    await Promise.all([
      writes.put('a', Uint8Array.of(1)), writes.put('a', Uint8Array.of(2)), writes.put('b', Uint8Array.of(3)),
      writes.put('c', Uint8Array.of(4)), writes.put('d', Uint8Array.of(5))
    ])
    expect(await db.get('a')).to.deep.equal(Uint8Array.of(2))
    for (const [k, v] of [['b', 3], ['c', 4], ['d', 5]] as const) expect(await db.get(k)).to.deep.equal(Uint8Array.of(v))
    // a, b, c fill the first batch (a's two puts are one op); d starts the next
    expect(batches).to.deep.equal([3, 1])
  })

  it('rejects every writer of a batch the store refuses', async () => {
    const db = store.binary('nodes')
    const writes = new WriteBatch(db, 1_000)
    const a = writes.put('a', Uint8Array.of(1))
    const b = writes.put('b', Uint8Array.of(2))
    await store.close()
    const results = await Promise.allSettled([a, b])
    expect(results.map(r => r.status)).to.deep.equal(['rejected', 'rejected'])
  })
})
