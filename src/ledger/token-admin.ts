/**
 * Mint administration for clusters where we hold the mint authority (the embedded cluster): create
 * the CYXWIZ mint, and mint tokens into an owner's associated account (the local faucet).
 */
import {
  appendTransactionMessageInstructions, createTransactionMessage, generateKeyPairSigner, lamports, pipe,
  setTransactionMessageFeePayerSigner, setTransactionMessageLifetimeUsingBlockhash, signTransactionMessageWithSigners,
  type Address, type Instruction, type KeyPairSigner
} from '@solana/kit'
import { getCreateAccountInstruction } from '@solana-program/system'
import {
  getCreateAssociatedTokenIdempotentInstruction, getInitializeMint2Instruction, getMintSize, getMintToCheckedInstruction, TOKEN_PROGRAM_ADDRESS
} from '@solana-program/token'
import type { Ledger, SolanaRpc } from './ledger.js'

async function sendWith (ledger: Pick<Ledger, 'latestBlockhash' | 'sendAndConfirm'>, payer: KeyPairSigner, ixs: Instruction[]): Promise<string> {
  const lifetime = await ledger.latestBlockhash()
  const msg = pipe(
    createTransactionMessage({ version: 0 }),
    m => setTransactionMessageFeePayerSigner(payer, m),
    m => setTransactionMessageLifetimeUsingBlockhash(lifetime, m),
    m => appendTransactionMessageInstructions(ixs, m)
  )
  const tx = await signTransactionMessageWithSigners(msg)
  return (await ledger.sendAndConfirm(tx, lifetime.lastValidBlockHeight)).signature
}

/** Creates a mint whose mint authority is `authority`; returns its address. */
export async function createMint (ledger: Pick<Ledger, 'latestBlockhash' | 'sendAndConfirm' | 'call'> & { rpc: SolanaRpc }, authority: KeyPairSigner, decimals: number): Promise<Address> {
  const mint = await generateKeyPairSigner()
  const space = BigInt(getMintSize())
  const rent = await ledger.call(async () => await ledger.rpc.getMinimumBalanceForRentExemption(space).send())
  await sendWith(ledger, authority, [
    getCreateAccountInstruction({ payer: authority, newAccount: mint, lamports: lamports(rent), space, programAddress: TOKEN_PROGRAM_ADDRESS }),
    getInitializeMint2Instruction({ mint: mint.address, decimals, mintAuthority: authority.address })
  ])
  return mint.address
}

/** Mints `amount` base units to `owner`'s associated token account, creating it if needed. */
export async function mintTo (ledger: Ledger, authority: KeyPairSigner, owner: Address, amount: bigint): Promise<string> {
  const ata = await ledger.ata(owner)
  return await sendWith(ledger, authority, [
    getCreateAssociatedTokenIdempotentInstruction({ payer: authority, ata, owner, mint: ledger.mint }),
    getMintToCheckedInstruction({ mint: ledger.mint, token: ata, mintAuthority: authority, amount, decimals: ledger.decimals })
  ])
}
