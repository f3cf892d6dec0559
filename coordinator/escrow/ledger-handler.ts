/**
 * Serves the ledger protocol: cluster info, balances, and the embedded cluster's faucet. The faucet
 * refuses on any real cluster, caps each grant, grants only to a wallet that holds a session (opened
 * on the jobs protocol from the same peer: whoever asks controls the wallet) and at most
 * `airdropLimit` to one wallet per `airdropWindow` (ERR_AIRDROP_LIMIT), so a stranger cannot mint
 * without limit. The per-wallet counts live in memory: a restart of the coordinator resets them.
 */
import { address, type Address } from '@solana/kit'
import { LRUCache } from 'lru-cache'
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import type { Sessions } from '../jobs/sessions.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import { LedgerOp, LedgerRequest, LedgerResponse } from '../../protocols/ledger.js'
import { serve } from '../../src/network/stream.js'
import { U64_MAX } from '../../src/ledger/amounts.js'
import type { Treasury } from './treasury.js'

export interface LedgerHandlerInit {
  protocol: string
  feeBps: number
  /** largest faucet grant, base units (default 10,000 CYXWIZ) */
  maxAirdrop: bigint
  /** the most one wallet is granted per window, base units */
  airdropLimit: bigint
  /** the window of that limit, ms */
  airdropWindow: number
}

export const defaultAirdropLimit = {
  // one largest grant a day per wallet: plenty for local experiments, no endless tap
  airdropLimit: 10_000_000_000n,
  airdropWindow: 24 * 3_600_000
}

const empty: LedgerResponse = {
  code: '', message: '', cluster: '', mint: '', decimals: 0, rpcUrl: '', tokenBalance: '', solBalance: '', signature: '', feeAccount: '', feeBps: 0, escrowAuthority: ''
}

export async function handleLedger (init: LedgerHandlerInit, components: { node: Pick<Libp2p, 'handle'>, treasury: Treasury, sessions: Pick<Sessions, 'check'>, logger: ComponentLogger }): Promise<void> {
  const { treasury, sessions } = components
  // granted per wallet within the window; the entry expires with the window that began at its first grant
  const granted = new LRUCache<string, bigint>({ max: 100_000, ttl: init.airdropWindow, noUpdateTTL: true })
  const perWallet = new KeyedMutex()
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
  await serve(components.node, init.protocol, LedgerRequest, LedgerResponse, async (req, connection) => {
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
      let wallet: string
      try {
        wallet = sessions.check(req.session, connection.remotePeer.toString()).wallet
      } catch {
        return fail('ERR_SESSION', 'an airdrop needs a session of the wallet: open one on the jobs protocol from this peer')
      }
      if (wallet !== owner) return fail('ERR_SESSION', 'the session is another wallet\'s')
      return await perWallet.run(owner, async () => {
        const before = granted.get(owner) ?? 0n
        if (before + amount > init.airdropLimit) {
          return fail('ERR_AIRDROP_LIMIT', `wallet ${owner} may get ${init.airdropLimit - before} more base units from the faucet until its ${init.airdropWindow / 3_600_000} h window ends`)
        }
        const signature = await treasury.airdrop?.(owner, amount) ?? ''
        granted.set(owner, before + amount)
        log('airdropped %s to %s', amount, owner)
        return { ...info, signature, tokenBalance: (await treasury.ledger.balanceOf(owner)).toString() }
      })
    }
    return fail('ERR_INVALID_ARGUMENT', 'unknown operation')
  }, { timeout: 30_000, maxSize: 4096, log })
}
