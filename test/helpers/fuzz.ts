/**
 * A fuzzer for the coordinator's wire, run from an independent libp2p node: mutations of valid
 * messages (bit flips, overwritten, inserted and deleted bytes, truncation, splices of two seeds,
 * length fields blown up, plain noise) sent as request frames on a stream protocol, or published
 * on a gossip topic. Seeded, so a failure can be replayed.
 */
import type { Libp2p, PeerId } from '@libp2p/interface'
import { lpStream } from '@libp2p/utils'
import { mulberry32 } from '../../src/random.js'

/** what became of the messages sent on one protocol or topic */
export interface FuzzTally { sent: number, answered: number, refused: number }

/** a mutation of one of `seeds`, drawn with `rand` */
export function mutate (seeds: readonly Uint8Array[], rand: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(rand() * n)
  const pick = (): Uint8Array => seeds[int(seeds.length)] ?? new Uint8Array()
  const noise = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(256))
  let b: Uint8Array = Uint8Array.from(pick())
  const rounds = 1 + int(4)
  for (let r = 0; r < rounds; r++) {
    const at = int(b.length + 1)
    switch (int(9)) {
      case 0: // flip a few bits
        for (let i = 0; i < 1 + int(8) && b.length > 0; i++) { const j = int(b.length); b[j] = (b[j] ?? 0) ^ (1 << int(8)) }
        break
      case 1: // overwrite a run of bytes
        b.set(noise(Math.min(b.length - Math.min(at, b.length), 1 + int(8))), Math.min(at, b.length))
        break
      case 2: // insert bytes
        b = concat(b.subarray(0, at), noise(1 + int(16)), b.subarray(at))
        break
      case 3: // delete a range
        b = concat(b.subarray(0, at), b.subarray(Math.min(b.length, at + 1 + int(16))))
        break
      case 4: // truncate
        b = b.subarray(0, at)
        break
      case 5: // splice with another seed
        b = concat(b.subarray(0, at), pick().subarray(int(pick().length + 1)))
        break
      case 6: // a field whose length (a varint) claims far more than the message holds
        b = concat(b.subarray(0, at), Uint8Array.of(0x0a | (int(16) << 3), 0xff, 0xff, 0xff, 0x7f), b.subarray(at))
        break
      case 7: // a field repeated many times
        b = concat(b, ...Array.from({ length: 1 + int(64) }, () => b.subarray(0, Math.min(b.length, 8))))
        break
      default: // noise
        b = noise(int(256))
    }
  }
  return b
}

function concat (...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let o = 0
  for (const p of parts) { out.set(p, o); o += p.length }
  return out
}

/**
 * Sends `count` mutations of `seeds` as request frames on `protocol` to `target`, `concurrency` streams
 * at a time; one in 20 is a broken frame (a length prefix for more than follows). Each stream waits
 * for one answer frame or its end, at most `timeout` ms.
 */
export async function fuzzProtocol (node: Libp2p, target: PeerId, protocol: string, seeds: readonly Uint8Array[], o: { count: number, seed: number, concurrency?: number, timeout?: number }): Promise<FuzzTally> {
  const rand = mulberry32(o.seed)
  const tally: FuzzTally = { sent: 0, answered: 0, refused: 0 }
  const one = async (payload: Uint8Array, broken: boolean): Promise<void> => {
    const signal = AbortSignal.timeout(o.timeout ?? 10_000)
    // the coordinator may reset a stream over its limit: that is its answer, and the frame is sent again
    let stream
    for (;;) {
      try {
        stream = await node.dialProtocol(target, protocol, { signal })
        break
      } catch (err) {
        if (signal.aborted) throw err
      }
    }
    tally.sent++
    try {
      const lp = lpStream(stream, { maxDataLength: 8 * 1024 * 1024 })
      if (broken) {
        stream.send(concat(Uint8Array.of(0xff, 0xff, 0x3f), payload))
        await stream.close({ signal })
      } else {
        await lp.write(payload, { signal })
      }
      await lp.read({ signal })
      tally.answered++
      await stream.close({ signal }).catch(() => {})
    } catch {
      tally.refused++
      stream.abort(new Error('fuzz: done with this stream'))
    }
  }
  const batch = o.concurrency ?? 16
  for (let i = 0; i < o.count; i += batch) {
    const n = Math.min(batch, o.count - i)
    await Promise.all(Array.from({ length: n }, async () => { await one(mutate(seeds, rand), rand() < 0.05) }))
  }
  return tally
}

/** publishes `count` mutations of `seeds` on `topic`, waiting for the gossip queue as it goes */
export async function fuzzTopic (pubsub: { publish: (topic: string, data: Uint8Array) => Promise<unknown> }, topic: string, seeds: readonly Uint8Array[], o: { count: number, seed: number }): Promise<FuzzTally> {
  const rand = mulberry32(o.seed)
  const tally: FuzzTally = { sent: 0, answered: 0, refused: 0 }
  for (let i = 0; i < o.count; i++) {
    // a mutation equal to one already published is a duplicate gossipsub drops before validation
    const payload = concat(mutate(seeds, rand))
    try {
      await pubsub.publish(topic, payload)
      tally.sent++
    } catch {
      tally.refused++
    }
  }
  return tally
}
