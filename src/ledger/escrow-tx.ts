/**
 * The escrow transactions, built the same way on every cluster:
 *
 * lock (coordinator builds and pays the fee, submitter signs offline):
 *   CreateAccountWithSeed(escrow = seed(authority, job id), owner Token) · InitializeAccount3(escrow,
 *   mint, owner = escrow authority) · TransferChecked(submitter ATA → escrow, amount) · Memo cyxwiz:lock:<job>
 * settle (coordinator signs alone), one transaction or, for many payees, several sent in order:
 *   [create payee ATAs idempotently] · TransferChecked escrow → each peer, → fee, → submitter (refund)
 *   · in the last: CloseAccount(escrow, rent → authority) · Memo cyxwiz:settle:<job>[:<part>]
 *
 * The escrow's address derives from the authority and the job id, so a second lock for the same job
 * fails on chain (the account exists) even if our own records were lost.
 */
import {
  AccountRole, address, appendTransactionMessageInstructions, compileTransaction, createAddressWithSeed, createNoopSigner, createTransactionMessage,
  decompileTransactionMessage, getCompiledTransactionMessageDecoder, getTransactionSize, pipe, setTransactionMessageFeePayerSigner,
  setTransactionMessageLifetimeUsingBlockhash, type Address, type Instruction, type TransactionSigner, type Transaction
} from '@solana/kit'
import { getCreateAccountWithSeedInstruction, SYSTEM_PROGRAM_ADDRESS, parseCreateAccountWithSeedInstruction } from '@solana-program/system'
import {
  getCloseAccountInstruction, getCreateAssociatedTokenIdempotentInstruction, getInitializeAccount3Instruction, getTokenSize,
  getTransferCheckedInstruction, parseInitializeAccount3Instruction, parseTransferCheckedInstruction, TOKEN_PROGRAM_ADDRESS
} from '@solana-program/token'
import { getAddMemoInstruction } from '@solana-program/memo'
import { LedgerError } from '../errors.js'

/** the Memo program as deployed on every cluster (and in LiteSVM); the client's default id is not */
export const MEMO_PROGRAM = address('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr')

const JOB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** the 32-character seed of a job's escrow: its uuid without dashes */
export function escrowSeed (jobId: string): string {
  if (!JOB_ID.test(jobId)) throw new LedgerError('ERR_LEDGER', `job id "${jobId}" is not a lower-case uuid`)
  return jobId.replaceAll('-', '')
}

export async function escrowAddress (authority: Address, jobId: string): Promise<Address> {
  return await createAddressWithSeed({ baseAddress: authority, programAddress: TOKEN_PROGRAM_ADDRESS, seed: escrowSeed(jobId) })
}

export interface Lifetime { blockhash: Parameters<typeof setTransactionMessageLifetimeUsingBlockhash>[0]['blockhash'], lastValidBlockHeight: bigint }

export interface LockParams {
  jobId: string
  /** coordinator key: fee payer, escrow base and escrow authority */
  authority: TransactionSigner
  submitter: Address
  submitterAta: Address
  mint: Address
  decimals: number
  amount: bigint
  /** rent-exempt lamports of a token account */
  rent: bigint
  lifetime: Lifetime
}

export async function buildLockMessage (p: LockParams): Promise<ReturnType<typeof finish>> {
  const escrow = await escrowAddress(p.authority.address, p.jobId)
  const seed = escrowSeed(p.jobId)
  return finish(p.authority, p.lifetime, [
    getCreateAccountWithSeedInstruction({
      payer: p.authority, newAccount: escrow, baseAccount: p.authority, base: p.authority.address, seed,
      amount: p.rent, space: getTokenSize(), programAddress: TOKEN_PROGRAM_ADDRESS
    }),
    getInitializeAccount3Instruction({ account: escrow, mint: p.mint, owner: p.authority.address }),
    getTransferCheckedInstruction({
      source: p.submitterAta, mint: p.mint, destination: escrow, authority: createNoopSigner(p.submitter), amount: p.amount, decimals: p.decimals
    }),
    getAddMemoInstruction({ memo: `cyxwiz:lock:${p.jobId}` }, { programAddress: MEMO_PROGRAM })
  ])
}

export interface Payee {
  /** the token-account owner; its ATA is created if missing (the authority pays the rent) */
  owner: Address
  ata: Address
}

