/**
 * How a tick's indexed nodes are grouped for the search (candidate-index.ts): by device kind and
 * backend set, and in a second grouping by location too, a tree per group in one `BoundTree`.
 * Inside a group the device and location terms are the same for every node, so they are worked
 * out per group, once per kind of job and per preferred location the tick's jobs name.
 */
import { BoundTree, type DirectionGrid, type NodeColumns } from './bound-tree.js'
import type { PreparedJob, PreparedNode } from './prepared.js'
import { deviceValue, locationValue } from './scorers.js'
import type { ScoreWeights } from './types.js'

interface Group { gpu: boolean, backends: ReadonlySet<string>, location: string, root: number }

/** The groups a kind of job may search, and the device value of each for it. */
export interface Compatible {
  groups: Int32Array
  device: Float64Array
}

/**
 * Per node, its device kind and backend set, and its location, each as a small number (equal
 * numbers, equal kinds). Offers repeat a few backend lists, so the sorted set is written once per
 * distinct list as sent, not once per node.
 */
export function nodeKinds (nodes: readonly PreparedNode[]): { kind: Int32Array, place: Int32Array, places: number } {
  // per device kind, the backend list as sent (its JSON, written once by `prepare`)
  const seen = [new Map<string, number>(), new Map<string, number>()]
  const kinds = new Map<string, number>()
  const places = new Map<string, number>()
  const kind = new Int32Array(nodes.length)
  const place = new Int32Array(nodes.length)
  nodes.forEach((p, i) => {
    const sent = p.backendsKey
    const byList = seen[p.gpu ? 1 : 0]!
    let k = byList.get(sent)
    if (k == null) {
      const set = (p.gpu ? 'G' : 'C') + JSON.stringify([...p.backends].sort())
      k = kinds.get(set) ?? kinds.size
      kinds.set(set, k)
      byList.set(sent, k)
    }
    kind[i] = k
    let at = places.get(p.location)
    if (at == null) places.set(p.location, at = places.size)
    place[i] = at
  })
  return { kind, place, places: places.size }
}

/** One grouping of the indexed nodes: a tree per group, all in one `BoundTree`. */
export class Forest {
  readonly tree: BoundTree
  readonly groups: Group[] = []
  /** per group, its tree's root box */
  readonly roots: Int32Array
  readonly groupOf: Int32Array
  /** per group, for the job being searched: its device value, location value and their weighted sum */
  readonly device: Float64Array
  readonly location: Float64Array
  readonly base: Float64Array
  private readonly byPreferred = new Map<string, Float64Array>()
  private readonly byKind = new Map<string, Compatible>()

  /** `kinds`: each node's kind and location as numbers (`nodeKinds`) */
  constructor (nodes: readonly PreparedNode[], kinds: ReturnType<typeof nodeKinds>, cols: NodeColumns, weights: ScoreWeights, byLocation: boolean, grid: DirectionGrid) {
    const members = new Map<number, number[]>()
    const { kind, place, places } = kinds
    for (let i = 0; i < nodes.length; i++) {
      if (cols.alive[i] === 0) continue
      const key = byLocation ? kind[i]! * places + place[i]! : kind[i]!
      const list = members.get(key) ?? []
      if (list.length === 0) members.set(key, list)
      list.push(i)
    }
    this.tree = new BoundTree(cols, [...members.values()].map(ids => ids.length), weights, grid)
    this.groupOf = new Int32Array(Math.max(1, this.tree.capacity))
    for (const ids of members.values()) {
      const first = nodes[ids[0]!]!
      const root = this.tree.add(ids, first.gpu)
      this.groupOf.fill(this.groups.length, root, this.tree.boxCount)
      this.groups.push({ gpu: first.gpu, backends: first.backends, location: byLocation ? first.location : '', root })
    }
    this.roots = Int32Array.from(this.groups, g => g.root)
    this.device = new Float64Array(this.groups.length)
    this.location = new Float64Array(this.groups.length)
    this.base = new Float64Array(this.groups.length)
  }

  /** Every group's location value for a job preferring `preferred`, worked out once per location a tick's jobs name. */
  locationValues (preferred: string): Float64Array {
    let v = this.byPreferred.get(preferred)
    if (v == null) {
      v = Float64Array.from(this.groups, g => locationValue(preferred, g.location))
      this.byPreferred.set(preferred, v)
    }
    return v
  }

  /**
   * The groups a job may search — a GPU for a GPU job, a backend of the job's when it names any —
   * and their device values, worked out once per kind of job (device and backends) a tick has.
   */
  compatible (pj: PreparedJob): Compatible {
    const required = pj.j.requiredDevice
    // JSON never starts with a device name's letters: the two parts cannot blur two keys
    const key = pj.backends == null ? required : required + JSON.stringify(pj.backends)
    let c = this.byKind.get(key)
    if (c == null) {
      const ids = this.groups.flatMap((g, gi) => (pj.gpu && !g.gpu) || (pj.backends != null && !pj.backends.some(b => g.backends.has(b))) ? [] : [gi])
      c = { groups: Int32Array.from(ids), device: Float64Array.from(ids, gi => deviceValue(required, this.groups[gi]!.gpu)) }
      this.byKind.set(key, c)
    }
    return c
  }
}
