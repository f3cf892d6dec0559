/**
 * Money helpers for tests: an embedded cluster with the escrow service on a temp data dir, and the
 * invariant every money test ends with — Σ token balances (escrows included) = the mint's supply.
 */
import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultLogger } from '@libp2p/logger'
import { randomUUID } from 'node:crypto'
import {
  getBase64EncodedWireTransaction, getBase64Encoder, getTransactionDecoder, signTransaction, type Address, type KeyPairSigner
} from '@solana/kit'
import { getTokenDecoder, getMintDecoder, TOKEN_PROGRAM_ADDRESS } from '@solana-program/token'
import { LevelStore } from '../../src/storage/level-store.js'
import { openTreasury, type Treasury } from '../../coordinator/escrow/treasury.js'
import { EscrowStore } from '../../coordinator/escrow/escrow-store.js'
import { escrowService, type EscrowService } from '../../coordinator/escrow/escrow-service.js'
import type { Ledger } from '../../src/ledger/ledger.js'

export interface MoneyRig {
  dir: string
  store: LevelStore
  treasury: Treasury
  escrow: EscrowService
  close(): Promise<void>
}

export async function openRig (dir?: string, opts: { blockTime?: number, ledger?: (l: Ledger) => Ledger } = {}): Promise<MoneyRig> {
  const d = dir ?? await mkdtemp(join(tmpdir(), 'cyxwiz-money-'))
  const store = await LevelStore.open(d)
  const treasury = await openTreasury({ dataDir: d, ...(opts.blockTime != null ? { embeddedBlockTime: opts.blockTime } : {}) }, store, defaultLogger())
  const escrow = escrowService({ feeBps: 1000, feeOwner: treasury.feeOwner })({
    ledger: opts.ledger?.(treasury.ledger) ?? treasury.ledger, authority: treasury.authority, store: new EscrowStore(store), logger: defaultLogger()
  })
  return {
    dir: d, store, treasury, escrow,
    close: async () => { await treasury.stop(); await store.close() }
  }
}

/** prepares a job's lock, has the submitter sign it offline, and sends it: returns the job id */
export async function lockJob (rig: MoneyRig, submitter: KeyPairSigner, amount: bigint): Promise<string> {
  const jobId = randomUUID()
  const p = await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount })
  const tx = getTransactionDecoder().decode(getBase64Encoder().encode(p.transaction))
  await rig.escrow.submitLock(jobId, getBase64EncodedWireTransaction(await signTransaction([submitter.keyPair], tx)))
  return jobId
}

/** every token account of the mint, read over RPC: owner/address → amount */
export async function tokenAccounts (ledger: Ledger): Promise<Map<Address, bigint>> {
  const res = await ledger.rpc.getProgramAccounts(TOKEN_PROGRAM_ADDRESS, { encoding: 'base64' }).send()
  const out = new Map<Address, bigint>()
  for (const { pubkey, account } of res as unknown as Array<{ pubkey: Address, account: { data: [string, string] } }>) {
    const bytes = getBase64Encoder().encode(account.data[0])
    if (bytes.byteLength !== 165) continue // mints and other token-program accounts
    const t = getTokenDecoder().decode(bytes)
    if (t.mint === ledger.mint) out.set(pubkey, t.amount)
  }
  return out
}

export async function minted (ledger: Ledger): Promise<bigint> {
  const info = await ledger.rpc.getAccountInfo(ledger.mint, { encoding: 'base64' }).send()
  return getMintDecoder().decode(getBase64Encoder().encode((info.value?.data as [string, string])[0])).supply
}

/** Σ balances + Σ escrows, and the supply: equal after every test */
export async function moneyAddsUp (ledger: Ledger): Promise<{ held: bigint, supply: bigint }> {
  let held = 0n
  for (const v of (await tokenAccounts(ledger)).values()) held += v
  return { held, supply: await minted(ledger) }
}
