/**
 * The peer daemon: a libp2p node that stays connected to its coordinator, samples hardware,
 * publishes heartbeats and its offer, and listens for the coordinator's beacon and keepalive.
 */
import { EventEmitter } from 'node:events'
import { defaultLogger } from '@libp2p/logger'
import type { ComponentLogger, Logger } from '@libp2p/interface'
import { protocolIds } from '../protocols/ids.js'
import { createNode, type CyxwizNode } from '../src/network/node.js'
import { loadOrCreateKey } from '../src/network/identity.js'
import { bootstrapKeeper, parseBootstrapAddr, type BootstrapKeeper } from '../src/network/bootstrap-keeper.js'
import { gossipAdapter, type GossipAdapter } from '../src/network/gossip-validation.js'
import { beaconTopic } from '../src/network/validators.js'
import { SeqnoTracker } from '../src/network/seqno-tracker.js'
import { hardwareSampler, type HardwareSampler, type RawHardware } from '../src/metrics/hardware.js'
import { createMetrics, type CyxwizMetrics } from '../src/metrics/registry.js'
import type { PeerRefusedError } from '../src/errors.js'
import { detectOffer, type OfferOptions } from './offer.js'
import { Publisher } from './publisher.js'
import { CoordinatorLink } from './coordinator-link.js'
import { AssignmentHandler } from './assignment-handler.js'
import { JobRunner, defaultJobRunnerInit, type JobRunnerInit } from './job-runner.js'
import { IpfsStore } from '../src/storage/ipfs.js'
import { LevelStore } from '../src/storage/level-store.js'
import { Outbox } from './outbox.js'
import { JobJournal } from './job-journal.js'

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
  outboxInterval: 10_000
}

export interface PeerDaemonEvents {
  refused: [PeerRefusedError]
}

export class PeerDaemon extends EventEmitter<PeerDaemonEvents> {
  readonly node: CyxwizNode
  readonly metrics: CyxwizMetrics
  readonly link: CoordinatorLink
  readonly assignments: AssignmentHandler
  readonly runner: JobRunner
  private readonly services: Array<{ stop(): void | Promise<void> }>
  private readonly adapter: GossipAdapter
  private readonly log: Logger

  private constructor (node: CyxwizNode, metrics: CyxwizMetrics, link: CoordinatorLink, adapter: GossipAdapter, services: Array<{ stop(): void | Promise<void> }>, log: Logger, assignments: AssignmentHandler, runner: JobRunner) {
    super()
    this.assignments = assignments
    this.runner = runner
    this.node = node
    this.metrics = metrics
    this.link = link
    this.adapter = adapter
    this.services = services
    this.log = log
    link.on('refused', err => this.emit('refused', err))
  }

  static async start (options: Partial<PeerOptions> & Pick<PeerOptions, 'dataDir' | 'bootstrap'>, logger: ComponentLogger = defaultLogger()): Promise<PeerDaemon> {
    const o: PeerOptions = { ...defaultPeerOptions, ...options }
    const coordinators = o.bootstrap.map(a => parseBootstrapAddr(a).peer.toString()) // validates before anything starts
    const ids = protocolIds(o.network)
    const log = logger.forComponent('cyxwiz:peer')
    const metrics = createMetrics('peer')
    const privateKey = await loadOrCreateKey(o.dataDir)
    const node = await createNode({ network: o.network, privateKey, listen: o.listen })
    const sampler: HardwareSampler = hardwareSampler({
      interval: o.metricsInterval, ...(o.readHardware != null ? { read: o.readHardware } : {})
    })({ logger })
    const keeper: BootstrapKeeper = bootstrapKeeper({ bootstrap: o.bootstrap })({ node, logger })
    const link = new CoordinatorLink({ keepaliveProtocol: ids.protocols.keepalive, interval: o.heartbeatInterval, missedForLost: 3 },
      { node, keeper, logger })
    const adapter = gossipAdapter()({ pubsub: node.services.pubsub, metrics, logger })
    adapter.register(beaconTopic(ids.topics.beacon, coordinators,
      { maxAgeMs: 3 * o.heartbeatInterval, maxFutureMs: 30_000 }, new SeqnoTracker(), (b) => { link.onBeacon(b) }))
    const baseOffer = await detectOffer(o)
    const publisher = new Publisher({
      topics: ids.topics,
      heartbeatInterval: o.heartbeatInterval,
      availabilityInterval: o.availabilityInterval,
      offer: async () => baseOffer
    }, { peerId: node.peerId, pubsub: node.services.pubsub, sampler, logger })
    // reports that could not be delivered wait here, on disk, for the coordinator to come back
    const store = await LevelStore.open(o.dataDir)
    const outbox = new Outbox(store)
    const journal = new JobJournal(store)
    const assignments = new AssignmentHandler({
      protocols: { assignment: ids.protocols.assignment, jobReport: ids.protocols.jobReport }, coordinators, minPayment: o.minPayment, retryBase: o.retryBase
    }, { node, publisher, offer: () => baseOffer, logger, outbox, journal })
    link.on('alive', () => { void assignments.flush() })
    const flusher = setInterval(() => { void assignments.flush() }, o.outboxInterval)
    flusher.unref()
    // datasets in, checkpoints and trained models out, on the same node and connections
    const ipfs = await IpfsStore.open(o.dataDir, node)
    const runner = new JobRunner({ ...defaultJobRunnerInit, ...o.runner }, { assignments, ipfs, privateKey, logger, journal })
    await assignments.start()
    // jobs held before a crash or a stop: resumed from this peer's last checkpoint of each
    const resumed = await assignments.restore()
    if (resumed > 0) log('resuming %d job(s) held before the restart', resumed)
    await sampler.start()
    await link.start()
    await keeper.start()
    await publisher.start()
    log('peer %p up on %s', node.peerId, node.getMultiaddrs().map(String).join(', '))
    // stopped in reverse: say goodbye while still connected, then disconnect
    return new PeerDaemon(node, metrics, link, adapter, [runner, { stop: () => { clearInterval(flusher) } }, publisher, keeper, link, sampler, ipfs, { stop: async () => { await store.close() } }], log, assignments, runner)
  }

  async stop (): Promise<void> {
    for (const s of this.services) await Promise.resolve(s.stop()).catch((err: unknown) => { this.log.error('stop failed: %e', err) })
    this.adapter.stop()
    await this.node.stop()
    this.log('stopped')
  }
}
