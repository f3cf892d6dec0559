/**
 * The coordinator's node registry: one record per node in level (`nodes` sublevel, NodeInfo
 * protobuf), holding last_seen, liveness, the latest accepted heartbeat — whose hardware snapshot is
 * the "metrics buffer" — and the latest offer. Reads go through a 30 s TTL cache (a
 * node:{id}:info). Updates per node are serialised and written before anything is announced, so a
 * kill -9 at any moment leaves the last completed write on disk.
 *
 * The registry is bounded: an offline record whose last sign of life is older than `retention` is
 * deleted by the sweep, and a new node beyond `maxNodes` records takes the place of the offline
 * record silent longest — or is refused (ERR_REGISTRY_FULL) when every record is online or stale.
 * A deleted node starts over with a new record at its next heartbeat; its reputation is kept apart.
 */
import { EventEmitter } from 'node:events'
import { LRUCache } from 'lru-cache'
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface'
import { Liveness, NodeInfo } from '../../protocols/nodes.js'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { Availability } from '../../protocols/availability.js'
import type { BinarySublevel, LevelStore } from '../../src/storage/level-store.js'
import type { CyxwizMetrics } from '../../src/metrics/registry.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import { CyxwizError } from '../../src/errors.js'
import { defaultLivenessOptions, defaultNodeRegistryInit, livenessOf, type NodeRegistryInit } from './registry-options.js'
import { WriteBatch } from './write-batch.js'

export { defaultNodeRegistryInit, type NodeRegistryInit }

export interface NodeRegistryComponents {
  store: LevelStore
  metrics: Pick<CyxwizMetrics, 'registryWrites' | 'nodesByStatus'>
  logger: ComponentLogger
}

export interface StatusChange {
  nodeId: string
  from?: Liveness
  to: Liveness
}

export interface NodeRegistryEvents {
  status: [StatusChange]
  /** an accepted offer, once it is written */
  offer: [Availability]
  /** a record deleted (expired or evicted); it was offline */
  removed: [string]
}

/** what the sweeper needs in memory per node: a few numbers, not the record */
interface IndexEntry { firstSeenMs: number, lastSeenMs: number, status: Liveness, leaving: boolean }

/** the last sign of life of a node: its last heartbeat, or when it was first heard of */
function lastLife (e: IndexEntry): number {
  return Math.max(e.firstSeenMs, e.lastSeenMs)
}

export class NodeRegistry extends EventEmitter<NodeRegistryEvents> implements Startable {
  private readonly init: NodeRegistryInit
  private readonly db: BinarySublevel
  private readonly metrics: NodeRegistryComponents['metrics']
  private readonly log: Logger
  private readonly cache: LRUCache<string, NodeInfo>
  private readonly index = new Map<string, IndexEntry>()
  private readonly mutex = new KeyedMutex()
  private readonly writes: WriteBatch
  /** new nodes whose first record is being written: they hold a place under the cap */
  private arriving = 0
  private timer?: NodeJS.Timeout

  constructor (init: NodeRegistryInit, components: NodeRegistryComponents) {
    super()
    this.init = init
    this.db = components.store.binary('nodes')
    this.writes = new WriteBatch(this.db, init.maxBatch)
    this.metrics = components.metrics
    this.log = components.logger.forComponent('cyxwiz:coordinator:registry')
    this.cache = new LRUCache<string, NodeInfo>({ max: init.cacheMax, ttl: init.cacheTtl })
  }

  /** Loads the index from disk and starts the sweeper. Yields every stored record once (to seed seqnos). */
  async start (onLoad?: (info: NodeInfo) => void): Promise<void> {
    for await (const [nodeId, bytes] of this.db.iterator()) {
      let info: NodeInfo
      try {
        info = NodeInfo.decode(bytes)
      } catch (err) {
        this.log.error('skipping undecodable record %s: %e', nodeId, err)
        continue
      }
      this.index.set(nodeId, { firstSeenMs: Number(info.firstSeenMs), lastSeenMs: Number(info.lastSeenMs), status: info.status, leaving: isLeaving(info) })
      onLoad?.(info)
    }
    this.log('loaded %d nodes', this.index.size)
    await this.sweep()
    this.timer = setInterval(() => { void this.sweep() }, this.init.sweepInterval)
    this.timer.unref()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
  }

  /** Records an accepted heartbeat (raw: its bytes as received). */
  async recordHeartbeat (hb: Heartbeat, raw: Uint8Array, now = Date.now()): Promise<void> {
    await this.update(hb.nodeId, 'heartbeat', now, info => {
      info.heartbeat = Uint8Array.from(raw)
      info.lastSeenMs = BigInt(now)
    }, hb.status === WorkStatus.LEAVING)
  }

