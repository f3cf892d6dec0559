/**
 * `cyxwiz coordinator start`: runs the coordinator until Ctrl-C, printing node status changes.
 */
import type { Command } from 'commander'
import { Liveness } from '../protocols/nodes.js'
import { out } from '../src/cli/output.js'
import { action, runDaemon } from '../src/cli/run.js'
import { collect, defaultDataDir, durationOption, multiaddrList, networkArg } from '../src/cli/options.js'
import { Coordinator, defaultCoordinatorOptions } from './coordinator.js'

interface StartFlags {
  dataDir: string
  listen?: string[]
  heartbeatInterval: number
  network: string
  ban?: string[]
  minPeerVersion: string
}

export function coordinatorCommands (program: Command): void {
  const cmd = program.command('coordinator').description('run the coordinator / bootstrap node')
  cmd.command('start')
    .description('start the coordinator; writes its dialable addresses to <data-dir>/multiaddrs')
    .option('--data-dir <dir>', 'where the identity key and the registry live', defaultDataDir('coordinator'))
    .option('--listen <multiaddr>', `address to listen on, repeatable (default ${defaultCoordinatorOptions.listen.join(' ')})`, multiaddrList)
    .addOption(durationOption('--heartbeat-interval <duration>', 'heartbeat cadence peers are held to (10s, 500ms, …)', defaultCoordinatorOptions.heartbeatInterval))
    .option('--network <name>', 'network name; separates independent networks', networkArg, defaultCoordinatorOptions.network)
    .option('--ban <peer-id>', 'refuse this peer id, repeatable', collect)
    .option('--min-peer-version <semver>', 'refuse peers older than this', defaultCoordinatorOptions.minPeerVersion)
    .action(action(async (flags: StartFlags) => {
      const coordinator = await Coordinator.start({
        dataDir: flags.dataDir,
        ...(flags.listen != null ? { listen: flags.listen } : {}),
        heartbeatInterval: flags.heartbeatInterval,
        network: flags.network,
        banned: flags.ban ?? [],
        minPeerVersion: flags.minPeerVersion
      })
      out.event(`coordinator ${coordinator.node.peerId.toString()} listening on:`)
      for (const ma of coordinator.multiaddrs()) out.line(`  ${ma.toString()}`)
      out.event(`addresses written to ${flags.dataDir}/multiaddrs; start peers with: cyxwiz peer start --bootstrap <address>`)
      coordinator.registry.on('status', (c) => {
        out.event(c.from == null
          ? `node ${c.nodeId} joined (${c.to.toLowerCase()}${c.to === Liveness.OFFLINE ? ' until its first heartbeat' : ''})`
          : `node ${c.nodeId} ${c.from.toLowerCase()} → ${c.to.toLowerCase()}`)
      })
      process.exitCode = await runDaemon(async () => { await coordinator.stop() }, new Promise<never>(() => {}))
    }))
}
