/**
 * Which strings may be paid CYXWIZ. A Solana address is base58 that decodes to exactly 32 bytes; a
 * payout wallet must also be an ed25519 public key on the curve, because only such a key can sign
 * to spend what its token account receives (an off-curve address — a program-derived one — has no
 * private key, so tokens sent to it would be stranded).
 */
import { isAddress, isOffCurveAddress, type Address } from '@solana/kit'

/** base58 that decodes to 32 bytes */
export function isSolanaAddress (v: string): v is Address {
  return isAddress(v)
}

/** a Solana address that is an on-curve ed25519 public key: a wallet that can spend what it is paid */
export function isWalletAddress (v: string): v is Address {
  return isAddress(v) && !isOffCurveAddress(v)
}
