/**
 * The `cyxwiz` command: composes the role commands (coordinator, compute peer, client). The only
 * module that imports more than one role.
 */
import { Command } from 'commander'
import { coordinatorCommands } from '../coordinator/cli.js'
import { peerCommands } from '../peer/cli.js'
import { nodesCommands } from '../client/nodes-command.js'
import { walletCommands } from '../client/wallet-command.js'
import { jobCommands } from '../client/job-command.js'
import { datasetCommands } from '../client/content-command.js'
import { SOFTWARE_VERSION } from '../src/version.js'

const program = new Command()
  .name('cyxwiz')
  .description('CyxWiz: a peer-to-peer market for ML training compute')
  .version(SOFTWARE_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .showSuggestionAfterError()
  // usage errors (unknown flag, bad value, missing argument) exit 2, like every other bad argument
  .exitOverride((err) => { process.exit(err.exitCode === 0 ? 0 : 2) })

coordinatorCommands(program)
peerCommands(program)
nodesCommands(program)
walletCommands(program)
datasetCommands(program)
jobCommands(program)

await program.parseAsync(process.argv)
