/**
 * `npm run bench:heartbeat-ingest` — the coordinator's CPU per 1,000 signed heartbeats at 1,000 and
 * 10,000 senders, without 10,000 nodes.
 *
 * Every sender is a real ed25519 key; its heartbeats are signed gossipsub messages (StrictSign, the
 * same bytes gossipsub puts on the wire), framed as RPCs and handed to the coordinator's side in
 * bursts, as a few connections would deliver them. Per frame the coordinator's work is run
 * in-process, in the order gossipsub runs it: RPC decode, gossipsub's own signature check
 * (validateToRawMessage), the gossip adapter's heartbeat validator, the coordinator's accepted-message
 * handler (admission: ban list and minimum version) and the node registry's write to a real level store. What is NOT run: sockets, noise, yamux and
 * gossipsub's mesh bookkeeping — the network share, which bench:heartbeat measures with real peers.
 *
 * The admission rule (a signer must hold a connection of its own) is satisfied by the hook the
 * validators take, answering true for the bench's keys: the check runs, the connections do not exist.
 *
 * Printed beside it, from the same run: gossipsub's signature check alone per 1,000 (the floor no
 * optimisation of ours can go below), the same verification with each sender's key imported once
 * (what caching decoded keys inside the libraries would save), the target, 0.2 s per 1,000, and what
 * a duplicate copy of a heartbeat costs once gossipsub has our fast message id (src/network/fast-msg-id.ts)
 * against the signature check it paid for every copy before.
 * A benchmark, not a test: it prints numbers and asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto'
import { Command } from 'commander'
import { defaultLogger } from '@libp2p/logger'
import { generateKeyPair, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { PeerId, PrivateKey } from '@libp2p/interface'
import { TypedEventEmitter } from '@libp2p/interface'
import type { GossipSub, GossipSubEvents, Message } from '@libp2p/gossipsub'
import { RPC } from '@libp2p/gossipsub/message'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { protocolIds } from '../../protocols/ids.js'
import { gossipAdapter } from '../../src/network/gossip-validation.js'
import { heartbeatTopic } from '../../src/network/validators.js'
import { SeqnoTracker } from '../../src/network/seqno-tracker.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { createMetrics } from '../../src/metrics/registry.js'
import { nodeRegistry } from '../../coordinator/registry/node-registry.js'
import { Admission } from '../../coordinator/admission.js'
import { nodeGossipHandlers } from '../../coordinator/node-gossip.js'
import { SignerCache } from '../../src/network/signer-cache.js'
import { fastMsgId } from '../../src/network/fast-msg-id.js'

const opts = new Command()
  .option('--sizes <list>', 'sender counts, comma-separated', '1000,10000')
  .option('--beats <n>', 'heartbeats measured per size', '20000')
  .option('--burst <n>', 'frames handed over per turn of the event loop (what a few connections deliver at once)', '64')
  .parse().opts<{ sizes: string, beats: string, burst: string }>()
const sizes = opts.sizes.split(',').map(Number).filter(n => Number.isInteger(n) && n > 0)
const beatsPerSize = Number(opts.beats)
const burst = Number(opts.burst)
const INTERVAL = 10_000

/** gossipsub's own signature check, not part of its public exports: loaded from its file */
type ValidateToRaw = (policy: 'StrictSign', msg: RPC.Message) => Promise<{ valid: true, message: Message } | { valid: false, error: string }>
const require = createRequire(import.meta.url)
const gossipsubDir = dirname(dirname(require.resolve('@libp2p/gossipsub')))
const { validateToRawMessage } = await import(pathToFileURL(join(gossipsubDir, 'src/utils/buildRawMessage.js')).href) as { validateToRawMessage: ValidateToRaw }
/** gossipsub's cache of fast message ids (its seen-cache's kind), loaded the same way */
interface TimeCache { put: (key: string, value: string) => boolean, get: (key: string) => string | undefined }
const { SimpleTimeCache } = await import(pathToFileURL(join(gossipsubDir, 'src/utils/time-cache.js')).href) as { SimpleTimeCache: new (o: { validityMs: number }) => TimeCache }
const SIGN_PREFIX = new TextEncoder().encode('libp2p-pubsub:')

interface Sender { key: PrivateKey, id: PeerId, keyBytes: Uint8Array, seqno: bigint }

/** what peers send: an 8-core hardware snapshot, as peer-swarm.ts fixes it */
function heartbeat (s: Sender, now: number): Uint8Array {
  return Heartbeat.encode({
    nodeId: s.id.toString(),
    status: WorkStatus.IDLE,
    seqno: ++s.seqno,
    timestampMs: BigInt(now),
    queueLength: 0,
    availableMemoryBytes: 12n * 2n ** 30n,
    softwareVersion: '0.1.0',
    metrics: {
      sampledAtMs: BigInt(now),
      cores: Array.from({ length: 8 }, (_, i) => ({ loadPercent: 10 + i, temperatureC: 54, frequencyMhz: 3200 })),
      cpuTemperatureC: 55,
      gpus: [],
      ramUsedBytes: 4n * 2n ** 30n,
      ramTotalBytes: 16n * 2n ** 30n
    }
  })
}

