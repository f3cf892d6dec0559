/**
 * Why-not reasons for jobs no candidate could take. Every candidate is counted per code, but only
 * a few lines are kept per job, because the reasons are stored with every queued job and shown in
 * `job status`:
 *
 * - when all candidates fit in `maxReasons` lines, one line per candidate, in candidate order;
 * - otherwise a `SUMMARY` line first (the count per code, most frequent first), then
 *   `maxReasons − 1` example lines picked round-robin across codes in chain order — so every kind
 *   of refusal is shown before any kind is shown twice — listed in candidate order.
 *
 * The fast path explains unmatched jobs after the tick rather than in it (filters.ts keeps BUSY
 * last so the answer is the same), once per distinct set of filter-relevant requirements, and
 * counts with a tight loop over typed columns; only the kept lines are written by the readable
 * filters. Counting stays exact: the columns hold byte counts and prices as numbers only when
 * every one of them is a safe integer, and the exact prepared check is used otherwise.
 */
import { filterCodes, firstRefusal, withTaken, type FilterOptions } from './filters.js'
import { prepareJob, refusalCode, type PreparedJob, type PreparedNode } from './prepared.js'
import type { Candidate, FilterCode, JobRequirements, Unmatched, WhyNot } from './types.js'

/** codes by their position in the chain, for counting in typed arrays */
const codeIndex = Object.fromEntries(filterCodes.map((c, k) => [c, k])) as Record<FilterCode, number>
const { NOT_ONLINE, EXCLUDED, DEVICE_MISMATCH, INSUFFICIENT_MEMORY, NO_BACKEND, OVER_BUDGET, BUSY } = codeIndex

/** Refusals counted per code (by position in the chain), with the first few candidates of each. */
export class Tally {
  readonly counts = new Int32Array(filterCodes.length)
  readonly examples: number[][] = filterCodes.map(() => [])
  total = 0

  /** `keep`: examples kept per code — at least `maxReasons`, so a short list can show everyone. */
  constructor (readonly keep: number) {}

  /** Adds refusals counted elsewhere, without examples. */
  merge (counts: Int32Array): void {
    counts.forEach((c, k) => { this.counts[k]! += c; this.total += c })
  }

  add (code: FilterCode | number, i: number): void {
    const k = typeof code === 'number' ? code : codeIndex[code]
    this.counts[k]!++
    this.total++
    const ex = this.examples[k]!
    if (ex.length < this.keep) ex.push(i)
  }
}

/** The kept lines and the counts, given a tally and a way to write the line for candidate `i`. */
export function summarize (t: Tally, line: (i: number) => WhyNot, maxReasons: number): Omit<Unmatched, 'jobId'> {
  const counts: Partial<Record<FilterCode, number>> = {}
  filterCodes.forEach((c, k) => { if (t.counts[k]! > 0) counts[c] = t.counts[k]! })
  if (t.total === 0) return { reasons: [{ nodeId: '', code: 'NO_PEERS', reason: 'no peer has offered anything yet' }], counts }
  if (t.total <= maxReasons) return { reasons: t.examples.flat().sort((a, b) => a - b).map(line), counts }
  const slots = maxReasons - 1
  const picked: number[] = []
  for (let round = 0; picked.length < slots; round++) {
    for (const ex of t.examples) {
      const i = ex[round]
      if (i != null && picked.length < slots) picked.push(i)
    }
  }
  const ranked = filterCodes.filter(c => counts[c] != null).sort((a, b) => (counts[b] ?? 0) - (counts[a] ?? 0))
  const summary: WhyNot = {
    nodeId: '',
    code: 'SUMMARY',
    reason: `none of ${t.total} peers can take it: ${ranked.map(c => `${counts[c] ?? 0} ${c}`).join(', ')}; ${slots} examples follow`
  }
  return { reasons: [summary, ...picked.sort((a, b) => a - b).map(line)], counts }
}

const safe = (b: bigint): boolean => b <= BigInt(Number.MAX_SAFE_INTEGER) && b >= -BigInt(Number.MAX_SAFE_INTEGER)

/** The tick's candidates as columns, with slots as they stand at the end of the tick. */
class Columns {
  readonly online: Uint8Array
  readonly gpu: Uint8Array
  readonly busy: Uint8Array
  readonly hostMem: Float64Array
  readonly gpuMem: Float64Array
  /** +∞ for an unreadable price: over every budget */
  readonly price: Float64Array
  readonly backendSet: Int32Array
  readonly sets: Array<ReadonlySet<string>> = []
  readonly indexOf = new Map<string, number>()
  /** every memory size and price is a safe integer, so comparing numbers is comparing exactly */
  readonly exact: boolean

