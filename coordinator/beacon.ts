/**
 * The coordinator's beacon: "I am alive, beat every N ms, and I accept versions ≥ V", published on the
 * beacon topic every heartbeat interval. Peers treat three missing beacons as a lost coordinator.
 */
import type { ComponentLogger, Logger, PeerId, Startable } from '@libp2p/interface'
import type { GossipSub } from '@libp2p/gossipsub'
import { Beacon } from '../protocols/beacon.js'
import { seqnoSource } from '../src/network/seqno-tracker.js'

export interface BeaconInit {
  topic: string
  interval: number
  minPeerVersion: string
  /** how many nodes are online, for the beacon's information field */
  onlineNodes: () => number
}

export interface BeaconComponents {
  peerId: PeerId
  pubsub: Pick<GossipSub, 'publish'>
  logger: ComponentLogger
}

export class BeaconPublisher implements Startable {
  private readonly init: BeaconInit
  private readonly components: BeaconComponents
  private readonly log: Logger
  private readonly seqno = seqnoSource()
  private timer?: NodeJS.Timeout

  constructor (init: BeaconInit, components: BeaconComponents) {
    this.init = init
    this.components = components
    this.log = components.logger.forComponent('cyxwiz:coordinator:beacon')
  }

  async start (): Promise<void> {
    this.timer = setInterval(() => { this.publish() }, this.init.interval)
    this.timer.unref()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
  }

  publish (): void {
    const beacon: Beacon = {
      coordinatorId: this.components.peerId.toString(),
      seqno: this.seqno(),
      timestampMs: BigInt(Date.now()),
      heartbeatIntervalMs: BigInt(this.init.interval),
      minPeerVersion: this.init.minPeerVersion,
      onlineNodes: this.init.onlineNodes()
    }
    this.components.pubsub.publish(this.init.topic, Beacon.encode(beacon))
      .catch((err: unknown) => { this.log('beacon not published: %e', err) })
  }
}

/** the beacon publisher, built from its options and then its components */
export function beaconPublisher (init: BeaconInit): (components: BeaconComponents) => BeaconPublisher {
  return (components) => new BeaconPublisher(init, components)
}
