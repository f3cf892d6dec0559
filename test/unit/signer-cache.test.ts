import { expect } from 'chai'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromMultihash, peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { SignedMessage } from '@libp2p/gossipsub'
import type { PeerId } from '@libp2p/interface'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { heartbeatTopic } from '../../src/network/validators.js'
import { GossipValidationError } from '../../src/network/gossip-validation.js'
import { SeqnoTracker } from '../../src/network/seqno-tracker.js'
import { SignerCache } from '../../src/network/signer-cache.js'

/** the PeerId gossipsub builds for each message: a new object from the signer's multihash bytes */
function asReceived (id: PeerId): PeerId {
  return peerIdFromMultihash(id.toMultihash())
}

function signed (from: PeerId, data: Uint8Array): SignedMessage {
  return { type: 'signed', from, topic: 't', data, sequenceNumber: 1n, signature: new Uint8Array(), key: undefined as never }
}

function beat (nodeId: string, seqno: bigint): Heartbeat {
  return { nodeId, status: WorkStatus.IDLE, seqno, timestampMs: BigInt(Date.now()), queueLength: 0, availableMemoryBytes: 1n << 30n, softwareVersion: '0.1.0' }
}

describe('signer cache', () => {
  let alice: PeerId
  let bob: PeerId
  let carol: PeerId
  before(async () => {
    alice = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    bob = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    carol = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  })

  it('answers the signer for its own claim, the same remembered PeerId for every later message', () => {
    const signers = new SignerCache()
    const first = signers.match(alice.toString(), asReceived(alice))
    expect(first?.equals(alice)).to.equal(true)
    const later = signers.match(alice.toString(), asReceived(alice))
    expect(later).to.equal(first)
    expect(signers.size).to.equal(1)
  })

  it('refuses a claim of a remembered node signed by another key, and remembers nothing for a refused claim', () => {
    const signers = new SignerCache()
    signers.match(alice.toString(), asReceived(alice))
    // a remembered claim: the byte comparison refuses bob
    expect(signers.match(alice.toString(), asReceived(bob))).to.equal(undefined)
    // a new claim: the full comparison refuses it, and nothing is stored under bob's name
    expect(signers.match(bob.toString(), asReceived(carol))).to.equal(undefined)
    expect(signers.size).to.equal(1)
    expect(signers.match(bob.toString(), asReceived(bob))?.equals(bob)).to.equal(true)
    // a claim that is no peer id at all
    expect(signers.match('not a peer id', asReceived(carol))).to.equal(undefined)
  })

  it('stays bounded under a flood of identities, and an evicted node is checked in full again', () => {
    const signers = new SignerCache(2)
    for (const id of [alice, bob, carol]) expect(signers.match(id.toString(), asReceived(id))?.equals(id)).to.equal(true)
    expect(signers.size).to.equal(2)
    expect(signers.match(alice.toString(), asReceived(alice))?.equals(alice)).to.equal(true)
    expect(signers.match(alice.toString(), asReceived(carol))).to.equal(undefined)
  })

  it('lets the heartbeat validator refuse an impersonation of a node it has already admitted', () => {
    const seen: PeerId[] = []
    const o = { maxAgeMs: 30_000, maxFutureMs: 30_000, connected: (p: PeerId) => { seen.push(p); return true }, signers: new SignerCache() }
    const t = heartbeatTopic('t', o, new SeqnoTracker())
    const validate = (hb: Heartbeat, by: PeerId): string => {
      try {
        t.validate(hb, signed(asReceived(by), Heartbeat.encode(hb)), Date.now())
        return 'accept'
      } catch (err) {
        expect(err).to.be.instanceOf(GossipValidationError)
        return (err as GossipValidationError).code
      }
    }
    expect(validate(beat(alice.toString(), 1n), alice)).to.equal('accept')
    expect(validate(beat(alice.toString(), 2n), bob)).to.equal('ERR_SIGNER_MISMATCH')
    expect(validate(beat(alice.toString(), 2n), alice)).to.equal('accept')
    // the connection check is asked about the signer, and only for messages whose claim held
    expect(seen.map(p => p.toString())).to.deep.equal([alice.toString(), alice.toString()])
  })
})
