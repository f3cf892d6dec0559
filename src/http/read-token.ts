/**
 * Read tokens for the dashboard: a submitter's wallet signs a fixed, readable text that names the
 * wallet and an expiry. Whoever holds the token sees that wallet's jobs on the dashboard and nothing
 * else (no other job, no node list, no /metrics). The coordinator keeps no state for them: the
 * signature is the proof, checked against the wallet's own public key on every request.
 */
import { address, getPublicKeyFromAddress, signBytes, verifySignature, type KeyPairSigner, type SignatureBytes } from '@solana/kit'

/** a day: long enough to watch a job train, short enough that a leaked link stops working */
export const DEFAULT_READ_TOKEN_TTL = 24 * 3600_000

/** the exact text the wallet signs */
export function readTokenText (wallet: string, expiresMs: number): string {
  return `cyxwiz dashboard: read the jobs of wallet ${wallet} until ${expiresMs}`
}

/** `WALLET.EXPIRES.SIGNATURE` (signature base64url): safe in a URL query */
export async function makeReadToken (wallet: KeyPairSigner, ttlMs = DEFAULT_READ_TOKEN_TTL, now = Date.now()): Promise<string> {
  const expiresMs = now + ttlMs
  const sig = await signBytes(wallet.keyPair.privateKey, new TextEncoder().encode(readTokenText(wallet.address, expiresMs)))
  return `${wallet.address}.${expiresMs}.${Buffer.from(sig).toString('base64url')}`
}

/** the wallet a token grants, or undefined when it is malformed, expired or not signed by that wallet */
export async function verifyReadToken (token: string, now = Date.now()): Promise<string | undefined> {
  const parts = token.split('.')
  if (parts.length !== 3) return undefined
  const [wallet = '', expires = '', sig = ''] = parts
  const expiresMs = Number(expires)
  if (!/^\d{1,15}$/.test(expires) || expiresMs <= now || !/^[A-Za-z0-9_-]{86}$/.test(sig)) return undefined
  try {
    const key = await getPublicKeyFromAddress(address(wallet))
    const bytes = new Uint8Array(Buffer.from(sig, 'base64url'))
    if (bytes.byteLength !== 64) return undefined
    const ok = await verifySignature(key, bytes as SignatureBytes, new TextEncoder().encode(readTokenText(wallet, expiresMs)))
    return ok ? wallet : undefined
  } catch {
    return undefined
  }
}
