/**
 * The coordinator's escrow service, the interface the jobs layer calls: check a balance, prepare a
 * job's lock for the submitter to sign, send the signed lock, and settle (each peer's share + fee +
 * refund, in one transaction or several under one intent when the payees do not fit) or refund. Per job, calls are serialised; every intent is persisted
 * before it is sent; a repeated or resumed settlement is recognised on chain and never pays twice.
 */
import {
  getBase64EncodedWireTransaction, getBase64Encoder, getBase64Decoder, getTransactionDecoder, partiallySignTransactionMessageWithSigners,
  signTransaction, getSignatureFromTransaction, verifySignature, getPublicKeyFromAddress,
  type Address, type KeyPairSigner, type Signature, type Transaction, type SignatureBytes
} from '@solana/kit'
import { getTokenSize } from '@solana-program/token'
import type { ComponentLogger, Logger } from '@libp2p/interface'
import { LedgerError } from '../../src/errors.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import { formatAmount } from '../../src/ledger/amounts.js'
import { buildLockMessage, escrowAddress } from '../../src/ledger/escrow-tx.js'
import type { Ledger } from '../../src/ledger/ledger.js'
import type { EscrowRecord, EscrowStore, SettlementIntent, SettlementPart, SettleShare } from './escrow-store.js'
import { buildIntent, rebuildIntent, type SettlementContext } from './settlement.js'

export type { SettleShare, SettlementSplit } from './escrow-store.js'

export interface PreparedLock {
  jobId: string
  escrow: Address
  amount: bigint
  /** the partially signed lock transaction, base64 wire format */
  transaction: string
  lastValidBlockHeight: bigint
}

/** one compute peer paid for the whole job, or its part */
export interface SinglePeerSettleRequest {
  jobId: string
  /** the compute peer's payout wallet */
  node: Address
  /** how much of the job was earned, in basis points (10000 = all) */
  earnedBps: number
}

/**
 * Several peers paid pro rata under one settlement (a job that moved between peers): each share's
 * `earnedBps` of the escrow is earned by its wallet, the fee is taken from each share, Σ earnedBps ≤
 * 10000 and the rest is refunded. The same wallet twice is one share; any number of peers is paid.
 */
export interface SharesSettleRequest {
  jobId: string
  shares: SettleShare[]
}

export type SettleRequest = SinglePeerSettleRequest | SharesSettleRequest

export interface EscrowService {
  balanceOf(owner: Address): Promise<bigint>
  prepareLock(req: { jobId: string, submitter: Address, amount: bigint }): Promise<PreparedLock>
  submitLock(jobId: string, signedWire: string): Promise<EscrowRecord>
  settle(req: SettleRequest): Promise<EscrowRecord>
  refund(jobId: string): Promise<EscrowRecord>
  state(jobId: string): Promise<EscrowRecord | undefined>
  /** whether the job's payment is locked on chain (a lock interrupted by a crash is looked up) */
  lockLanded(jobId: string): Promise<boolean>
}

export interface EscrowServiceInit {
  /** platform fee in basis points of what is paid out (1000 = 10%) */
  feeBps: number
  /** the owner whose token account receives the fee */
  feeOwner: Address
}

export interface EscrowServiceComponents {
  ledger: Ledger
  /** the coordinator's key: fee payer and escrow authority */
  authority: KeyPairSigner
  store: EscrowStore
  logger: ComponentLogger
}

/** blocks a reused lock must still have left (~20 s at 400 ms slots) for the submitter to sign it */
const LOCK_REUSE_MARGIN = 50n

const b64 = getBase64Encoder()
const b64d = getBase64Decoder()

function decodeWire (wire: string): Transaction {
  try {
    return getTransactionDecoder().decode(b64.encode(wire))
  } catch (err) {
    throw new LedgerError('ERR_LOCK_REJECTED', `not a transaction: ${(err as Error).message}`)
  }
}

class DefaultEscrowService implements EscrowService {
  private readonly init: EscrowServiceInit
  private readonly c: EscrowServiceComponents
  private readonly log: Logger
  private readonly mutex = new KeyedMutex()

