/**
 * Sybil admission against a real coordinator over real gossipsub on 127.0.0.1: one relay holds the
 * only connection to the coordinator and forwards heartbeats and offers signed by many fresh keys
 * (each a real libp2p node that is not dialable and dials only the relay). The coordinator ignores
 * every one of them (ERR_NOT_CONNECTED), stores none, and still takes the relay's own heartbeat; a
 * key that opens its own connection is admitted, so the refusal is about the connection, not the key.
 * Keys that do pay for a connection each fill the registry only up to its cap (ERR_REGISTRY_FULL;
 * room is made from offline records only), and a key that left is forgotten after the retention.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Coordinator } from '../../coordinator/coordinator.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { gossipCounts } from '../../src/metrics/registry.js'
import { protocolIds } from '../../protocols/ids.js'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { Availability, DeviceKind } from '../../protocols/availability.js'
import type { GossipSub } from '@libp2p/gossipsub'
import { waitFor } from '../helpers/processes.js'
import { sybilNode, type SybilNode } from '../helpers/sybil-node.js'

const ids = protocolIds()
const SYBILS = 8

const beat = (nodeId: string, seqno: bigint): Uint8Array => Heartbeat.encode({
  nodeId, status: WorkStatus.IDLE, seqno, timestampMs: BigInt(Date.now()), queueLength: 0, availableMemoryBytes: 1n << 30n, softwareVersion: '0.1.0'
})
// price 0: were it admitted, it would win every match and drag the market price down
const offer = (nodeId: string, seqno: bigint): Uint8Array => Availability.encode({
  nodeId, seqno, timestampMs: BigInt(Date.now()), deviceKind: DeviceKind.CPU, deviceModel: 'sybil', gpuMemoryBytes: 0n, cpuCores: 64,
  ramBytes: 1n << 40n, backends: ['cpu'], pricePerUnit: '0', location: '', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 1024
})

describe('sybil admission: one connection registers one key', function () {
  this.timeout(120_000)
  let dir: string
  let coordinator: Coordinator
  let relay: CyxwizNode
  const sybils: SybilNode[] = []

  const judged = async (): Promise<number> => Object.values(await gossipCounts(coordinator.metrics)).reduce((a, b) => a + b, 0)

  /** publishes from `from` and waits until the coordinator's adapter has judged `n` more messages */
  async function send (from: { services: { pubsub: GossipSub } }, msgs: Array<[string, Uint8Array]>): Promise<void> {
    const before = await judged()
    for (const [topic, data] of msgs) await from.services.pubsub.publish(topic, data)
    await waitFor('the coordinator to judge the messages', async () => (await judged()) >= before + msgs.length ? true : undefined, 20_000, 20)
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-sybil-'))
    coordinator = await Coordinator.start({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000 })
    relay = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    // the relay forwards both topics, as any peer of the mesh does
    relay.services.pubsub.subscribe(ids.topics.heartbeat)
    relay.services.pubsub.subscribe(ids.topics.availability)
    await relay.dial(coordinator.multiaddrs()[0]!)
    await waitFor('the coordinator in the relay\'s mesh', () =>
      relay.services.pubsub.getSubscribers(ids.topics.availability).some(p => p.equals(coordinator.node.peerId)) ? true : undefined)
    for (let i = 0; i < SYBILS; i++) {
      // not listening: the coordinator cannot dial a sybil and so give it a connection for free
      const s = await sybilNode(coordinator.node.peerId)
      sybils.push(s)
      await s.node.dial(relay.getMultiaddrs()[0]!)
    }
    for (const { node: s } of sybils) {
      await waitFor('the relay subscribed, as the sybil sees it', () =>
        s.services.pubsub.getSubscribers(ids.topics.availability).some(p => p.equals(relay.peerId)) &&
        s.services.pubsub.getSubscribers(ids.topics.heartbeat).some(p => p.equals(relay.peerId))
          ? true
          : undefined)
    }
  })

  after(async () => {
    await Promise.all(sybils.map(async s => { await s.node.stop() }))
    await relay?.stop()
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('admits the relay\'s own heartbeat (the control)', async () => {
    await send(relay, [[ids.topics.heartbeat, beat(relay.peerId.toString(), 1n)]])
    expect((await gossipCounts(coordinator.metrics))['heartbeat/accept/OK']).to.equal(1)
    await waitFor('the relay stored', async () => (await coordinator.registry.get(relay.peerId.toString())) != null ? true : undefined)
  })

  it('ignores heartbeats and offers signed by keys that reach it only through the relay', async () => {
    for (const { node: s } of sybils) {
      expect(coordinator.node.getConnections(s.peerId)).to.have.length(0)
      await send(s, [[ids.topics.heartbeat, beat(s.peerId.toString(), 1n)], [ids.topics.availability, offer(s.peerId.toString(), 1n)]])
    }
    const counts = await gossipCounts(coordinator.metrics)
    expect(counts['heartbeat/ignore/ERR_NOT_CONNECTED']).to.equal(SYBILS)
    expect(counts['availability/ignore/ERR_NOT_CONNECTED']).to.equal(SYBILS)
    expect(counts['heartbeat/accept/OK']).to.equal(1)
    expect(counts['availability/accept/OK'] ?? 0).to.equal(0)
  })

  it('stored none of them', async () => {
    expect((await coordinator.registry.list()).map(n => n.nodeId)).to.deep.equal([relay.peerId.toString()])
    for (const { node: s } of sybils) expect(await coordinator.registry.get(s.peerId.toString())).to.equal(undefined)
  })

  it('admits a key once it holds a connection of its own, with the seqno it was refused at', async () => {
    const { node: s, allowDial } = sybils[0]!
    allowDial()
    await s.dial(coordinator.multiaddrs()[0]!)
    await waitFor('the coordinator subscribed, as the key sees it', () =>
      s.services.pubsub.getSubscribers(ids.topics.heartbeat).some(p => p.equals(coordinator.node.peerId)) ? true : undefined)
    // the refused seqno was not recorded: the same seqno is new once the key is admitted
    await send(s, [[ids.topics.heartbeat, beat(s.peerId.toString(), 1n)]])
    expect((await gossipCounts(coordinator.metrics))['heartbeat/accept/OK']).to.equal(2)
    await waitFor('the connected key stored', async () => (await coordinator.registry.get(s.peerId.toString())) != null ? true : undefined)
    expect((await coordinator.registry.list()).length).to.equal(2)
  })
})