let gossipSeqno = BigInt(Date.now()) * 1_000_000n

/** one RPC frame carrying one signed message, byte for byte what gossipsub's StrictSign publish sends */
async function frame (s: Sender, topic: string, data: Uint8Array): Promise<Uint8Array> {
  const seqno = new Uint8Array(8)
  new DataView(seqno.buffer).setBigUint64(0, ++gossipSeqno, false)
  const unsigned: RPC.Message = { from: s.id.toMultihash().bytes, data, seqno, topic }
  const body = RPC.Message.encode(unsigned)
  const signed = new Uint8Array(SIGN_PREFIX.length + body.length)
  signed.set(SIGN_PREFIX)
  signed.set(body, SIGN_PREFIX.length)
  const signature = await s.key.sign(signed)
  return RPC.encode({ subscriptions: [], messages: [{ ...unsigned, signature, key: s.keyBytes }] })
}

/** the pubsub surface the adapter uses: validators by topic and the 'message' event */
class BenchPubsub extends TypedEventEmitter<GossipSubEvents> {
  readonly topicValidators: GossipSub['topicValidators'] = new Map()
  subscribe (): void {}
  unsubscribe (): void {}
}

interface Row { senders: number, beats: number, cpuPer1k: number, sigPer1k: number, cachedSigPer1k: number, dupPer1k: number, wallS: number, writes: number }

async function runSize (senders: Sender[], dir: string): Promise<Row> {
  const logger = defaultLogger()
  const metrics = createMetrics('coordinator')
  const store = await LevelStore.open(dir)
  const registry = nodeRegistry({ interval: INTERVAL })({ store, metrics, logger })
  await registry.start()
  const pubsub = new BenchPubsub()
  const adapter = gossipAdapter()({ pubsub, metrics, logger })
  const topic = protocolIds().topics.heartbeat
  let done = 0
  let settle: () => void = () => {}
  const freshness = {
    maxAgeMs: 3 * INTERVAL, maxFutureMs: 30_000, connected: () => true, room: (p: PeerId) => registry.hasRoomFor(p.toString()), signers: new SignerCache()
  }
  // the coordinator's handler: the admission rule (ban list, minimum version), the age histogram and
  // the registry write; a refusal would dial its notice, which the bench's keys never earn
  const admission = new Admission({ banned: [], minPeerVersion: '0.1.0', noticeInterval: 60_000, protocol: protocolIds().protocols.keepalive }, {
    node: { dialProtocol: async () => { throw new Error('the bench dials nobody') } },
    logger
  })
  const handlers = nodeGossipHandlers({ admission, registry, metrics })
  adapter.register(heartbeatTopic(topic, freshness, new SeqnoTracker(), async (hb, msg) => {
    await handlers.heartbeat(hb, msg)
    if (++done === target) settle()
  }))
  const validator = pubsub.topicValidators.get(topic)
  if (validator == null) throw new Error('no heartbeat validator registered')
  let target = 0

  /** the coordinator's side of one frame: decode, signature, validator, handler */
  const ingest = async (bytes: Uint8Array): Promise<void> => {
    for (const raw of RPC.decode(bytes).messages) {
      const checked = await validateToRawMessage('StrictSign', raw)
      if (!checked.valid) throw new Error(`the bench's own message was refused: ${checked.error}`)
      const msg = checked.message
      if (msg.type !== 'signed') continue
      if (await validator(msg.from, msg) !== 'accept') throw new Error('the bench\'s own heartbeat was not accepted')
      pubsub.safeDispatchEvent('message', { detail: msg })
    }
  }
  const round = async (n: number): Promise<Uint8Array[]> => {
    const now = Date.now()
    const out: Uint8Array[] = []
    for (let i = 0; i < n; i++) {
      const s = senders[i % senders.length] as Sender
      out.push(await frame(s, topic, heartbeat(s, now)))
    }
    return out
  }
  const feed = async (frames: Uint8Array[]): Promise<void> => {
    const all = new Promise<void>(resolve => { settle = resolve })
    target = done + frames.length
    for (let i = 0; i < frames.length; i += burst) {
      await Promise.all(frames.slice(i, i + burst).map(ingest))
      await new Promise(resolve => setImmediate(resolve))
    }
    await all
  }
  try {
    // warm-up: every sender gets its record (first writes are not the steady state), the JIT warms
    await feed(await round(senders.length))
    const frames = await round(beatsPerSize)
    const cpu0 = process.cpuUsage()
    const t0 = performance.now()
    await feed(frames)
    const cpu = process.cpuUsage(cpu0)
    const wallS = (performance.now() - t0) / 1000
    // the floor: gossipsub's signature check alone over the same number of fresh frames
    const again = await round(beatsPerSize)
    const sig0 = process.cpuUsage()
    for (const f of again) for (const raw of RPC.decode(f).messages) await validateToRawMessage('StrictSign', raw)
    const sig = process.cpuUsage(sig0)
    // what the same checks cost with each sender's key imported once (node:crypto KeyObject kept per
    // key) instead of from JWK on every message, as @libp2p/crypto's verify does
    const keys = new Map<string, KeyObject>()
    const cached0 = process.cpuUsage()
    for (const f of again) {
      for (const raw of RPC.decode(f).messages) {
        const from = raw.from ?? new Uint8Array()
        const id = Buffer.from(from).toString('base64')
        let key = keys.get(id)
        if (key == null) {
          // an identity multihash of the protobuf public key: the raw 32 bytes are its last 32
          key = createPublicKey({ format: 'jwk', key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(from.subarray(from.length - 32)).toString('base64url') } })
          keys.set(id, key)
        }
        const unsigned = RPC.Message.encode({ from: raw.from, data: raw.data, seqno: raw.seqno, topic: raw.topic })
        const signed = new Uint8Array(SIGN_PREFIX.length + unsigned.length)
        signed.set(SIGN_PREFIX)
        signed.set(unsigned, SIGN_PREFIX.length)
        if (!cryptoVerify(null, signed, key, raw.signature ?? new Uint8Array())) throw new Error('cached-key verify refused the bench\'s own message')
      }
    }
    const cached = process.cpuUsage(cached0)
    // a copy of a message already verified, as every mesh neighbour that forwards it delivers it: with
    // the fast message id gossipsub drops it after the id and a cache lookup; without one it paid the
    // signature check above before its seen-cache caught the copy
    const seen = new SimpleTimeCache({ validityMs: 120_000 })
    for (const f of again) for (const raw of RPC.decode(f).messages) seen.put(fastMsgId(raw), 'seen')
    const dup0 = process.cpuUsage()
    for (const f of again) {
      for (const raw of RPC.decode(f).messages) {
        if (seen.get(fastMsgId(raw)) == null) throw new Error('a copy was not recognised')
      }
    }
    const dup = process.cpuUsage(dup0)
    const writes = (await metrics.registryWrites.get()).values.reduce((sum, v) => sum + v.value, 0)
    return {
      senders: senders.length,
      beats: frames.length,
      cpuPer1k: (cpu.user + cpu.system) / 1e6 / frames.length * 1000,
      sigPer1k: (sig.user + sig.system) / 1e6 / again.length * 1000,
      cachedSigPer1k: (cached.user + cached.system) / 1e6 / again.length * 1000,
      dupPer1k: (dup.user + dup.system) / 1e6 / again.length * 1000,
      wallS,
      writes
    }
  } finally {
    adapter.stop()
    await registry.stop()
    await store.close()
  }
}

