/**
 * `cyxwiz coordinator start`: runs the coordinator until Ctrl-C, printing node status changes.
 */
import type { Command } from 'commander'
import { Liveness } from '../protocols/nodes.js'
import { out } from '../src/cli/output.js'
import { action, runDaemon } from '../src/cli/run.js'
import { collect, defaultDataDir, gatewayList, ipfsPeerList, durationOption, intArg, fractionArg, multiaddrList, positiveNumber, networkArg, solanaAddressArg, urlArg } from '../src/cli/options.js'
import { Coordinator, defaultCoordinatorOptions } from './coordinator.js'
import { defaultDatasetGateInit } from './jobs/dataset-gate.js'
import { defaultAirdropLimit } from './escrow/ledger-handler.js'
import { CYXWIZ_DECIMALS, formatAmount, parseAmount } from '../src/ledger/amounts.js'
import { defaultRecoveryInit } from './jobs/recovery.js'
import { defaultOutcomesInit } from './jobs/outcomes.js'
import { defaultAuditorInit } from './jobs/auditor.js'
import { defaultSchedulerInit } from './jobs/scheduler.js'
import { COORDINATOR_HTTP_PORT, HTTP_FLAG_HELP, HTTP_TOKEN_HELP, httpSettings } from '../src/http/cli-flags.js'
import { defaultNodeRegistryInit } from './registry/node-registry.js'

