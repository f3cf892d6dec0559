/**
 * The one code path to Solana: a kit RPC client for any cluster (the embedded LiteSVM endpoint,
 * devnet, mainnet, a local validator), the CYXWIZ mint, and sending with proper confirmation —
 * the commitment is awaited by polling signature statuses, a transaction whose blockhash expired
 * unconfirmed is reported as ERR_TX_EXPIRED so the caller rebuilds it, transient RPC failures are
 * retried with backoff.
 */
import pRetry, { AbortError } from 'p-retry'
import {
  createSolanaRpc, getBase64EncodedWireTransaction, isSolanaError, SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR, getSignatureFromTransaction,
  type Address, type Commitment, type Rpc, type SolanaRpcApi, type Transaction, type Signature
} from '@solana/kit'
import { findAssociatedTokenPda, TOKEN_PROGRAM_ADDRESS } from '@solana-program/token'
import { LedgerError } from '../errors.js'

export interface LedgerOptions {
  rpcUrl: string
  mint: Address
  decimals: number
  /** commitment awaited before a send counts as done: "confirmed" is final enough for escrow moves */
  commitment: Commitment
  /** status polling period, ms */
  pollInterval: number
}

export type SolanaRpc = Rpc<SolanaRpcApi>

export interface SendResult { signature: Signature, slot: bigint }

const RANK: Record<Commitment, number> = { processed: 0, confirmed: 1, finalized: 2 }

export class Ledger {
  readonly rpc: SolanaRpc
  readonly mint: Address
  readonly decimals: number
  private readonly o: LedgerOptions

  constructor (o: LedgerOptions) {
    this.o = o
    this.rpc = createSolanaRpc(o.rpcUrl)
    this.mint = o.mint
    this.decimals = o.decimals
  }

  async ata (owner: Address): Promise<Address> {
    const [ata] = await findAssociatedTokenPda({ owner, mint: this.mint, tokenProgram: TOKEN_PROGRAM_ADDRESS })
    return ata
  }

  /** CYXWIZ base units in the owner's associated token account (0 when it has none) */
  async balanceOf (owner: Address): Promise<bigint> {
    return await this.tokenAccountBalance(await this.ata(owner))
  }

  /** base units in a token account, 0 when it does not exist */
  async tokenAccountBalance (account: Address): Promise<bigint> {
    const info = await this.call(async () => await this.rpc.getAccountInfo(account, { encoding: 'base64' }).send())
    if (info.value == null) return 0n
    const res = await this.call(async () => await this.rpc.getTokenAccountBalance(account).send())
    return BigInt(res.value.amount)
  }

  async solBalance (owner: Address): Promise<bigint> {
    return (await this.call(async () => await this.rpc.getBalance(owner).send())).value
  }

  async accountExists (account: Address): Promise<boolean> {
    return (await this.call(async () => await this.rpc.getAccountInfo(account, { encoding: 'base64' }).send())).value != null
  }

  async latestBlockhash (): Promise<{ blockhash: Parameters<typeof import('@solana/kit').setTransactionMessageLifetimeUsingBlockhash>[0]['blockhash'], lastValidBlockHeight: bigint }> {
    return (await this.call(async () => await this.rpc.getLatestBlockhash({ commitment: this.o.commitment }).send())).value
  }

  /** the status of a signature: undefined if the cluster does not know it */
  async statusOf (signature: Signature): Promise<{ slot: bigint, err: unknown, commitment: Commitment | null } | undefined> {
    const res = await this.call(async () => await this.rpc.getSignatureStatuses([signature], { searchTransactionHistory: true }).send())
    const s = res.value[0]
    if (s == null) return undefined
    return { slot: s.slot, err: s.err, commitment: s.confirmationStatus }
  }

  /**
   * Sends a fully signed transaction and waits for the configured commitment. Throws ERR_TX_FAILED
   * when the cluster executed it and it failed, ERR_TX_EXPIRED when its blockhash expired unseen.
   * Sending the same transaction again is safe: a cluster that already has it answers with its status.
   */
  async sendAndConfirm (tx: Transaction, lastValidBlockHeight: bigint): Promise<SendResult> {
    const signature = getSignatureFromTransaction(tx)
    const wire = getBase64EncodedWireTransaction(tx)
    const known = await this.statusOf(signature)
    if (known == null) {
      try {
        await this.call(async () => await this.rpc.sendTransaction(wire, { encoding: 'base64', preflightCommitment: this.o.commitment }).send())
      } catch (err) {
        // a resend of a landed transaction, or a failure: the status tells which
        const after = await this.statusOf(signature)
        if (after == null) {
          if (await this.expired(lastValidBlockHeight)) throw new LedgerError('ERR_TX_EXPIRED', `transaction ${signature} expired before it was sent`, { retryable: true, cause: err })
          throw new LedgerError('ERR_TX_FAILED', `transaction ${signature} refused: ${(err as Error).message}`, { cause: err })
        }
      }
    }
    for (;;) {
      const s = await this.statusOf(signature)
      if (s?.err != null) throw new LedgerError('ERR_TX_FAILED', `transaction ${signature} failed: ${JSON.stringify(s.err, (_k, v: unknown) => typeof v === 'bigint' ? v.toString() : v)}`)
      if (s?.commitment != null && RANK[s.commitment] >= RANK[this.o.commitment]) return { signature, slot: s.slot }
      if (s == null && await this.expired(lastValidBlockHeight)) {
        throw new LedgerError('ERR_TX_EXPIRED', `transaction ${signature} expired unconfirmed`, { retryable: true })
      }
      await new Promise(resolve => setTimeout(resolve, this.o.pollInterval))
    }
  }

  /** true once the cluster's block height is past a blockhash's last valid height */
  async expired (lastValidBlockHeight: bigint): Promise<boolean> {
    const height = await this.call(async () => await this.rpc.getBlockHeight({ commitment: this.o.commitment }).send())
    return height > lastValidBlockHeight
  }

  /** an RPC call with retries on transport errors (not on answers the node gave) */
  async call<T> (fn: () => Promise<T>): Promise<T> {
    return await pRetry(async () => {
      try {
        return await fn()
      } catch (err) {
        // fetch's network TypeErrors are retried by p-retry itself; an HTTP 5xx/429 is worth another try
        if (err instanceof TypeError) throw err
        if (isSolanaError(err, SOLANA_ERROR__RPC__TRANSPORT_HTTP_ERROR) && (err.context.statusCode >= 500 || err.context.statusCode === 429)) throw err
        throw new AbortError(err as Error)
      }
    }, { retries: 4, minTimeout: 250, factor: 2 })
  }
}