  constructor (init: EscrowServiceInit, components: EscrowServiceComponents) {
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:coordinator:escrow')
  }

  async balanceOf (owner: Address): Promise<bigint> {
    return await this.c.ledger.balanceOf(owner)
  }

  async state (jobId: string): Promise<EscrowRecord | undefined> {
    return await this.c.store.get(jobId)
  }

  async prepareLock ({ jobId, submitter, amount }: { jobId: string, submitter: Address, amount: bigint }): Promise<PreparedLock> {
    return await this.mutex.run(jobId, async () => {
      if (amount <= 0n) throw new LedgerError('ERR_LEDGER', 'the payment must be more than zero')
      const existing = await this.c.store.get(jobId)
      if (existing != null && existing.state !== 'PREPARED') throw new LedgerError('ERR_ESCROW_EXISTS', `job ${jobId} already has an escrow (${existing.state})`)
      const { ledger, authority } = this.c
      // a lock prepared before for the same terms and still valid for a while is handed out again:
      // two overlapping submissions of one job sign the same lock, and whichever lands first counts
      if (existing?.lockWire != null && existing.submitter === submitter && existing.amount === amount &&
        !await ledger.expired(existing.lockLastValidBlockHeight - LOCK_REUSE_MARGIN)) {
        return { jobId, escrow: existing.escrow, amount, transaction: existing.lockWire, lastValidBlockHeight: existing.lockLastValidBlockHeight }
      }
      const escrow = await escrowAddress(authority.address, jobId)
      if (await ledger.accountExists(escrow)) throw new LedgerError('ERR_ESCROW_EXISTS', `the escrow of job ${jobId} already exists on chain`)
      const balance = await ledger.balanceOf(submitter)
      if (balance < amount) {
        throw new LedgerError('ERR_INSUFFICIENT_BALANCE', `balance ${formatAmount(balance, ledger.decimals)} CYXWIZ is less than the payment ${formatAmount(amount, ledger.decimals)}`)
      }
      const lifetime = await ledger.latestBlockhash()
      const rent = await ledger.call(async () => await ledger.rpc.getMinimumBalanceForRentExemption(BigInt(getTokenSize())).send())
      const message = await buildLockMessage({
        jobId, authority, submitter, submitterAta: await ledger.ata(submitter), mint: ledger.mint, decimals: ledger.decimals, amount, rent, lifetime
      })
      const tx = await partiallySignTransactionMessageWithSigners(message)
      const transaction = getBase64EncodedWireTransaction(tx)
      await this.c.store.put({
        jobId, state: 'PREPARED', submitter, amount, escrow,
        lockMessage: b64d.decode(tx.messageBytes), lockLastValidBlockHeight: lifetime.lastValidBlockHeight, lockWire: transaction, updatedAt: 0
      })
      return { jobId, escrow, amount, transaction, lastValidBlockHeight: lifetime.lastValidBlockHeight }
    })
  }

  async submitLock (jobId: string, signedWire: string): Promise<EscrowRecord> {
    return await this.mutex.run(jobId, async () => {
      const rec = await this.c.store.get(jobId)
      if (rec == null) throw new LedgerError('ERR_ESCROW_NOT_FOUND', `no lock was prepared for job ${jobId}`)
      if (rec.state === 'LOCKED' || rec.state === 'LOCKING') throw new LedgerError('ERR_ESCROW_EXISTS', `job ${jobId} is already locked`)
      if (rec.state !== 'PREPARED') throw new LedgerError('ERR_ESCROW_STATE', `job ${jobId} escrow is ${rec.state}`)
      const tx = decodeWire(signedWire)
      // byte-for-byte the message we prepared: a different payee, amount or anything else is refused unsent
      if (b64d.decode(tx.messageBytes) !== rec.lockMessage) throw new LedgerError('ERR_LOCK_REJECTED', 'the signed transaction is not the lock that was prepared')
      const sig = tx.signatures[rec.submitter]
      const ok = sig != null && await verifySignature(await getPublicKeyFromAddress(rec.submitter), sig as SignatureBytes, tx.messageBytes)
      if (!ok) throw new LedgerError('ERR_LOCK_REJECTED', 'the submitter\'s signature is missing or does not verify')
      // our own signature is re-applied rather than trusted from the wire
      const signed = await signTransaction([this.c.authority.keyPair], tx)
      const locking: EscrowRecord = { ...rec, state: 'LOCKING', lockSignature: getSignatureFromTransaction(signed), lockSigned: getBase64EncodedWireTransaction(signed) }
      await this.c.store.put(locking)
      return await this.confirmLock(locking)
    })
  }

