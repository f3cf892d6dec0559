/**
 * The coordinator role: bootstrap node, node registry, beacon and admission. One components object
 * is built here and each service takes the narrow part it needs.
 */
import { writeFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { defaultLogger } from '@libp2p/logger'
import type { ComponentLogger, Logger, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { protocolIds } from '../protocols/ids.js'
import { Heartbeat } from '../protocols/heartbeat.js'
import { Availability } from '../protocols/availability.js'
import { Liveness } from '../protocols/nodes.js'
import { createNode, type CyxwizNode } from '../src/network/node.js'
import { loadOrCreateKey } from '../src/network/identity.js'
import { gossipAdapter } from '../src/network/gossip-validation.js'
import { ServiceList } from '../src/service-list.js'
import { availabilityTopic, heartbeatTopic } from '../src/network/validators.js'
import { SignerCache } from '../src/network/signer-cache.js'
import { SeqnoTracker } from '../src/network/seqno-tracker.js'
import { LevelStore } from '../src/storage/level-store.js'
import { IpfsStore } from '../src/storage/ipfs.js'
import { defaultContentSources, type ContentSourcesInit } from '../src/storage/content-sources.js'
import { createMetrics, type CyxwizMetrics } from '../src/metrics/registry.js'
import { SOFTWARE_VERSION } from '../src/version.js'
import { nodeRegistry, type NodeRegistry, type NodeRegistryInit } from './registry/node-registry.js'
import { admission as admissionOf } from './admission.js'
import { beaconPublisher } from './beacon.js'
import { handleNodes } from './nodes-handler.js'
import { nodeGossipHandlers } from './node-gossip.js'
import { openTreasury, type Treasury } from './escrow/treasury.js'
import { escrowService, type EscrowService } from './escrow/escrow-service.js'
import { EscrowStore } from './escrow/escrow-store.js'
import { handleLedger, defaultAirdropLimit } from './escrow/ledger-handler.js'
import { startJobs, defaultJobsOptions, type JobsOptions, type JobsRole } from './jobs/jobs-role.js'
import { analyzeModel } from './jobs/analyze.js'
import { match } from './matching/matcher.js'
import type { MatchFn } from './jobs/match-types.js'
import type { AnalyzeModel } from './jobs/estimate.js'
import { isCyxwizError } from '../src/errors.js'
import type { HttpAddress } from '../src/http/address.js'
import type { HttpServer } from '../src/http/server.js'
import { metricsFeed } from './http/metrics-feed.js'
import { coordinatorHttp } from './http/coordinator-http.js'

export interface CoordinatorOptions {
  dataDir: string
  listen: string[]
  network: string
  /** the heartbeat interval peers keep and the beacon cadence (default 10 s) */
  heartbeatInterval: number
  /** peer ids refused by this coordinator */
  banned: string[]
  /** peers older than this are refused */
  minPeerVersion: string
  /** IPs exempt from gossipsub's colocation penalty (see NodeOptions) */
  colocationWhitelist?: string[]
  /** a Solana cluster's JSON-RPC URL; absent: the embedded LiteSVM cluster */
  solanaRpc?: string
  /** the CYXWIZ mint on that cluster (required with solanaRpc) */
  mint?: string
  /** owner address that receives platform fees (default: the coordinator's own Solana key) */
  feeAccount?: string
  /** platform fee in basis points of what is paid out */
  feeBps: number
  /** port of the embedded cluster's JSON-RPC endpoint (0: any free port) */
  embeddedRpcPort: number
  /** largest faucet grant on the embedded cluster, base units */
  maxAirdrop: bigint
  /** the most the faucet grants one wallet per `airdropWindow`, base units */
  airdropLimit: bigint
  /** that window, ms */
  airdropWindow: number
  /** matcher period and peer deadlines, default price */
  jobs: Partial<JobsOptions>
  /** the dashboard and /metrics; absent: no HTTP server */
  http?: HttpAddress
  /** the operator's token for HTTP (required off loopback, see src/http/address.ts) */
  httpToken?: string
  /** `http` is a default, not the operator's choice: a taken port falls back to any free one */
  httpFallback?: boolean
  /** how long offline records are kept and how many records at most (node-registry.ts) */
  registry: Partial<Pick<NodeRegistryInit, 'retention' | 'maxNodes'>>
  /** trustless gateways and IPFS peers datasets are also fetched from (content-sources.ts); none by default */
  contentSources: ContentSourcesInit
}

export const defaultCoordinatorOptions: Omit<CoordinatorOptions, 'dataDir'> = {
  // a fixed, well-known port: peers on other machines are configured with this address
  listen: ['/ip4/0.0.0.0/tcp/4001'],
  network: 'cyxwiz',
  heartbeatInterval: 10_000,
  banned: [],
  // this release speaks wire 1.0.0 and accepts every peer that does
  minPeerVersion: '0.1.0',
  // the product's 90/10 split
  feeBps: 1000,
  embeddedRpcPort: 0,
  // 10,000 CYXWIZ: plenty for local experiments, a bound on what one request can mint
  maxAirdrop: 10_000_000_000n,
  ...defaultAirdropLimit,
  jobs: {},
  registry: {},
  // off: datasets come from their submitter (or whoever is connected) unless the operator names a source
  contentSources: defaultContentSources
  // no `http`: a coordinator embedded in a test or a benchmark serves nothing; the CLI turns it on
}

export class Coordinator {
  readonly node: CyxwizNode
  readonly registry: NodeRegistry
  readonly metrics: CyxwizMetrics
  readonly treasury: Treasury
  readonly escrow: EscrowService
  readonly ipfs: IpfsStore
  readonly jobs: JobsRole
  /** the dashboard and /metrics server, when `http` was given */
  http?: HttpServer
  private readonly services: ServiceList
  private readonly log: Logger

  private constructor (parts: Pick<Coordinator, 'node' | 'registry' | 'metrics' | 'treasury' | 'escrow' | 'ipfs' | 'jobs'>, services: ServiceList, log: Logger) {
    this.node = parts.node
    this.registry = parts.registry
    this.metrics = parts.metrics
    this.treasury = parts.treasury
    this.escrow = parts.escrow
    this.ipfs = parts.ipfs
    this.jobs = parts.jobs
    this.services = services
    this.log = log
  }

  /**
   * Opens and starts the parts in order — store, registry, treasury, node, gossip validation,
   * protocol handlers, IPFS, jobs, beacon — into one list; `stop()` stops them in reverse. A part
   * that fails to start stops those already started (the store's lock is released, the node closed).
   */
  static async start (options: Partial<CoordinatorOptions> & Pick<CoordinatorOptions, 'dataDir'>, logger: ComponentLogger = defaultLogger()): Promise<Coordinator> {
    const o: CoordinatorOptions = { ...defaultCoordinatorOptions, ...options }
    const ids = protocolIds(o.network)
    const log = logger.forComponent('cyxwiz:coordinator')
    const metrics = createMetrics('coordinator')
    const privateKey = await loadOrCreateKey(o.dataDir)
    const services = new ServiceList(log)
    try {
      const store = await LevelStore.open(o.dataDir)
      services.opened('level store', async () => { await store.close() })
      const registry = nodeRegistry({ ...o.registry, interval: o.heartbeatInterval })({ store, metrics, logger })
      const heartbeatSeqnos = new SeqnoTracker()
      const availabilitySeqnos = new SeqnoTracker()
      // seqnos survive a restart with the registry, so a replay of pre-crash traffic is still ignored
      await registry.start(info => {
        try {
          if (info.heartbeat.byteLength > 0) heartbeatSeqnos.seed(`hb:${info.nodeId}`, Heartbeat.decode(info.heartbeat).seqno)
          if (info.availability.byteLength > 0) availabilitySeqnos.seed(`av:${info.nodeId}`, Availability.decode(info.availability).seqno)
        } catch {}
      })
      services.opened('node registry', async () => { await registry.stop() })
      const treasury = await openTreasury({
        dataDir: o.dataDir, solanaRpc: o.solanaRpc, mint: o.mint, feeAccount: o.feeAccount, embeddedRpcPort: o.embeddedRpcPort
      }, store, logger)
      services.opened('treasury', async () => { await treasury.stop() })
      const escrow = escrowService({ feeBps: o.feeBps, feeOwner: treasury.feeOwner })({
        ledger: treasury.ledger, authority: treasury.authority, store: new EscrowStore(store), logger
      })
      const node = await createNode({
        network: o.network,
        privateKey,
        // libp2p's and the process's metrics only where /metrics serves them
        ...(o.http != null ? { metricsRegistry: metrics.registry } : {}),
        listen: o.listen,
        maxConnections: 2_000,
        inboundConnectionThreshold: 50,
        ...(o.colocationWhitelist != null ? { colocationWhitelist: o.colocationWhitelist } : {})
      })
      services.opened('libp2p node', async () => { await node.stop() })
      const admission = admissionOf({
        banned: o.banned, minPeerVersion: o.minPeerVersion, noticeInterval: 60_000, protocol: ids.protocols.keepalive
      })({ node, logger })
      // a node is registered only by messages it signed while holding an open connection of its own
      // here: one connection relaying beats and offers for many keys registers none of them
      const freshness = {
        maxAgeMs: 3 * o.heartbeatInterval,
        maxFutureMs: 30_000,
        connected: (signer: PeerId) => node.getConnections(signer).some(c => c.status === 'open'),
        room: (signer: PeerId) => registry.hasRoomFor(signer.toString()),
        // heartbeats and offers name the same nodes: one memory of who signs for whom
        signers: new SignerCache()
      }
      const adapter = gossipAdapter()({ pubsub: node.services.pubsub, metrics, logger })
      services.opened('gossip validation', () => { adapter.stop() })
      const handlers = nodeGossipHandlers({ admission, registry, metrics })
      adapter.register(heartbeatTopic(ids.topics.heartbeat, freshness, heartbeatSeqnos, handlers.heartbeat))
      adapter.register(availabilityTopic(ids.topics.availability, freshness, availabilitySeqnos, handlers.availability))
      await handleNodes(ids.protocols.nodes, { node, registry, logger })
      // datasets and trained models: pinned here, fetched from submitters and peers by bitswap
      const ipfs = await IpfsStore.open(o.dataDir, node, { sources: o.contentSources })
      services.opened('ipfs', async () => { await ipfs.stop() })
      const jobsOptions = { ...defaultJobsOptions, ...o.jobs }
      // peers are not judged lost before they have had 3 heartbeats and a half to show up again
      jobsOptions.recovery = { restartGrace: 3.5 * o.heartbeatInterval, ...jobsOptions.recovery }
      const jobs = await startJobs(jobsOptions, {
        ids, node, store, registry, escrow, treasury, ipfs, analyze: countedAnalyze(metrics), match: timedMatch(metrics),
        refused: (op, code) => { metrics.jobRefusals.inc({ op, code }) }, logger
      })
      services.opened('jobs', async () => { await jobs.stop() })
      // after the jobs: the faucet checks the wallet's session there
      await handleLedger({ protocol: ids.protocols.ledger, feeBps: o.feeBps, maxAirdrop: o.maxAirdrop, airdropLimit: o.airdropLimit, airdropWindow: o.airdropWindow },
        { node, treasury, sessions: jobs.sessions, logger })
      await services.start([
        {
          name: 'beacon',
          service: beaconPublisher({
            topic: ids.topics.beacon,
            interval: o.heartbeatInterval,
            minPeerVersion: o.minPeerVersion,
            onlineNodes: () => registry.counts()[Liveness.ONLINE]
          })({ peerId: node.peerId, pubsub: node.services.pubsub, logger })
        },
        { name: 'metrics feed', service: metricsFeed()({ jobs: jobs.jobs, metrics }) }
      ])
      const web = o.http != null
        ? coordinatorHttp({ address: o.http, fallbackToAnyPort: o.httpFallback ?? false, defaultPrice: jobsOptions.defaultPrice, ...(o.httpToken != null ? { token: o.httpToken } : {}) }, { jobs, registry, metrics, logger })
        : undefined
      if (web != null) await services.start(web.services)
      const coordinator = new Coordinator({ node, registry, metrics, treasury, escrow, jobs, ipfs }, services, log)
      coordinator.http = web?.server
      await coordinator.writeMultiaddrs(o.dataDir)
      log('coordinator %p v%s up on %s', node.peerId, SOFTWARE_VERSION, node.getMultiaddrs().map(String).join(', '))
      return coordinator
    } catch (err) {
      // whatever opened or started before the failure stops, so a retry finds the data dir free
      await services.stop()
      throw err
    }
  }

  multiaddrs (): Multiaddr[] {
    return this.node.getMultiaddrs()
  }

  /** `<data-dir>/multiaddrs`, one dialable address per line, replaced atomically */
  private async writeMultiaddrs (dataDir: string): Promise<void> {
    const file = join(dataDir, 'multiaddrs')
    await writeFile(`${file}.tmp`, this.multiaddrs().map(String).join('\n') + '\n')
    await rename(`${file}.tmp`, file)
  }

  async stop (): Promise<void> {
    await this.services.stop()
    this.log('stopped')
  }
}

/** the matcher, timed into cyxwiz_matcher_tick_seconds */
function timedMatch (metrics: CyxwizMetrics): MatchFn {
  return (jobs, candidates) => {
    const end = metrics.matcherTick.startTimer()
    try { return match(jobs, candidates) } finally { end() }
  }
}

/** the model check, its refusals counted by code into cyxwiz_model_refusals_total */
function countedAnalyze (metrics: CyxwizMetrics): AnalyzeModel {
  return (definition) => {
    try {
      return analyzeModel(definition)
    } catch (err) {
      metrics.modelRefusals.inc({ code: isCyxwizError(err) ? err.code : 'ERR_INTERNAL' })
      throw err
    }
  }
}
