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
 * counts over typed columns: jobs without exclusions that differ only in budget share one scan of
 * the filters before the budget, and each budget is then a binary search over sorted prices plus
 * the few nodes read for its examples. Only the kept lines are written by the readable filters.
 * Counting stays exact: the columns hold byte counts and prices as numbers only when
 * every one of them is a safe integer, and the exact prepared check is used otherwise — as it is,
 * node by node, when a tick leaves so few kinds of job over that building the columns costs more.
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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER)
const safe = (b: bigint): boolean => b <= MAX_SAFE && b >= -MAX_SAFE

/** The ids of the nodes where `col` is `value`, in candidate order. */
const where = (col: Uint8Array, value: number, also?: Uint8Array): Int32Array => {
  const out: number[] = []
  for (let i = 0; i < col.length; i++) if (col[i] === value && (also == null || also[i] === 1)) out.push(i)
  return Int32Array.from(out)
}

/** kinds of unmatched job up to which each is tallied by a direct pass rather than over columns: a
 * pass costs about a twentieth of building them on the bench's market (scripts/bench/matcher.ts) */
const DIRECT = 16

/** What a class of jobs (`Columns.classOf`) shares whatever its budget. */
interface BudgetClass {
  /** the codes of the filters before the budget: counts, and examples in candidate order */
  base: Tally
  /** the nodes passing those filters, in candidate order, and their prices sorted */
  ids: Int32Array
  prices: Float64Array
  /** the lowest price among them with a slot free, and whose (+∞, −1 when none) */
  freePrice: number
  freeAt: number
}

/** The tick's candidates as columns, with slots as they stand at the end of the tick. */
class Columns {
  readonly isOnline: Uint8Array
  readonly gpu: Uint8Array
  readonly busy: Uint8Array
  readonly hostMem: Float64Array
  readonly gpuMem: Float64Array
  /** +∞ for an unreadable price: over every budget */
  readonly price: Float64Array
  readonly backendSet: Int32Array
  readonly sets: Array<ReadonlySet<string>> = []
  /** node ids by what the first filters say of them for any job: offline; online; online with a GPU; online without */
  readonly offline: Int32Array
  readonly online: Int32Array
  readonly onlineGpu: Int32Array
  readonly onlineCpu: Int32Array
  /** every memory size and price is a safe integer, so comparing numbers is comparing exactly */
  readonly exact: boolean
  private indexOf: Map<string, number> | undefined
  private readonly classes = new Map<string, BudgetClass>()
  private readonly nodes: readonly PreparedNode[]
  /** 1 at the nodes the job being tallied excludes, 0 elsewhere between jobs */
  private readonly mark: Uint8Array

  constructor (nodes: readonly PreparedNode[], takenOf: (i: number) => number) {
    const n = nodes.length
    this.nodes = nodes
    const online = this.isOnline = new Uint8Array(n)
    this.gpu = new Uint8Array(n)
    this.busy = new Uint8Array(n)
    this.hostMem = new Float64Array(n)
    this.gpuMem = new Float64Array(n)
    this.price = new Float64Array(n)
    this.backendSet = new Int32Array(n)
    this.mark = new Uint8Array(n)
    // offers repeat a few backend lists: the sorted set is keyed once per list as sent
    const setOfSent = new Map<string, number>()
    const setIds = new Map<string, number>()
    let exact = true
    for (let i = 0; i < n; i++) {
      const p = nodes[i]!
      online[i] = p.online ? 1 : 0
      this.gpu[i] = p.gpu ? 1 : 0
      this.busy[i] = p.draining || p.active + takenOf(i) >= p.maxQueue ? 1 : 0
      this.hostMem[i] = p.hostMemN
      this.gpuMem[i] = p.gpuMemN
      this.price[i] = p.price == null ? Infinity : p.priceN
      const sent = p.backendsKey
      let id = setOfSent.get(sent)
      if (id == null) {
        const key = JSON.stringify([...p.backends].sort())
        id = setIds.get(key)
        if (id == null) {
          id = this.sets.push(p.backends) - 1
          setIds.set(key, id)
        }
        setOfSent.set(sent, id)
      }
      this.backendSet[i] = id
      if (exact && !(safe(p.hostMem) && safe(p.gpuMem) && (p.price == null || safe(p.price)))) exact = false
    }
    this.exact = exact
    this.offline = where(online, 0)
    this.online = where(online, 1)
    this.onlineGpu = where(this.gpu, 1, online)
    this.onlineCpu = where(this.gpu, 0, online)
  }

