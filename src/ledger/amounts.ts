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
  /** what the compute peers receive, in all */
  peer: bigint
  /** the platform fee */
  fee: bigint
  /** returned to the submitter */
  refund: bigint
}

/** one peer's part of a job: `bps` basis points of the escrow are earned by `owner` */
export interface Share<O extends string = string> {
  owner: O
  bps: number
}

export interface SharesSplit<O extends string = string> {
  /** what each peer receives (earned − its fee), one entry per owner, in first-seen order; no zero entries */
  peers: Array<{ owner: O, amount: bigint }>
  /** the platform fee: Σ over the shares of ⌊earned × feeBps / 10000⌋ */
  fee: bigint
  /** returned to the submitter: amount − Σ earned */
  refund: bigint
}

function checkBps (bps: number, what: string): void {
  if (!Number.isInteger(bps) || bps < 0 || bps > 10_000) throw new RangeError(`${what} ${bps} bps outside 0…10000`)
}

/**
 * Splits an escrow between several peers pro rata, in one go. The same owner named twice is one
 * share (its basis points added up). Each share earns ⌊amount × bps / 10000⌋, the fee is
 * ⌊earned × feeBps / 10000⌋ of each share, the peer keeps the rest of its earned part, and what
 * no share earned is refunded — so Σ peers + fee + refund = amount, always, with no unit lost.
 * Refuses basis points outside 0…10000, in any share or in all of them together.
 */
export function splitEscrowShares<O extends string> (amount: bigint, shares: ReadonlyArray<Share<O>>, feeBps: number): SharesSplit<O> {
  checkBps(feeBps, 'fee')
  if (amount < 0n) throw new RangeError('negative escrow')
  const merged = new Map<O, number>()
  let total = 0
  for (const { owner, bps } of shares) {
    checkBps(bps, `share of ${owner}`)
    total += bps
    merged.set(owner, (merged.get(owner) ?? 0) + bps)
  }
  if (total > 10_000) throw new RangeError(`the shares add up to ${total} bps, more than 10000`)
  const peers: Array<{ owner: O, amount: bigint }> = []
  let earnedAll = 0n
  let fee = 0n
  for (const [owner, bps] of merged) {
    const earned = amount * BigInt(bps) / 10_000n
    const cut = earned * BigInt(feeBps) / 10_000n
    earnedAll += earned
    fee += cut
    if (earned - cut > 0n) peers.push({ owner, amount: earned - cut })
  }
  return { peers, fee, refund: amount - earnedAll }
}

/**
 * Splits an escrow for one peer: `earnedBps` of it is earned (0 … 10000), the fee is `feeBps` of
 * what is earned, the peer gets the rest of the earned part, and the remainder is refunded — the
 * one-share case of `splitEscrowShares`.
 */
export function splitEscrow (amount: bigint, earnedBps: number, feeBps: number): Split {
  checkBps(earnedBps, 'earned fraction')
  const { peers, fee, refund } = splitEscrowShares(amount, [{ owner: 'peer', bps: earnedBps }], feeBps)
  return { peer: peers[0]?.amount ?? 0n, fee, refund }
}