/**
 * The most compute peers the closing transaction pays when the fee and the refund are both paid:
 * each distinct peer adds two accounts (owner, ATA) and two instructions (idempotent ATA creation,
 * transfer): 91 bytes. 7 distinct peers make 1207 bytes and 8 would make 1298, over Solana's limit.
 * More peers are paid by further transactions sent before the closing one.
 */
export const MAX_SETTLE_PEERS = 7

/** Solana's limit on a (legacy or v0) transaction on the wire, signatures included */
export const TRANSACTION_BYTES = 1232

export type PaidPayee = Payee & { amount: bigint }

export interface SettleParams {
  jobId: string
  authority: TransactionSigner
  mint: Address
  decimals: number
  escrow: Address
  /** the compute peers and what each receives (zero amounts are skipped), any number of them */
  peers: readonly PaidPayee[]
  /** the platform fee's owner and amount */
  fee: PaidPayee
  /** the submitter and its refund */
  submitter: PaidPayee
  lifetime: Lifetime
}

export interface SettlePartParams {
  jobId: string
  authority: TransactionSigner
  mint: Address
  decimals: number
  escrow: Address
  /** who this transaction pays (each ATA created idempotently first) */
  payees: readonly PaidPayee[]
  /** the last transaction of a settlement also closes the escrow (rent → authority) */
  last: boolean
  /** its place in the settlement, 0-based: in the memo, so every part is a distinct transaction */
  index: number
  lifetime: Lifetime
}

/**
 * One transaction of a settlement: a transfer from the escrow to each payee, then — in the last —
 * the escrow closed. Memo `cyxwiz:settle:<job>` on the last, `cyxwiz:settle:<job>:<index>` before.
 */
export function buildSettlePart (p: SettlePartParams): ReturnType<typeof finish> {
  const ixs: Instruction[] = []
  for (const to of p.payees) {
    if (to.amount === 0n) continue
    ixs.push(getCreateAssociatedTokenIdempotentInstruction({ payer: p.authority, ata: to.ata, owner: to.owner, mint: p.mint }))
    ixs.push(getTransferCheckedInstruction({ source: p.escrow, mint: p.mint, destination: to.ata, authority: p.authority, amount: to.amount, decimals: p.decimals }))
  }
  if (p.last) ixs.push(getCloseAccountInstruction({ account: p.escrow, destination: p.authority.address, owner: p.authority }))
  ixs.push(getAddMemoInstruction({ memo: p.last ? `cyxwiz:settle:${p.jobId}` : `cyxwiz:settle:${p.jobId}:${p.index}` }, { programAddress: MEMO_PROGRAM }))
  return finish(p.authority, p.lifetime, ixs)
}

/**
 * A settlement cut into transactions that each fit: every payee with something to receive, in
 * order (peers, fee, refund), packed from the end so the closing transaction carries the fee, the
 * refund and as many peers as fit, and the others go first. One transaction when all fit.
 */
export function planSettlement (p: SettleParams): Array<{ payees: PaidPayee[], message: ReturnType<typeof finish> }> {
  const all = [...p.peers, p.fee, p.submitter].filter(x => x.amount > 0n)
  const base = { jobId: p.jobId, authority: p.authority, mint: p.mint, decimals: p.decimals, escrow: p.escrow, lifetime: p.lifetime }
  const groups: PaidPayee[][] = [[]]
  for (let i = all.length - 1; i >= 0; i--) {
    const payee = all[i] as PaidPayee
    const current = groups[0] as PaidPayee[]
    const trial = buildSettlePart({ ...base, payees: [payee, ...current], last: groups.length === 1, index: 99_999 }) // the longest memo an earlier part can have
    if (current.length === 0 || settleTransactionSize(trial) <= TRANSACTION_BYTES) current.unshift(payee)
    else groups.unshift([payee])
  }
  return groups.map((payees, index) => ({ payees, message: buildSettlePart({ ...base, payees, last: index === groups.length - 1, index }) }))
}

/** the wire size, signatures included, of a built message */
export function settleTransactionSize (message: ReturnType<typeof finish>): number {
  return getTransactionSize(compileTransaction(message))
}

function finish (feePayer: TransactionSigner, lifetime: Lifetime, ixs: Instruction[]) {
  return pipe(
    createTransactionMessage({ version: 0 }),
    m => setTransactionMessageFeePayerSigner(feePayer, m),
    m => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
    m => appendTransactionMessageInstructions(ixs, m)
  )
}

