import { expect } from 'chai'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import type { SignedMessage } from '@libp2p/gossipsub'
import type { PeerId } from '@libp2p/interface'
import { generateKeyPairSigner, getProgramDerivedAddress } from '@solana/kit'
import { Beacon } from '../../protocols/beacon.js'
import { Availability, DeviceKind } from '../../protocols/availability.js'
import { availabilityTopic, beaconTopic } from '../../src/network/validators.js'
import { GossipValidationError } from '../../src/network/gossip-validation.js'
import { SeqnoTracker, seqnoSource } from '../../src/network/seqno-tracker.js'

const fresh = { maxAgeMs: 30_000, maxFutureMs: 30_000 }

function signed (from: PeerId, data: Uint8Array): SignedMessage {
  return { type: 'signed', from, topic: 't', data, sequenceNumber: 1n, signature: new Uint8Array(), key: undefined as never }
}

function codeOf (fn: () => void): string | undefined {
  try {
    fn()
    return undefined
  } catch (err) {
    expect(err).to.be.instanceOf(GossipValidationError)
    return `${(err as GossipValidationError).action}/${(err as GossipValidationError).code}`
  }
}

describe('gossip validators', () => {
  let alice: PeerId
  let bob: PeerId
  before(async () => {
    alice = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    bob = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
  })

  const offer = (nodeId: string, over: Partial<Availability> = {}): Availability => ({
    nodeId, seqno: 1n, timestampMs: BigInt(Date.now()), deviceKind: DeviceKind.CPU, deviceModel: 'EPYC', gpuMemoryBytes: 0n,
    cpuCores: 2, ramBytes: 1n << 33n, backends: ['wasm', 'cpu'], pricePerUnit: '10', location: 'eu-west',
    walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 1, ...over
  })

  it('accepts a sane offer once, then ignores its replay', () => {
    const t = availabilityTopic('t', fresh, new SeqnoTracker())
    const a = offer(alice.toString())
    const run = (): void => { t.validate(a, signed(alice, Availability.encode(a)), Date.now()) }
    expect(codeOf(run)).to.equal(undefined)
    expect(codeOf(run)).to.equal('ignore/ERR_REPLAYED_SEQNO')
  })

  it('rejects offers with hostile fields', () => {
    const t = availabilityTopic('t', fresh, new SeqnoTracker())
    const cases: Array<[Partial<Availability>, string]> = [
      [{ pricePerUnit: '1e9' }, 'price'],
      [{ pricePerUnit: '99999999999999999999' }, 'price above u64'],
      [{ walletAddress: 'not-base58!' }, 'wallet'],
      [{ softwareVersion: 'latest' }, 'version'],
      [{ backends: [] }, 'no backend'],
      [{ backends: ['CPU; rm -rf'] }, 'backend name'],
      [{ deviceModel: 'x'.repeat(200) }, 'long model'],
      [{ location: 'eu\u001b[31m' }, 'control chars'],
      [{ cpuCores: 0 }, 'no cores']
    ]
    for (const [over, why] of cases) {
      const a = offer(alice.toString(), over)
      expect(codeOf(() => { t.validate(a, signed(alice, new Uint8Array()), Date.now()) }), why).to.equal('reject/ERR_INVALID_FIELD')
    }
  })

  it('takes only a payout wallet that can be paid: 32 bytes that decode, on the ed25519 curve', async () => {
    const t = availabilityTopic('t', fresh, new SeqnoTracker())
    let seqno = 0n
    const check = (walletAddress: string): string | undefined => {
      const a = offer(alice.toString(), { walletAddress, seqno: ++seqno })
      return codeOf(() => { t.validate(a, signed(alice, new Uint8Array()), Date.now()) })
    }
    // base58 characters and length, but 44 × "z" decodes to 33 bytes: no Solana address
    expect(check('z'.repeat(44)), 'z×44').to.equal('reject/ERR_INVALID_FIELD')
    // a program-derived address is off the curve: nobody could ever spend what it is paid
    const [pda] = await getProgramDerivedAddress({ programAddress: '11111111111111111111111111111111' as never, seeds: ['cyxwiz'] })
    expect(check(pda), 'off-curve').to.equal('reject/ERR_INVALID_FIELD')
    expect(check((await generateKeyPairSigner()).address), 'a real wallet').to.equal(undefined)
    expect(check(''), 'no wallet').to.equal(undefined)
  })

  it('rejects an offer signed by someone other than the node it names', () => {
    const t = availabilityTopic('t', fresh, new SeqnoTracker())
    const a = offer(bob.toString())
    expect(codeOf(() => { t.validate(a, signed(alice, new Uint8Array()), Date.now()) })).to.equal('reject/ERR_SIGNER_MISMATCH')
  })

  it('takes beacons only from the coordinator it bootstrapped from', () => {
    const t = beaconTopic('t', [alice.toString()], fresh, new SeqnoTracker())
    const b: Beacon = { coordinatorId: bob.toString(), seqno: 1n, timestampMs: BigInt(Date.now()), heartbeatIntervalMs: 1000n, minPeerVersion: '0.1.0', onlineNodes: 3 }
    expect(codeOf(() => { t.validate(b, signed(bob, new Uint8Array()), Date.now()) })).to.equal('reject/ERR_NOT_COORDINATOR')
    expect(codeOf(() => { t.validate({ ...b, coordinatorId: alice.toString() }, signed(alice, new Uint8Array()), Date.now()) })).to.equal(undefined)
  })

  it('draws seqnos that keep rising across a restart', () => {
    let clock = 1_000
    const first = seqnoSource(() => clock)
    const a = first()
    const b = first()
    expect(b).to.equal(a + 1n)
    clock += 1 // a restart a millisecond later starts above everything sent before
    const restarted = seqnoSource(() => clock)
    expect(restarted() > b).to.equal(true)
  })
})
