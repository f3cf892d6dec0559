/**
 * CYXWIZ amounts: integer base units (6 decimals) everywhere; the CLI shows and accepts human
 * amounts ("100", "0.5") and converts them exactly, with string arithmetic, never through a float.
 */
import { InvalidArgumentError } from '../errors.js'

export const CYXWIZ_DECIMALS = 6
export const U64_MAX = 0xffffffffffffffffn

/** "12.5" → 12500000n (6 decimals). Refuses negatives, exponents, excess precision and > u64. */
export function parseAmount (text: string, decimals = CYXWIZ_DECIMALS): bigint {
  const m = /^(\d{1,20})(?:\.(\d+))?$/.exec(text.trim())
  if (m == null) throw new InvalidArgumentError(`"${text}" is not an amount (use e.g. 100 or 0.5)`)
  const whole = m[1] ?? '0'
  const frac = m[2] ?? ''
  if (frac.length > decimals) throw new InvalidArgumentError(`"${text}" has more than ${decimals} decimals`)
  const units = BigInt(whole) * 10n ** BigInt(decimals) + BigInt(frac.padEnd(decimals, '0') || '0')
  if (units > U64_MAX) throw new InvalidArgumentError(`"${text}" is more than the largest amount`)
  return units
}

/** 12500000n → "12.5" */
export function formatAmount (units: bigint, decimals = CYXWIZ_DECIMALS): string {
  const neg = units < 0n
  const abs = neg ? -units : units
  const base = 10n ** BigInt(decimals)
  const frac = (abs % base).toString().padStart(decimals, '0').replace(/0+$/, '')
  return `${neg ? '-' : ''}${abs / base}${frac === '' ? '' : `.${frac}`}`
}

export interface Split {
  /** what the compute peer receives */
  peer: bigint
  /** the platform fee */
  fee: bigint
  /** returned to the submitter */
  refund: bigint
}

/**
 * Splits an escrow: `earnedBps` of it is earned (0 … 10000), the fee is `feeBps` of what is earned,
 * the peer gets the rest of the earned part, and the remainder is refunded. Integer division rounds
 * the fee down and the peer takes the remainder, so peer + fee + refund = amount, always.
 */
export function splitEscrow (amount: bigint, earnedBps: number, feeBps: number): Split {
  if (!Number.isInteger(earnedBps) || earnedBps < 0 || earnedBps > 10_000) throw new RangeError(`earned fraction ${earnedBps} bps outside 0…10000`)
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) throw new RangeError(`fee ${feeBps} bps outside 0…10000`)
  if (amount < 0n) throw new RangeError('negative escrow')
  const earned = amount * BigInt(earnedBps) / 10_000n
  const fee = earned * BigInt(feeBps) / 10_000n
  return { peer: earned - fee, fee, refund: amount - earned }
}
