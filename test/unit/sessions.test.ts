/**
 * Wallet sessions, in process: a challenge signed by the wallet's key opens a session for the peer
 * that asked; a signature over any other text, a challenge used twice, a session token presented by
 * another peer, and a challenge or session past its lifetime are refused with ERR_SESSION. The
 * lifetimes run on a clock the test moves, so nothing sleeps.
 */
import { expect } from 'chai'
import { generateKeyPairSigner, signBytes, type KeyPairSigner } from '@solana/kit'
import { Sessions } from '../../coordinator/jobs/sessions.js'
import { isCyxwizError } from '../../src/errors.js'

const PEER = '12D3KooWPeerA'
const OTHER_PEER = '12D3KooWPeerB'
const COORDINATOR = '12D3KooWCoordinator'
const sign = async (w: KeyPairSigner, text: string): Promise<Uint8Array> => await signBytes(w.keyPair.privateKey, new TextEncoder().encode(text))

/** the error code a call failed with, or undefined if it did not */
async function codeOf (p: Promise<unknown> | (() => unknown)): Promise<string | undefined> {
  try {
    await (typeof p === 'function' ? p() : p)
    return undefined
  } catch (err) {
    return isCyxwizError(err) ? err.code : (err as Error).message
  }
}

describe('sessions', () => {
  let wallet: KeyPairSigner
  let other: KeyPairSigner
  let clock: number
  let sessions: Sessions

  before(async () => {
    wallet = await generateKeyPairSigner()
    other = await generateKeyPairSigner()
  })
  beforeEach(() => {
    clock = 1_000_000
    sessions = new Sessions({ ttl: 60_000, challengeTtl: 5_000, now: () => clock, coordinator: COORDINATOR })
  })

  it('opens a session from a signed challenge, valid for the peer that asked until it expires', async () => {
    const challenge = sessions.challenge(PEER, wallet.address)
    expect(challenge).to.include(`peer:${PEER}`).and.include(`wallet:${wallet.address}`)
    const { token, session } = await sessions.open(PEER, wallet.address, await sign(wallet, challenge))
    expect(session).to.deep.equal({ wallet: wallet.address, peer: PEER, expiresMs: clock + 60_000 })
    expect(sessions.check(token, PEER)).to.deep.equal(session)
    clock += 59_999
    expect(sessions.check(token, PEER).wallet).to.equal(wallet.address)
    clock += 2
    expect(await codeOf(() => sessions.check(token, PEER))).to.equal('ERR_SESSION')
  })

  it('refuses a signature over another challenge, or by another wallet', async () => {
    const first = sessions.challenge(PEER, wallet.address)
    // asking again replaces the pending challenge: a signature over the first no longer counts
    sessions.challenge(PEER, wallet.address)
    expect(await codeOf(sessions.open(PEER, wallet.address, await sign(wallet, first)))).to.equal('ERR_SESSION')
    const challenge = sessions.challenge(PEER, wallet.address)
    expect(await codeOf(sessions.open(PEER, wallet.address, await sign(other, challenge)))).to.equal('ERR_SESSION')
    // a challenge for another peer, signed by the right wallet, does not open this peer's session
    const theirs = sessions.challenge(OTHER_PEER, wallet.address)
    sessions.challenge(PEER, wallet.address)
    expect(await codeOf(sessions.open(PEER, wallet.address, await sign(wallet, theirs)))).to.equal('ERR_SESSION')
  })

  it('takes one signature per challenge: a replay is refused', async () => {
    const challenge = sessions.challenge(PEER, wallet.address)
    const signature = await sign(wallet, challenge)
    await sessions.open(PEER, wallet.address, signature)
    expect(await codeOf(sessions.open(PEER, wallet.address, signature))).to.equal('ERR_SESSION')
    // a failed attempt uses the challenge up too: no guessing against one challenge
    const next = sessions.challenge(PEER, wallet.address)
    expect(await codeOf(sessions.open(PEER, wallet.address, new Uint8Array(64)))).to.equal('ERR_SESSION')
    expect(await codeOf(sessions.open(PEER, wallet.address, await sign(wallet, next)))).to.equal('ERR_SESSION')
  })

  it('refuses a session token presented by another peer, and an unknown token', async () => {
    const challenge = sessions.challenge(PEER, wallet.address)
    const { token } = await sessions.open(PEER, wallet.address, await sign(wallet, challenge))
    expect(await codeOf(() => sessions.check(token, OTHER_PEER))).to.equal('ERR_SESSION')
    expect(await codeOf(() => sessions.check('0'.repeat(64), PEER))).to.equal('ERR_SESSION')
    // the refusal did not end the session for its own peer
    expect(sessions.check(token, PEER).peer).to.equal(PEER)
  })

  it('refuses a challenge signed after its lifetime', async () => {
    const challenge = sessions.challenge(PEER, wallet.address)
    const signature = await sign(wallet, challenge)
    clock += 5_001
    expect(await codeOf(sessions.open(PEER, wallet.address, signature))).to.equal('ERR_SESSION')
  })

  it('refuses a wallet that is not an address', async () => {
    expect(await codeOf(() => sessions.challenge(PEER, 'not-a-wallet'))).to.equal('ERR_SESSION')
  })
})