interface StartFlags {
  dataDir: string
  listen?: string[]
  heartbeatInterval: number
  network: string
  ban?: string[]
  minPeerVersion: string
  solanaRpc?: string
  mint?: string
  feeAccount?: string
  feeBps: number
  embeddedRpcPort: number
  matchInterval: number
  acceptTimeout: number
  datasetTimeout: number
  progressTimeout: number
  leaseFloor: number
  leaseSpeed: number
  startTimeout: number
  retryBase: number
  verifyDeadline: number
  auditBudget: number
  http?: string
  httpToken?: string
  registryRetention: number
  registryMaxNodes: number
  datasetMaxBytes: number
  pinQuota: number
  airdropLimit: string
  airdropWindow: number
  ipfsGateway?: string[]
  ipfsPeer?: string[]
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
    .option('--solana-rpc <url>', 'a Solana cluster\'s JSON-RPC URL (default: the embedded LiteSVM cluster)', urlArg)
    .option('--mint <address>', 'the CYXWIZ mint on that cluster (required with --solana-rpc)', solanaAddressArg)
    .option('--fee-account <address>', 'owner that receives platform fees (default: the coordinator\'s Solana key)', solanaAddressArg)
    .option('--fee-bps <n>', 'platform fee in basis points of what is paid out', intArg(0, 10_000), defaultCoordinatorOptions.feeBps)
    .addOption(durationOption('--match-interval <duration>', 'how often queued jobs are matched (also on every new job or peer)', defaultSchedulerInit.interval))
    .addOption(durationOption('--accept-timeout <duration>', 'how long a peer has to accept an assignment', defaultSchedulerInit.acceptTimeout))
    .addOption(durationOption('--progress-timeout <duration>', 'a running job that reports nothing this long is taken from its peer and re-queued', defaultRecoveryInit.progressTimeout))
    .addOption(durationOption('--lease-floor <duration>', 'the least wall-clock time any assignment gets before it is taken back', defaultRecoveryInit.leaseFloor))
    .option('--lease-speed <gflops>', 'the slowest training speed an assignment is given time for (GFLOP/s of the job\'s estimate): a lease may run the floor plus the job\'s remaining work at this speed', positiveNumber, defaultRecoveryInit.leaseSpeed)
    .addOption(durationOption('--dataset-timeout <duration>', 'how long fetching a submitted job\'s dataset may take', defaultDatasetGateInit.fetchTimeout))
    .addOption(durationOption('--start-timeout <duration>', 'how long an accepted job may take to report RUNNING', defaultSchedulerInit.startTimeout))
    .addOption(durationOption('--retry-base <duration>', 'first delay of the retry schedule for offers, fetches and settlement sends (1s: retries after 1, 2, 4, 8, 16 s)', 1000))
    .addOption(durationOption('--verify-deadline <duration>', 'how long a completed job\'s model may stay unfetchable (its peer offline) before the job fails and is refunded', defaultOutcomesInit.verifyDeadline))
    .option('--audit-budget <fraction>', 'share of a job\'s training the coordinator replays to check it (a trusted peer gets a quarter of it, never less than one segment)', fractionArg(0, 1), defaultAuditorInit.budget)
    .option('--http <host:port>', `${HTTP_FLAG_HELP} (default 127.0.0.1:${COORDINATOR_HTTP_PORT}, or any free port if that is taken)`)
    .option('--http-token <token>', HTTP_TOKEN_HELP)
    .addOption(durationOption('--registry-retention <duration>', 'an offline node\'s record is deleted after this long without a heartbeat (up to 365d)', defaultNodeRegistryInit.retention, 365 * 24 * 3_600_000))
    .option('--registry-max-nodes <n>', 'most node records kept; a new node beyond it replaces the offline one silent longest, and is refused while none is offline', intArg(1, 10_000_000), defaultNodeRegistryInit.maxNodes)
    .option('--dataset-max-bytes <bytes>', 'the largest dataset the coordinator fetches and pins', intArg(1, 2 ** 31 - 1), defaultDatasetGateInit.maxBytes)
    .option('--ipfs-gateway <url>', 'an IPFS trustless gateway datasets are also fetched from, block by block, each checked against its CID (e.g. https://trustless-gateway.link); repeatable; default none', gatewayList)
    .option('--ipfs-peer <multiaddr>', 'an IPFS peer (…/p2p/<id>) dialled and asked for datasets over bitswap; repeatable; default none', ipfsPeerList)
    .option('--pin-quota <bytes>', 'bytes of datasets one wallet may have the coordinator pin, in all', intArg(1, Number.MAX_SAFE_INTEGER), defaultDatasetGateInit.pinQuota)
    .option('--airdrop-limit <cyxwiz>', 'the most the embedded cluster\'s faucet grants one wallet per --airdrop-window', formatAmount(defaultAirdropLimit.airdropLimit, CYXWIZ_DECIMALS))
    .addOption(durationOption('--airdrop-window <duration>', 'the window of --airdrop-limit', defaultAirdropLimit.airdropWindow))
    .option('--embedded-rpc-port <port>', 'port of the embedded cluster\'s JSON-RPC endpoint (0: any free port)', intArg(0, 65_535), defaultCoordinatorOptions.embeddedRpcPort)
    .action(action(async (flags: StartFlags) => {
      const web = httpSettings(flags, COORDINATOR_HTTP_PORT)
      const coordinator = await Coordinator.start({
        ...web,
        dataDir: flags.dataDir,
        ...(flags.listen != null ? { listen: flags.listen } : {}),
        heartbeatInterval: flags.heartbeatInterval,
        network: flags.network,
        banned: flags.ban ?? [],
        minPeerVersion: flags.minPeerVersion,
        ...(flags.solanaRpc != null ? { solanaRpc: flags.solanaRpc } : {}),
        ...(flags.mint != null ? { mint: flags.mint } : {}),
        ...(flags.feeAccount != null ? { feeAccount: flags.feeAccount } : {}),
        feeBps: flags.feeBps,
        embeddedRpcPort: flags.embeddedRpcPort,
        registry: { retention: flags.registryRetention, maxNodes: flags.registryMaxNodes },
        airdropLimit: parseAmount(flags.airdropLimit),
        airdropWindow: flags.airdropWindow,
        contentSources: { gateways: flags.ipfsGateway ?? [], peers: flags.ipfsPeer ?? [] },
        jobs: {
          scheduler: { interval: flags.matchInterval, acceptTimeout: flags.acceptTimeout, startTimeout: flags.startTimeout, retryBase: flags.retryBase },
          retryBase: flags.retryBase,
          verifyDeadline: flags.verifyDeadline,
          auditor: { budget: flags.auditBudget },
          datasets: { fetchTimeout: flags.datasetTimeout, maxBytes: flags.datasetMaxBytes, pinQuota: flags.pinQuota },
          recovery: { progressTimeout: flags.progressTimeout, leaseFloor: flags.leaseFloor, leaseSpeed: flags.leaseSpeed }
        }
      })
      out.event(`coordinator ${coordinator.node.peerId.toString()} listening on:`)
      for (const ma of coordinator.multiaddrs()) out.line(`  ${ma.toString()}`)
      const t = coordinator.treasury
      out.event(t.cluster === 'embedded'
        ? `Solana: embedded LiteSVM cluster at ${t.rpcUrl} (persisted in ${flags.dataDir}), CYXWIZ mint ${t.ledger.mint}`
        : `Solana: ${t.rpcUrl}, CYXWIZ mint ${t.ledger.mint}`)
      out.event(`escrow authority and fee payer ${t.authority.address}; fees (${flags.feeBps / 100}%) to ${t.feeOwner}`)
      out.event(`addresses written to ${flags.dataDir}/multiaddrs; start peers with: cyxwiz peer start --bootstrap <address>`)
      if (coordinator.http != null) out.event(`dashboard ${coordinator.http.url}/ (model builder ${coordinator.http.url}/builder, metrics ${coordinator.http.url}/metrics)${web.httpToken != null ? ' — add ?token=<your --http-token>' : ''}`)
      coordinator.registry.on('status', (c) => {
        out.event(c.from == null
          ? `node ${c.nodeId} joined (${c.to.toLowerCase()}${c.to === Liveness.OFFLINE ? ' until its first heartbeat' : ''})`
          : `node ${c.nodeId} ${c.from.toLowerCase()} → ${c.to.toLowerCase()}`)
      })
      process.exitCode = await runDaemon(async () => { await coordinator.stop() }, new Promise<never>(() => {}))
    }))
}
