/**
 * The search structure of one tick, so a tick over Q jobs × N nodes does far fewer than Q × N
 * filter-and-score steps while choosing exactly the node a full scan would.
 *
 * Nodes that can take work this tick are grouped by device kind and backend set — and, in a second
 * grouping used only by jobs with a preferred location, also by location (forest.ts). Inside a group the device
 * and location terms are the same for every node, and a job whose backends or device the group
 * lacks skips it whole. Each group is a k-d tree whose boxes bound the rest of the score
 * (bound-tree.ts). For a job, boxes are opened best bound first (branch and bound on one max-heap
 * across the groups); leaves are filtered and scored exactly; the search stops when the best bound
 * left is below the best score found. Ties are never cut off — the stop test keeps a margin above
 * float rounding — so they resolve as in a full scan: lower price, then lower node id.
 *
 * Giving a node a job lowers its queue term, and a full node leaves the trees; both update its
 * paths to the roots, so nodes filled early in the tick cost nothing later.
 *
 * A box's bound is its joint bound interpolated at the job's point on a grid placed over the
 * tick's jobs (bound-tree.ts), which sees that the roomiest node in a box is rarely also the
 * cheapest and the most reputable; a job off the grid, or a NaN (a corner never filled), falls back
 * to the separate maxima of memory, price and static part. Either is an upper bound on its own.
 */
import type { BoundTree, DirectionGrid, NodeColumns } from './bound-tree.js'
import { Forest, nodeKinds } from './forest.js'
import { staticPart, type PreparedJob, type PreparedNode } from './prepared.js'
import { memoryValue, priceValue, queueValue, scoreTerms, weightedTotal } from './scorers.js'
import type { ScoreWeights } from './types.js'

/** A max-heap of boxes by bound, reused from job to job. */
class BoxHeap {
  private readonly key: Float64Array
  private readonly box: Int32Array
  size = 0

  constructor (capacity: number) {
    this.key = new Float64Array(capacity)
    this.box = new Int32Array(capacity)
  }

  get topKey (): number { return this.key[0]! }

  push (k: number, b: number): void {
    const { key, box } = this
    let i = this.size++
    while (i > 0) {
      const up = (i - 1) >> 1
      if (key[up]! >= k) break
      key[i] = key[up]!
      box[i] = box[up]!
      i = up
    }
    key[i] = k
    box[i] = b
  }

  pop (): number {
    const { key, box } = this
    const top = box[0]!
    const n = --this.size
    const k = key[n]!
    const b = box[n]!
    let i = 0
    for (let c = 1; c < n; c = 2 * i + 1) {
      if (c + 1 < n && key[c + 1]! > key[c]!) c++
      if (key[c]! <= k) break
      key[i] = key[c]!
      box[i] = box[c]!
      i = c
    }
    key[i] = k
    box[i] = b
    return top
  }
}

// grid points per direction: 4 × 4 scored as few nodes per job as 8 × 6 on the bench's market
// (scripts/bench/matcher.ts) at a third of the refresh cost of every take; 3 × 3 scores twice as many
const GRID_A = 4
const GRID_B = 4

/** Up to `max` grid points over `values`: all distinct ones, or evenly spaced ranks with both ends. */
function axis (values: readonly number[], max: number): Float64Array {
  const u = [...new Set(values)].sort((x, y) => x - y)
  if (u.length === 0) return Float64Array.of(0)
  if (u.length <= max) return Float64Array.from(u)
  return Float64Array.from({ length: max }, (_, k) => u[Math.round(k * (u.length - 1) / (max - 1))]!)
}

