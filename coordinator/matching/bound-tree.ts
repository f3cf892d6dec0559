/**
 * A forest of k-d trees over candidates, one tree per group (forest.ts), whose boxes keep
 * exact aggregates of the nodes still able to take work: the highest job-independent score part
 * (reputation + queue, as of now), the most usable host and GPU memory, and the lowest price. Every
 * score term is monotone in one of these, so a box's aggregates bound the score of anything in it
 * for any job, and a box that cannot fit a job's memory or budget holds nothing for it.
 *
 * Boxes are split at the median of whichever quantity varies most in score terms, so bounds get
 * tight quickly going down. A node given a job scores less, and a full one drops out; `take` refreshes
 * the values on its path that can move, so bounds never go stale within a tick. Everything lives in
 * typed arrays indexed by box or node id; reads are in range by construction, hence the `!`s.
 */
import type { ScoreWeights } from './types.js'

/** Node quantities the tree aggregates, indexed by node id; the owner writes them, `take` reads them. */
export interface NodeColumns {
  staticNow: Float64Array
  hostMem: Float64Array
  gpuMem: Float64Array
  price: Float64Array
  alive: Uint8Array
  /** 1 / usable memory (0 for none), host and GPU: the memory term is linear in these for a job */
  invHostMem: Float64Array
  invGpuMem: Float64Array
}

/**
 * Job directions the tree keeps joint bounds for: `a` = memory weight × need, `b` = price weight /
 * budget. For a node that fits, static + memory + price terms = static + wm + wp − a/mem − b·price,
 * so per box the max over its nodes of (static − a·invMem − b·price) at every grid point (a, b) is
 * kept. That max is convex in (a, b), so interpolating it between grid points bounds it from above
 * for any job inside the grid — a bound of the three terms together, far tighter than their
 * separate maxima.
 */
export interface DirectionGrid {
  a: Float64Array
  b: Float64Array
}

// nodes per leaf: smaller leaves bound tighter but add levels; 4–8 measured alike, 12+ slower (scripts/bench/matcher.ts)
const LEAF = 6

/** How many boxes `build` makes for a tree over `m` nodes. */
export function boxesFor (m: number): number {
  return m <= LEAF ? 1 : 1 + boxesFor(m >>> 1) + boxesFor(m - (m >>> 1))
}

/**
 * Reorders `ids` so the `k` smallest by (col[id], id) come first, in any order (Wirth's selection:
 * linear on average). Keys come from peers' offers, so after a number of rounds no honest input
 * needs, what is left is sorted instead: never worse than the sort this replaces.
 */
export function selectSmallest (ids: Int32Array, k: number, col: Float64Array): void {
  const less = (x: number, y: number): boolean => col[x]! < col[y]! || (col[x] === col[y] && x < y)
  let lo = 0
  let hi = ids.length - 1
  for (let round = 0; lo < hi; round++) {
    if (round > 64) {
      ids.subarray(lo, hi + 1).sort((x, y) => col[x]! - col[y]! || x - y)
      return
    }
    const pivot = ids[k]!
    let i = lo
    let j = hi
    while (i <= j) {
      while (less(ids[i]!, pivot)) i++
      while (less(pivot, ids[j]!)) j--
      if (i <= j) {
        const t = ids[i]!
        ids[i++] = ids[j]!
        ids[j--] = t
      }
    }
    if (j < k) lo = i
    if (k < i) hi = j
  }
}

/** How far `col` spreads over the nodes in `seg`: hi − lo, or relative to hi (0 when hi ≤ 0). */
function spread (col: Float64Array, seg: Int32Array, relative: boolean): number {
  let lo = Infinity
  let hi = -Infinity
  for (let k = 0; k < seg.length; k++) {
    const x = col[seg[k]!]!
    if (x < lo) lo = x
    if (x > hi) hi = x
  }
  return !relative ? hi - lo : hi > 0 ? 1 - lo / hi : 0
}

