import { expect } from 'chai'
import { DeviceKind } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import { firstRefusal, withTaken } from '../../coordinator/matching/filters.js'
import { match, type MatchInit } from '../../coordinator/matching/matcher.js'
import { prepare, prepareJob, refusalCode, scored, total } from '../../coordinator/matching/prepared.js'
import { matchReference } from '../../coordinator/matching/reference.js'
import { defaultScoreWeights, score } from '../../coordinator/matching/scorers.js'
import type { Candidate, JobRequirements } from '../../coordinator/matching/types.js'
import { mulberry32 } from '../../src/random.js'


const GiB = 1024n ** 3n
const LOCATIONS = ['eu-west', 'eu-north', 'us-east', 'EU-West ', 'ap', '']

/**
 * A random market built to hit the edges: few distinct prices, reputations and sizes (so exact
 * ties happen), memory right at the need, free memory below the offer, every liveness and status,
 * unreadable prices, repeated node ids, exclusions, backend lists, zero budgets and queues.
 */
function market (r: () => number, jobs: number, nodes: number): { js: JobRequirements[], cs: Candidate[] } {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const smooth = r() < 0.5 // continuous reputations in half the markets, a few exact values in the rest
  const cs: Candidate[] = Array.from({ length: nodes }, (_, i) => {
    const gpu = r() < 0.4
    const ram = BigInt(pick([0, 2, 4, 8, 16, 64])) * GiB
    const nodeId = r() < 0.03 ? `n${Math.floor(r() * (i + 1))}` : `n${i}`
    return {
      nodeId,
      liveness: pick(['ONLINE', 'ONLINE', 'ONLINE', 'ONLINE', 'STALE', 'OFFLINE'] as const),
      reputation: smooth ? r() : pick([0, 0.25, 0.5, 0.75, 1, 1.5, -0.5]),
      activeJobs: pick([0, 0, 0, 1, 2, 5]),
      offer: {
        nodeId, seqno: 1n, timestampMs: 1n, deviceKind: gpu ? DeviceKind.GPU : DeviceKind.CPU, deviceModel: '', cpuCores: 4, ramBytes: ram,
        gpuMemoryBytes: gpu ? BigInt(pick([0, 4, 8, 16, 24])) * GiB : 0n,
        backends: pick([['wasm', 'cpu'], ['cpu'], ['tensorflow-gpu', 'cpu'], ['tensorflow'], []]),
        pricePerUnit: r() < 0.02 ? pick(['x', '-3', '']) : String(pick([0, 1, 5, 10, 10, 20, 40])),
        location: pick(LOCATIONS), walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: pick([0, 1, 1, 2, 3, 8])
      },
      ...(r() < 0.6
        ? {
            heartbeat: {
              nodeId, seqno: 1n, timestampMs: 1n, queueLength: 0, softwareVersion: '0.1.0',
              status: pick([WorkStatus.IDLE, WorkStatus.IDLE, WorkStatus.BUSY, WorkStatus.DRAINING, WorkStatus.LEAVING]),
              availableMemoryBytes: BigInt(pick([1, 4, 8, 100])) * GiB
            }
          }
        : {})
    }
  })
  const js: JobRequirements[] = Array.from({ length: jobs }, (_, i) => ({
    jobId: `j${i}`,
    requiredDevice: pick(['ANY', 'CPU', 'GPU'] as const),
    minMemoryBytes: BigInt(pick([0, 0, 2, 4, 8, 16, 64])) * GiB,
    maxPricePerUnit: BigInt(pick([0, 1, 5, 10, 20, 40, 100])),
    ...(r() < 0.5 ? { preferredLocation: pick(LOCATIONS) } : {}),
    ...(r() < 0.25 ? { backends: pick([['wasm'], ['tensorflow-gpu', 'tensorflow'], ['cpu'], []]) } : {}),
    ...(r() < 0.2 && nodes > 0 ? { excludeNodes: [`n${Math.floor(r() * nodes)}`, `n${Math.floor(r() * nodes)}`] } : {})
  }))
  return { js, cs }
}

/** Random options: the defaults, other weights (zeros included), few reasons, live memory off. */
function options (r: () => number): MatchInit {
  const u = r()
  if (u < 0.5) return {}
  if (u < 0.7) return { weights: { device_match: r(), memory_available: r(), reputation: 0, location: r(), queue_length: r(), price: r() } }
  if (u < 0.85) return { maxReasons: 1 + Math.floor(r() * 4) }
  return { liveMemory: false }
}