  /**
   * Sends (again) a LOCKING record's signed lock and waits for its fate on chain: LOCKED when it
   * landed — even if the confirmation was lost on the way — PREPARED (a fresh lock may be made)
   * only when the chain proves it never will (it failed, or its blockhash expired unseen). When
   * the chain cannot tell yet, the record stays LOCKING with its signature and ERR_LOCK_UNCERTAIN
   * is thrown: asking again later settles it, and nothing treats the payment as absent meanwhile.
   */
  private async confirmLock (rec: EscrowRecord): Promise<EscrowRecord> {
    const { ledger } = this.c
    const signature = rec.lockSignature as Signature
    if (rec.lockSigned != null) {
      try {
        await ledger.sendAndConfirm(decodeWire(rec.lockSigned), rec.lockLastValidBlockHeight)
        return await this.locked(rec)
      } catch (err) {
        return await this.lockFate(rec, signature, err)
      }
    }
    // written by an older version, without the signed lock: only the chain's record can tell
    return await this.lockFate(rec, signature, undefined)
  }

  private async locked (rec: EscrowRecord): Promise<EscrowRecord> {
    const locked: EscrowRecord = { ...rec, state: 'LOCKED', lockSigned: undefined, updatedAt: 0 }
    await this.c.store.put(locked)
    this.log('job %s: %s locked in %s (%s)', rec.jobId, rec.amount, rec.escrow, rec.lockSignature)
    return locked
  }

  /** the lock's fate read from the chain after its send or confirmation went wrong (`err`) */
  private async lockFate (rec: EscrowRecord, signature: Signature | undefined, err: unknown): Promise<EscrowRecord> {
    const { ledger } = this.c
    let status: Awaited<ReturnType<Ledger['statusOf']>>
    let expired: boolean
    try {
      status = signature == null ? undefined : await ledger.statusOf(signature)
      expired = status == null && await ledger.expired(rec.lockLastValidBlockHeight)
    } catch (lookup) {
      throw new LedgerError('ERR_LOCK_UNCERTAIN', `job ${rec.jobId}: the lock's fate cannot be read now (${(lookup as Error).message}); it stays pending`, { retryable: true, cause: err ?? lookup })
    }
    if (status != null && status.err == null && status.commitment != null && status.commitment !== 'processed') return await this.locked(rec)
    if ((status != null && status.err != null) || expired) {
      // it never will land: the job can prepare a fresh lock (a new blockhash) — never this one again
      // (a transaction the cluster executed and failed cannot be sent twice)
      await this.c.store.put({ ...rec, state: 'PREPARED', lockWire: undefined, lockSigned: undefined })
      if (expired && (err as LedgerError | undefined)?.code !== 'ERR_TX_EXPIRED') throw new LedgerError('ERR_TX_EXPIRED', `the lock of job ${rec.jobId} expired unseen`, { retryable: true, cause: err })
      throw err ?? new LedgerError('ERR_TX_FAILED', `the lock of job ${rec.jobId} failed on chain`)
    }
    throw new LedgerError('ERR_LOCK_UNCERTAIN', `job ${rec.jobId}: the lock may still land (${(err as Error | undefined)?.message ?? 'not seen yet'}); it stays pending until the chain tells`, { retryable: true, cause: err })
  }

