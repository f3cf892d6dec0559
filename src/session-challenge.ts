/**
 * The text a wallet signs to open a session with a coordinator. Both sides use this one format: the
 * coordinator writes it, the client parses it and signs only when every field is what it expects —
 * this coordinator, its own libp2p peer, its own wallet, a fresh nonce, an expiry soon — so a
 * coordinator (or anyone relaying) cannot get the wallet's signature over other bytes: a
 * transaction, another coordinator's challenge, or a long-lived token. The domain tag on the first
 * line keeps the signature from meaning anything outside CyxWiz sessions.
 */
import { CyxwizError } from './errors.js'

export const CHALLENGE_DOMAIN = 'cyxwiz-session-challenge-v1'

export interface Challenge {
  /** the coordinator's libp2p peer id */
  coordinator: string
  /** the client's libp2p peer id: the session is valid from this peer only */
  peer: string
  wallet: string
  /** 32 hex digits from the coordinator's CSPRNG */
  nonce: string
  /** when the coordinator stops accepting a signature over it, ms since the epoch */
  expiresMs: number
}

const PEER_ID = /^[1-9A-HJ-NP-Za-km-z]{32,128}$/
const WALLET = /^[1-9A-HJ-NP-Za-km-z]{32,44}$/
const NONCE = /^[0-9a-f]{32}$/
const MS = /^[1-9][0-9]{0,15}$/

export function formatChallenge (c: Challenge): string {
  return `${CHALLENGE_DOMAIN}\ncoordinator:${c.coordinator}\npeer:${c.peer}\nwallet:${c.wallet}\nnonce:${c.nonce}\nexpires:${c.expiresMs}`
}

function reject (why: string): never {
  throw new CyxwizError('ERR_CHALLENGE_REJECTED', `session challenge refused: ${why}`)
}

/** the fields of a challenge in exactly the format above (nothing before, after or between), or ERR_CHALLENGE_REJECTED */
export function parseChallenge (text: string): Challenge {
  if (text.length > 512) reject('too long')
  const lines = text.split('\n')
  if (lines.length !== 6 || lines[0] !== CHALLENGE_DOMAIN) reject('not a CyxWiz session challenge')
  const field = (i: number, name: string, pattern: RegExp): string => {
    const line = lines[i] ?? ''
    const value = line.slice(name.length + 1)
    if (!line.startsWith(`${name}:`) || !pattern.test(value)) reject(`line ${i + 1} is not a ${name}`)
    return value
  }
  return {
    coordinator: field(1, 'coordinator', PEER_ID),
    peer: field(2, 'peer', PEER_ID),
    wallet: field(3, 'wallet', WALLET),
    nonce: field(4, 'nonce', NONCE),
    expiresMs: Number(field(5, 'expires', MS))
  }
}

export interface ChallengeExpectation {
  coordinator: string
  peer: string
  wallet: string
  now: number
  /** the latest expiry accepted, from `now`: a challenge valid for longer is a token, not a challenge */
  maxTtlMs: number
}

/** parses `text` and checks every field against what the signer expects; throws ERR_CHALLENGE_REJECTED */
export function checkChallenge (text: string, e: ChallengeExpectation): Challenge {
  const c = parseChallenge(text)
  if (c.coordinator !== e.coordinator) reject(`it names coordinator ${c.coordinator}, not the one dialled (${e.coordinator})`)
  if (c.peer !== e.peer) reject('it is for another libp2p peer')
  if (c.wallet !== e.wallet) reject('it is for another wallet')
  if (c.expiresMs <= e.now) reject('it has expired')
  if (c.expiresMs > e.now + e.maxTtlMs) reject(`it stays valid for more than ${e.maxTtlMs} ms`)
  return c
}
