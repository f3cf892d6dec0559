/**
 * `cyxwiz wallet new | address | balance | airdrop`: Solana CLI keypair files, balances through the
 * coordinator or any cluster, and the embedded cluster's faucet.
 */
import type { Command } from 'commander'
import { address as toAddress, type Address } from '@solana/kit'
import { out } from '../src/cli/output.js'
import { action } from '../src/cli/run.js'
import { makeReadToken, DEFAULT_READ_TOKEN_TTL } from '../src/http/read-token.js'
import { defaultWalletFile, durationOption, multiaddrArg, resolveCoordinator, solanaAddressArg, urlArg } from '../src/cli/options.js'
import { createWallet, readWallet } from '../src/ledger/wallet.js'
import { formatAmount, parseAmount } from '../src/ledger/amounts.js'
import { InvalidArgumentError, LedgerError } from '../src/errors.js'
import { airdrop, balanceOf } from './ledger-client.js'

interface Who { wallet?: string, address?: string }
interface Via { coordinator?: string, solanaRpc?: string, mint?: string }

async function owner (flags: Who): Promise<Address> {
  if (flags.address != null) return toAddress(flags.address)
  return (await readWallet(flags.wallet ?? defaultWalletFile())).address
}

export function walletCommands (program: Command): void {
  const wallet = program.command('wallet').description('Solana wallets (Solana CLI keypair files) and CYXWIZ balances')
  const whoOptions = (c: Command): Command => c
    .option('--wallet <file>', `keypair file (default ${defaultWalletFile()})`)
    .option('--address <address>', 'a wallet address instead of a keypair file', solanaAddressArg)
  const viaOptions = (c: Command): Command => c
    .option('--coordinator <multiaddr>', 'ask this coordinator (default: the local coordinator)', multiaddrArg)
    .option('--solana-rpc <url>', 'ask this Solana cluster directly', urlArg)
    .option('--mint <address>', 'the CYXWIZ mint (with --solana-rpc)', solanaAddressArg)

  wallet.command('new')
    .description('create a keypair file (mode 0600); never overwrites')
    .option('--out <file>', 'where to write it', defaultWalletFile())
    .action(action(async (flags: { out: string }) => {
      const signer = await createWallet(flags.out)
      out.line(signer.address)
      out.error(`wallet written to ${flags.out}`)
    }))

  whoOptions(wallet.command('address').description('print a wallet\'s address'))
    .action(action(async (flags: Who) => { out.line(await owner(flags)) }))

  wallet.command('read-token')
    .description('a token that shows this wallet\'s jobs, and only them, on a coordinator\'s dashboard (open DASHBOARD/?token=TOKEN)')
    .option('--wallet <file>', `keypair file (default ${defaultWalletFile()})`)
    .addOption(durationOption('--ttl <duration>', 'how long the token works', DEFAULT_READ_TOKEN_TTL))
    .action(action(async (flags: { wallet?: string, ttl: number }) => {
      out.line(await makeReadToken(await readWallet(flags.wallet ?? defaultWalletFile()), flags.ttl))
    }))

  viaOptions(whoOptions(wallet.command('balance').description('CYXWIZ (and SOL) balance of a wallet')))
    .option('--json', 'print JSON')
    .action(action(async (flags: Who & Via & { json?: boolean }) => {
      const who = await owner(flags)
      const b = flags.solanaRpc != null
        ? await balanceOf(who, { solanaRpc: flags.solanaRpc, mint: flags.mint ?? missingMint() })
        : await balanceOf(who, { coordinator: await resolveCoordinator(flags.coordinator) })
      if (flags.json === true) {
        out.json({ address: b.address, cyxwiz: formatAmount(b.tokenBalance, b.decimals), base_units: b.tokenBalance, lamports: b.solBalance, mint: b.mint, cluster: b.cluster })
        return
      }
      out.line(`${formatAmount(b.tokenBalance, b.decimals)} CYXWIZ  (${b.address}, mint ${b.mint}, ${b.cluster})`)
    }))

  viaOptions(wallet.command('airdrop').description('get CYXWIZ from the embedded cluster\'s faucet (local clusters only; the wallet signs in first)'))
    .option('--wallet <file>', `keypair file (default ${defaultWalletFile()})`)
    .argument('<amount>', 'CYXWIZ, e.g. 100 or 0.5')
    .action(action(async (amountText: string, flags: Who & Via) => {
      const amount = parseAmount(amountText)
      if (amount === 0n) throw new InvalidArgumentError('the amount must be more than zero')
      if (flags.solanaRpc != null) {
        throw new LedgerError('ERR_AIRDROP_REFUSED', `no CYXWIZ faucet on ${flags.solanaRpc}: airdrops exist only on a coordinator's embedded cluster`)
      }
      // the faucet grants only to a wallet that proves itself: the keypair, not just an address
      const signer = await readWallet(flags.wallet ?? defaultWalletFile())
      const r = await airdrop(await resolveCoordinator(flags.coordinator), signer, amount)
      out.line(`airdropped ${formatAmount(amount, r.decimals)} CYXWIZ to ${signer.address}; balance ${formatAmount(BigInt(r.tokenBalance), r.decimals)} CYXWIZ (tx ${r.signature})`)
    }))
}

function missingMint (): never {
  throw new InvalidArgumentError('--mint <address> is required with --solana-rpc')
}