/** The grid points either side of `x` and how far between them it lies, into `out` as [lower, upper, fraction]; false outside the grid. */
function span (g: Float64Array, x: number, out: Float64Array): boolean {
  if (!(x >= g[0]!) || x > g[g.length - 1]!) return false
  let i = 0
  while (i + 1 < g.length && g[i + 1]! <= x) i++
  const at = i + 1 >= g.length || g[i] === x
  out[0] = i
  out[1] = at ? i : i + 1
  out[2] = at ? 0 : (x - g[i]!) / (g[i + 1]! - g[i]!)
  return true
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const safe = (b: bigint): boolean => b <= MAX_SAFE && b >= -MAX_SAFE

/** One tick's index: which node each job gets, and the slots handed out so far. */
export class CandidateIndex {
  private readonly nodes: readonly PreparedNode[]
  private readonly w: ScoreWeights
  private readonly eps: number
  private readonly cols: NodeColumns
  /** grouped without location: for jobs with no preferred location, to whom location is all the same */
  private readonly anywhere: Forest
  /** grouped by location too: for jobs with a preferred location */
  private readonly located: Forest
  private readonly heap: BoxHeap
  private readonly taken: Int32Array
  /** what scoring reads besides `cols`, by node: reputation value, jobs counted against the queue (this tick's too), queue length */
  private readonly reputation: Float64Array
  private readonly load: Float64Array
  private readonly maxQueue: Float64Array
  /** every node's memory and price is a safe integer: equal as numbers is then equal exactly */
  private readonly exactNodes: boolean
  /** that, and so are the memory need and budget of the job being searched */
  private exactJob = false
  private bestNode = -1
  private bestScore = 0
  /** the job being searched, on the direction grid: offset of its cell's corner, the corner weights */
  private cell = -1
  private readonly corner = new Float64Array(4)
  private readonly cornerAt = new Int32Array(4)
  private readonly spanA = new Float64Array(3)
  private readonly spanB = new Float64Array(3)

  /**
   * `nodes` are all of the tick's candidates; only those able to take a job now are indexed. `jobs`
   * (the tick's, prepared) place the grid of joint bounds; a job outside it is still matched exactly,
   * only with looser bounds.
   */
  constructor (nodes: readonly PreparedNode[], weights: ScoreWeights, jobs: readonly PreparedJob[] = []) {
    const n = nodes.length
    this.nodes = nodes
    this.w = weights
    // a margin far above float rounding of six products, far below any meaningful score difference
    this.eps = 1e-9 * (1 + scoreTerms.reduce((s, k) => s + weights[k], 0))
    this.taken = new Int32Array(n)
    this.reputation = new Float64Array(n)
    this.load = new Float64Array(n)
    this.maxQueue = new Float64Array(n)
    this.exactNodes = nodes.every(p => safe(p.hostMem) && safe(p.gpuMem) && (p.price == null || safe(p.price)))
    const cols = this.cols = {
      staticNow: new Float64Array(n),
      hostMem: new Float64Array(n),
      gpuMem: new Float64Array(n),
      price: new Float64Array(n),
      alive: new Uint8Array(n),
      invHostMem: new Float64Array(n),
      invGpuMem: new Float64Array(n)
    }
    // one loop filling every column: `from` with a mapping function per column costs several times as much
    for (let i = 0; i < n; i++) {
      const p = nodes[i]!
      cols.staticNow[i] = staticPart(p, 0, weights)
      cols.hostMem[i] = p.hostMemN
      cols.gpuMem[i] = p.gpuMemN
      cols.price[i] = p.priceN
      cols.alive[i] = p.online && !p.draining && p.price != null && p.active < p.maxQueue ? 1 : 0
      // no memory counts as the best memory term: an upper bound, and such a node fits only a job needing none
      cols.invHostMem[i] = p.hostMemN > 0 ? 1 / p.hostMemN : 0
      cols.invGpuMem[i] = p.gpuMemN > 0 ? 1 / p.gpuMemN : 0
      this.reputation[i] = p.reputation
      this.load[i] = p.active
      this.maxQueue[i] = p.maxQueue
    }
    const grid: DirectionGrid = {
      a: axis(jobs.map(pj => this.dirA(pj)), GRID_A),
      b: axis(jobs.map(pj => this.dirB(pj)), GRID_B)
    }
    const kinds = nodeKinds(nodes)
    this.anywhere = new Forest(nodes, kinds, this.cols, weights, false, grid)
    this.located = new Forest(nodes, kinds, this.cols, weights, true, grid)
    this.heap = new BoxHeap(Math.max(1, this.anywhere.tree.boxCount, this.located.tree.boxCount))
  }

  /** Slots given to node `i` earlier in this tick. */
  takenOf (i: number): number { return this.taken[i]! }

  /** Gives node `i` one more job: its queue term drops, and with no slot left it leaves the trees. */
  take (i: number): void {
    const p = this.nodes[i]!
    const t = ++this.taken[i]!
    const old = this.cols.staticNow[i]!
    this.cols.staticNow[i] = staticPart(p, t, this.w)
    if (p.active + t >= p.maxQueue) this.cols.alive[i] = 0
    this.load[i] = p.active + t
    this.anywhere.tree.take(i, old)
    this.located.tree.take(i, old)
  }

  /**
   * The node a full scan would pick for the job — best score, then lower price, then lower node
   * id — or -1 when none fits.
   */
  best (pj: PreparedJob): number {
    const { w, heap } = this
    const f = pj.location === '' ? this.anywhere : this.located
    const tree = f.tree
    this.locate(pj, tree)
    this.exactJob = this.exactNodes && safe(pj.need) && safe(pj.budget)
    this.bestNode = -1
    this.bestScore = 0
    heap.size = 0
    const location = f.locationValues(pj.location)
    const { groups, device } = f.compatible(pj)
    for (let x = 0; x < groups.length; x++) {
      const gi = groups[x]!
      const root = f.roots[gi]!
      if (tree.alive[root] === 0) continue
      f.device[gi] = device[x]!
      f.location[gi] = location[gi]!
      f.base[gi] = w.device_match * f.device[gi]! + w.location * f.location[gi]!
      const bound = this.bound(pj, f, root)
      if (bound > -Infinity) heap.push(bound, root)
    }
    while (heap.size > 0) {
      if (!this.mayWin(heap.topKey)) break
      let b = heap.pop()
      // dive: follow the better child while it is still the best box anywhere; queue the other
      while (b >= 0 && tree.left[b]! >= 0) {
        const l = tree.left[b]!
        const r = tree.right[b]!
        const bl = this.bound(pj, f, l)
        const br = this.bound(pj, f, r)
        const left = bl >= br
        const next = left ? l : r
        const nb = left ? bl : br
        const ob = left ? br : bl
        if (this.mayWin(ob)) heap.push(ob, left ? r : l)
        if (!this.mayWin(nb)) {
          b = -1
        } else if (heap.size > 0 && nb < heap.topKey) {
          heap.push(nb, next) // another box is better now: resume from there
          b = -1
        } else {
          b = next
        }
      }
      if (b < 0) continue
      const gi = f.groupOf[b]!
      for (let k = tree.start[b]!; k < tree.end[b]!; k++) this.consider(pj, tree.members[k]!, f.device[gi]!, f.location[gi]!)
    }
    return this.bestNode
  }

  /** Whether a box with this bound could still hold the winner (or tie with it). */
  private mayWin (bound: number): boolean {
    return bound > -Infinity && (this.bestNode < 0 || bound >= this.bestScore - this.eps)
  }

  /** Box `b`'s bound for the job; −∞ when it is empty or nothing in it fits the memory or budget. */
  private bound (pj: PreparedJob, f: Forest, b: number): number {
    const t = f.tree
    if (t.alive[b] === 0) return -Infinity
    const mem = pj.gpu ? t.maxGpuMem[b]! : t.maxHostMem[b]!
    const price = t.minPrice[b]!
    // on numbers, not bigints: Number() never reorders, so "less" here implies "less" exactly
    if (mem < pj.needN || price > pj.budgetN) return -Infinity
    const base = f.base[f.groupOf[b]!]!
    if (this.cell >= 0) {
      const j = t.joint
      const at = b * t.dirs + this.cell
      const { corner: c, cornerAt: k } = this
      const joint = base + this.w.memory_available + this.w.price +
        (c[0]! * j[at + k[0]!]! + c[1]! * j[at + k[1]!]! + c[2]! * j[at + k[2]!]! + c[3]! * j[at + k[3]!]!)
      // NaN (a corner never filled, times a zero weight): the separate maxima below
      if (!Number.isNaN(joint)) return joint
    }
    return base + t.maxStatic[b]! + this.w.memory_available * memoryValue(mem, pj.needN) +
      this.w.price * priceValue(price, pj.budgetN)
  }

  /** the memory direction of a job: memory weight × need */
  private dirA (pj: PreparedJob): number {
    return this.w.memory_available * pj.needN
  }

  /** the price direction of a job: price weight / budget (no budget: price does not count) */
  private dirB (pj: PreparedJob): number {
    return pj.budgetN > 0 ? this.w.price / pj.budgetN : 0
  }

  /** Places the job on the grid: the corners of its cell and their interpolation weights. */
  private locate (pj: PreparedJob, tree: BoundTree): void {
    const { a: ga, b: gb } = tree.grid
    const ia = this.spanA
    const ib = this.spanB
    if (!span(ga, this.dirA(pj), ia) || !span(gb, this.dirB(pj), ib)) {
      this.cell = -1
      return
    }
    const a0 = ia[0]!
    const a1 = ia[1]!
    const ta = ia[2]!
    const b0 = ib[0]!
    const b1 = ib[1]!
    const tb = ib[2]!
    this.cell = pj.gpu ? tree.dirs >> 1 : 0
    const n = gb.length
    this.cornerAt[0] = a0 * n + b0
    this.cornerAt[1] = a0 * n + b1
    this.cornerAt[2] = a1 * n + b0
    this.cornerAt[3] = a1 * n + b1
    this.corner[0] = (1 - ta) * (1 - tb)
    this.corner[1] = (1 - ta) * tb
    this.corner[2] = ta * (1 - tb)
    this.corner[3] = ta * tb
  }

  /** Filters and scores one node; `device` and `location` are its group's values for this job. */
  private consider (pj: PreparedJob, i: number, device: number, location: number): void {
    const c = this.cols
    if (c.alive[i] === 0) return
    const mem = pj.gpu ? c.gpuMem[i]! : c.hostMem[i]!
    const price = c.price[i]!
    if (mem < pj.needN || price > pj.budgetN) return
    // the rest of `fits`, without what is already known: alive is online, not draining, priced and
    // with a slot left; the group has the job's device and a backend of the job's. Equal as numbers,
    // two bigints may still differ beyond 2^53, so the exact comparison decides there. The node
    // itself is read only then: the columns hold the rest, keeping a scattered object out of the loop.
    if ((!this.exactJob && (mem === pj.needN || price === pj.budgetN)) || pj.excluded != null) {
      const p = this.nodes[i]!
      if (mem === pj.needN && (pj.gpu ? p.gpuMem : p.hostMem) < pj.need) return
      if (price === pj.budgetN && (p.price ?? 0n) > pj.budget) return
      if (pj.excluded?.has(p.c.nodeId) === true) return
    }
    // `totalWith` on the same numbers from the columns, so the same total bit for bit
    const s = weightedTotal(this.w, device, memoryValue(mem, pj.needN), this.reputation[i]!, location,
      queueValue(this.load[i]!, this.maxQueue[i]!), priceValue(price, pj.budgetN))
    if (this.bestNode < 0 || s > this.bestScore || (s === this.bestScore && this.tieBeats(this.nodes[i]!, this.nodes[this.bestNode]!))) {
      this.bestNode = i
      this.bestScore = s
    }
  }

  /** equal scores: the cheaper node, then the lower node id — the same rule as the reference scan */
  private tieBeats (p: PreparedNode, q: PreparedNode): boolean {
    const a = p.price ?? 0n
    const b = q.price ?? 0n
    return a < b || (a === b && p.c.nodeId < q.c.nodeId)
  }
}