/** The forest: boxes in typed arrays, built once per tick, refreshed node by node. */
export class BoundTree {
  readonly left: Int32Array
  readonly right: Int32Array
  readonly maxStatic: Float64Array
  readonly maxHostMem: Float64Array
  readonly maxGpuMem: Float64Array
  readonly minPrice: Float64Array
  readonly alive: Int32Array
  /** node ids; each leaf owns the range [start, end) */
  readonly members: Int32Array
  readonly start: Int32Array
  readonly end: Int32Array
  private readonly parent: Int32Array
  private readonly leafOf: Int32Array
  private readonly cols: NodeColumns
  private readonly w: ScoreWeights
  /** per box, `dirs` values: host memory grid then GPU memory grid, each a-major */
  readonly joint: Float64Array
  readonly grid: DirectionGrid
  /** values per box: 2 × |a| × |b| */
  readonly dirs: number
  private readonly scratch: Float64Array
  /** per joint value k, its grid point: a (times the host or GPU inverse memory) and b */
  private readonly aOf: Float64Array
  private readonly bOf: Float64Array
  /** 1 for the boxes of a tree of GPU nodes: only they need the GPU half of the joint bounds */
  private readonly gpuBox: Uint8Array
  private building = 0
  private boxes = 0
  private used = 0

  /** Room for trees over groups of these sizes (`add` takes them in any order). */
  constructor (cols: NodeColumns, groupSizes: readonly number[], weights: ScoreWeights, grid: DirectionGrid) {
    const nodes = groupSizes.reduce((a, b) => a + b, 0)
    // exact, not an estimate: the split is at the middle, so the shape depends on the size alone
    const boxes = Math.max(1, groupSizes.reduce((a, m) => a + boxesFor(m), 0))
    this.cols = cols
    this.w = weights
    this.grid = grid
    this.dirs = 2 * grid.a.length * grid.b.length
    this.joint = new Float64Array(boxes * this.dirs)
    this.scratch = new Float64Array(this.dirs)
    this.aOf = Float64Array.from({ length: this.dirs }, (_, k) => grid.a[Math.floor((k % (this.dirs >> 1)) / grid.b.length)]!)
    this.bOf = Float64Array.from({ length: this.dirs }, (_, k) => grid.b[k % grid.b.length]!)
    this.gpuBox = new Uint8Array(boxes)
    this.left = new Int32Array(boxes).fill(-1)
    this.right = new Int32Array(boxes).fill(-1)
    this.parent = new Int32Array(boxes).fill(-1)
    this.start = new Int32Array(boxes)
    this.end = new Int32Array(boxes)
    this.maxStatic = new Float64Array(boxes)
    this.maxHostMem = new Float64Array(boxes)
    this.maxGpuMem = new Float64Array(boxes)
    this.minPrice = new Float64Array(boxes)
    this.alive = new Int32Array(boxes)
    this.members = new Int32Array(nodes)
    this.leafOf = new Int32Array(cols.alive.length).fill(-1)
  }

  /** Boxes there is room for: exactly as many as the trees of the sizes given will have. */
  get capacity (): number { return this.left.length }

  /** Boxes built so far: box ids are 0 … boxCount − 1, each tree's boxes one contiguous run. */
  get boxCount (): number { return this.boxes }

  /** Builds a tree over `ids` (not empty; GPU nodes when `gpu`) and returns its root box. */
  add (ids: readonly number[], gpu: boolean): number {
    const at = this.used
    this.members.set(ids, at)
    this.used += ids.length
    this.building = gpu ? 1 : 0
    return this.build(at, this.used, -1)
  }

  private build (start: number, end: number, parent: number): number {
    const b = this.boxes++
    this.gpuBox[b] = this.building
    this.parent[b] = parent
    this.start[b] = start
    this.end[b] = end
    if (end - start > LEAF) {
      const seg = this.members.subarray(start, end)
      const mid = (start + end) >>> 1
      // a split needs the halves, not their order: selection, not a sort at every level
      selectSmallest(seg, mid - start, this.splitColumn(seg))
      this.left[b] = this.build(start, mid, b)
      this.right[b] = this.build(mid, end, b)
    } else {
      for (let i = start; i < end; i++) this.leafOf[this.members[i]!] = b
    }
    this.refresh(b)
    return b
  }