  /** The first node with each id: a job's exclusions name nodes by id. Built for the first job that has any. */
  private idOf (id: string): number | undefined {
    if (this.indexOf == null) {
      this.indexOf = new Map()
      this.nodes.forEach((p, i) => { if (this.indexOf?.has(p.c.nodeId) === false) this.indexOf.set(p.c.nodeId, i) })
    }
    return this.indexOf.get(id)
  }

  private backendOk (pj: PreparedJob): Uint8Array {
    return Uint8Array.from(this.sets, s => (pj.backends == null || pj.backends.some(b => s.has(b)) ? 1 : 0))
  }

  /**
   * A job without exclusions, tallied from its class (device, memory need, backends — every filter
   * before the budget): the class is scanned once, and each budget then counts its OVER_BUDGET and
   * BUSY nodes by binary search over the class's sorted prices, reading nodes only for examples.
   */
  private tallyByBudget (pj: PreparedJob, t: Tally, onFit: (i: number) => never): void {
    const c = this.classOf(pj, t.keep)
    const rest = new Int32Array(filterCodes.length)
    c.base.examples.forEach((ex, k) => {
      for (const i of ex) t.add(k, i)
      rest[k] = c.base.counts[k]! - ex.length
    })
    // nobody fits: a node of the class with a slot free and a price within budget would
    if (c.freePrice <= pj.budgetN) onFit(c.freeAt)
    const { prices, ids } = c
    let lo = 0
    let hi = prices.length
    while (lo < hi) { const m = (lo + hi) >>> 1; if (prices[m]! <= pj.budgetN) lo = m + 1; else hi = m }
    const busy = lo
    const over = prices.length - busy
    let wantOver = Math.min(over, t.keep)
    let wantBusy = Math.min(busy, t.keep)
    rest[OVER_BUDGET] = over - wantOver
    rest[BUSY] = busy - wantBusy
    for (let x = 0; x < ids.length && (wantOver > 0 || wantBusy > 0); x++) {
      const i = ids[x]!
      if (this.price[i]! > pj.budgetN) {
        if (wantOver > 0) { t.add(OVER_BUDGET, i); wantOver-- }
      } else if (wantBusy > 0) { t.add(BUSY, i); wantBusy-- }
    }
    t.merge(rest)
  }

  /** The nodes a job's class refuses before its budget (tallied) and those it does not (ids, prices sorted). */
  private classOf (pj: PreparedJob, keep: number): BudgetClass {
    const key = JSON.stringify([pj.gpu, pj.needN, pj.backends ?? []])
    let c = this.classes.get(key)
    if (c != null) return c
    const base = new Tally(keep)
    for (let x = 0; x < this.offline.length; x++) base.add(NOT_ONLINE, this.offline[x]!)
    if (pj.gpu) for (let x = 0; x < this.onlineCpu.length; x++) base.add(DEVICE_MISMATCH, this.onlineCpu[x]!)
    const backendOk = this.backendOk(pj)
    const mem = pj.gpu ? this.gpuMem : this.hostMem
    const { busy, price, backendSet } = this
    const ids: number[] = []
    let freePrice = Infinity
    let freeAt = -1
    for (const i of pj.gpu ? this.onlineGpu : this.online) {
      if (mem[i]! < pj.needN) base.add(INSUFFICIENT_MEMORY, i)
      else if (backendOk[backendSet[i]!] === 0) base.add(NO_BACKEND, i)
      else {
        ids.push(i)
        if (busy[i] === 0 && price[i]! < freePrice) { freePrice = price[i]!; freeAt = i }
      }
    }
    // filled by a loop and sorted without a comparator: `from` with a mapping function costs twice the sort
    const prices = new Float64Array(ids.length)
    for (let x = 0; x < ids.length; x++) prices[x] = price[ids[x]!]!
    c = { base, ids: Int32Array.from(ids), prices: prices.sort(), freePrice, freeAt }
    this.classes.set(key, c)
    return c
  }

