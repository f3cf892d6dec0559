/**
 * The incrementally kept price index against a plain recomputation: a real node registry on a
 * temporary level store takes a seeded random run of heartbeats, offers and departures, and after
 * every step the index's price equals the weighted median computed from scratch over the registry's
 * online offers. Unproven peers weigh nothing; weights stop at the trusted run.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultLogger } from '@libp2p/logger'
import { nodeRegistry, type NodeRegistry } from '../../coordinator/registry/node-registry.js'
import { PriceIndex } from '../../coordinator/jobs/price-index.js'
import { TRUST_RUN } from '../../coordinator/jobs/reputation.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { createMetrics } from '../../src/metrics/registry.js'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { Availability, DeviceKind } from '../../protocols/availability.js'
import { Liveness } from '../../protocols/nodes.js'

const FALLBACK = 10n

const hb = (nodeId: string, seqno: bigint, status = WorkStatus.IDLE): Heartbeat => ({
  nodeId, status, seqno, timestampMs: 0n, queueLength: 0, availableMemoryBytes: 0n, softwareVersion: '0.1.0'
})
const av = (nodeId: string, seqno: bigint, price: bigint): Availability => ({
  nodeId, seqno, timestampMs: 0n, deviceKind: DeviceKind.CPU, deviceModel: 'm', gpuMemoryBytes: 0n, cpuCores: 2, ramBytes: 1n,
  backends: ['cpu'], pricePerUnit: price.toString(), location: '', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 1
})

/** the weighted lower median, from scratch */
async function reference (registry: NodeRegistry, verified: Map<string, number>): Promise<bigint> {
  const offers = (await registry.list(Liveness.ONLINE)).filter(n => n.availability.byteLength > 0)
    .map(n => ({ price: BigInt(Availability.decode(n.availability).pricePerUnit), w: Math.min(TRUST_RUN, verified.get(n.nodeId) ?? 0) }))
    .filter(o => o.w > 0)
    .sort((a, b) => (a.price < b.price ? -1 : a.price > b.price ? 1 : 0))
  const total = offers.reduce((s, o) => s + o.w, 0)
  let c = 0
  for (const o of offers) {
    c += o.w
    if (2 * c >= total) return o.price
  }
  return FALLBACK
}

/** mulberry32: a small seeded generator, so a failure replays */
function rng (seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = seed
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

describe('price index', () => {
  let dir: string
  let store: LevelStore
  let registry: NodeRegistry

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-price-index-'))
    store = await LevelStore.open(dir)
    registry = nodeRegistry({ interval: 1000, sweepInterval: 3_600_000 })({ store, metrics: createMetrics('coordinator'), logger: defaultLogger() })
    await registry.start()
  })
  afterEach(async () => {
    await registry.stop()
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('ignores unproven peers and weighs proven ones by their verified jobs', async () => {
    const verified = new Map([['p1', 1], ['p2', 3], ['p3', 50]])
    const index = new PriceIndex({ registry, verified: (n) => verified.get(n) ?? 0 })
    await index.start()
    const up = async (id: string, price: bigint): Promise<void> => {
      await registry.recordHeartbeat(hb(id, 1n), Heartbeat.encode(hb(id, 1n)))
      await registry.recordAvailability(av(id, 1n, price), Availability.encode(av(id, 1n, price)))
    }
    for (let i = 0; i < 20; i++) await up(`sybil${i}`, i % 2 === 0 ? 0n : 2n ** 64n - 1n)
    expect(index.size).to.equal(20)
    expect(index.price(FALLBACK)).to.equal(FALLBACK)
    await up('p1', 5n)
    expect(index.price(FALLBACK)).to.equal(5n)
    await up('p2', 40n)
    // weights 1 and 3: the median is p2's price
    expect(index.price(FALLBACK)).to.equal(40n)
    await up('p3', 7n)
    // p3's 50 verified jobs weigh TRUST_RUN (10): 5 (1), 7 (10), 40 (3) → 7
    expect(index.price(FALLBACK)).to.equal(7n)
  })

  it('equals a recomputation from scratch after every step of a random run', async () => {
    const next = rng(42)
    const verified = new Map<string, number>()
    const seq = new Map<string, bigint>()
    // no reuse: weights change between steps without any offer changing
    const index = new PriceIndex({ registry, verified: (n) => verified.get(n) ?? 0, maxAgeMs: 0 })
    await index.start()
    const nodes = Array.from({ length: 12 }, (_, i) => `n${i}`)
    for (let step = 0; step < 300; step++) {
      const id = nodes[Math.floor(next() * nodes.length)]!
      const s = (seq.get(id) ?? 0n) + 1n
      seq.set(id, s)
      const r = next()
      if (r < 0.35) await registry.recordHeartbeat(hb(id, s), Heartbeat.encode(hb(id, s)))
      else if (r < 0.7) {
        const price = BigInt(Math.floor(next() * 6))
        await registry.recordAvailability(av(id, s, price), Availability.encode(av(id, s, price)))
      } else if (r < 0.85) await registry.recordHeartbeat(hb(id, s, WorkStatus.LEAVING), Heartbeat.encode(hb(id, s, WorkStatus.LEAVING)))
      else verified.set(id, Math.floor(next() * 14))
      expect(index.price(FALLBACK), `step ${step}`).to.equal(await reference(registry, verified))
    }
  })

  it('reuses a computed price until an offer changes or it is older than maxAgeMs', async () => {
    let clock = 0
    const verified = new Map<string, number>()
    const index = new PriceIndex({ registry, verified: (n) => verified.get(n) ?? 0, maxAgeMs: 1000, now: () => clock })
    await index.start()
    await registry.recordHeartbeat(hb('a', 1n), Heartbeat.encode(hb('a', 1n)))
    await registry.recordAvailability(av('a', 1n, 3n), Availability.encode(av('a', 1n, 3n)))
    expect(index.price(FALLBACK)).to.equal(FALLBACK)
    // a's first verified job: seen once the reused price is a second old
    verified.set('a', 1)
    clock += 999
    expect(index.price(FALLBACK)).to.equal(FALLBACK)
    clock += 1
    expect(index.price(FALLBACK)).to.equal(3n)
    // a new offer is seen at once
    await registry.recordAvailability(av('a', 2n, 4n), Availability.encode(av('a', 2n, 4n)))
    expect(index.price(FALLBACK)).to.equal(4n)
  })

  it('reads the registry it starts on', async () => {
    await registry.recordHeartbeat(hb('a', 1n), Heartbeat.encode(hb('a', 1n)))
    await registry.recordAvailability(av('a', 1n, 3n), Availability.encode(av('a', 1n, 3n)))
    const index = new PriceIndex({ registry, verified: () => 1 })
    await index.start()
    expect(index.price(FALLBACK)).to.equal(3n)
  })
})