describe('sybil admission: a full registry takes no more live keys', function () {
  this.timeout(120_000)
  const CAP = 3
  let dir: string
  let coordinator: Coordinator
  const keys: CyxwizNode[] = []

  const judged = async (): Promise<number> => Object.values(await gossipCounts(coordinator.metrics)).reduce((a, b) => a + b, 0)
  async function sendBeat (from: CyxwizNode, seqno: bigint): Promise<void> {
    const before = await judged()
    await from.services.pubsub.publish(ids.topics.heartbeat, beat(from.peerId.toString(), seqno))
    await waitFor('the coordinator to judge the heartbeat', async () => (await judged()) > before ? true : undefined, 20_000, 20)
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-sybil-cap-'))
    coordinator = await Coordinator.start({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000, registry: { maxNodes: CAP } })
    for (let i = 0; i < CAP + 1; i++) {
      // each key pays for a connection of its own: the attack the cap bounds
      const k = await createNode({ listen: [] })
      keys.push(k)
      await k.dial(coordinator.multiaddrs()[0]!)
      await waitFor('the coordinator subscribed, as the key sees it', () =>
        k.services.pubsub.getSubscribers(ids.topics.heartbeat).some(p => p.equals(coordinator.node.peerId)) ? true : undefined)
    }
  })

  after(async () => {
    await Promise.all(keys.map(async k => { await k.stop() }))
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('stores the first keys up to the cap and ignores the next one, by name, storing nothing', async () => {
    for (const k of keys.slice(0, CAP)) await sendBeat(k, 1n)
    await waitFor('the first keys stored', () => coordinator.registry.size === CAP ? true : undefined)
    const late = keys[CAP]!
    await sendBeat(late, 1n)
    const counts = await gossipCounts(coordinator.metrics)
    expect(counts['heartbeat/accept/OK']).to.equal(CAP)
    expect(counts['heartbeat/ignore/ERR_REGISTRY_FULL']).to.equal(1)
    expect(coordinator.registry.size).to.equal(CAP)
    expect(await coordinator.registry.get(late.peerId.toString())).to.equal(undefined)
  })

  it('makes room from a key gone offline, never from a live one', async () => {
    const gone = keys[0]!
    const offline = new Promise<void>(resolve => {
      coordinator.registry.on('status', c => { if (c.nodeId === gone.peerId.toString() && c.to === 'OFFLINE') resolve() })
    })
    await gone.stop()
    await offline
    const late = keys[CAP]!
    await sendBeat(late, 2n)
    expect((await gossipCounts(coordinator.metrics))['heartbeat/accept/OK']).to.equal(CAP + 1)
    await waitFor('the late key stored', async () => (await coordinator.registry.get(late.peerId.toString())) != null ? true : undefined)
    expect(coordinator.registry.size).to.equal(CAP)
    expect(await coordinator.registry.get(gone.peerId.toString())).to.equal(undefined)
    for (const k of keys.slice(1, CAP)) expect(await coordinator.registry.get(k.peerId.toString())).to.not.equal(undefined)
  })
})

describe('sybil admission: records of keys gone offline expire', function () {
  this.timeout(60_000)
  let dir: string
  let coordinator: Coordinator
  let key: CyxwizNode

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-sybil-expiry-'))
    // a retention of 2 s stands in for the default 7 days
    coordinator = await Coordinator.start({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000, registry: { retention: 2000 } })
    key = await createNode({ listen: [] })
    await key.dial(coordinator.multiaddrs()[0]!)
    await waitFor('the coordinator subscribed, as the key sees it', () =>
      key.services.pubsub.getSubscribers(ids.topics.heartbeat).some(p => p.equals(coordinator.node.peerId)) ? true : undefined)
  })

  after(async () => {
    await key?.stop()
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('deletes the record of a key that left once the retention has passed, and no longer lists it', async () => {
    const me = key.peerId.toString()
    const stored = new Promise<void>(resolve => { coordinator.registry.on('status', c => { if (c.nodeId === me && c.to === 'ONLINE') resolve() }) })
    await key.services.pubsub.publish(ids.topics.heartbeat, beat(me, 1n))
    await key.services.pubsub.publish(ids.topics.availability, offer(me, 1n))
    await stored
    const removed = new Promise<number>(resolve => { coordinator.registry.on('removed', id => { if (id === me) resolve(Date.now()) }) })
    const left = Date.now()
    await key.services.pubsub.publish(ids.topics.heartbeat, Heartbeat.encode({ ...Heartbeat.decode(beat(me, 2n)), status: WorkStatus.LEAVING }))
    const at = await removed
    expect(at - left).to.be.at.least(2000)
    expect(await coordinator.registry.get(me)).to.equal(undefined)
    expect(coordinator.registry.size).to.equal(0)
  })
})
