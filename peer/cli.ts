/**
 * `cyxwiz peer start`: parses the daemon's flags, starts a PeerDaemon and prints what it does
 * (coordinator link, accepted and declined jobs, training progress, report retries) until stopped.
 */
import { Option, type Command } from 'commander'
import { parseAmount } from '../src/ledger/amounts.js'
import { out } from '../src/cli/output.js'
import { action, runDaemon } from '../src/cli/run.js'
import { bytesArg, defaultDataDir, gatewayList, ipfsPeerList, defaultWalletFile, durationOption, intArg, labelArg, multiaddrList, networkArg, u64Arg, walletAddressArg } from '../src/cli/options.js'
import { InvalidArgumentError } from '../src/errors.js'
import { PeerDaemon, defaultPeerOptions } from './daemon.js'
import { defaultJobRunnerInit } from './job-runner.js'
import type { Backend } from '../src/training/backends.js'
import { readWallet } from '../src/ledger/wallet.js'
import { HTTP_FLAG_HELP, HTTP_TOKEN_HELP, PEER_HTTP_PORT, httpSettings } from '../src/http/cli-flags.js'

interface PeerFlags {
  bootstrap?: string[]
  dataDir: string
  listen?: string[]
  heartbeatInterval: number
  metricsInterval: number
  availabilityInterval: number
  network: string
  price: string
  location: string
  walletAddress: string
  maxQueue: number
  device: 'auto' | 'cpu' | 'gpu'
  gpuMemory?: bigint
  ram?: bigint
  minPayment: string
  backend?: Backend
  progressEvery: number
  warmWorker: boolean
  retryBase: number
  http?: string
  httpToken?: string
  ipfsGateway?: string[]
  ipfsPeer?: string[]
}

const fmt = (v: number | undefined): string => v == null ? '-' : v.toFixed(4)