  /** Records an accepted offer. An offer alone does not make a node online: only heartbeats do. */
  async recordAvailability (a: Availability, raw: Uint8Array, now = Date.now()): Promise<void> {
    await this.update(a.nodeId, 'availability', now, info => {
      info.availability = Uint8Array.from(raw)
    }, undefined, () => { this.emit('offer', a) })
  }

  /** a node's liveness from the in-memory index; undefined when it has no record */
  status (nodeId: string): Liveness | undefined {
    return this.index.get(nodeId)?.status
  }

  /** One node, through the cache. */
  async get (nodeId: string): Promise<NodeInfo | undefined> {
    const info = await this.record(nodeId)
    return info == null ? undefined : this.withLiveStatus(info)
  }

  /** the stored record through the cache, its status as last written (callers must not change it) */
  private async record (nodeId: string): Promise<NodeInfo | undefined> {
    const cached = this.cache.get(nodeId)
    if (cached != null) return cached
    const bytes = await this.db.get(nodeId)
    if (bytes == null) return undefined
    const info = NodeInfo.decode(bytes)
    this.cache.set(nodeId, info)
    return info
  }

  /** Every node, optionally filtered by status. */
  async list (status?: Liveness): Promise<NodeInfo[]> {
    const out: NodeInfo[] = []
    for (const nodeId of [...this.index.keys()].sort()) {
      const info = await this.get(nodeId)
      if (info != null && (status == null || info.status === status)) out.push(info)
    }
    return out
  }

  /**
   * One page of nodes in id order: those after `after`, filtered by status, at most `limit`, and
   * the cursor of the next page ('' on the last). Keys are read in order from disk, statuses from
   * memory; records only for the nodes returned.
   */
  async page (o: { status?: Liveness, after?: string, limit: number }): Promise<{ nodes: NodeInfo[], next: string }> {
    const nodes: NodeInfo[] = []
    const range = o.after != null && o.after !== '' ? { gt: o.after } : {}
    for await (const nodeId of this.db.keys(range)) {
      const e = this.index.get(nodeId)
      if (e == null || (o.status != null && e.status !== o.status)) continue
      if (nodes.length === o.limit) return { nodes, next: nodes[nodes.length - 1]?.nodeId ?? '' }
      const info = await this.get(nodeId)
      if (info != null) nodes.push(info)
    }
    return { nodes, next: '' }
  }

  /** how many records the registry holds */
  get size (): number {
    return this.index.size
  }

  /**
   * Whether a message from `nodeId` can be stored: it has a record, or there is room for one, or an
   * offline record can make room. The scan runs only when the registry is full.
   */
  hasRoomFor (nodeId: string): boolean {
    if (this.index.has(nodeId) || this.index.size < this.init.maxNodes) return true
    for (const e of this.index.values()) if (e.status === Liveness.OFFLINE) return true
    return false
  }

  /** status counts, from the in-memory index */
  counts (): Record<Liveness, number> {
    const c = { [Liveness.ONLINE]: 0, [Liveness.STALE]: 0, [Liveness.OFFLINE]: 0 }
    for (const e of this.index.values()) c[e.status]++
    return c
  }

  private withLiveStatus (info: NodeInfo): NodeInfo {
    const e = this.index.get(info.nodeId)
    return e == null ? info : { ...info, status: e.status }
  }

  /** `announce` runs once the write is done, still under the node's lock: announcements keep their order */
  private async update (nodeId: string, kind: string, now: number, change: (info: NodeInfo) => void, leaving?: boolean, announce?: () => void): Promise<void> {
    await this.mutex.run(nodeId, async () => {
      const current = await this.record(nodeId)
      if (current == null) await this.makeRoom(nodeId)
      try {
        await this.write(nodeId, kind, now, current, change, leaving)
      } finally {
        if (current == null) this.arriving--
      }
      announce?.()
    })
  }

  /** the record changed by `change`, written, then the index and the cache; a liveness change announced */
  private async write (nodeId: string, kind: string, now: number, current: NodeInfo | undefined, change: (info: NodeInfo) => void, leaving?: boolean): Promise<void> {
    const from = current == null ? undefined : this.index.get(nodeId)?.status ?? current.status
    // a copy: the cached record changes only once the write has succeeded
    const info: NodeInfo = current != null ? { ...current } : {
      nodeId, status: Liveness.OFFLINE, firstSeenMs: BigInt(now), lastSeenMs: 0n, heartbeat: new Uint8Array(), availability: new Uint8Array()
    }
    change(info)
    const entry: IndexEntry = {
      firstSeenMs: Number(info.firstSeenMs),
      lastSeenMs: Number(info.lastSeenMs),
      status: info.status,
      leaving: leaving ?? this.index.get(nodeId)?.leaving ?? false
    }
    const to = info.lastSeenMs === 0n ? Liveness.OFFLINE : livenessOf(entry.lastSeenMs, now, entry.leaving, this.init)
    info.status = to
    entry.status = to
    await this.writes.put(nodeId, NodeInfo.encode(info))
    this.cache.set(nodeId, info)
    this.index.set(nodeId, entry)
    this.metrics.registryWrites.inc({ kind })
    if (from !== to) this.emit('status', { nodeId, from, to })
  }

