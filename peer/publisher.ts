/**
 * Publishes this peer's heartbeat every interval and its availability on change, on a slow timer,
 * and whenever a coordinator (re)subscribes — gossip sent before anyone listens is lost, so a
 * coordinator that restarts gets a fresh offer the moment it is back.
 */
import os from 'node:os'
import type { ComponentLogger, Logger, PeerId, Startable } from '@libp2p/interface'
import type { GossipSub } from '@libp2p/gossipsub'
import { Heartbeat, WorkStatus } from '../protocols/heartbeat.js'
import { Availability } from '../protocols/availability.js'
import { seqnoSource } from '../src/network/seqno-tracker.js'
import type { HardwareSampler } from '../src/metrics/hardware.js'
import { SOFTWARE_VERSION } from '../src/version.js'
import { sameOffer, type Offer } from './offer.js'

export interface PublisherInit {
  topics: { heartbeat: string, availability: string }
  /** heartbeat period, ms (default 10 s) */
  heartbeatInterval: number
  /** availability re-publish period even without a change, ms */
  availabilityInterval: number
  /** re-reads the offer (price, backends, memory can change while running) */
  offer: () => Promise<Offer>
}

export interface PublisherComponents {
  peerId: PeerId
  pubsub: Pick<GossipSub, 'publish' | 'addEventListener' | 'removeEventListener'>
  sampler: Pick<HardwareSampler, 'latest'>
  logger: ComponentLogger
}

export class Publisher implements Startable {
  private readonly init: PublisherInit
  private readonly c: PublisherComponents
  private readonly log: Logger
  private readonly hbSeqno = seqnoSource()
  private readonly avSeqno = seqnoSource()
  private readonly timers: NodeJS.Timeout[] = []
  private lastOffer?: Offer
  /** heartbeats that still carry a copy of the offer after a coordinator (re)subscribed */
  private offerEchoes = 0
  status: WorkStatus = WorkStatus.IDLE
  queueLength = 0

  constructor (init: PublisherInit, components: PublisherComponents) {
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:peer:publisher')
  }

  private readonly onSubscriptionChange = (evt: CustomEvent<{ subscriptions: Array<{ topic: string, subscribe: boolean }> }>): void => {
    if (evt.detail.subscriptions.some(s => s.subscribe && s.topic === this.init.topics.heartbeat)) {
      // a message sent in the instant a subscription arrives can beat our outbound gossip stream and
      // be dropped, so the offer also rides along the next few heartbeats
      this.offerEchoes = 3
      void this.availability(true).then(async () => { await this.heartbeat() })
    }
  }

  async start (): Promise<void> {
    this.c.pubsub.addEventListener('subscription-change', this.onSubscriptionChange)
    this.timers.push(setInterval(() => { void this.tick() }, this.init.heartbeatInterval))
    // the offer is re-read each heartbeat so a change goes out within one interval
    this.timers.push(setInterval(() => { void this.availability(false) }, this.init.heartbeatInterval))
    this.timers.push(setInterval(() => { void this.availability(true) }, this.init.availabilityInterval))
    for (const t of this.timers) t.unref()
    await this.availability(true)
    await this.heartbeat()
  }

  /** Stops the timers and says goodbye, so the coordinator marks us offline at once. */
  async stop (): Promise<void> {
    this.c.pubsub.removeEventListener('subscription-change', this.onSubscriptionChange)
    for (const t of this.timers) clearInterval(t)
    this.status = WorkStatus.LEAVING
    await this.heartbeat()
  }

  private async tick (): Promise<void> {
    if (this.offerEchoes > 0) {
      this.offerEchoes--
      await this.availability(true)
    }
    await this.heartbeat()
  }

  async heartbeat (): Promise<void> {
    const hb: Heartbeat = {
      nodeId: this.c.peerId.toString(),
      status: this.status,
      seqno: this.hbSeqno(),
      timestampMs: BigInt(Date.now()),
      queueLength: this.queueLength,
      availableMemoryBytes: BigInt(os.freemem()),
      metrics: this.c.sampler.latest(),
      softwareVersion: SOFTWARE_VERSION
    }
    await this.send(this.init.topics.heartbeat, Heartbeat.encode(hb))
  }

  async availability (force: boolean): Promise<void> {
    let offer: Offer
    try {
      offer = await this.init.offer()
    } catch (err) {
      this.log.error('cannot read the offer: %e', err)
      return
    }
    if (!force && this.lastOffer != null && sameOffer(offer, this.lastOffer)) return
    this.lastOffer = offer
    const a: Availability = { ...offer, nodeId: this.c.peerId.toString(), seqno: this.avSeqno(), timestampMs: BigInt(Date.now()) }
    await this.send(this.init.topics.availability, Availability.encode(a))
  }

  private async send (topic: string, data: Uint8Array): Promise<void> {
    try {
      await this.c.pubsub.publish(topic, data)
    } catch (err) {
      this.log('publish on %s failed: %e', topic, err)
    }
  }
}

/** `(init) => (components) => service`, as every CyxWiz service */
export function publisher (init: PublisherInit): (components: PublisherComponents) => Publisher {
  return (components) => new Publisher(init, components)
}
