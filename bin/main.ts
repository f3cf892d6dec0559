/**
 * The `cyxwiz` command: composes the role commands. The only module that imports both roles.
 */
import { Command } from 'commander'
import { coordinatorCommands } from '../coordinator/cli.js'
import { peerCommands } from '../peer/cli.js'
import { SOFTWARE_VERSION } from '../src/version.js'

const program = new Command()
  .name('cyxwiz')
  .description('CyxWiz: a peer-to-peer market for ML training compute')
  .version(SOFTWARE_VERSION)
  .showHelpAfterError('(run with --help for usage)')
  .showSuggestionAfterError()

coordinatorCommands(program)
peerCommands(program)

await program.parseAsync(process.argv)
