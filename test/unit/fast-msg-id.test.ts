import { expect } from 'chai'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { generateKeyPair, publicKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { PrivateKey } from '@libp2p/interface'
import { RPC } from '@libp2p/gossipsub/message'
import { fastMsgId } from '../../src/network/fast-msg-id.js'

/** gossipsub's own signature check, the one a message with an unseen id still goes through */
type ValidateToRaw = (policy: 'StrictSign', msg: RPC.Message) => Promise<{ valid: boolean }>
const require = createRequire(import.meta.url)
const gossipsubDir = dirname(dirname(require.resolve('@libp2p/gossipsub')))
const SIGN_PREFIX = new TextEncoder().encode('libp2p-pubsub:')

/** a message signed as gossipsub's StrictSign publish signs it */
async function signedMessage (key: PrivateKey, data: Uint8Array): Promise<RPC.Message> {
  const seqno = Uint8Array.from([0, 0, 0, 0, 0, 0, 0, 1])
  const unsigned: RPC.Message = { from: peerIdFromPrivateKey(key).toMultihash().bytes, data, seqno, topic: 'cyxwiz/heartbeat' }
  const body = RPC.Message.encode(unsigned)
  const signature = await key.sign(Uint8Array.from([...SIGN_PREFIX, ...body]))
  return { ...unsigned, signature, key: publicKeyToProtobuf(key.publicKey) }
}

function flipped (bytes: Uint8Array | undefined): Uint8Array {
  const out = Uint8Array.from(bytes ?? [])
  out[out.length - 1] = (out[out.length - 1] ?? 0) ^ 1
  return out
}

describe('fast message id', () => {
  let validateToRawMessage: ValidateToRaw
  let msg: RPC.Message
  let other: PrivateKey
  before(async () => {
    ({ validateToRawMessage } = await import(pathToFileURL(join(gossipsubDir, 'src/utils/buildRawMessage.js')).href) as { validateToRawMessage: ValidateToRaw })
    msg = await signedMessage(await generateKeyPair('Ed25519'), Uint8Array.from([1, 2, 3]))
    other = await generateKeyPair('Ed25519')
  })

  it('gives a copy of a message the id of the original', () => {
    const copy = RPC.Message.decode(RPC.Message.encode(msg))
    expect(fastMsgId(copy)).to.equal(fastMsgId(msg))
  })

  it('gives every altered copy another id, so it is verified in full — and a forged one is refused there', async () => {
    expect((await validateToRawMessage('StrictSign', msg)).valid).to.equal(true)
    const id = fastMsgId(msg)
    const forgeries: Array<[string, RPC.Message]> = [
      ['signature', { ...msg, signature: flipped(msg.signature) }],
      ['data', { ...msg, data: flipped(msg.data) }],
      ['seqno', { ...msg, seqno: flipped(msg.seqno) }],
      ['topic', { ...msg, topic: 'cyxwiz/availability' }],
      ['from', { ...msg, from: peerIdFromPrivateKey(other).toMultihash().bytes }],
      ['key', { ...msg, key: publicKeyToProtobuf(other.publicKey) }]
    ]
    for (const [field, forged] of forgeries) {
      expect(fastMsgId(forged), field).to.not.equal(id)
      expect((await validateToRawMessage('StrictSign', forged)).valid, field).to.equal(false)
    }
  })

  it('tells an absent field from an empty one, and does not let bytes slide between fields', () => {
    const { key: _key, ...keyless } = msg
    expect(fastMsgId(keyless)).to.not.equal(fastMsgId({ ...keyless, key: new Uint8Array(0) }))
    const data = msg.data ?? new Uint8Array(0)
    // the last byte of data moved to the front of the signature: the same bytes in a row
    const shifted = { ...msg, data: data.subarray(0, -1), signature: Uint8Array.from([...data.subarray(-1), ...(msg.signature ?? [])]) }
    expect(fastMsgId(shifted)).to.not.equal(fastMsgId(msg))
  })
})
