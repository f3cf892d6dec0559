/**
 * The embedded cluster's state: a LiteSVM (the real SVM with the real SPL Token, ATA and Memo
 * programs) whose accounts are persisted in level after every transaction and restored at start, plus
 * what LiteSVM lacks for a cluster: a recent-blockhash window with block heights, a durable record of
 * processed signatures (replay protection and getSignatureStatuses), and a slot counter.
 */
import { LiteSVM, FailedTransactionMetadata } from 'litesvm'
import {
  getBase58Decoder, getCompiledTransactionMessageDecoder, lamports as toLamports,
  type Address, type Blockhash, type EncodedAccount, type Lamports, type Transaction
} from '@solana/kit'
import type { LevelStore, BinarySublevel } from '../../storage/level-store.js'

/** blocks a blockhash stays valid, as on a real cluster (~60-90 s there) */
export const BLOCKHASH_VALIDITY = 150n

export interface TxOutcome {
  signature: string
  slot: bigint
  /** null on success, else the SVM's error text */
  err: string | null
  logs: string[]
}

interface StoredAccount { lamports: string, owner: string, data: string, executable: boolean }

const b58 = getBase58Decoder()

export class SvmStore {
  readonly svm: LiteSVM
  private readonly accounts: BinarySublevel
  private readonly sigs: BinarySublevel
  private readonly meta: BinarySublevel
  private slot = 1n
  private height = 1n
  /** blockhash → last block height it is valid at */
  private readonly recent = new Map<string, bigint>()
  private readonly store: LevelStore

  private constructor (store: LevelStore) {
    this.store = store
    // blockhash checks are ours (a window of recent hashes); signatures are always verified
    this.svm = new LiteSVM().withBlockhashCheck(false).withSigverify(true)
    this.accounts = store.binary('svm-accounts')
    this.sigs = store.binary('svm-sigs')
    this.meta = store.binary('svm-meta')
  }

  static async open (store: LevelStore): Promise<SvmStore> {
    const s = new SvmStore(store)
    for await (const [addr, bytes] of s.accounts.iterator()) {
      const a = JSON.parse(Buffer.from(bytes).toString('utf8')) as StoredAccount
      s.svm.setAccount({
        address: addr as Address,
        lamports: toLamports(BigInt(a.lamports)),
        programAddress: a.owner as Address,
        data: Buffer.from(a.data, 'base64'),
        executable: a.executable,
        space: BigInt(Buffer.from(a.data, 'base64').byteLength)
      } as EncodedAccount)
    }
    const counters = await s.meta.get('counters')
    if (counters != null) {
      const c = JSON.parse(Buffer.from(counters).toString('utf8')) as { slot: string, height: string }
      s.slot = BigInt(c.slot)
      s.height = BigInt(c.height)
    }
    s.newBlockhash()
    return s
  }

  latestBlockhash (): { blockhash: Blockhash, lastValidBlockHeight: bigint } {
    const blockhash = this.svm.latestBlockhash()
    return { blockhash, lastValidBlockHeight: this.recent.get(blockhash) ?? this.height }
  }

  blockHeight (): bigint { return this.height }
  currentSlot (): bigint { return this.slot }

  /** advances one block: a new blockhash, older ones expire after BLOCKHASH_VALIDITY blocks */
  newBlockhash (): void {
    this.height++
    this.slot++
    this.svm.expireBlockhash()
    this.recent.set(this.svm.latestBlockhash(), this.height + BLOCKHASH_VALIDITY)
    for (const [hash, last] of this.recent) if (last < this.height) this.recent.delete(hash)
  }

  async status (signature: string): Promise<TxOutcome | undefined> {
    const raw = await this.sigs.get(signature)
    if (raw == null) return undefined
    const s = JSON.parse(Buffer.from(raw).toString('utf8')) as { slot: string, err: string | null }
    return { signature, slot: BigInt(s.slot), err: s.err, logs: [] }
  }

