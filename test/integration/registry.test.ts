/**
 * The node registry on a real level store: status transitions are announced once each, written
 * before they are announced, and read back after the store is closed and opened again; offline
 * records expire after the retention and a full registry makes room only from offline records.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultLogger } from '@libp2p/logger'
import { nodeRegistry, type NodeRegistry, type NodeRegistryInit, type StatusChange } from '../../coordinator/registry/node-registry.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { createMetrics } from '../../src/metrics/registry.js'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { Availability, DeviceKind } from '../../protocols/availability.js'
import { Liveness } from '../../protocols/nodes.js'

const hb = (nodeId: string, seqno: bigint, status = WorkStatus.IDLE): Heartbeat => ({
  nodeId, status, seqno, timestampMs: 0n, queueLength: 0, availableMemoryBytes: 0n, softwareVersion: '0.1.0'
})
const av = (nodeId: string): Availability => ({
  nodeId, seqno: 1n, timestampMs: 0n, deviceKind: DeviceKind.CPU, deviceModel: 'm', gpuMemoryBytes: 0n, cpuCores: 2, ramBytes: 1n,
  backends: ['cpu'], pricePerUnit: '10', location: 'eu-west', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 1
})

describe('node registry on level', () => {
  let dir: string
  let store: LevelStore
  let registry: NodeRegistry
  let events: StatusChange[]
  const open = async (init: Partial<NodeRegistryInit> = {}): Promise<void> => {
    store = await LevelStore.open(dir)
    // a sweep interval far beyond the test: sweeps happen only when the test calls sweep(now)
    registry = nodeRegistry({ interval: 1000, sweepInterval: 3_600_000, ...init })({ store, metrics: createMetrics('coordinator'), logger: defaultLogger() })
    events = []
    registry.on('status', e => events.push(e))
    await registry.start()
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-registry-'))
    await open()
  })
  afterEach(async () => {
    await registry.stop()
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('announces join, online, stale and offline once each', async () => {
    const t0 = Date.now()
    await registry.recordAvailability(av('a'), Availability.encode(av('a')), t0)
    await registry.recordHeartbeat(hb('a', 1n), Heartbeat.encode(hb('a', 1n)), t0)
    await registry.recordHeartbeat(hb('a', 2n), Heartbeat.encode(hb('a', 2n)), t0 + 900)
    await registry.sweep(t0 + 900 + 1600)
    await registry.sweep(t0 + 900 + 1700)
    await registry.sweep(t0 + 900 + 3600)
    expect(events.map(e => `${e.from ?? 'new'}>${e.to}`)).to.deep.equal(['new>OFFLINE', 'OFFLINE>ONLINE', 'ONLINE>STALE', 'STALE>OFFLINE'])
    const info = await registry.get('a')
    expect(info?.status).to.equal(Liveness.OFFLINE)
    expect(Availability.decode(info!.availability).location).to.equal('eu-west')
    expect(Heartbeat.decode(info!.heartbeat).seqno).to.equal(2n)
  })

  it('takes a leaving peer offline at once', async () => {
    await registry.recordHeartbeat(hb('b', 1n), Heartbeat.encode(hb('b', 1n)))
    await registry.recordHeartbeat(hb('b', 2n, WorkStatus.LEAVING), Heartbeat.encode(hb('b', 2n, WorkStatus.LEAVING)))
    expect((await registry.get('b'))?.status).to.equal(Liveness.OFFLINE)
  })

  it('does not lose a field when a heartbeat and an offer for one node race', async () => {
    await Promise.all([
      registry.recordHeartbeat(hb('c', 1n), Heartbeat.encode(hb('c', 1n))),
      registry.recordAvailability(av('c'), Availability.encode(av('c')))
    ])
    const info = await registry.get('c')
    expect(info?.heartbeat.byteLength).to.be.greaterThan(0)
    expect(info?.availability.byteLength).to.be.greaterThan(0)
  })

  it('reads every record back after the store is reopened', async () => {
    await registry.recordAvailability(av('d'), Availability.encode(av('d')))
    await registry.recordHeartbeat(hb('d', 7n), Heartbeat.encode(hb('d', 7n)))
    await registry.stop()
    await store.close()
    await open()
    const all = await registry.list()
    expect(all.map(n => n.nodeId)).to.deep.equal(['d'])
    expect(Heartbeat.decode(all[0]!.heartbeat).seqno).to.equal(7n)
    expect(all[0]?.status).to.equal(Liveness.ONLINE)
  })

  const reopen = async (init: Partial<NodeRegistryInit>): Promise<void> => {
    await registry.stop()
    await store.close()
    await open(init)
  }

  it('deletes an offline record once its retention has passed, on disk too', async () => {
    await reopen({ retention: 60_000 })
    const t0 = Date.now()
    await registry.recordAvailability(av('e'), Availability.encode(av('e')), t0)
    await registry.recordHeartbeat(hb('e', 1n), Heartbeat.encode(hb('e', 1n)), t0)
    await registry.recordHeartbeat(hb('f', 1n), Heartbeat.encode(hb('f', 1n)), t0 + 30_000)
    // e is 60 s + 1 ms silent, f within its retention: the first sweep announces both offline
    // (recovery acts on that), the next deletes e
    await registry.sweep(t0 + 60_001)
    expect(events.filter(e => e.to === Liveness.OFFLINE && e.from != null).map(e => e.nodeId).sort()).to.deep.equal(['e', 'f'])
    await registry.sweep(t0 + 60_002)
    expect(await registry.get('e')).to.equal(undefined)
    expect((await registry.get('f'))?.status).to.equal(Liveness.OFFLINE)
    await reopen({ retention: 60_000 })
    expect((await registry.list()).map(n => n.nodeId)).to.deep.equal(['f'])
  })

  it('a full registry evicts the offline record silent longest, and refuses a newcomer when none is offline', async () => {
    await reopen({ maxNodes: 3 })
    const t0 = Date.now()
    await registry.recordHeartbeat(hb('old', 1n), Heartbeat.encode(hb('old', 1n)), t0 - 60_000)
    await registry.recordHeartbeat(hb('older', 1n), Heartbeat.encode(hb('older', 1n)), t0 - 120_000)
    await registry.recordHeartbeat(hb('live', 1n), Heartbeat.encode(hb('live', 1n)), t0)
    await registry.sweep(t0)
    expect(registry.hasRoomFor('new')).to.equal(true)
    await registry.recordHeartbeat(hb('new', 1n), Heartbeat.encode(hb('new', 1n)), t0)
    expect((await registry.list()).map(n => n.nodeId)).to.deep.equal(['live', 'new', 'old'])
    await registry.recordHeartbeat(hb('new2', 1n), Heartbeat.encode(hb('new2', 1n)), t0)
    expect((await registry.list()).map(n => n.nodeId)).to.deep.equal(['live', 'new', 'new2'])
    // every record is online now: no room, and a newcomer that gets past the check is refused by name
    expect(registry.hasRoomFor('new3')).to.equal(false)
    expect(registry.hasRoomFor('live')).to.equal(true)
    try {
      await registry.recordHeartbeat(hb('new3', 1n), Heartbeat.encode(hb('new3', 1n)), t0)
      expect.fail('a fourth record was written')
    } catch (err) {
      expect(err).to.have.property('code', 'ERR_REGISTRY_FULL')
    }
    expect(registry.size).to.equal(3)
    expect(await registry.get('new3')).to.equal(undefined)
  })

  it('stays within its cap when newcomers arrive at once', async () => {
    await reopen({ maxNodes: 3 })
    const t0 = Date.now()
    for (const id of ['x', 'y', 'z']) await registry.recordHeartbeat(hb(id, 1n, WorkStatus.LEAVING), Heartbeat.encode(hb(id, 1n, WorkStatus.LEAVING)), t0 - 60_000)
    const results = await Promise.allSettled(['n1', 'n2', 'n3', 'n4', 'n5'].map(async id => { await registry.recordHeartbeat(hb(id, 1n), Heartbeat.encode(hb(id, 1n)), t0) }))
    // three found an offline record to replace, two found every record live
    expect(results.filter(r => r.status === 'fulfilled')).to.have.length(3)
    expect(results.filter(r => r.status === 'rejected').map(r => (r as PromiseRejectedResult).reason.code)).to.deep.equal(['ERR_REGISTRY_FULL', 'ERR_REGISTRY_FULL'])
    expect(registry.size).to.equal(3)
    expect((await registry.list()).every(n => n.status === Liveness.ONLINE)).to.equal(true)
  })

  it('refuses a second process on the same data dir with ERR_DATA_DIR', async () => {
    try {
      await LevelStore.open(dir)
      expect.fail('opened a locked store')
    } catch (err) {
      expect(err).to.have.property('code', 'ERR_DATA_DIR')
    }
  })
})
