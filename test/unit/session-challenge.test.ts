/**
 * The session challenge as the client sees it: the coordinator's text parses and checks against
 * this coordinator, this peer and this wallet; every other text a coordinator could send for
 * signing — the old format without a domain or coordinator, another coordinator's challenge,
 * another peer's or wallet's, an expired or long-lived one, extra lines, transaction bytes — is
 * refused with ERR_CHALLENGE_REJECTED.
 */
import { expect } from 'chai'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { generateKeyPairSigner } from '@solana/kit'
import { Sessions } from '../../coordinator/jobs/sessions.js'
import { CHALLENGE_DOMAIN, checkChallenge, formatChallenge, type ChallengeExpectation } from '../../src/session-challenge.js'
import { isCyxwizError } from '../../src/errors.js'

function codeOf (fn: () => unknown): string | undefined {
  try {
    fn()
    return undefined
  } catch (err) {
    return isCyxwizError(err) ? err.code : (err as Error).message
  }
}

const newPeer = async (): Promise<string> => peerIdFromPrivateKey(await generateKeyPair('Ed25519')).toString()

describe('session challenge, client side', () => {
  let coordinator: string
  let other: string
  let peer: string
  let wallet: string
  let expect_: ChallengeExpectation
  const now = 1_700_000_000_000

  before(async () => {
    [coordinator, other, peer] = await Promise.all([newPeer(), newPeer(), newPeer()])
    wallet = (await generateKeyPairSigner()).address
    expect_ = { coordinator, peer, wallet, now, maxTtlMs: 600_000 }
  })

  it('accepts what the coordinator writes, naming this coordinator, peer and wallet', () => {
    const sessions = new Sessions({ coordinator, now: () => now })
    const text = sessions.challenge(peer, wallet)
    expect(text.split('\n')[0]).to.equal(CHALLENGE_DOMAIN)
    const c = checkChallenge(text, expect_)
    expect(c).to.include({ coordinator, peer, wallet, expiresMs: now + 120_000 })
    expect(c.nonce).to.match(/^[0-9a-f]{32}$/)
  })

  it('refuses every other text', () => {
    const good = { coordinator, peer, wallet, nonce: 'ab'.repeat(16), expiresMs: now + 60_000 }
    const cases: Array<[string, string]> = [
      [`cyxwiz-session\npeer:${peer}\nwallet:${wallet}\nnonce:${good.nonce}`, 'the old format: no domain, no coordinator, no expiry'],
      [formatChallenge({ ...good, coordinator: other }), 'another coordinator'],
      [formatChallenge({ ...good, peer: other }), 'another peer'],
      [formatChallenge({ ...good, wallet: '11111111111111111111111111111111' }), 'another wallet'],
      [formatChallenge({ ...good, expiresMs: now - 1 }), 'expired'],
      [formatChallenge({ ...good, expiresMs: now + 3_600_000 }), 'valid for an hour'],
      [formatChallenge(good) + '\nnote:sign here', 'an extra line'],
      [`x${formatChallenge(good)}`, 'text before the domain'],
      [formatChallenge({ ...good, nonce: 'not-hex' }), 'a nonce that is not 128 bits of hex'],
      [Buffer.from([1, 0, 2, 4, 0x80]).toString('latin1'), 'transaction-like bytes']
    ]
    for (const [text, why] of cases) expect(codeOf(() => checkChallenge(text, expect_)), why).to.equal('ERR_CHALLENGE_REJECTED')
    expect(codeOf(() => checkChallenge(formatChallenge(good), expect_))).to.equal(undefined)
  })
})
