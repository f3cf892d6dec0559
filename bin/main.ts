/**
 * The `cyxwiz` command: composes the role commands (coordinator, compute peer, client). The only
 * module that imports more than one role.
 *
 * Each top-level command's module is loaded only when that command runs: a coordinator pulls in
 * the SVM and IPFS, a peer tfjs, and a `cyxwiz job status` needs neither — loading everything made
 * every short command pay about a second for modules it never used. With no command (or `help`,
 * or an unknown one) every command is loaded, so help and suggestions list them all.
 */
import { Command } from 'commander'
import { SOFTWARE_VERSION } from '../src/version.js'

type Register = (program: Command) => void

/** top-level commands in help order, each with the loader of the module that defines it */
const COMMANDS: Array<[string, () => Promise<Register>]> = [
  ['coordinator', async () => (await import('../coordinator/cli.js')).coordinatorCommands],
  ['peer', async () => (await import('../peer/cli.js')).peerCommands],
  ['nodes', async () => (await import('../client/nodes-command.js')).nodesCommands],
  ['wallet', async () => (await import('../client/wallet-command.js')).walletCommands],
  ['dataset', async () => (await import('../client/content-command.js')).datasetCommands],
  ['job', async () => (await import('../client/job-command.js')).jobCommands]
]

const program = new Command()
  .name('cyxwiz')
  .description('CyxWiz: a peer-to-peer market for ML training compute')
  .version(SOFTWARE_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .showSuggestionAfterError()
  // usage errors (unknown flag, bad value, missing argument) exit 2, like every other bad argument
  .exitOverride((err) => { process.exit(err.exitCode === 0 ? 0 : 2) })

const asked = COMMANDS.find(([name]) => name === process.argv[2])
for (const [, load] of asked != null ? [asked] : COMMANDS) (await load())(program)

await program.parseAsync(process.argv)