  /**
   * Runs a transaction. Rejections before execution (unknown blockhash, replay) throw; an executed
   * transaction — successful or failed — is recorded with its touched accounts in one level batch.
   */
  async execute (tx: Transaction, blockhash: string): Promise<TxOutcome> {
    const sigBytes = Object.values(tx.signatures)[0]
    if (sigBytes == null) throw new RpcError(-32602, 'transaction has no fee-payer signature')
    const signature = b58.decode(sigBytes)
    if (await this.sigs.get(signature) != null) throw preflight('AlreadyProcessed', 'This transaction has already been processed')
    const valid = this.recent.get(blockhash)
    if (valid == null || valid < this.height) throw preflight('BlockhashNotFound', 'Blockhash not found')
    const result = this.svm.sendTransaction(tx)
    const failed = result instanceof FailedTransactionMetadata
    const meta = failed ? result.meta() : result
    const outcome: TxOutcome = { signature, slot: this.slot, err: failed ? result.toString() : null, logs: meta.logs() }
    if (failed && /signature|Sanitize|AccountNotFound|InsufficientFundsForFee|AlreadyProcessed/i.test(outcome.err ?? '')) {
      // not executed at all: like a cluster's preflight, nothing is recorded
      throw preflight(/AlreadyProcessed/.test(outcome.err ?? '') ? 'AlreadyProcessed' : /signature/i.test(outcome.err ?? '') ? 'SignatureFailure' : 'AccountNotFound', outcome.err ?? '', outcome.logs)
    }
    const keys = getCompiledTransactionMessageDecoder().decode(tx.messageBytes).staticAccounts
    await this.persist(keys, { signature, slot: this.slot, err: outcome.err })
    this.slot++
    return outcome
  }

  /** credits lamports (the embedded cluster's faucet) and persists the account */
  async airdrop (to: Address, amount: Lamports): Promise<string> {
    const r = this.svm.airdrop(to, amount)
    if (r == null || r instanceof FailedTransactionMetadata) throw new RpcError(-32603, `airdrop failed: ${r?.toString() ?? 'no result'}`)
    const signature = b58.decode(r.signature())
    await this.persist([to], { signature, slot: this.slot, err: null })
    return signature
  }

  private async persist (addresses: readonly Address[], sig: { signature: string, slot: bigint, err: string | null }): Promise<void> {
    const batch = this.store.db.batch()
    for (const addr of addresses) {
      const acc = this.svm.getAccount(addr)
      // programs and sysvars come with LiteSVM itself; only user state is ours to keep
      if (acc.exists && acc.executable) continue
      if (!acc.exists || acc.lamports === 0n) {
        batch.del(addr, { sublevel: this.accounts })
        continue
      }
      const stored: StoredAccount = { lamports: acc.lamports.toString(), owner: acc.programAddress, data: Buffer.from(acc.data).toString('base64'), executable: acc.executable }
      batch.put(addr, Buffer.from(JSON.stringify(stored)), { sublevel: this.accounts })
    }
    batch.put(sig.signature, Buffer.from(JSON.stringify({ slot: sig.slot.toString(), err: sig.err })), { sublevel: this.sigs })
    batch.put('counters', Buffer.from(JSON.stringify({ slot: (this.slot + 1n).toString(), height: this.height.toString() })), { sublevel: this.meta })
    await batch.write()
  }
}

/** a preflight failure as a node reports it: code -32002 with the fieldless TransactionError name */
export function preflight (err: string, message: string, logs: string[] = []): RpcError {
  return new RpcError(-32002, `Transaction simulation failed: ${message}`, { err, logs, accounts: null, unitsConsumed: 0, returnData: null })
}

/** a JSON-RPC error with the code a Solana node would answer */
export class RpcError extends Error {
  readonly code: number
  readonly data?: unknown
  constructor (code: number, message: string, data?: unknown) {
    super(message)
    this.name = 'RpcError'
    this.code = code
    this.data = data
  }
}
