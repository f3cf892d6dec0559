/**
 * The client side of money: ask a coordinator (ledger protocol) or a cluster directly (kit RPC) for
 * balances, and use the embedded cluster's faucet. Used by `cyxwiz wallet`.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { address, signBytes, type Address, type KeyPairSigner } from '@solana/kit'
import type { Libp2p } from '@libp2p/interface'
import { JobOp, JobRequest, JobResponse } from '../protocols/jobs.js'
import { protocolIds } from '../protocols/ids.js'
import { LedgerOp, LedgerRequest, LedgerResponse } from '../protocols/ledger.js'
import { createClientNode } from '../src/network/node.js'
import { request } from '../src/network/stream.js'
import { CyxwizError, LedgerError, ProtocolError } from '../src/errors.js'
import { Ledger } from '../src/ledger/ledger.js'
import { CYXWIZ_DECIMALS } from '../src/ledger/amounts.js'

export async function askCoordinator (coordinator: string, req: Partial<LedgerRequest>, network = 'cyxwiz'): Promise<LedgerResponse> {
  const client = await createClientNode()
  try {
    return await ask(client, coordinator, req, network)
  } finally {
    await client.stop()
  }
}

async function ask (client: Libp2p, coordinator: string, req: Partial<LedgerRequest>, network: string): Promise<LedgerResponse> {
  const res = await request<LedgerRequest, LedgerResponse>(client, multiaddr(coordinator), protocolIds(network).protocols.ledger,
    { value: { op: LedgerOp.INFO, address: '', amount: '', session: '', ...req }, codec: LedgerRequest }, LedgerResponse, { timeout: 60_000, maxSize: 8192 })
  if (res.code === 'ERR_AIRDROP_REFUSED' || res.code === 'ERR_AIRDROP_LIMIT') throw new LedgerError(res.code, res.message)
  if (res.code === 'ERR_SESSION') throw new CyxwizError('ERR_SESSION', res.message)
  if (res.code !== '') throw new ProtocolError(`coordinator answered ${res.code}: ${res.message}`)
  return res
}

/**
 * The faucet: the wallet proves itself first (a session on the jobs protocol, from the same node
 * that then asks for the grant), as the coordinator requires.
 */
export async function airdrop (coordinator: string, wallet: KeyPairSigner, amount: bigint, network = 'cyxwiz'): Promise<LedgerResponse> {
  const client = await createClientNode()
  try {
    const jobs = async (req: Partial<JobRequest>): Promise<JobResponse> => {
      const res = await request<JobRequest, JobResponse>(client, multiaddr(coordinator), protocolIds(network).protocols.jobs,
        { value: { op: JobOp.SESSION_CHALLENGE, session: '', wallet: wallet.address, signature: new Uint8Array(), jobId: '', signedTransaction: '', idempotencyKey: '', ...req }, codec: JobRequest },
        JobResponse, { timeout: 60_000, maxSize: 64 * 1024 })
      if (res.code !== '') throw new CyxwizError(res.code === 'ERR_SESSION' ? 'ERR_SESSION' : 'ERR_PROTOCOL', `coordinator answered ${res.code}: ${res.message}`)
      return res
    }
    const { challenge } = await jobs({ op: JobOp.SESSION_CHALLENGE })
    const signature = new Uint8Array(await signBytes(wallet.keyPair.privateKey, new TextEncoder().encode(challenge)))
    const { session } = await jobs({ op: JobOp.SESSION_OPEN, signature })
    return await ask(client, coordinator, { op: LedgerOp.AIRDROP, address: wallet.address, amount: amount.toString(), session }, network)
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
