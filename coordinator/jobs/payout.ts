/**
 * Who gets a job's escrow, and the one place that moves it when a job ends:
 * - COMPLETED with a verified completion: all of it is earned — 90% to the peer, 10% fee;
 * - FAILED by a training error: the rule below — the share of epochs whose checkpoints the
 *   coordinator fetched and verified, paid the same way, the rest refunded;
 * - FAILED verification (bad signature, wrong hash) or CANCELLED before any work: refunded in full.
 * The job's transition, with the intended payout, is on disk before the escrow moves; the escrow
 * service is idempotent, so a coordinator that dies in between finishes the same payout on restart.
 */
import type { Address } from '@solana/kit'
import { Availability } from '../../protocols/availability.js'
import type { Payout } from '../../protocols/jobs.js'
import type { EscrowService } from '../escrow/escrow-service.js'
import type { NodeRegistry } from '../registry/node-registry.js'

/**
 * The partial-payment rule: a failed job earns the fraction of its epochs that a verified
 * checkpoint proves done, in basis points, rounded down. Work after the last checkpoint cannot be
 * shown to exist, so it is not paid; a later peer resuming from the checkpoint does not redo it.
 */
export function earnedBps (verifiedEpochs: number, epochs: number): number {
  if (!Number.isInteger(epochs) || epochs < 1) return 0
  const done = Math.max(0, Math.min(epochs, Math.floor(verifiedEpochs)))
  return Math.floor(done * 10_000 / epochs)
}

/** the payout wallet the assigned peer advertises ('' when it has none) */
export async function payeeOf (registry: Pick<NodeRegistry, 'get'>, nodeId: string): Promise<string> {
  const node = await registry.get(nodeId)
  if (node == null || node.availability.byteLength === 0) return ''
  try {
    return Availability.decode(node.availability).walletAddress
  } catch {
    return ''
  }
}

/**
 * Moves the escrow as `payout` says (settle with the earned share, or refund) and returns the
 * payout with the amounts and the transaction filled in. Idempotent.
 */
export async function settle (escrow: EscrowService, jobId: string, payout: Payout): Promise<Payout> {
  const rec = payout.earnedBps > 0 && payout.peerWallet !== ''
    ? await escrow.settle({ jobId, node: payout.peerWallet as Address, earnedBps: payout.earnedBps })
    : await escrow.refund(jobId)
  const split = rec.settlement?.split
  return {
    ...payout,
    peer: (split?.peer ?? 0n).toString(),
    fee: (split?.fee ?? 0n).toString(),
    refund: (split?.refund ?? rec.amount).toString(),
    signature: rec.settleSignature ?? ''
  }
}
