/**
 * The Solana JSON-RPC methods the embedded cluster answers: what our kit client, the Solana CLI and
 * the usual tools need to read balances and send transactions. Results have the shapes a real
 * node returns (context + value), so the same code runs against devnet or mainnet.
 */
import {
  address, getBase58Encoder, getBase64Encoder, getTransactionDecoder, getCompiledTransactionMessageDecoder,
  lamports as toLamports, type Address
} from '@solana/kit'
import { decodeToken, decodeMint, TOKEN_PROGRAM_ADDRESS } from '@solana-program/token'
import { preflight, RpcError, type SvmStore } from './svm-store.js'

type Params = unknown[]
export type Method = (params: Params) => Promise<unknown> | unknown

function addressParam (v: unknown): Address {
  try {
    return address(String(v))
  } catch {
    throw new RpcError(-32602, `Invalid param: ${String(v)} is not a base58 address`)
  }
}

function accountValue (svm: SvmStore, addr: Address): Record<string, unknown> | null {
  const acc = svm.svm.getAccount(addr)
  if (!acc.exists) return null
  return {
    data: [Buffer.from(acc.data).toString('base64'), 'base64'],
    executable: acc.executable,
    lamports: acc.lamports,
    owner: acc.programAddress,
    rentEpoch: 18446744073709551615n,
    space: BigInt(acc.data.byteLength)
  }
}

function decodeWire (param: unknown, options: unknown): ReturnType<ReturnType<typeof getTransactionDecoder>['decode']> {
  const encoding = (options as { encoding?: string } | undefined)?.encoding ?? 'base58'
  if (encoding !== 'base64') throw new RpcError(-32602, 'only base64-encoded transactions are accepted here')
  try {
    return getTransactionDecoder().decode(getBase64Encoder().encode(String(param)))
  } catch (err) {
    throw new RpcError(-32602, `invalid transaction: ${(err as Error).message}`)
  }
}

/** The method table; `run` serialises every state change in arrival order. */
export function methods (svm: SvmStore, run: <T>(task: () => Promise<T>) => Promise<T>): Record<string, Method> {
  const ctx = (): { slot: bigint } => ({ slot: svm.currentSlot() })
  return {
    getHealth: () => 'ok',
    getVersion: () => ({ 'solana-core': '2.2.0-litesvm', 'feature-set': 0 }),
    getGenesisHash: () => 'cyxwiz-embedded-litesvm',
    getSlot: () => svm.currentSlot(),
    getBlockHeight: () => svm.blockHeight(),
    getLatestBlockhash: () => ({ context: ctx(), value: svm.latestBlockhash() }),
    isBlockhashValid: ([hash]) => ({ context: ctx(), value: hash === svm.latestBlockhash().blockhash }),
    getMinimumBalanceForRentExemption: ([size]) => svm.svm.minimumBalanceForRentExemption(BigInt(Number(size ?? 0))),
    getBalance: ([addr]) => ({ context: ctx(), value: svm.svm.getBalance(addressParam(addr)) ?? 0n }),
    getAccountInfo: ([addr]) => ({ context: ctx(), value: accountValue(svm, addressParam(addr)) }),
    getMultipleAccounts: ([list]) => ({ context: ctx(), value: (Array.isArray(list) ? list : []).slice(0, 100).map(a => accountValue(svm, addressParam(a))) }),
    getProgramAccounts: ([program, config]) => {
      const filters = (config as { filters?: Array<{ dataSize?: number, memcmp?: { offset: number, bytes: string } }> } | undefined)?.filters ?? []
      return svm.svm.getProgramAccounts(addressParam(program))
        .filter(a => filters.every(f => {
          if (f.dataSize != null) return a.data.byteLength === Number(f.dataSize)
          if (f.memcmp != null) {
            const want = getBase58Encoder().encode(f.memcmp.bytes)
            const off = Number(f.memcmp.offset)
            return want.every((b, i) => a.data[off + i] === b)
          }
          return true
        }))
        .map(a => ({ pubkey: a.address, account: accountValue(svm, a.address) }))
    },
    getTokenAccountBalance: ([addr]) => {
      const acc = svm.svm.getAccount(addressParam(addr))
      if (!acc.exists || acc.programAddress !== TOKEN_PROGRAM_ADDRESS) throw new RpcError(-32602, 'Invalid param: not a Token account')
      const token = decodeToken(acc).data
      const mint = svm.svm.getAccount(token.mint)
      const decimals = mint.exists ? decodeMint(mint).data.decimals : 0
      const amount = token.amount.toString()
      return { context: ctx(), value: { amount, decimals, uiAmount: Number(token.amount) / 10 ** decimals, uiAmountString: (Number(token.amount) / 10 ** decimals).toString() } }
    },
    getTokenSupply: ([addr]) => {
      const mint = svm.svm.getAccount(addressParam(addr))
      if (!mint.exists) throw new RpcError(-32602, 'Invalid param: mint not found')
      const m = decodeMint(mint).data
      return { context: ctx(), value: { amount: m.supply.toString(), decimals: m.decimals, uiAmount: Number(m.supply) / 10 ** m.decimals, uiAmountString: (Number(m.supply) / 10 ** m.decimals).toString() } }
    },
    requestAirdrop: async ([addr, amount]) => {
      const lamports = BigInt(Number(amount ?? 0))
      if (lamports <= 0n || lamports > 1_000_000_000_000n) throw new RpcError(-32602, 'airdrop amount must be 1 lamport to 1,000 SOL')
      return await run(async () => await svm.airdrop(addressParam(addr), toLamports(lamports)))
    },
    sendTransaction: async ([wire, options]) => {
      const tx = decodeWire(wire, options)
      const blockhash = getCompiledTransactionMessageDecoder().decode(tx.messageBytes).lifetimeToken
      const outcome = await run(async () => await svm.execute(tx, blockhash))
      // an executed transaction that failed: recorded (its signature has a status), reported like a preflight failure
      if (outcome.err != null) throw preflight('ProgramFailedToComplete', outcome.err, outcome.logs)
      return outcome.signature
    },
    simulateTransaction: ([wire, options]) => {
      const tx = decodeWire(wire, options)
      const r = svm.svm.simulateTransaction(tx)
      const failed = 'err' in r
      const meta = failed ? r.meta() : r.meta()
      return { context: ctx(), value: { err: failed ? r.toString() : null, logs: meta.logs(), unitsConsumed: meta.computeUnitsConsumed(), accounts: null, returnData: null } }
    },
    getSignatureStatuses: async ([sigs]) => {
      const list = (Array.isArray(sigs) ? sigs : []).slice(0, 256).map(String)
      const value = await Promise.all(list.map(async (s) => {
        const st = await svm.status(s)
        if (st == null) return null
        // LiteSVM is final when send returns: every recorded transaction is finalized
        return { slot: st.slot, confirmations: null, err: st.err == null ? null : { InstructionError: st.err }, confirmationStatus: 'finalized', status: st.err == null ? { Ok: null } : { Err: st.err } }
      }))
      return { context: ctx(), value }
    }
  }
}