  /**
   * Deletes the offline record silent longest so `newcomer` fits; ERR_REGISTRY_FULL when every
   * record is online or stale (with maxNodes above the connection cap, only a misconfiguration).
   */
  private async makeRoom (newcomer: string): Promise<void> {
    // a loop: two newcomers at once may pick the same record, and only one of them frees it; the
    // newcomers being written count as records, and a newcomer's place is taken in the same turn
    // of the event loop as the last check, so concurrent newcomers never overshoot the cap
    while (this.index.size + this.arriving >= this.init.maxNodes) {
      let oldest: string | undefined
      let oldestLife = Infinity
      for (const [nodeId, e] of this.index) {
        if (e.status === Liveness.OFFLINE && lastLife(e) < oldestLife) {
          oldest = nodeId
          oldestLife = lastLife(e)
        }
      }
      if (oldest == null) {
        throw new CyxwizError('ERR_REGISTRY_FULL', `the registry holds ${this.index.size} nodes, none offline: ${newcomer} is not registered`)
      }
      const victim = oldest
      // another node's lock: never the newcomer's, which the caller holds
      await this.mutex.run(victim, async () => {
        if (this.index.get(victim)?.status === Liveness.OFFLINE) await this.remove(victim, 'evicted')
      })
    }
    this.arriving++
  }

  /** deletes a record from disk, then from memory */
  private async remove (nodeId: string, why: 'expired' | 'evicted'): Promise<void> {
    if (!this.index.has(nodeId)) return
    await this.db.del(nodeId)
    this.cache.delete(nodeId)
    this.index.delete(nodeId)
    this.metrics.registryWrites.inc({ kind: why })
    this.log('%s %s', why, nodeId)
    this.emit('removed', nodeId)
  }

  /**
   * Re-evaluates liveness; a change is written to disk before it is announced. Records offline at
   * the start of a sweep and past the retention are deleted: a record is always announced offline
   * (recovery acts on that) at least one sweep before it goes.
   */
  async sweep (now = Date.now()): Promise<void> {
    for (const [nodeId, e] of this.index) {
      if (e.status === Liveness.OFFLINE && now - lastLife(e) > this.init.retention) {
        await this.mutex.run(nodeId, async () => {
          const current = this.index.get(nodeId)
          // a heartbeat that got in first keeps it
          if (current?.status === Liveness.OFFLINE && now - lastLife(current) > this.init.retention) await this.remove(nodeId, 'expired')
        }).catch((err: unknown) => { this.log.error('expiry of %s failed: %e', nodeId, err) })
        continue
      }
      const to = livenessOf(e.lastSeenMs, now, e.leaving, this.init)
      if (to === e.status) continue
      await this.mutex.run(nodeId, async () => {
        const info = await this.get(nodeId)
        const current = this.index.get(nodeId)
        if (info == null || current == null) return
        const recheck = livenessOf(current.lastSeenMs, now, current.leaving, this.init)
        if (recheck === current.status) return // a heartbeat got in first
        const from = current.status
        const updated = { ...info, status: recheck }
        await this.writes.put(nodeId, NodeInfo.encode(updated))
        this.cache.set(nodeId, updated)
        current.status = recheck
        this.emit('status', { nodeId, from, to: recheck })
      }).catch((err: unknown) => { this.log.error('sweep of %s failed: %e', nodeId, err) })
    }
    const c = this.counts()
    for (const s of [Liveness.ONLINE, Liveness.STALE, Liveness.OFFLINE]) this.metrics.nodesByStatus.set({ status: s }, c[s])
  }
}

function isLeaving (info: NodeInfo): boolean {
  if (info.heartbeat.byteLength === 0) return false
  try {
    return Heartbeat.decode(info.heartbeat).status === WorkStatus.LEAVING
  } catch {
    return false
  }
}

export function nodeRegistry (init: Partial<NodeRegistryInit> = {}): (components: NodeRegistryComponents) => NodeRegistry {
  return (components) => new NodeRegistry({
    ...defaultLivenessOptions, ...defaultNodeRegistryInit, ...init
  }, components)
}
