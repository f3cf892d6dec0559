/**
 * The coordinator's money set-up. Without --solana-rpc it starts the embedded cluster (LiteSVM behind
 * a local JSON-RPC endpoint, persisted in the coordinator's level store), funds its own key with SOL
 * for fees and creates the CYXWIZ mint on first start. With --solana-rpc it connects the same code to
 * any cluster, with the mint and fee account the operator names.
 */
import { join } from 'node:path'
import { address, lamports, type Address, type KeyPairSigner } from '@solana/kit'
import type { ComponentLogger } from '@libp2p/interface'
import { LedgerError } from '../../src/errors.js'
import { CYXWIZ_DECIMALS } from '../../src/ledger/amounts.js'
import { Ledger } from '../../src/ledger/ledger.js'
import { LocalRpc } from '../../src/ledger/local-rpc/server.js'
import { createMint, mintTo } from '../../src/ledger/token-admin.js'
import { loadOrCreateWallet } from '../../src/ledger/wallet.js'
import type { LevelStore } from '../../src/storage/level-store.js'

export interface TreasuryOptions {
  dataDir: string
  /** a cluster's JSON-RPC URL; absent: the embedded cluster */
  solanaRpc?: string
  /** the CYXWIZ mint on that cluster (required with solanaRpc) */
  mint?: string
  /** who receives platform fees; default: the coordinator's own key */
  feeAccount?: string
  /** port of the embedded RPC endpoint; 0 picks a free one */
  embeddedRpcPort?: number
  /** block time of the embedded cluster, ms (tests shorten it to make blockhashes expire quickly) */
  embeddedBlockTime?: number
}

export interface Treasury {
  ledger: Ledger
  /** fee payer and escrow authority (and mint authority on the embedded cluster) */
  authority: KeyPairSigner
  feeOwner: Address
  cluster: 'embedded' | 'remote'
  rpcUrl: string
  /** embedded only: mints CYXWIZ to an owner (the local faucet) */
  airdrop?: (owner: Address, amount: bigint) => Promise<string>
  stop(): Promise<void>
}

/** keep at least this much SOL for fees on the embedded cluster (0.5 SOL pays ~100,000 signatures) */
const MIN_FEE_LAMPORTS = 500_000_000n

function addr (v: string, what: string): Address {
  try {
    return address(v)
  } catch {
    throw new LedgerError('ERR_LEDGER', `${what} "${v}" is not a Solana address`)
  }
}

export async function openTreasury (o: TreasuryOptions, store: LevelStore, logger: ComponentLogger): Promise<Treasury> {
  const authority = await loadOrCreateWallet(join(o.dataDir, 'solana-key.json'))
  const feeOwner = o.feeAccount != null ? addr(o.feeAccount, '--fee-account') : authority.address
  if (o.solanaRpc != null) {
    if (o.mint == null) throw new LedgerError('ERR_LEDGER', '--mint is required with --solana-rpc: the CYXWIZ mint on that cluster')
    const ledger = new Ledger({ rpcUrl: o.solanaRpc, mint: addr(o.mint, '--mint'), decimals: CYXWIZ_DECIMALS, commitment: 'confirmed', pollInterval: 500 })
    return { ledger, authority, feeOwner, cluster: 'remote', rpcUrl: o.solanaRpc, stop: async () => {} }
  }
  const local = await LocalRpc.start(store, { port: o.embeddedRpcPort ?? 0, ...(o.embeddedBlockTime != null ? { blockTime: o.embeddedBlockTime } : {}) }, logger)
  try {
    const meta = store.binary('treasury')
    const probe = new Ledger({ rpcUrl: local.url, mint: authority.address, decimals: CYXWIZ_DECIMALS, commitment: 'confirmed', pollInterval: 20 })
    if (await probe.solBalance(authority.address) < MIN_FEE_LAMPORTS) {
      await probe.call(async () => await probe.rpc.requestAirdrop(authority.address, lamports(10_000_000_000n)).send())
    }
    const stored = await meta.get('mint')
    let mint: Address
    if (stored != null) {
      mint = address(Buffer.from(stored).toString('utf8'))
    } else {
      mint = await createMint(probe, authority, CYXWIZ_DECIMALS)
      await meta.put('mint', Buffer.from(mint))
    }
    const ledger = new Ledger({ rpcUrl: local.url, mint, decimals: CYXWIZ_DECIMALS, commitment: 'confirmed', pollInterval: 20 })
    return {
      ledger, authority, feeOwner, cluster: 'embedded', rpcUrl: local.url,
      airdrop: async (owner, amount) => await mintTo(ledger, authority, owner, amount),
      stop: async () => { await local.stop() }
    }
  } catch (err) {
    await local.stop()
    throw err
  }
}