export interface ExpectedLock {
  jobId: string
  /** the coordinator's escrow authority, as the submitter learnt it */
  authority: Address
  submitter: Address
  mint: Address
  amount: bigint
}

function refuse (why: string): never {
  throw new LedgerError('ERR_LOCK_REJECTED', `lock transaction refused: ${why}`)
}

/**
 * The submitter's check before signing a lock handed over by the coordinator: exactly the four
 * expected instructions, the coordinator paying the fee and funding the escrow account, the right
 * amount of the right mint from the submitter into this job's escrow, the escrow owned by the
 * coordinator's authority, the submitter's account never writable (no lamports can leave it), and
 * the submitter asked for nothing else.
 */
export async function verifyLockTransaction (tx: Transaction, e: ExpectedLock): Promise<void> {
  let msg
  try {
    msg = decompileTransactionMessage(getCompiledTransactionMessageDecoder().decode(tx.messageBytes))
  } catch (err) {
    refuse(`undecodable message (${(err as Error).message})`)
  }
  const escrow = await escrowAddress(e.authority, e.jobId)
  if (msg.feePayer.address !== e.authority) refuse('the fee payer is not the coordinator')
  const ixs = msg.instructions
  if (ixs.length !== 4) refuse(`expected 4 instructions, found ${ixs.length}`)
  const [create, init, transfer, memo] = ixs as [Instruction, Instruction, Instruction, Instruction]
  if (create.programAddress !== SYSTEM_PROGRAM_ADDRESS || init.programAddress !== TOKEN_PROGRAM_ADDRESS ||
    transfer.programAddress !== TOKEN_PROGRAM_ADDRESS || memo.programAddress !== MEMO_PROGRAM) refuse('unexpected programs')
  try {
    const c = parseCreateAccountWithSeedInstruction(create as Parameters<typeof parseCreateAccountWithSeedInstruction>[0])
    if (c.accounts.newAccount.address !== escrow || c.data.programAddress !== TOKEN_PROGRAM_ADDRESS) refuse('the escrow account is not this job\'s')
    // the escrow account's lamports (its rent) come from the coordinator, never from the submitter
    if (c.accounts.payer.address !== e.authority || c.accounts.baseAccount?.address !== e.authority || c.data.base !== e.authority) refuse('the escrow account is not funded by the coordinator')
    if (c.data.space !== BigInt(getTokenSize())) refuse(`the escrow account is ${c.data.space} bytes, not a token account`)
    const i = parseInitializeAccount3Instruction(init as Parameters<typeof parseInitializeAccount3Instruction>[0])
    if (i.accounts.account.address !== escrow || i.accounts.mint.address !== e.mint || i.data.owner !== e.authority) refuse('the escrow is not owned by the coordinator\'s authority in this mint')
    const t = parseTransferCheckedInstruction(transfer as Parameters<typeof parseTransferCheckedInstruction>[0])
    if (t.accounts.mint.address !== e.mint) refuse('wrong mint')
    if (t.accounts.destination.address !== escrow) refuse('the payment does not go to this job\'s escrow')
    if (t.accounts.authority.address !== e.submitter) refuse('the transfer is not from the submitter')
    if (t.data.amount !== e.amount) refuse(`amount ${t.data.amount} is not the agreed ${e.amount}`)
  } catch (err) {
    if (err instanceof LedgerError) throw err
    refuse(`malformed instruction (${(err as Error).message})`)
  }
  const memoText = Buffer.from((memo as { data?: Uint8Array }).data ?? []).toString('utf8')
  if (memoText !== `cyxwiz:lock:${e.jobId}`) refuse('wrong memo')
  // no lamports can leave the submitter's account: it may appear only as a read-only signer
  // (a writable signer can be debited by any instruction that names it)
  for (const ix of ixs) {
    for (const meta of ix.accounts ?? []) {
      if (meta.address === e.submitter && meta.role !== AccountRole.READONLY_SIGNER) refuse('the submitter\'s account is asked to be writable')
    }
  }
  // the submitter's signature must be asked for the transfer and nothing else
  const asked = Object.keys(tx.signatures)
  if (asked.length !== 2 || !asked.includes(e.submitter)) refuse('unexpected signers')
}
