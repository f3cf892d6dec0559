/**
 * Sessions: a client proves it controls the paying wallet by signing a challenge that binds the
 * wallet to its libp2p peer id and to this coordinator (the format is src/session-challenge.ts); the session token is then valid for that peer only, for an hour
 * (a session:{token} cache). Sessions live in memory: after a coordinator restart a client
 * simply opens a new one.
 */
import { randomBytes } from 'node:crypto'
import { LRUCache } from 'lru-cache'
import { address, getPublicKeyFromAddress, verifySignature, type Address, type SignatureBytes } from '@solana/kit'
import { CyxwizError } from '../../src/errors.js'
import { formatChallenge } from '../../src/session-challenge.js'

export interface SessionOptions {
  /** session lifetime, ms (default 1 h) */
  ttl: number
  /** how long a challenge may wait for its signature, ms */
  challengeTtl: number
  /** sessions and challenges held at once */
  max: number
  /** the clock the lifetimes are measured on, ms (tests move it; default the system clock) */
  now?: () => number
  /** this coordinator's libp2p peer id, named in every challenge so a signature is good for no other */
  coordinator: string
}

export const defaultSessionOptions: Omit<SessionOptions, 'coordinator'> = {
  ttl: 3_600_000,
  // two minutes: enough for a person to confirm a hardware wallet prompt
  challengeTtl: 120_000,
  max: 100_000
}

export interface Session { wallet: Address, peer: string, expiresMs: number }


export class Sessions {
  private readonly o: SessionOptions
  private readonly challenges: LRUCache<string, string>
  private readonly sessions: LRUCache<string, Session>

  constructor (o: Partial<SessionOptions> & { coordinator: string }) {
    this.o = { ...defaultSessionOptions, ...o }
    // a given clock is read on every lookup (no 1 ms reuse of the last reading), so a moved clock counts at once
    const clock = o.now != null ? { perf: { now: o.now }, ttlResolution: 0 } : {}
    this.challenges = new LRUCache({ max: this.o.max, ttl: this.o.challengeTtl, ...clock })
    this.sessions = new LRUCache({ max: this.o.max, ttl: this.o.ttl, ...clock })
  }

  challenge (peer: string, wallet: string): string {
    // the expiry written in the text is the challenge's lifetime here: the client refuses a long one
    const text = formatChallenge({
      coordinator: this.o.coordinator, peer, wallet: parseWallet(wallet), nonce: randomBytes(16).toString('hex'), expiresMs: (this.o.now ?? Date.now)() + this.o.challengeTtl
    })
    this.challenges.set(`${peer}|${wallet}`, text)
    return text
  }

  /** verifies the wallet's signature over the pending challenge and opens a session */
  async open (peer: string, wallet: string, signature: Uint8Array): Promise<{ token: string, session: Session }> {
    const w = parseWallet(wallet)
    const key = `${peer}|${wallet}`
    const text = this.challenges.get(key)
    if (text == null) throw new CyxwizError('ERR_SESSION', 'no pending challenge for this peer and wallet (ask for one first; they expire)')
    this.challenges.delete(key) // one signature per challenge
    const ok = signature.byteLength === 64 &&
      await verifySignature(await getPublicKeyFromAddress(w), signature as SignatureBytes, new TextEncoder().encode(text))
    if (!ok) throw new CyxwizError('ERR_SESSION', 'the signature does not prove control of this wallet')
    const token = randomBytes(32).toString('hex')
    const session: Session = { wallet: w, peer, expiresMs: (this.o.now ?? Date.now)() + this.o.ttl }
    this.sessions.set(token, session)
    return { token, session }
  }

  /** the session of a token, used from `peer`; throws ERR_SESSION otherwise */
  check (token: string, peer: string): Session {
    const s = this.sessions.get(token)
    if (s == null || s.peer !== peer) throw new CyxwizError('ERR_SESSION', 'no valid session: open one with the paying wallet')
    return s
  }
}

function parseWallet (wallet: string): Address {
  try {
    return address(wallet)
  } catch {
    throw new CyxwizError('ERR_SESSION', `"${wallet}" is not a wallet address`)
  }
}
