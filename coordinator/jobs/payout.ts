/**
 * Who gets a job's escrow, and the one place that moves it when a job ends:
 * - COMPLETED with a verified completion: all of it is earned — 90% to the peers, 10% fee;
 * - FAILED by a training error, or CANCELLED while running: the rule below — the share of epochs
 *   whose checkpoints the coordinator fetched and verified, paid the same way, the rest refunded;
 * - FAILED verification (bad signature, wrong hash): refunded in full.
 * A job that moved between peers (one died, another resumed from its checkpoint) pays every peer
 * pro rata to the verified epochs it trained, under one settlement intent (several transactions
 * when the payees do not fit in one).
 * The job's payout intent is on disk before the escrow moves; the escrow service is idempotent, so
 * a coordinator that dies in between finishes the same payout on restart.
 */
import { isWalletAddress } from '../../src/ledger/addresses.js'
import { Availability } from '../../protocols/availability.js'
import { JobState, type JobRecord, type Payout, type Share } from '../../protocols/jobs.js'
import { withRetries } from '../../src/retry.js'
import type { JobLifecycle } from './lifecycle.js'
import { epochsOf } from '../../src/training/spec.js'
import type { EscrowService } from '../escrow/escrow-service.js'
import type { NodeRegistry } from '../registry/node-registry.js'

/**
 * The partial-payment rule: a failed or cancelled job earns the fraction of its epochs that a
 * verified checkpoint proves done, in basis points, rounded down. Work after the last checkpoint
 * cannot be shown to exist, so it is not paid; a later peer resuming from the checkpoint does not
 * redo it.
 */
export function earnedBps (verifiedEpochs: number, epochs: number): number {
  if (!Number.isInteger(epochs) || epochs < 1) return 0
  const done = Math.max(0, Math.min(epochs, Math.floor(verifiedEpochs)))
  return Math.floor(done * 10_000 / epochs)
}

/** the payout wallet the peer advertises ('' when it has none or is unknown) */
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
 * Every peer's share of the escrow. Earlier peers (`job.contributions`) get the rule's share of
 * their verified epochs; the current peer gets its own verified epochs' share — or, for a verified
 * completion, everything the others did not earn (so a completed job is always paid in full).
 * Shares of the same wallet are merged; a share without a wallet, or with one that cannot be paid
 * (not a 32-byte on-curve Solana address), is refunded.
 */
export function sharesOf (job: JobRecord, currentWallet: string, completed: boolean): Share[] {
  const epochs = epochsOf(job.spec)
  const out = new Map<string, number>()
  const add = (wallet: string, bps: number): void => { if (isWalletAddress(wallet) && bps > 0) out.set(wallet, (out.get(wallet) ?? 0) + bps) }
  let earlier = 0
  for (const c of job.contributions) {
    const bps = earnedBps(c.epochs, epochs)
    earlier += bps
    add(c.wallet, bps)
  }
  if (job.lease != null) {
    add(currentWallet, completed ? Math.max(0, 10_000 - earlier) : earnedBps(job.verifiedEpochs - job.lease.startEpoch, epochs))
  }
  return [...out].map(([wallet, bps]) => ({ wallet, bps, amount: '' }))
}

/**
 * Moves the escrow as `payout` says (settle with the shares, or refund) and returns the payout with
 * the amounts and the transaction filled in (0 for a share that could not be paid). Idempotent.
 */
export async function settle (escrow: EscrowService, jobId: string, payout: Payout): Promise<Payout> {
  // a share whose wallet cannot be paid is refunded rather than failing the whole settlement
  // (an intent saved before wallets were checked may still name one)
  const payable = payout.shares.flatMap(s => isWalletAddress(s.wallet) ? [{ node: s.wallet, earnedBps: s.bps }] : [])
  const rec = payable.length > 0 ? await escrow.settle({ jobId, shares: payable }) : await escrow.refund(jobId)
  const split = rec.settlement?.split
  const paid = new Map((split?.peers ?? []).map(p => [String(p.owner), p.amount]))
  return {
    ...payout,
    shares: payout.shares.map(s => ({ ...s, amount: (paid.get(s.wallet) ?? 0n).toString() })),
    peer: (split?.peer ?? 0n).toString(),
    fee: (split?.fee ?? 0n).toString(),
    refund: (split?.refund ?? rec.amount).toString(),
    signature: rec.settleSignature ?? ''
  }
}

/** the rule in words, for the job's message; `passed` false: the current lease's epochs are not paid */
export function paidText (job: JobRecord, passed = true): string {
  const epochs = epochsOf(job.spec)
  const done = passed ? job.verifiedEpochs : job.lease?.startEpoch ?? job.verifiedEpochs
  const bps = earnedBps(done, epochs)
  const lie = passed ? '' : 'the last peer\'s work failed its replay check and is not paid; '
  return lie + (bps > 0 ? `${done} of ${epochs} epochs verified: ${bps / 100}% earned, the rest refunded` : 'no verified epoch: refunded in full')
}

/**
 * How a job's escrow moves: true — a verified completion, paid in full; false — the verified epochs
 * by the rule; 'discard' — earlier leases' verified epochs only (the current lease failed
 * verification); 'refund' — nothing.
 */
export type Pay = boolean | 'refund' | 'discard'

/**
 * Ends a job: writes the payout intent (the shares, and the state it leads to), moves the escrow,
 * then makes the final transition with what was paid. Safe to repeat after a crash at any step
 * (an intent already written is followed as it is). Returns what was paid.
 */
export async function endJob (c: { jobs: JobLifecycle, escrow: EscrowService, registry: Pick<NodeRegistry, 'get'> }, jobId: string,
  outcome: JobState.COMPLETED | JobState.FAILED | JobState.CANCELLED, pay: Pay, reason: string | ((job: JobRecord) => string),
  o: { retryBase: number }): Promise<Payout | undefined> {
  let job = await c.jobs.get(jobId)
  // the payee is read outside the job's lock; if the lease moved meanwhile, it is read again
  for (let tries = 0; job != null && (job.payout?.outcome == null || job.payout.outcome === ''); tries++) {
    // a share without a wallet is refunded: so is the work of a lease that failed verification
    const lease = job.lease
    const wallet = lease != null && pay !== 'discard' ? await payeeOf(c.registry, lease.node) : ''
    // the shares and the reason come from the record the intent is written to, under its lock:
    // a checkpoint accepted since the read above is paid, and the reason names it
    job = await c.jobs.intendPayout(jobId, (now) => {
      if (now.lease?.id !== lease?.id && tries < 3) return undefined
      const shares = pay === 'refund' ? [] : sharesOf(now, now.lease?.id === lease?.id ? wallet : '', pay === true)
      const why = typeof reason === 'function' ? reason(now) : reason
      return { earnedBps: shares.reduce((a, b) => a + b.bps, 0), peerWallet: wallet, peer: '', fee: '', refund: '', signature: '', outcome, reason: why, shares }
    })
  }
  if (job?.payout == null) return undefined
  let payout = job.payout
  try {
    // the retry schedule for the settlement send; the payout intent on the job is its outbox
    payout = await withRetries(async () => await settle(c.escrow, jobId, payout), { base: o.retryBase })
  } catch (err) {
    // tell the submitter (an update that status and watch show); the outcomes' reconcile tries again later
    await c.jobs.note(jobId, `payout delayed: ${(err as Error).message}; it will be retried`,
      [JobState.QUEUED, JobState.RUNNING, JobState.ASSIGNED, JobState.VERIFYING]).catch(() => {})
    throw err
  }
  await c.jobs.settle(jobId, payout)
  return payout
}