  /** The column (quantity) that varies most in score terms across the segment: the sort key of the split. */
  private splitColumn (seg: Int32Array): Float64Array {
    const { staticNow, hostMem, gpuMem, price } = this.cols
    // absolute spread for the static part, relative spread (1 − lo/hi) weighted for the others; first wins ties
    let best = staticNow
    let most = spread(staticNow, seg, false)
    const others: Array<[Float64Array, number]> = [[hostMem, this.w.memory_available], [gpuMem, this.w.memory_available], [price, this.w.price]]
    for (const [col, weight] of others) {
      const s = weight * spread(col, seg, true)
      if (s > most) { most = s; best = col }
    }
    return best
  }

  /** Recomputes a box's aggregates from its members (leaf) or children; false when none changed. */
  private refresh (b: number): boolean {
    const scalars = this.refreshScalars(b)
    return this.refreshJoint(b) || scalars
  }

  /** The highest static part, most memory, lowest price and count alive; false when none changed. */
  private refreshScalars (b: number): boolean {
    let st = -Infinity
    let hm = -Infinity
    let gm = -Infinity
    let pr = Infinity
    let n = 0
    const l = this.left[b]!
    if (l < 0) {
      const { staticNow, hostMem, gpuMem, price, alive } = this.cols
      for (let k = this.start[b]!; k < this.end[b]!; k++) {
        const i = this.members[k]!
        if (alive[i] === 0) continue
        n++
        st = Math.max(st, staticNow[i]!)
        hm = Math.max(hm, hostMem[i]!)
        gm = Math.max(gm, gpuMem[i]!)
        pr = Math.min(pr, price[i]!)
      }
    } else {
      // an empty box holds the identities (−∞, −∞, +∞, 0), so children combine without a check
      const r = this.right[b]!
      n = this.alive[l]! + this.alive[r]!
      st = Math.max(this.maxStatic[l]!, this.maxStatic[r]!)
      hm = Math.max(this.maxHostMem[l]!, this.maxHostMem[r]!)
      gm = Math.max(this.maxGpuMem[l]!, this.maxGpuMem[r]!)
      pr = Math.min(this.minPrice[l]!, this.minPrice[r]!)
    }
    const same = this.maxStatic[b] === st && this.maxHostMem[b] === hm && this.maxGpuMem[b] === gm && this.minPrice[b] === pr && this.alive[b] === n
    this.maxStatic[b] = st
    this.maxHostMem[b] = hm
    this.maxGpuMem[b] = gm
    this.minPrice[b] = pr
    this.alive[b] = n
    return !same
  }

  /** The box's joint bounds at every grid point, from its members (leaf) or children; false when none changed. */
  private refreshJoint (b: number): boolean {
    const { joint, dirs } = this
    const at = b * dirs
    const l = this.left[b]!
    // GPU jobs read the GPU half and search GPU groups only, so a tree of CPUs keeps the host half
    // alone up to date (its GPU half is never read): half the work of every refresh in most trees
    const used = this.gpuBox[b] === 1 ? dirs : dirs >> 1
    let changed = false
    if (l >= 0) {
      const lo = l * dirs
      const ro = this.right[b]! * dirs
      for (let k = 0; k < used; k++) {
        const x = joint[lo + k]!
        const y = joint[ro + k]!
        const m = x >= y ? x : y // never NaN: every value is finite or −∞
        if (m !== joint[at + k]) { joint[at + k] = m; changed = true }
      }
      return changed
    }
    const { staticNow, invHostMem, invGpuMem, price, alive } = this.cols
    const { aOf, bOf } = this
    const half = dirs >> 1
    const fresh = this.scratch
    fresh.fill(-Infinity, 0, used)
    for (let m = this.start[b]!; m < this.end[b]!; m++) {
      const i = this.members[m]!
      if (alive[i] === 0) continue
      const st = staticNow[i]!
      const pr = price[i]!
      for (let k = 0; k < used; k++) {
        const x = (st - aOf[k]! * (k < half ? invHostMem[i]! : invGpuMem[i]!)) - bOf[k]! * pr
        if (x > fresh[k]!) fresh[k] = x
      }
    }
    for (let k = 0; k < used; k++) {
      if (fresh[k] !== joint[at + k]) { joint[at + k] = fresh[k]!; changed = true }
    }
    return changed
  }

