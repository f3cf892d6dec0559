import { expect } from 'chai'
import { BoundTree, type NodeColumns } from '../../coordinator/matching/bound-tree.js'
import { defaultScoreWeights } from '../../coordinator/matching/scorers.js'
import { mulberry32 } from '../../src/random.js'

/** Random node columns: a few memory sizes and prices (so maxima tie), some nodes with no GPU memory. */
function columns (n: number, r: () => number): NodeColumns {
  const pick = (xs: number[]): number => xs[Math.floor(r() * xs.length)]!
  const hostMem = Float64Array.from({ length: n }, () => pick([4, 8, 16, 64]) * 2 ** 30)
  const gpuMem = Float64Array.from({ length: n }, () => pick([0, 8, 24]) * 2 ** 30)
  return {
    staticNow: Float64Array.from({ length: n }, () => pick([0.1, 0.2, 0.35]) + (r() < 0.5 ? 0 : r() * 0.1)),
    hostMem,
    gpuMem,
    price: Float64Array.from({ length: n }, () => pick([1, 2, 5, 20])),
    alive: new Uint8Array(n).fill(1),
    invHostMem: hostMem.map(m => (m > 0 ? 1 / m : 0)),
    invGpuMem: gpuMem.map(m => (m > 0 ? 1 / m : 0))
  }
}

/** A box's joint value k over its live members, written as the tree writes it, or −∞ when none is alive. */
function expected (t: BoundTree, cols: NodeColumns, b: number, k: number): number {
  const half = t.dirs >> 1
  const nb = t.grid.b.length
  const r = k % half
  const a = t.grid.a[Math.floor(r / nb)]!
  const bb = t.grid.b[r % nb]!
  let m = -Infinity
  for (let x = t.start[b]!; x < t.end[b]!; x++) {
    const i = t.members[x]!
    if (cols.alive[i] === 0) continue
    const v = (cols.staticNow[i]! - a * (k < half ? cols.invHostMem[i]! : cols.invGpuMem[i]!)) - bb * cols.price[i]!
    if (v > m) m = v
  }
  return m
}

describe('matching bound tree', () => {
  it('after any sequence of takes holds the joint bounds and aggregates a full refresh would, bit for bit', () => {
    const r = mulberry32(11)
    for (let round = 0; round < 40; round++) {
      const n = 20 + Math.floor(r() * 200)
      const cols = columns(n, r)
      const grid = { a: Float64Array.of(0, 0.15 * 2 ** 30, 0.15 * 2 ** 32), b: Float64Array.of(0.1 / 80, 0.1 / 20, 0.1 / 3) }
      const cpu = Array.from({ length: n >> 1 }, (_, i) => i)
      const gpu = Array.from({ length: n - (n >> 1) }, (_, i) => (n >> 1) + i)
      const t = new BoundTree(cols, [cpu.length, gpu.length], defaultScoreWeights, grid)
      const roots = [t.add(cpu, false), t.add(gpu, true)]
      for (let step = 0; step < n; step++) {
        const i = Math.floor(r() * n)
        if (cols.alive[i] === 0) continue
        const old = cols.staticNow[i]!
        // a take lowers the static part (the queue term), sometimes to where the node is full
        if (r() < 0.3) cols.alive[i] = 0
        else cols.staticNow[i] = old - pick3(r)
        t.take(i, old)
      }
      for (let b = 0; b < t.boxCount; b++) {
        const inGpuTree = b >= roots[1]!
        const used = inGpuTree ? t.dirs : t.dirs >> 1
        for (let k = 0; k < used; k++) expect(t.joint[b * t.dirs + k], `round ${round} box ${b} value ${k}`).to.equal(expected(t, cols, b, k))
        let alive = 0
        let hm = -Infinity
        let st = -Infinity
        let pr = Infinity
        for (let x = t.start[b]!; x < t.end[b]!; x++) {
          const i = t.members[x]!
          if (cols.alive[i] === 0) continue
          alive++
          hm = Math.max(hm, cols.hostMem[i]!)
          st = Math.max(st, cols.staticNow[i]!)
          pr = Math.min(pr, cols.price[i]!)
        }
        expect(t.alive[b], `round ${round} box ${b} alive`).to.equal(alive)
        expect(t.maxHostMem[b]).to.equal(hm)
        expect(t.minPrice[b]).to.equal(pr)
        // the static maximum may stay above the live one (it only bounds), never below
        expect(t.maxStatic[b]! >= st).to.equal(true)
      }
    }
  })
})

/** how much a take lowers a static part: the queue weight over a queue of 1, 2, 4 or 8 */
function pick3 (r: () => number): number {
  return defaultScoreWeights.queue_length / [1, 2, 4, 8][Math.floor(r() * 4)]!
}