  async settle (req: SettleRequest): Promise<EscrowRecord> {
    const shares = 'shares' in req ? req.shares : [{ node: req.node, earnedBps: req.earnedBps }]
    return await this.close(req.jobId, 'settle', shares.map(s => ({ node: s.node, earnedBps: s.earnedBps })))
  }

  async refund (jobId: string): Promise<EscrowRecord> {
    return await this.close(jobId, 'refund', [])
  }

  private async close (jobId: string, kind: 'settle' | 'refund', shares: SettleShare[]): Promise<EscrowRecord> {
    return await this.mutex.run(jobId, async () => {
      let rec = await this.c.store.get(jobId)
      if (rec == null) throw new LedgerError('ERR_ESCROW_NOT_FOUND', `job ${jobId} has no escrow`)
      if (rec.state === 'SETTLED' || rec.state === 'REFUNDED') return rec // idempotent: paid once
      if (rec.state === 'LOCKING') rec = await this.recoverLock(rec)
      if (rec.state !== 'LOCKED' && rec.state !== 'SETTLING') throw new LedgerError('ERR_ESCROW_STATE', `job ${jobId} escrow is ${rec.state}, not locked`)
      for (let attempt = 0; ; attempt++) {
        // a settlement already under way (a crash, or an expired blockhash) is resumed with its terms
        let intent: SettlementIntent = rec.settlement ?? await buildIntent(this.settlement, rec, kind, shares)
        if (rec.settlement == null) {
          rec = { ...rec, state: 'SETTLING', settlement: intent }
          await this.c.store.put(rec)
        }
        try {
          // in order; a part already on chain (a resend after a crash) is recognised by its signature
          for (let i = intent.done; i < intent.parts.length; i++) {
            await this.c.ledger.sendAndConfirm(decodeWire((intent.parts[i] as SettlementPart).wire), intent.lastValidBlockHeight)
            intent = { ...intent, done: i + 1 }
            rec = { ...rec, settlement: intent }
            if (i + 1 < intent.parts.length) await this.c.store.put(rec)
          }
          const done: EscrowRecord = { ...rec, state: intent.kind === 'refund' ? 'REFUNDED' : 'SETTLED', settleSignature: intent.signature }
          await this.c.store.put(done)
          const paid = intent.split.peers.map(p => `${p.owner} ${p.amount}`).join(', ')
          this.log('job %s %s: peers %s [%s], fee %s, refund %s, %d transaction(s) (%s)', jobId, intent.kind, intent.split.peer, paid, intent.split.fee, intent.split.refund, intent.parts.length, intent.signature)
          return done
        } catch (err) {
          if ((err as LedgerError).code !== 'ERR_TX_EXPIRED' || attempt >= 3) throw err
          // expired unseen: what is confirmed stays paid, the rest goes out on a new blockhash
          rec = { ...rec, settlement: await rebuildIntent(this.settlement, rec, intent) }
          await this.c.store.put(rec)
        }
      }
    })
  }

  async lockLanded (jobId: string): Promise<boolean> {
    return await this.mutex.run(jobId, async () => {
      let rec = await this.c.store.get(jobId)
      if (rec?.state === 'LOCKING') rec = await this.recoverLock(rec)
      return rec != null && rec.state !== 'PREPARED'
    })
  }

  /** a LOCKING record: its fate settled from the chain (PREPARED when it never landed); throws while uncertain */
  private async recoverLock (rec: EscrowRecord): Promise<EscrowRecord> {
    try {
      return await this.confirmLock(rec)
    } catch (err) {
      const now = await this.c.store.get(rec.jobId)
      if (now?.state === 'PREPARED') return now
      throw err
    }
  }

  private get settlement (): SettlementContext {
    return { ledger: this.c.ledger, authority: this.c.authority, feeOwner: this.init.feeOwner, feeBps: this.init.feeBps }
  }
}

export function escrowService (init: EscrowServiceInit): (components: EscrowServiceComponents) => EscrowService {
  return (components) => new DefaultEscrowService(init, components)
}
