/**
 * gossipsub's fast message id: what lets a node drop a copy of a message it has already verified
 * before verifying it again.
 *
 * Without one, gossipsub checks the signature of every message it receives (an ed25519 verify, most
 * of the CPU a heartbeat costs the coordinator) before its seen-cache finds that the message is a
 * duplicate — and in a mesh each message arrives once per mesh neighbour that forwards it. With one,
 * gossipsub looks the id up first; an id enters its cache only after the message that carries it
 * passed the signature check and got its message id, and the cache lives as long as the seen-cache
 * (seenTTL), so the copies dropped are exactly those the seen-cache would drop after a wasted verify.
 *
 * The id is SHA-256 over every field of the wire message, each prefixed with its length (an absent
 * field apart from an empty one): a copy that differs in any byte, or in which fields it carries
 * (another signature, another key, other data) gets another id and goes through
 * the full check, so a forged copy is still verified, refused and scored as invalid. Nothing is
 * trusted from an id alone: finding two messages with one id means a SHA-256 collision.
 */
import { createHash } from 'node:crypto'
import type { RPC } from '@libp2p/gossipsub/message'

const encoder = new TextEncoder()
/** the length prefix of an absent field: no field on the wire is 4 GiB long */
const ABSENT = 0xffffffff

function field (hash: ReturnType<typeof createHash>, bytes: Uint8Array | undefined): void {
  const length = Buffer.allocUnsafe(4)
  length.writeUInt32BE(bytes?.byteLength ?? ABSENT)
  hash.update(length)
  if (bytes != null) hash.update(bytes)
}

/** the id of a received message, from every field it carries on the wire */
export function fastMsgId (msg: RPC.Message): string {
  const hash = createHash('sha256')
  field(hash, msg.from)
  field(hash, msg.seqno)
  field(hash, encoder.encode(msg.topic))
  field(hash, msg.data)
  field(hash, msg.signature)
  field(hash, msg.key)
  return hash.digest('base64')
}