  /**
   * After node `i` was given a job (its static part fell from `oldStatic`, or it left): refreshes only the joint
   * values that can move — where it was its leaf's maximum, then where a child changed — bit for bit as a full refresh would.
   */
  take (i: number, oldStatic: number): void {
    let b = this.leafOf[i]!
    // a bit per value: a grid of more than 32 falls back to refreshing every value on the path
    if (this.dirs > 32) for (; b >= 0 && this.refresh(b); b = this.parent[b]!);
    if (this.dirs > 32 || b < 0) return
    // a node staying changes no memory, price or count, and a static maximum left as it was still bounds (it only falls)
    let changed = this.cols.alive[i] === 0 && this.refreshScalars(b)
    let mask = this.leafJoint(b, i, oldStatic)
    // a box whose aggregates did not change leaves every box above it as it was
    for (b = this.parent[b]!; b >= 0 && (changed || mask !== 0); b = this.parent[b]!) {
      if (changed) changed = this.refreshScalars(b)
      mask = this.innerJoint(b, mask)
    }
  }

  /** The leaf's joint values where node `i` was the maximum (its old value, as `refreshJoint` computes it); a bit per value that changed. */
  private leafJoint (b: number, i: number, oldStatic: number): number {
    const { joint, dirs, aOf, bOf, scratch: fresh } = this
    const { staticNow, invHostMem, invGpuMem, price, alive } = this.cols
    const half = dirs >> 1
    const at = b * dirs
    let maxed = 0
    for (let k = 0, used = this.gpuBox[b] === 1 ? dirs : half; k < used; k++) {
      const old = (oldStatic - aOf[k]! * (k < half ? invHostMem[i]! : invGpuMem[i]!)) - bOf[k]! * price[i]!
      if (old === joint[at + k]) { maxed |= 1 << k; fresh[k] = -Infinity }
    }
    // members outside, values inside: each member's columns are read once
    for (let x = this.start[b]!; maxed !== 0 && x < this.end[b]!; x++) {
      const j = this.members[x]!
      if (alive[j] === 0) continue
      const st = staticNow[j]!
      const ih = invHostMem[j]!
      const ig = invGpuMem[j]!
      const pr = price[j]!
      for (let m = maxed; m !== 0; m &= m - 1) {
        const k = 31 - Math.clz32(m & -m)
        const v = (st - aOf[k]! * (k < half ? ih : ig)) - bOf[k]! * pr
        if (v > fresh[k]!) fresh[k] = v
      }
    }
    let mask = 0
    for (let m = maxed; m !== 0; m &= m - 1) {
      const k = 31 - Math.clz32(m & -m)
      if (fresh[k] !== joint[at + k]) { joint[at + k] = fresh[k]!; mask |= 1 << k }
    }
    return mask
  }

  /** An inner box's joint values at the bits of `mask` (those of its children that changed); a bit per value that changed. */
  private innerJoint (b: number, mask: number): number {
    const { joint, dirs } = this
    const at = b * dirs
    const lo = this.left[b]! * dirs
    const ro = this.right[b]! * dirs
    let out = 0
    for (let m = mask; m !== 0; m &= m - 1) {
      const k = 31 - Math.clz32(m & -m)
      const v = joint[lo + k]! >= joint[ro + k]! ? joint[lo + k]! : joint[ro + k]! // as `refreshJoint` takes it
      if (v !== joint[at + k]) { joint[at + k] = v; out |= 1 << k }
    }
    return out
  }
}
