/**
 * The peer daemon: a libp2p node that stays connected to its coordinator, samples hardware,
 * publishes heartbeats and its offer, listens for the coordinator's beacon and keepalive, bids for
 * the jobs it is offered, runs the ones it holds and reports on them.
 *
 * Every long-lived part is an `(init) => (components) => service` factory; `start` opens the
 * node and the stores, builds the services and starts them in order from one list, `stop` stops
 * them in reverse. A start that fails stops whatever had started before the error propagates.
 */
import { EventEmitter } from 'node:events'
import { defaultLogger } from '@libp2p/logger'
import type { ComponentLogger, Logger } from '@libp2p/interface'
import { protocolIds } from '../protocols/ids.js'
import { createNode, type CyxwizNode } from '../src/network/node.js'
import { loadOrCreateKey } from '../src/network/identity.js'
import { bootstrapKeeper, parseBootstrapAddr } from '../src/network/bootstrap-keeper.js'
import { gossipAdapter } from '../src/network/gossip-validation.js'
import { hardwareSampler, type RawHardware } from '../src/metrics/hardware.js'
import { createMetrics, type CyxwizMetrics } from '../src/metrics/registry.js'
import type { PeerRefusedError } from '../src/errors.js'
import { IpfsStore } from '../src/storage/ipfs.js'
import { defaultContentSources, type ContentSourcesInit } from '../src/storage/content-sources.js'
import { LevelStore } from '../src/storage/level-store.js'
import { detectOffer, type OfferOptions } from './offer.js'
import { publisher } from './publisher.js'
import { coordinatorLink, type CoordinatorLink } from './coordinator-link.js'
import { bidding, type Bidding } from './bidding.js'
import { activeJobs, type ActiveJobs } from './active-jobs.js'
import { cancelListener } from './cancel-listener.js'
import { reportDelivery, type ReportDelivery } from './report-delivery.js'
import { jobRunner, type JobRunner, type JobRunnerInit } from './job-runner.js'
import { Outbox } from './outbox.js'
import { JobJournal } from './job-journal.js'
import { ServiceList } from '../src/service-list.js'
import type { HttpAddress } from '../src/http/address.js'
import type { HttpServer } from '../src/http/server.js'
import { observedReports, observeRunner } from './http/peer-metrics.js'
import { peerHttp } from './http/peer-http.js'

export interface PeerOptions extends OfferOptions {
  dataDir: string
  bootstrap: string[]
  listen: string[]
  network: string
  /** heartbeat period (default 10 s) */
  heartbeatInterval: number
  /** hardware sampling period (default 5 s) */
  metricsInterval: number
  /** availability re-publish period without a change */
  availabilityInterval: number
  /** sensor reader; the default reads the machine */
  readHardware?: () => Promise<RawHardware>
  /** jobs paying less than this (base units) are declined */
  minPayment: bigint
  /** how jobs are run: progress cadence, dataset limits, a forced backend */
  runner: Partial<JobRunnerInit>
  /** the retry schedule's first delay for reports, ms (1 s, then 2, 4, 8, 16) */
  retryBase: number
  /** how often the outbox is offered to the coordinator besides on its beacon, ms */
  outboxInterval: number
  /** /metrics and /api/status; absent: no HTTP server */
  http?: HttpAddress
  /** the operator's token for HTTP (required off loopback) */
  httpToken?: string
  /** `http` is a default: a taken port falls back to any free one */
  httpFallback?: boolean
  /** trustless gateways and IPFS peers datasets are also fetched from (content-sources.ts); none by default */
  contentSources: ContentSourcesInit
}

export const defaultPeerOptions: Omit<PeerOptions, 'dataDir' | 'bootstrap'> = {
  listen: ['/ip4/0.0.0.0/tcp/0'],
  network: 'cyxwiz',
  heartbeatInterval: 10_000,
  metricsInterval: 5_000,
  // 60 s: offers rarely change; this bounds how long a coordinator that missed one stays without it
  availabilityInterval: 60_000,
  // 10 base units (0.00001 CYXWIZ) per compute unit: a placeholder until operators set their own
  price: '10',
  location: '',
  walletAddress: '',
  maxQueueLength: 1,
  // take any paying job; operators raise it to skip work not worth their machine's time
  minPayment: 0n,
  runner: {},
  retryBase: 1000,
  // reports wait at most this long after the coordinator is back even if its beacon is missed
  outboxInterval: 10_000,
  // off: a job's dataset comes from the coordinator that pinned it unless the operator names a source
  contentSources: defaultContentSources
  // no `http`: a daemon embedded in a test serves nothing; the CLI turns it on
}

export interface PeerDaemonEvents {
  refused: [PeerRefusedError]
}

/** the parts of a running daemon that its callers listen to */
interface PeerParts {
  node: CyxwizNode
  metrics: CyxwizMetrics
  link: CoordinatorLink
  bidding: Bidding
  jobs: ActiveJobs
  reports: ReportDelivery
  runner: JobRunner
  http?: HttpServer
}

export class PeerDaemon extends EventEmitter<PeerDaemonEvents> {
  readonly node: CyxwizNode
  readonly metrics: CyxwizMetrics
  readonly link: CoordinatorLink
  /** answers offers of work: 'declined' */
  readonly bidding: Bidding
  /** the jobs held: 'accepted' */
  readonly jobs: ActiveJobs
  /** report delivery: 'retry', 'queued', 'flushed' */
  readonly reports: ReportDelivery
  /** 'started', 'epoch', 'completed', 'failed', 'stopped' */
  readonly runner: JobRunner
  /** the /metrics server, when `http` was given */
  readonly http?: HttpServer
  private readonly services: ServiceList
  private readonly log: Logger