describe('matching fast path', () => {
  it('filters and scores prepared candidates exactly like the readable chain and scorers', () => {
    const r = mulberry32(11)
    const { js, cs } = market(r, 60, 60)
    let checked = 0
    for (const j of js) {
      for (const c of cs) {
        const taken = Math.floor(r() * 3)
        const readable = firstRefusal(j, withTaken(c, taken))
        expect(refusalCode(prepareJob(j), prepare(c), taken), `${j.jobId} on ${c.nodeId}`).to.equal(readable.ok ? undefined : readable.code)
        if (!readable.ok) continue
        // bit for bit: a tie broken differently would change the winner
        expect(total(prepareJob(j), prepare(c), taken, defaultScoreWeights)).to.equal(score(j, c, taken).total)
        // what the matcher writes into an assignment, against what the readable scorers write
        expect(scored(prepareJob(j), prepare(c), taken, defaultScoreWeights)).to.deep.equal(score(j, c, taken))
        checked++
      }
    }
    expect(checked).to.be.greaterThan(100)
  })

  it('gives the same tick as the full-scan reference on 300 random markets', function () {
    this.timeout(120_000)
    const r = mulberry32(2024)
    let assigned = 0
    let unmatched = 0
    let summaries = 0
    for (let k = 0; k < 300; k++) {
      // mostly small markets; every fourth one large enough that groups span many tree levels
      const big = k % 4 === 3
      const { js, cs } = market(r, 1 + Math.floor(r() * (big ? 120 : 30)), Math.floor(r() * (big ? 400 : 40)))
      const o = options(r)
      const fast = match(js, cs, o)
      const ref = matchReference(js, cs, o)
      expect(fast, `market ${k}`).to.deep.equal(ref)
      assigned += fast.assignments.length
      unmatched += fast.unmatched.length
      summaries += fast.unmatched.filter(u => u.reasons[0]?.code === 'SUMMARY').length
    }
    // the markets exercise both outcomes and the capped reasons
    expect(assigned).to.be.greaterThan(1000)
    expect(unmatched).to.be.greaterThan(1000)
    expect(summaries).to.be.greaterThan(100)
  })

  it('explains crowds of left-over jobs that differ in budget, memory and exclusions like the reference', () => {
    const r = mulberry32(77)
    let unmatched = 0
    for (let k = 0; k < 12; k++) {
      // far more jobs than slots, budgets spread over every price, so most jobs are left over with mixed reasons
      const { js, cs } = market(r, 400, 80)
      const crowd = js.map((j, i) => ({ ...j, maxPricePerUnit: BigInt(i % 45), ...(i % 9 === 0 ? { excludeNodes: [`n${i % 80}`] } : {}) }))
      const o = { maxReasons: 1 + (k % 6) * 4 }
      const fast = match(crowd, cs, o)
      expect(fast, `market ${k}`).to.deep.equal(matchReference(crowd, cs, o))
      unmatched += fast.unmatched.length
    }
    expect(unmatched).to.be.greaterThan(2000)
  })

  it('gives the same tick as the reference when many peers tie exactly', () => {
    const r = mulberry32(5)
    for (let k = 0; k < 20; k++) {
      const { js, cs } = market(r, 80, 200)
      // identical offers under distinct ids: only the price and node id tie-breaks can separate them
      const twins = cs.map((c, i) => ({ ...c, nodeId: `t${(i * 7919) % 200}`, reputation: 0.5, offer: { ...cs[0]!.offer, pricePerUnit: String(i % 2) } }))
      expect(match(js, twins), `market ${k}`).to.deep.equal(matchReference(js, twins))
    }
  })

  it('refuses memory or a price one unit on the wrong side of the job even where the two are equal as numbers', () => {
    // 2^60 and 2^60 + 1 are the same float: only the bigint comparison can tell them apart
    const big = 2n ** 60n
    const node = (nodeId: string, ram: bigint, price: bigint): Candidate => ({
      nodeId, liveness: 'ONLINE', activeJobs: 0, reputation: 1,
      offer: {
        nodeId, seqno: 1n, timestampMs: 1n, deviceKind: DeviceKind.CPU, deviceModel: '', cpuCores: 4, ramBytes: ram, gpuMemoryBytes: 0n,
        backends: ['cpu'], pricePerUnit: String(price), location: '', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 4
      }
    })
    const job = (jobId: string, need: bigint, budget: bigint): JobRequirements => ({ jobId, requiredDevice: 'CPU', minMemoryBytes: need, maxPricePerUnit: budget })
    const options = { liveMemory: false }
    const cases: Array<[Candidate[], JobRequirements[]]> = [
      [[node('short', big, 1n)], [job('needs-one-more-byte', big + 1n, 10n)]],
      [[node('dear', 8n * GiB, big + 1n)], [job('budget-one-short', 0n, big)]],
      [[node('short', big, 1n), node('enough', big + 1n, 1n)], [job('needs-one-more-byte', big + 1n, 10n)]]
    ]
    for (const [nodes, jobs] of cases) {
      const fast = match(jobs, nodes, options)
      expect(fast).to.deep.equal(matchReference(jobs, nodes, options))
      expect(fast.assignments.map(a => a.nodeId)).to.not.include.members(['short', 'dear'])
    }
    expect(match([job('needs-one-more-byte', big + 1n, 10n)], cases[2]![0], options).assignments[0]?.nodeId).to.equal('enough')
  })

  it('still finds a GPU peer that reports no GPU memory for a GPU job that needs none', () => {
    // the joint bounds count no memory as the best memory term; a bound of −∞ here would hide the peer
    const gpu = (nodeId: string, gpuMemoryBytes: bigint, price: number): Candidate => ({
      nodeId, liveness: 'ONLINE', activeJobs: 0, reputation: 0.5,
      offer: {
        nodeId, seqno: 1n, timestampMs: 1n, deviceKind: DeviceKind.GPU, deviceModel: '', cpuCores: 4, ramBytes: 8n * GiB, gpuMemoryBytes,
        backends: ['tensorflow-gpu'], pricePerUnit: String(price), location: '', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 1
      }
    })
    // enough of them to fill leaves of their own in the search tree
    const nodes = [...Array.from({ length: 10 }, (_, i) => gpu(`no-memory-${i}`, 0n, 1)), ...Array.from({ length: 20 }, (_, i) => gpu(`g${i}`, 16n * GiB, 50))]
    const jobs: JobRequirements[] = [
      { jobId: 'cheap', requiredDevice: 'GPU', minMemoryBytes: 0n, maxPricePerUnit: 5n },
      { jobId: 'any', requiredDevice: 'GPU', minMemoryBytes: 0n, maxPricePerUnit: 100n }
    ]
    const fast = match(jobs, nodes)
    expect(fast).to.deep.equal(matchReference(jobs, nodes))
    expect(fast.assignments.find(a => a.jobId === 'cheap')?.nodeId).to.equal('no-memory-0')
  })
})