export function peerCommands (program: Command): void {
  const cmd = program.command('peer').description('run a compute peer')
  cmd.command('start')
    .description('start a peer daemon that offers this machine to the network')
    .option('--bootstrap <multiaddr>', 'the coordinator\'s address (…/p2p/<id>), repeatable; required', multiaddrList)
    .option('--data-dir <dir>', 'where the identity key lives', defaultDataDir('peer'))
    .option('--listen <multiaddr>', `address to listen on, repeatable (default ${defaultPeerOptions.listen.join(' ')})`, multiaddrList)
    .addOption(durationOption('--heartbeat-interval <duration>', 'heartbeat period (10s, 500ms, …)', defaultPeerOptions.heartbeatInterval))
    .addOption(durationOption('--metrics-interval <duration>', 'hardware sampling period', defaultPeerOptions.metricsInterval))
    .addOption(durationOption('--availability-interval <duration>', 'offer re-publish period without a change', defaultPeerOptions.availabilityInterval))
    .option('--network <name>', 'network name', networkArg, defaultPeerOptions.network)
    .option('--price <base-units>', 'price per compute unit in CYXWIZ base units', u64Arg, defaultPeerOptions.price)
    .option('--location <region>', 'where this machine is, e.g. eu-west', labelArg, defaultPeerOptions.location)
    .option('--wallet-address <address>', 'Solana address for payouts (default: the address of the default wallet, if any)', walletAddressArg, defaultPeerOptions.walletAddress)
    .option('--max-queue <n>', 'jobs accepted at once', intArg(1, 1024), defaultPeerOptions.maxQueueLength)
    .addOption(new Option('--device <kind>', 'offer the machine as this device (auto: as detected)').choices(['auto', 'cpu', 'gpu']).default('auto'))
    .option('--gpu-memory <size>', 'declared GPU memory, e.g. 8GiB (with --device gpu)', bytesArg)
    .option('--ram <size>', 'RAM to offer, e.g. 16GiB (default: all of it)', bytesArg)
    .option('--min-payment <amount>', 'decline jobs paying less than this many CYXWIZ', '0')
    .addOption(new Option('--backend <name>', 'train with this tfjs backend (default: the best available: tensorflow-gpu, tensorflow, wasm, cpu)').choices(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']))
    .addOption(durationOption('--retry-base <duration>', 'first delay of the report retry schedule (1s: retries after 1, 2, 4, 8, 16 s, then the outbox)', defaultPeerOptions.retryBase))
    .option('--http <host:port>', `${HTTP_FLAG_HELP} (default 127.0.0.1:${PEER_HTTP_PORT}, or any free port if that is taken)`)
    .option('--http-token <token>', HTTP_TOKEN_HELP)
    .option('--ipfs-gateway <url>', 'an IPFS trustless gateway a job\'s dataset is also fetched from, block by block, each checked against its CID (e.g. https://trustless-gateway.link); repeatable; default none', gatewayList)
    .option('--ipfs-peer <multiaddr>', 'an IPFS peer (…/p2p/<id>) dialled and asked for a job\'s dataset over bitswap; repeatable; default none', ipfsPeerList)
    .option('--progress-every <batches>', 'send a progress report every this many batches', intArg(1, 1_000_000), defaultJobRunnerInit.progressEveryBatches)
    .option('--no-warm-worker', `start each job's training worker when the job arrives instead of keeping one loaded (a spare of ${defaultJobRunnerInit.warmHeapMb} MiB heap saves ~1 s per job)`)
    .action(action(async (flags: PeerFlags) => {
      if (flags.bootstrap == null || flags.bootstrap.length === 0) {
        throw new InvalidArgumentError('--bootstrap <multiaddr> is required: the coordinator\'s address from its <data-dir>/multiaddrs')
      }
      // payouts go to the user's default wallet unless another address is given
      const walletAddress = flags.walletAddress !== '' ? flags.walletAddress : await readWallet(defaultWalletFile()).then(w => w.address as string, () => '')
      const web = httpSettings(flags, PEER_HTTP_PORT)
      const daemon = await PeerDaemon.start({
        ...web,
        dataDir: flags.dataDir,
        bootstrap: flags.bootstrap,
        ...(flags.listen != null ? { listen: flags.listen } : {}),
        heartbeatInterval: flags.heartbeatInterval,
        metricsInterval: flags.metricsInterval,
        availabilityInterval: flags.availabilityInterval,
        network: flags.network,
        price: flags.price,
        location: flags.location,
        walletAddress,
        maxQueueLength: flags.maxQueue,
        minPayment: parseAmount(flags.minPayment),
        retryBase: flags.retryBase,
        contentSources: { gateways: flags.ipfsGateway ?? [], peers: flags.ipfsPeer ?? [] },
        runner: { progressEveryBatches: flags.progressEvery, warmWorker: flags.warmWorker, ...(flags.backend != null ? { backend: flags.backend } : {}) },
        declare: {
          ...(flags.device !== 'auto' ? { device: flags.device } : {}),
          ...(flags.gpuMemory != null ? { gpuMemoryBytes: flags.gpuMemory } : {}),
          ...(flags.ram != null ? { ramBytes: flags.ram } : {})
        }
      })
      out.event(`peer ${daemon.node.peerId.toString()} started; bootstrapping from ${flags.bootstrap.join(', ')}`)
      if (daemon.http != null) out.event(`metrics ${daemon.http.url}/metrics`)
      let first = true
      daemon.link.on('alive', () => { if (first) { first = false; out.event('coordinator beacon received: connected') } })
      daemon.link.on('lost', (p) => { first = true; out.event(`coordinator ${p.toString()} lost: re-dialling with backoff`) })
      daemon.jobs.on('accepted', (j) => { out.event(`accepted job ${j.jobId} (lease ${j.leaseId.slice(0, 8)}); reporting RUNNING`) })
      daemon.bidding.on('declined', (id, why) => { out.event(`declined job ${id}: ${why}`) })
      daemon.runner.on('started', (id, backend, resumed, worker) => { out.event(`job ${id}: training on the ${backend} backend${worker.warm ? ' (warm worker)' : ''}${resumed > 0 ? `, resumed after epoch ${resumed} from the verified checkpoint` : ''}`) })
      daemon.runner.on('epoch', (id, epoch, m, uri) => { out.event(`job ${id}: epoch ${epoch} loss ${fmt(m.epoch_loss)} val_acc ${fmt(m.validation_accuracy)}; checkpoint ${uri}`) })
      daemon.runner.on('completed', (id, uri) => { out.event(`job ${id}: completed; model ${uri}; completion proof signed and sent`) })
      daemon.runner.on('failed', (id, why) => { out.event(`job ${id}: failed: ${why}`) })
      daemon.runner.on('stopped', (id, why) => { out.event(`job ${id}: training stopped: ${why}`) })
      daemon.reports.on('retry', (id, state, attempt, delay) => { out.event(`job ${id}: ${state} report failed (attempt ${attempt}); retrying in ${delay} ms`) })
      daemon.reports.on('queued', (id, state) => { out.event(`job ${id}: ${state} report queued in the outbox until the coordinator is reachable`) })
      daemon.reports.on('flushed', (n) => { out.event(`outbox: ${n} queued report(s) delivered`) })
      const refused = new Promise<never>((_resolve, reject) => { daemon.on('refused', reject) })
      process.exitCode = await runDaemon(async () => { await daemon.stop() }, refused)
    }))
}
