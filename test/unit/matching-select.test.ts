import { expect } from 'chai'
import { selectSmallest } from '../../coordinator/matching/bound-tree.js'
import { mulberry32 } from '../../src/random.js'

/** Whether every id among the first `k` comes before every id after them by (col[id], id). */
function splitsAt (ids: Int32Array, k: number, col: Float64Array): boolean {
  const key = (i: number): [number, number] => [col[i]!, i]
  const before = (a: number, b: number): boolean => key(a)[0] < key(b)[0] || (key(a)[0] === key(b)[0] && a < b)
  for (let x = 0; x < k; x++) for (let y = k; y < ids.length; y++) if (!before(ids[x]!, ids[y]!)) return false
  return true
}

describe('matching split selection', () => {
  it('puts the k smallest first on random columns with many ties, keeping every id once', () => {
    const r = mulberry32(5)
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(r() * 60)
      const col = Float64Array.from({ length: n }, () => (r() < 0.5 ? Math.floor(r() * 4) : r()))
      const ids = Int32Array.from({ length: n }, (_, i) => i).sort(() => r() - 0.5)
      const k = Math.floor(r() * n)
      selectSmallest(ids, k, col)
      expect(splitsAt(ids, k, col), `round ${round}`).to.equal(true)
      expect([...ids].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: n }, (_, i) => i))
    }
  })

  it('splits sorted, reversed, constant and sawtooth columns a peer could send', () => {
    const n = 2000
    const shapes: Array<(i: number) => number> = [i => i, i => -i, () => 7, i => i % 3, i => (i % 2 === 0 ? i : n - i)]
    for (const shape of shapes) {
      const col = Float64Array.from({ length: n }, (_, i) => shape(i))
      const ids = Int32Array.from({ length: n }, (_, i) => i)
      selectSmallest(ids, n >> 1, col)
      const sorted = Array.from({ length: n }, (_, i) => i).sort((a, b) => col[a]! - col[b]! || a - b)
      expect(new Set(ids.subarray(0, n >> 1))).to.deep.equal(new Set(sorted.slice(0, n >> 1)))
    }
  })
})
