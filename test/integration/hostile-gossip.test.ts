/**
 * Hostile gossip against a real coordinator over real gossipsub on 127.0.0.1: a forged node_id, a
 * replayed seqno, stale and future timestamps, an oversize frame, undecodable bytes, insane field
 * values and a payout wallet that is no Solana address are each rejected or ignored, counted by code, and nothing of them reaches the registry.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { Coordinator } from '../../coordinator/coordinator.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { gossipCounts } from '../../src/metrics/registry.js'
import { protocolIds } from '../../protocols/ids.js'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { Availability, DeviceKind } from '../../protocols/availability.js'
import { waitFor } from '../helpers/processes.js'

const ids = protocolIds()

describe('hostile gossip', function () {
  this.timeout(60_000)
  let dir: string
  let coordinator: Coordinator
  let hostile: CyxwizNode
  let me: string

  const beat = (over: Partial<Heartbeat> = {}): Uint8Array => Heartbeat.encode({
    nodeId: me, status: WorkStatus.IDLE, seqno: 100n, timestampMs: BigInt(Date.now()), queueLength: 0, availableMemoryBytes: 1n << 30n, softwareVersion: '0.1.0', ...over
  })

  /** publishes and waits until the coordinator's adapter has counted one more message */
  async function send (topic: string, data: Uint8Array): Promise<void> {
    const total = async (): Promise<number> => Object.values(await gossipCounts(coordinator.metrics)).reduce((a, b) => a + b, 0)
    const before = await total()
    await hostile.services.pubsub.publish(topic, data)
    await waitFor('the coordinator to judge the message', async () => (await total()) > before ? true : undefined, 10_000, 20)
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-hostile-'))
    coordinator = await Coordinator.start({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 1000 })
    hostile = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    me = hostile.peerId.toString()
    await hostile.dial(coordinator.multiaddrs()[0]!)
    await waitFor('the coordinator subscription', () =>
      hostile.services.pubsub.getSubscribers(ids.topics.heartbeat).some(p => p.equals(coordinator.node.peerId)) ? true : undefined)
  })

  after(async () => {
    await hostile?.stop()
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('accepts a well-formed heartbeat (the control)', async () => {
    await send(ids.topics.heartbeat, beat())
    const counts = await gossipCounts(coordinator.metrics)
    expect(counts['heartbeat/accept/OK']).to.equal(1)
    await waitFor('the control stored', async () => (await coordinator.registry.get(me)) != null ? true : undefined)
  })

  it('rejects and ignores each hostile message, counting it by code', async () => {
    const victim = peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()
    // signed by us, claiming to be someone else
    await send(ids.topics.heartbeat, beat({ nodeId: victim, seqno: 200n }))
    // the control's seqno again, and an older one
    await send(ids.topics.heartbeat, beat({ seqno: 100n }))
    await send(ids.topics.heartbeat, beat({ seqno: 50n }))
    // ten minutes old, and an hour in the future
    await send(ids.topics.heartbeat, beat({ seqno: 300n, timestampMs: BigInt(Date.now() - 600_000) }))
    await send(ids.topics.heartbeat, beat({ seqno: 301n, timestampMs: BigInt(Date.now() + 3_600_000) }))
    // 64 KiB, four times the heartbeat cap
    await send(ids.topics.heartbeat, new Uint8Array(64 * 1024).fill(7))
    // bytes no protobuf decoder accepts (wire type 7 does not exist)
    const garbage = Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0x0f, 0x07, 0x13, 0x37])
    expect(() => Heartbeat.decode(garbage)).to.throw()
    await send(ids.topics.heartbeat, garbage)
    // well-formed protobuf with insane values
    await send(ids.topics.heartbeat, beat({ seqno: 400n, metrics: { sampledAtMs: 1n, cores: [{ loadPercent: Number.NaN }], gpus: [], ramUsedBytes: 1n, ramTotalBytes: 2n } }))
    await send(ids.topics.availability, Availability.encode({
      nodeId: me, seqno: 1n, timestampMs: BigInt(Date.now()), deviceKind: DeviceKind.GPU, deviceModel: 'x', gpuMemoryBytes: 0n, cpuCores: 4,
      ramBytes: 1n, backends: ['cpu'], pricePerUnit: '-5', location: '', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 1
    }))
    // a sane offer but for its payout wallet: base58 of the right length that decodes to 33 bytes
    // (accepted, it would make every settlement paying it fail)
    await send(ids.topics.availability, Availability.encode({
      nodeId: me, seqno: 2n, timestampMs: BigInt(Date.now()), deviceKind: DeviceKind.CPU, deviceModel: 'x', gpuMemoryBytes: 0n, cpuCores: 4,
      ramBytes: 1n << 30n, backends: ['cpu'], pricePerUnit: '5', location: '', walletAddress: 'z'.repeat(44), softwareVersion: '0.1.0', maxQueueLength: 1
    }))

    const counts = await gossipCounts(coordinator.metrics)
    expect(counts).to.deep.include({
      'heartbeat/accept/OK': 1,
      'heartbeat/reject/ERR_SIGNER_MISMATCH': 1,
      'heartbeat/ignore/ERR_REPLAYED_SEQNO': 2,
      'heartbeat/ignore/ERR_STALE_TIMESTAMP': 1,
      'heartbeat/ignore/ERR_FUTURE_TIMESTAMP': 1,
      'heartbeat/reject/ERR_OVERSIZE': 1,
      'heartbeat/reject/ERR_UNDECODABLE': 1,
      'heartbeat/reject/ERR_INVALID_FIELD': 1,
      'availability/reject/ERR_INVALID_FIELD': 2
    })
  })

  it('stored nothing of them: only our own control heartbeat, unchanged', async () => {
    const nodes = await coordinator.registry.list()
    expect(nodes.map(n => n.nodeId)).to.deep.equal([me])
    const stored = Heartbeat.decode(nodes[0]!.heartbeat)
    expect(stored.seqno).to.equal(100n)
    expect(stored.metrics).to.equal(undefined)
    expect(nodes[0]!.availability.byteLength).to.equal(0)
  })

  it('still serves and accepts after the attack', async () => {
    await send(ids.topics.heartbeat, beat({ seqno: 500n }))
    const counts = await gossipCounts(coordinator.metrics)
    expect(counts['heartbeat/accept/OK']).to.equal(2)
    await waitFor('the new heartbeat stored', async () => {
      const info = await coordinator.registry.get(me)
      return info != null && Heartbeat.decode(info.heartbeat).seqno === 500n ? true : undefined
    })
  })
})
