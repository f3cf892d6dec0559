/**
 * The market price per compute unit, kept incrementally from the registry's events: the prices of
 * the online peers' latest offers, in order, updated one node at a time as offers arrive and peers
 * come and go — no event lists the registry. The price is their median weighted by verified
 * reputation: a peer weighs as many verified jobs as it has, up to the run that makes it trusted
 * (`TRUST_RUN`), so a peer with no verified job does not move the price at all and no single
 * peer outweighs ten proven ones. Fresh keys offering 0 or the maximum change nothing until each of
 * them has had work verified. Weights are read when the price is computed; a computed price is
 * reused until the offers change or `maxAgeMs` passes, so a verification counts within that.
 */
import { Liveness } from '../../protocols/nodes.js'
import { Availability } from '../../protocols/availability.js'
import type { NodeRegistry } from '../registry/node-registry.js'
import { TRUST_RUN } from './reputation.js'

interface Entry { price: bigint, nodeId: string }

function before (a: Entry, b: Entry): boolean {
  return a.price < b.price || (a.price === b.price && a.nodeId < b.nodeId)
}

export interface PriceIndexComponents {
  registry: Pick<NodeRegistry, 'on' | 'list' | 'status'>
  /** verified jobs of a peer (reputation.ts) */
  verified: (nodeId: string) => number
  /**
   * how long a computed price is reused while no offer changes, ms. 1 s (default): a walk over
   * 20,000 online offers takes ~6 ms, so estimates asked for back to back must not each pay it,
   * and a peer's new verified job moves the price within a second
   */
  maxAgeMs?: number
  /** the clock, ms (default the system clock) */
  now?: () => number
}

export class PriceIndex {
  private readonly c: PriceIndexComponents
  /** each node's latest offered price, online or not */
  private readonly offered = new Map<string, bigint>()
  /** the online nodes' prices, ascending (ties by node id) */
  private readonly sorted: Entry[] = []
  private cached?: { price: bigint, fallback: bigint, at: number }

  constructor (components: PriceIndexComponents) {
    this.c = components
  }

  /** reads the registry once, then follows its events */
  async start (): Promise<void> {
    this.c.registry.on('offer', (o) => { this.offer(o.nodeId, BigInt(o.pricePerUnit)) })
    this.c.registry.on('status', (s) => { this.liveness(s.nodeId, s.to) })
    this.c.registry.on('removed', (nodeId) => { this.remove(nodeId); this.offered.delete(nodeId) })
    for (const n of await this.c.registry.list()) {
      if (n.availability.byteLength === 0) continue
      try {
        this.offer(n.nodeId, BigInt(Availability.decode(n.availability).pricePerUnit))
      } catch {}
    }
  }

  /** a node's latest accepted offer */
  offer (nodeId: string, price: bigint): void {
    this.remove(nodeId)
    this.offered.set(nodeId, price)
    if (this.c.registry.status(nodeId) === Liveness.ONLINE) this.insert({ price, nodeId })
  }

  /** a node's new liveness: only online nodes' offers count */
  liveness (nodeId: string, status: Liveness): void {
    this.remove(nodeId)
    const price = this.offered.get(nodeId)
    if (status === Liveness.ONLINE && price != null) this.insert({ price, nodeId })
  }

  /** how many online offers the index holds (proven or not) */
  get size (): number {
    return this.sorted.length
  }

  /** the weighted median of the proven online offers; `fallback` when no proven peer offers */
  price (fallback: bigint): bigint {
    const now = (this.c.now ?? Date.now)()
    const c = this.cached
    if (c != null && c.fallback === fallback && now - c.at < (this.c.maxAgeMs ?? 1000)) return c.price
    const price = this.compute(fallback)
    this.cached = { price, fallback, at: now }
    return price
  }

  private compute (fallback: bigint): bigint {
    const weights = this.sorted.map(e => Math.min(TRUST_RUN, Math.max(0, this.c.verified(e.nodeId))))
    const total = weights.reduce((a, b) => a + b, 0)
    if (total === 0) return fallback
    // the lower weighted median: with equal weights, the middle price (the lower of the two middle ones)
    let cumulative = 0
    for (let i = 0; i < this.sorted.length; i++) {
      cumulative += weights[i] ?? 0
      if (2 * cumulative >= total) return this.sorted[i]?.price ?? fallback
    }
    return fallback
  }

  private position (e: Entry): number {
    let lo = 0
    let hi = this.sorted.length
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      const m = this.sorted[mid]
      if (m != null && before(m, e)) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  private insert (e: Entry): void {
    this.sorted.splice(this.position(e), 0, e)
    this.cached = undefined
  }

  private remove (nodeId: string): void {
    const price = this.offered.get(nodeId)
    if (price == null) return
    const i = this.position({ price, nodeId })
    if (this.sorted[i]?.nodeId === nodeId) {
      this.sorted.splice(i, 1)
      this.cached = undefined
    }
  }
}
