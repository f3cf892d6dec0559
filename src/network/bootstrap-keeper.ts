/**
 * Keeps this node connected to its bootstrap nodes. @libp2p/bootstrap dials once and never again
 * , so a peer that starts before its coordinator, or loses it, would stay isolated:
 * this service re-dials each bootstrap address with exponential backoff until connected, and again
 * whenever the connection drops.
 */
import pRetry from 'p-retry'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import type { ComponentLogger, Libp2p, Logger, PeerId, Startable } from '@libp2p/interface'
import { peerIdFromString } from '@libp2p/peer-id'
import { InvalidArgumentError } from '../errors.js'

export interface BootstrapKeeperInit {
  /** bootstrap multiaddrs; each must end in /p2p/<peer id> so we know whom we reached */
  bootstrap: string[]
  /** first back-off delay (ms) */
  minDelay: number
  /** back-off ceiling (ms) */
  maxDelay: number
}

export const defaultBootstrapKeeperInit: Omit<BootstrapKeeperInit, 'bootstrap'> = {
  // 500 ms: a coordinator that restarts is usually back within a second on the same machine
  minDelay: 500,
  // 30 s: a peer left alone for hours still retries twice a minute without flooding anyone
  maxDelay: 30_000
}

export interface BootstrapKeeperComponents {
  node: Pick<Libp2p, 'dial' | 'getConnections' | 'addEventListener' | 'removeEventListener'>
  logger: ComponentLogger
}

export interface BootstrapKeeper extends Startable {
  /** peer ids of the bootstrap nodes */
  readonly peers: PeerId[]
  /** true when at least one bootstrap node is connected */
  isConnected(): boolean
  /** wakes the re-dial loop of a bootstrap peer now (e.g. when its beacon went silent) */
  redial(peer: PeerId): void
}

/** Parses a bootstrap multiaddr and its peer id, with a clear error for the CLI. */
export function parseBootstrapAddr (addr: string): { ma: Multiaddr, peer: PeerId } {
  let ma: Multiaddr
  try {
    ma = multiaddr(addr)
  } catch (err) {
    throw new InvalidArgumentError(`"${addr}" is not a multiaddr: ${(err as Error).message}`, 'ERR_INVALID_MULTIADDR')
  }
  const id = ma.getComponents().findLast(c => c.name === 'p2p')?.value
  if (id == null) {
    throw new InvalidArgumentError(`bootstrap address "${addr}" must end in /p2p/<peer id> (see <data-dir>/multiaddrs of the coordinator)`, 'ERR_INVALID_MULTIADDR')
  }
  return { ma, peer: peerIdFromString(id) }
}

class DefaultBootstrapKeeper implements BootstrapKeeper {
  readonly peers: PeerId[]
  private readonly targets: Array<{ ma: Multiaddr, peer: PeerId }>
  private readonly init: BootstrapKeeperInit
  private readonly components: BootstrapKeeperComponents
  private readonly log: Logger
  private readonly running = new Map<string, AbortController>()
  private started = false

  constructor (init: BootstrapKeeperInit, components: BootstrapKeeperComponents) {
    this.init = init
    this.components = components
    this.log = components.logger.forComponent('cyxwiz:network:bootstrap')
    this.targets = init.bootstrap.map(parseBootstrapAddr)
    this.peers = this.targets.map(t => t.peer)
  }

  private readonly onDisconnect = (evt: CustomEvent<PeerId>): void => {
    const target = this.targets.find(t => t.peer.equals(evt.detail))
    if (target != null && this.started) {
      this.log('lost bootstrap peer %p, re-dialling', target.peer)
      this.keepDialling(target)
    }
  }

  async start (): Promise<void> {
    this.started = true
    this.components.node.addEventListener('peer:disconnect', this.onDisconnect)
    for (const t of this.targets) this.keepDialling(t)
  }

  async stop (): Promise<void> {
    this.started = false
    this.components.node.removeEventListener('peer:disconnect', this.onDisconnect)
    for (const c of this.running.values()) c.abort()
    this.running.clear()
  }

  isConnected (): boolean {
    return this.peers.some(p => this.components.node.getConnections(p).length > 0)
  }

  redial (peer: PeerId): void {
    const target = this.targets.find(t => t.peer.equals(peer))
    if (target == null || !this.started) return
    this.running.get(peer.toString())?.abort()
    this.running.delete(peer.toString())
    this.keepDialling(target)
  }

  private keepDialling (target: { ma: Multiaddr, peer: PeerId }): void {
    const key = target.peer.toString()
    if (this.running.has(key)) return
    const controller = new AbortController()
    this.running.set(key, controller)
    pRetry(async (attempt) => {
      if (attempt > 1) this.log('dialling bootstrap %a (attempt %d)', target.ma, attempt)
      await this.components.node.dial(target.ma, { signal: AbortSignal.any([controller.signal, AbortSignal.timeout(10_000)]) })
    }, {
      retries: Infinity,
      factor: 2,
      minTimeout: this.init.minDelay,
      maxTimeout: this.init.maxDelay,
      randomize: true,
      signal: controller.signal
    }).then(() => {
      this.log('connected to bootstrap peer %p', target.peer)
    }, (err: unknown) => {
      if (!controller.signal.aborted) this.log.error('gave up dialling %a: %e', target.ma, err)
    }).finally(() => {
      if (this.running.get(key) === controller) this.running.delete(key)
    })
  }
}

/** `(init) => (components) => service`, as every CyxWiz service. */
export function bootstrapKeeper (init: Partial<BootstrapKeeperInit> & Pick<BootstrapKeeperInit, 'bootstrap'>): (components: BootstrapKeeperComponents) => BootstrapKeeper {
  return (components) => new DefaultBootstrapKeeper({ ...defaultBootstrapKeeperInit, ...init }, components)
}
