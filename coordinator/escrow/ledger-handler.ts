/**
 * Serves the ledger protocol: cluster info, balances, and the embedded cluster's faucet. The faucet
 * refuses on any real cluster and caps each grant, so a stranger cannot mint without limit.
 */
import { address, type Address } from '@solana/kit'
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import { LedgerOp, LedgerRequest, LedgerResponse } from '../../protocols/ledger.js'
import { serve } from '../../src/network/stream.js'
import { U64_MAX } from '../../src/ledger/amounts.js'
import type { Treasury } from './treasury.js'

export interface LedgerHandlerInit {
  protocol: string
  feeBps: number
  /** largest faucet grant, base units (default 10,000 CYXWIZ) */
  maxAirdrop: bigint
}

const empty: LedgerResponse = {
  code: '', message: '', cluster: '', mint: '', decimals: 0, rpcUrl: '', tokenBalance: '', solBalance: '', signature: '', feeAccount: '', feeBps: 0, escrowAuthority: ''
}

export async function handleLedger (init: LedgerHandlerInit, components: { node: Pick<Libp2p, 'handle'>, treasury: Treasury, logger: ComponentLogger }): Promise<void> {
  const { treasury } = components
  const log = components.logger.forComponent('cyxwiz:coordinator:ledger')
  const info: LedgerResponse = {
    ...empty,
    cluster: treasury.cluster,
    mint: treasury.ledger.mint,
    decimals: treasury.ledger.decimals,
    rpcUrl: treasury.rpcUrl,
    feeAccount: treasury.feeOwner,
    feeBps: init.feeBps,
    escrowAuthority: treasury.authority.address
  }
  const fail = (code: string, message: string): LedgerResponse => ({ ...info, code, message })
  await serve(components.node, init.protocol, LedgerRequest, LedgerResponse, async (req) => {
    if (req.op === LedgerOp.INFO) return info
    let owner: Address
    try {
      owner = address(req.address)
    } catch {
      return fail('ERR_INVALID_ARGUMENT', 'not a Solana address')
    }
    if (req.op === LedgerOp.BALANCE) {
      const [token, sol] = await Promise.all([treasury.ledger.balanceOf(owner), treasury.ledger.solBalance(owner)])
      return { ...info, tokenBalance: token.toString(), solBalance: sol.toString() }
    }
    if (req.op === LedgerOp.AIRDROP) {
      if (treasury.airdrop == null) return fail('ERR_AIRDROP_REFUSED', 'this coordinator runs on a real cluster: there is no faucet; get CYXWIZ from the mint\'s issuer')
      if (!/^[1-9]\d{0,19}$/.test(req.amount) || BigInt(req.amount) > U64_MAX) return fail('ERR_INVALID_ARGUMENT', 'amount must be a positive number of base units')
      const amount = BigInt(req.amount)
      if (amount > init.maxAirdrop) return fail('ERR_AIRDROP_REFUSED', `at most ${init.maxAirdrop} base units per airdrop`)
      const signature = await treasury.airdrop(owner, amount)
      log('airdropped %s to %s', amount, owner)
      return { ...info, signature, tokenBalance: (await treasury.ledger.balanceOf(owner)).toString() }
    }
    return fail('ERR_INVALID_ARGUMENT', 'unknown operation')
  }, { timeout: 30_000, maxSize: 4096, log })
}
