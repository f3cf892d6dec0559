/**
 * A settlement's intent: the terms (who earned what), the amounts, and the signed transactions that
 * move them — one, or several when the payees do not fit in one transaction, all written to disk
 * before the first is sent. Rebuilding on a new blockhash keeps the parts already confirmed.
 */
import {
  getBase64EncodedWireTransaction, getSignatureFromTransaction, signTransactionMessageWithSigners, type Address, type KeyPairSigner
} from '@solana/kit'
import { LedgerError } from '../../src/errors.js'
import { isWalletAddress } from '../../src/ledger/addresses.js'
import { splitEscrowShares } from '../../src/ledger/amounts.js'
import { buildSettlePart, planSettlement, type Lifetime, type PaidPayee } from '../../src/ledger/escrow-tx.js'
import type { Ledger } from '../../src/ledger/ledger.js'
import type { EscrowRecord, SettlementIntent, SettlementPart, SettleShare } from './escrow-store.js'

export interface SettlementContext {
  ledger: Ledger
  authority: KeyPairSigner
  feeOwner: Address
  feeBps: number
}

async function signed (message: Parameters<typeof signTransactionMessageWithSigners>[0], payees: PaidPayee[]): Promise<SettlementPart> {
  const tx = await signTransactionMessageWithSigners(message)
  return { payees: payees.map(p => ({ owner: p.owner, ata: p.ata, amount: p.amount })), wire: getBase64EncodedWireTransaction(tx), signature: getSignatureFromTransaction(tx) }
}

/**
 * The settlement for these terms, built and signed. Throws — before anything is stored — when the
 * terms are invalid: no peer for a settlement, basis points out of range, or a payee that is not a
 * wallet able to receive (ERR_INVALID_ADDRESS).
 */
export async function buildIntent (c: SettlementContext, rec: EscrowRecord, kind: 'settle' | 'refund', shares: SettleShare[]): Promise<SettlementIntent> {
  const { ledger, authority } = c
  if (kind === 'settle' && shares.length === 0) throw new LedgerError('ERR_LEDGER', 'a settlement needs at least one peer\'s wallet')
  const bad = shares.find(s => !isWalletAddress(s.node))
  if (bad != null) throw new LedgerError('ERR_INVALID_ADDRESS', `"${bad.node}" is not a Solana wallet that can be paid`)
  const { peers, fee, refund } = splitEscrowShares(rec.amount, shares.map(s => ({ owner: s.node, bps: s.earnedBps })), c.feeBps)
  const lifetime = await ledger.latestBlockhash()
  const party = async (owner: Address, amount: bigint): Promise<PaidPayee> => ({ owner, ata: await ledger.ata(owner), amount })
  const plan = planSettlement({
    jobId: rec.jobId, authority, mint: ledger.mint, decimals: ledger.decimals, escrow: rec.escrow,
    peers: await Promise.all(peers.map(async p => await party(p.owner, p.amount))),
    fee: await party(c.feeOwner, fee), submitter: await party(rec.submitter, refund), lifetime
  })
  const parts = await Promise.all(plan.map(async p => await signed(p.message, p.payees)))
  const last = parts[parts.length - 1] as SettlementPart
  const wallets = new Set(shares.map(s => s.node))
  const [single] = wallets
  return {
    kind, shares, ...(wallets.size === 1 && single != null ? { peer: single } : {}),
    earnedBps: shares.reduce((sum, s) => sum + s.earnedBps, 0),
    split: { peer: peers.reduce((sum, p) => sum + p.amount, 0n), fee, refund, peers },
    wire: last.wire, signature: last.signature, parts, done: 0, lastValidBlockHeight: lifetime.lastValidBlockHeight
  }
}

/**
 * The same intent on a new blockhash, after its current part expired unseen: the parts already
 * confirmed are kept as they are (their payees are paid), the others are signed again with the
 * same payees. With none confirmed the whole settlement is planned again from its terms.
 */
export async function rebuildIntent (c: SettlementContext, rec: EscrowRecord, intent: SettlementIntent): Promise<SettlementIntent> {
  if (intent.done === 0) return await buildIntent(c, rec, intent.kind, intent.shares)
  const lifetime: Lifetime = await c.ledger.latestBlockhash()
  const base = { jobId: rec.jobId, authority: c.authority, mint: c.ledger.mint, decimals: c.ledger.decimals, escrow: rec.escrow, lifetime }
  const parts = await Promise.all(intent.parts.map(async (part, index) => index < intent.done
    ? part
    : await signed(buildSettlePart({ ...base, payees: part.payees, last: index === intent.parts.length - 1, index }), part.payees)))
  const last = parts[parts.length - 1] as SettlementPart
  return { ...intent, parts, wire: last.wire, signature: last.signature, lastValidBlockHeight: lifetime.lastValidBlockHeight }
}