async function main (): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'cyxwiz-bench-hb-ingest-'))
  console.log(`heartbeat-ingest: ${sizes.join(', ')} senders; ${beatsPerSize} heartbeats measured per size, ${burst} frames per burst; ` +
    `Node ${process.version}, ${cpus().length} cores`)
  console.log('admission: the connected-signer hook answers true for the bench\'s keys (no sockets are opened); every other check runs')
  try {
    const max = Math.max(...sizes)
    const t0 = performance.now()
    const senders: Sender[] = []
    for (let i = 0; i < max; i++) {
      const key = await generateKeyPair('Ed25519')
      senders.push({ key, id: peerIdFromPrivateKey(key), keyBytes: publicKeyToProtobuf(key.publicKey), seqno: 0n })
    }
    console.log(`${max} ed25519 keys in ${((performance.now() - t0) / 1000).toFixed(1)} s`)
    const rows: Row[] = []
    for (const n of sizes) {
      const row = await runSize(senders.slice(0, n), join(root, `size-${n}`))
      rows.push(row)
      console.log(`${n} senders: ${row.cpuPer1k.toFixed(3)} s CPU per 1,000 heartbeats (gossipsub's signature check alone ${row.sigPer1k.toFixed(3)} s, ` +
        `with keys imported once per sender ${row.cachedSigPer1k.toFixed(3)} s; target 0.200 s); ` +
        `${row.beats} heartbeats in ${row.wallS.toFixed(2)} s wall, ${Math.round(row.beats / row.wallS)}/s; ${row.writes} registry writes counted`)
      console.log(`  a copy of a heartbeat already verified (one per further mesh neighbour forwarding it): ${row.dupPer1k.toFixed(3)} s CPU per 1,000 ` +
        `dropped by the fast message id, where the signature check before the seen-cache cost ${row.sigPer1k.toFixed(3)} s (×${(row.sigPer1k / row.dupPer1k).toFixed(0)})`)
    }
    const [a, b] = rows
    if (a != null && b != null) {
      console.log(`${b.senders} vs ${a.senders} senders: CPU per 1,000 heartbeats ×${(b.cpuPer1k / a.cpuPer1k).toFixed(2)}; ` +
        `at ${b.senders} peers beating every ${INTERVAL / 1000} s: ${(100 * b.cpuPer1k * b.senders / INTERVAL).toFixed(1)}% of one core`)
    }
    console.log('not included: sockets, noise, yamux and gossipsub mesh bookkeeping (bench:heartbeat measures the network path with real peers)')
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
})
