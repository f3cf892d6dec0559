/**
 * The client side of money: ask a coordinator (ledger protocol) or a cluster directly (kit RPC) for
 * balances, and use the embedded cluster's faucet. Used by `cyxwiz wallet`.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { address, type Address } from '@solana/kit'
import { protocolIds } from '../protocols/ids.js'
import { LedgerOp, LedgerRequest, LedgerResponse } from '../protocols/ledger.js'
import { createClientNode } from '../src/network/node.js'
import { request } from '../src/network/stream.js'
import { LedgerError, ProtocolError } from '../src/errors.js'
import { Ledger } from '../src/ledger/ledger.js'
import { CYXWIZ_DECIMALS } from '../src/ledger/amounts.js'

export async function askCoordinator (coordinator: string, req: Partial<LedgerRequest>, network = 'cyxwiz'): Promise<LedgerResponse> {
  const client = await createClientNode()
  try {
    const res = await request<LedgerRequest, LedgerResponse>(client, multiaddr(coordinator), protocolIds(network).protocols.ledger,
      { value: { op: LedgerOp.INFO, address: '', amount: '', ...req }, codec: LedgerRequest }, LedgerResponse, { timeout: 60_000, maxSize: 8192 })
    if (res.code === 'ERR_AIRDROP_REFUSED') throw new LedgerError('ERR_AIRDROP_REFUSED', res.message)
    if (res.code !== '') throw new ProtocolError(`coordinator answered ${res.code}: ${res.message}`)
    return res
  } finally {
    await client.stop()
  }
}

export interface Balance { address: Address, tokenBalance: bigint, solBalance: bigint, mint: string, decimals: number, cluster: string }

/** A wallet's balance, from the coordinator or straight from a cluster. */
export async function balanceOf (owner: Address, via: { coordinator: string } | { solanaRpc: string, mint: string }): Promise<Balance> {
  if ('coordinator' in via) {
    const r = await askCoordinator(via.coordinator, { op: LedgerOp.BALANCE, address: owner })
    return { address: owner, tokenBalance: BigInt(r.tokenBalance), solBalance: BigInt(r.solBalance), mint: r.mint, decimals: r.decimals, cluster: r.cluster }
  }
  const ledger = new Ledger({ rpcUrl: via.solanaRpc, mint: address(via.mint), decimals: CYXWIZ_DECIMALS, commitment: 'confirmed', pollInterval: 500 })
  const [tokenBalance, solBalance] = await Promise.all([ledger.balanceOf(owner), ledger.solBalance(owner)])
  return { address: owner, tokenBalance, solBalance, mint: via.mint, decimals: CYXWIZ_DECIMALS, cluster: via.solanaRpc }
}