  private constructor (parts: PeerParts, services: ServiceList, log: Logger) {
    super()
    this.node = parts.node
    this.metrics = parts.metrics
    this.link = parts.link
    this.bidding = parts.bidding
    this.jobs = parts.jobs
    this.reports = parts.reports
    this.runner = parts.runner
    if (parts.http != null) this.http = parts.http
    this.services = services
    this.log = log
    parts.link.on('refused', err => this.emit('refused', err))
  }

  static async start (options: Partial<PeerOptions> & Pick<PeerOptions, 'dataDir' | 'bootstrap'>, logger: ComponentLogger = defaultLogger()): Promise<PeerDaemon> {
    const o: PeerOptions = { ...defaultPeerOptions, ...options }
    const coordinators = o.bootstrap.map(a => parseBootstrapAddr(a).peer.toString()) // validates before anything starts
    const ids = protocolIds(o.network)
    const log = logger.forComponent('cyxwiz:peer')
    const metrics = createMetrics('peer')
    const services = new ServiceList(log)
    try {
      const privateKey = await loadOrCreateKey(o.dataDir)
      // libp2p's and the process's metrics only where /metrics serves them (tests run many daemons in one process)
      const node = await createNode({ network: o.network, privateKey, listen: o.listen, ...(o.http != null ? { metricsRegistry: metrics.registry } : {}) })
      services.opened('libp2p node', async () => { await node.stop() })
      // reports that could not be delivered, and the jobs held, wait here on disk across restarts
      const store = await LevelStore.open(o.dataDir)
      services.opened('level store', async () => { await store.close() })
      // datasets in, checkpoints and trained models out, on the same node and connections
      const ipfs = await IpfsStore.open(o.dataDir, node, { sources: o.contentSources })
      services.opened('ipfs', async () => { await ipfs.stop() })
      const baseOffer = await detectOffer(o)
      const offer = (): typeof baseOffer => baseOffer

      const sampler = hardwareSampler({ interval: o.metricsInterval, ...(o.readHardware != null ? { read: o.readHardware } : {}) })({ logger })
      const keeper = bootstrapKeeper({ bootstrap: o.bootstrap })({ node, logger })
      const link = coordinatorLink({
        keepaliveProtocol: ids.protocols.keepalive,
        beacon: { topic: ids.topics.beacon, maxAgeMs: 3 * o.heartbeatInterval, maxFutureMs: 30_000 },
        interval: o.heartbeatInterval,
        missedForLost: 3
      })({ node, keeper, gossip: gossipAdapter()({ pubsub: node.services.pubsub, metrics, logger }), logger })
      const announcer = publisher({
        topics: ids.topics,
        heartbeatInterval: o.heartbeatInterval,
        availabilityInterval: o.availabilityInterval,
        offer: async () => baseOffer
      })({ peerId: node.peerId, pubsub: node.services.pubsub, sampler, logger })
      const jobs = activeJobs()({ publisher: announcer, offer, journal: new JobJournal(store), logger })
      const reports = reportDelivery({ protocol: ids.protocols.jobReport, retryBase: o.retryBase, flushInterval: o.outboxInterval })(
        { node, jobs, outbox: new Outbox(store), link, logger })
      const runner = jobRunner(o.runner)({ jobs, reports: observedReports(reports, jobs, metrics), ipfs, privateKey, logger })
      observeRunner(runner, jobs, metrics)
      const http = o.http != null
        ? peerHttp({ address: o.http, fallbackToAnyPort: o.httpFallback ?? false, ...(o.httpToken != null ? { token: o.httpToken } : {}) }, { peerId: node.peerId, registry: metrics.registry, jobs, logger })
        : undefined
      const cancels = cancelListener({ protocol: ids.protocols.jobCancel, coordinators })({ node, jobs, logger })
      const bids = bidding({ protocol: ids.protocols.assignment, coordinators, minPayment: o.minPayment })({ node, jobs, offer, logger })

      const daemon = new PeerDaemon({ node, metrics, link, bidding: bids, jobs, reports, runner, ...(http != null ? { http } : {}) }, services, log)
      // in start order; stopped in reverse: the goodbye heartbeat goes out while still connected,
      // no offer is taken once the jobs stop, the runner ends before the stores close
      await services.start([
        { name: 'report delivery', service: reports },
        { name: 'job runner', service: runner },
        // jobs held before a crash or a stop: resumed from this peer's last checkpoint of each
        { name: 'active jobs', service: jobs },
        { name: 'cancel listener', service: cancels },
        { name: 'bidding', service: bids },
        { name: 'hardware sampler', service: sampler },
        { name: 'coordinator link', service: link },
        { name: 'bootstrap keeper', service: keeper },
        { name: 'publisher', service: announcer },
        ...(http != null ? [{ name: 'http', service: http }] : [])
      ])
      log('peer %p up on %s', node.peerId, node.getMultiaddrs().map(String).join(', '))
      return daemon
    } catch (err) {
      // whatever opened or started before the failure stops, so a retry finds the data dir free
      await services.stop()
      throw err
    }
  }

  async stop (): Promise<void> {
    await this.services.stop()
    this.log('stopped')
  }
}