  /** Every candidate's first failing filter for a job nobody could take; the same codes as `refusalCode`. */
  tally (pj: PreparedJob, t: Tally, exactCheck: (i: number) => FilterCode | undefined, onFit: (i: number) => never): void {
    if (!this.exact || !safe(pj.need) || !safe(pj.budget)) {
      for (let i = 0; i < this.nodes.length; i++) t.add(exactCheck(i) ?? onFit(i), i)
      return
    }
    if (pj.excluded == null) {
      this.tallyByBudget(pj, t, onFit)
      return
    }
    const excluded = new Set<number>()
    for (const id of pj.excluded ?? []) { const i = this.idOf(id); if (i != null) excluded.add(i) }
    // marks, not the set, in the loops over every node: reading a byte is what keeps them cheap
    const mark = this.mark
    for (const i of excluded) mark[i] = 1
    try {
      this.tallyExcluding(pj, t, [...excluded].sort((a, b) => a - b), onFit)
    } finally {
      for (const i of excluded) mark[i] = 0
    }
  }

  /** `tally` for a job with exclusions: `excluded` are its excluded nodes in candidate order, marked in `mark`. */
  private tallyExcluding (pj: PreparedJob, t: Tally, excluded: readonly number[], onFit: (i: number) => never): void {
    const { mark } = this
    const backendOk = this.backendOk(pj)
    // the first two filters read nothing of the job but its exclusions: offline nodes are NOT_ONLINE
    // for every job, and online excluded ones EXCLUDED; each code keeps its examples in candidate order
    const counts = new Int32Array(filterCodes.length)
    const room = new Int32Array(filterCodes.length).fill(t.keep)
    const add = (k: number, i: number): void => {
      if (room[k]! > 0) {
        room[k]!--
        t.add(k, i)
      } else counts[k]!++
    }
    for (let x = 0; x < this.offline.length; x++) add(NOT_ONLINE, this.offline[x]!)
    for (const i of excluded) if (this.isOnline[i] === 1) add(EXCLUDED, i)
    // a GPU job: every other online node without a GPU is DEVICE_MISMATCH, and only those with one read on
    const rest = pj.gpu ? this.onlineGpu : this.online
    if (pj.gpu) {
      const cpu = this.onlineCpu
      for (let x = 0; x < cpu.length; x++) if (mark[cpu[x]!] === 0) add(DEVICE_MISMATCH, cpu[x]!)
    }
    const mem = pj.gpu ? this.gpuMem : this.hostMem
    const { busy, price, backendSet } = this
    const { needN, budgetN } = pj
    // the hot loop of a scarce tick: counts in a local array, `Tally.add` only while examples are wanted
    for (let x = 0; x < rest.length; x++) {
      const i = rest[x]!
      let k: number
      if (mark[i] === 1) continue
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
  // CPU and ANY jobs read the same memory and pass the device filter alike, so they share reasons
  return JSON.stringify([j.requiredDevice === 'GPU', String(j.minMemoryBytes), String(j.maxPricePerUnit), j.backends ?? [], j.excludeNodes ?? []])
}

/**
 * Reasons for jobs left unmatched at the end of a tick. `nodes[i]` is `candidates[i]` prepared;
 * `takenOf(i)` the slots it was given during the tick.
 */
export function explainUnmatched (jobs: readonly JobRequirements[], candidates: readonly Candidate[], nodes: readonly PreparedNode[],
  takenOf: (i: number) => number, maxReasons: number, options: FilterOptions): Unmatched[] {
  if (jobs.length === 0) return []
  const keys = jobs.map(requirementsKey)
  // columns pay off over many kinds of job; for a few (a tick that matched nearly everything), a
  // direct pass of the prepared check over the nodes per kind costs less than building them
  const cols = new Set(keys).size > DIRECT ? new Columns(nodes, takenOf) : undefined
  const cache = new Map<string, Omit<Unmatched, 'jobId'>>()
  return jobs.map((job, q) => {
    const key = keys[q]!
    let r = cache.get(key)
    if (r == null) {
      const pj = prepareJob(job)
      // a job left over that some candidate fits is a matcher bug, never a reason to store
      const onFit = (i: number): never => { throw new Error(`matcher inconsistency: job ${job.jobId} was left unmatched but candidate ${i} fits it`) }
      const t = new Tally(maxReasons)
      const check = (i: number): FilterCode | undefined => refusalCode(pj, nodes[i]!, takenOf(i))
      if (cols != null) cols.tally(pj, t, check, onFit)
      else for (let i = 0; i < nodes.length; i++) t.add(check(i) ?? onFit(i), i)
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