  constructor (nodes: readonly PreparedNode[], takenOf: (i: number) => number) {
    const setIds = new Map<string, number>()
    this.online = Uint8Array.from(nodes, p => (p.online ? 1 : 0))
    this.gpu = Uint8Array.from(nodes, p => (p.gpu ? 1 : 0))
    this.busy = Uint8Array.from(nodes, (p, i) => (p.draining || p.active + takenOf(i) >= p.maxQueue ? 1 : 0))
    this.hostMem = Float64Array.from(nodes, p => p.hostMemN)
    this.gpuMem = Float64Array.from(nodes, p => p.gpuMemN)
    this.price = Float64Array.from(nodes, p => (p.price == null ? Infinity : p.priceN))
    this.backendSet = Int32Array.from(nodes, p => {
      const key = JSON.stringify([...p.backends].sort())
      let id = setIds.get(key)
      if (id == null) {
        id = this.sets.push(p.backends) - 1
        setIds.set(key, id)
      }
      return id
    })
    nodes.forEach((p, i) => { if (!this.indexOf.has(p.c.nodeId)) this.indexOf.set(p.c.nodeId, i) })
    this.exact = nodes.every(p => safe(p.hostMem) && safe(p.gpuMem) && (p.price == null || safe(p.price)))
  }

  /** Every candidate's first failing filter for a job nobody could take; the same codes as `refusalCode`. */
  tally (pj: PreparedJob, t: Tally, exactCheck: (i: number) => FilterCode | undefined, onFit: (i: number) => never): void {
    const n = this.online.length
    if (!this.exact || !safe(pj.need) || !safe(pj.budget)) {
      for (let i = 0; i < n; i++) t.add(exactCheck(i) ?? onFit(i), i)
      return
    }
    const backendOk = Uint8Array.from(this.sets, s => (pj.backends == null || pj.backends.some(b => s.has(b)) ? 1 : 0))
    const excluded = new Set<number>()
    for (const id of pj.excluded ?? []) { const i = this.indexOf.get(id); if (i != null) excluded.add(i) }
    const mem = pj.gpu ? this.gpuMem : this.hostMem
    const { online, gpu, busy, price, backendSet } = this
    const { needN, budgetN } = pj
    const anyExcluded = excluded.size > 0
    // the hot loop of a scarce tick: counts in a local array, `Tally.add` only while examples are wanted
    const counts = new Int32Array(filterCodes.length)
    const room = new Int32Array(filterCodes.length).fill(t.keep)
    for (let i = 0; i < n; i++) {
      let k: number
      if (online[i] === 0) k = NOT_ONLINE
      else if (anyExcluded && excluded.has(i)) k = EXCLUDED
      else if (pj.gpu && gpu[i] === 0) k = DEVICE_MISMATCH
      else if (mem[i]! < needN) k = INSUFFICIENT_MEMORY
      else if (backendOk[backendSet[i]!] === 0) k = NO_BACKEND
      else if (price[i]! > budgetN) k = OVER_BUDGET
      else if (busy[i] === 1) k = BUSY
      else onFit(i)
      if (room[k]! > 0) {
        room[k]!--
        t.add(k, i)
      } else counts[k]!++
    }
    t.merge(counts)
  }
}

/** What makes two jobs' reasons identical: everything the filters and their sentences read. */
function requirementsKey (j: JobRequirements): string {
  return JSON.stringify([j.requiredDevice, String(j.minMemoryBytes), String(j.maxPricePerUnit), j.backends ?? [], j.excludeNodes ?? []])
}

/**
 * Reasons for jobs left unmatched at the end of a tick. `nodes[i]` is `candidates[i]` prepared;
 * `takenOf(i)` the slots it was given during the tick.
 */
export function explainUnmatched (jobs: readonly JobRequirements[], candidates: readonly Candidate[], nodes: readonly PreparedNode[],
  takenOf: (i: number) => number, maxReasons: number, options: FilterOptions): Unmatched[] {
  if (jobs.length === 0) return []
  const cols = new Columns(nodes, takenOf)
  const cache = new Map<string, Omit<Unmatched, 'jobId'>>()
  return jobs.map(job => {
    const key = requirementsKey(job)
    let r = cache.get(key)
    if (r == null) {
      const pj = prepareJob(job)
      // a job left over that some candidate fits is a matcher bug, never a reason to store
      const onFit = (i: number): never => { throw new Error(`matcher inconsistency: job ${job.jobId} was left unmatched but candidate ${i} fits it`) }
      const t = new Tally(maxReasons)
      cols.tally(pj, t, i => refusalCode(pj, nodes[i]!, takenOf(i)), onFit)
      r = summarize(t, i => {
        const c = candidates[i] as Candidate
        const f = firstRefusal(job, withTaken(c, takenOf(i)), options)
        return f.ok ? onFit(i) : { nodeId: c.nodeId, code: f.code, reason: f.reason }
      }, maxReasons)
      cache.set(key, r)
    }
    // copies, so a caller editing one job's reasons cannot change another's
    return { jobId: job.jobId, reasons: r.reasons.map(x => ({ ...x })), counts: { ...r.counts } }
  })
}
