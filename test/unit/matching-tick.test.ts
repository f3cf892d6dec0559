import { expect } from 'chai'
import { DeviceKind, type Availability } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import { match } from '../../coordinator/matching/matcher.js'
import type { Candidate, JobRequirements } from '../../coordinator/matching/types.js'

const GiB = 1024n ** 3n
const offer = (o: Partial<Availability> = {}): Availability => ({
  nodeId: '', seqno: 1n, timestampMs: 1n, deviceKind: DeviceKind.CPU, deviceModel: 'cpu', gpuMemoryBytes: 0n, cpuCores: 8, ramBytes: 16n * GiB,
  backends: ['wasm', 'cpu'], pricePerUnit: '10', location: 'eu-west', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 1, ...o
})
const cand = (nodeId: string, o: Partial<Availability> = {}, c: Partial<Candidate> = {}): Candidate => ({
  nodeId, liveness: 'ONLINE', offer: offer(o), reputation: 0.5, activeJobs: 0, ...c
})
const job = (jobId: string, j: Partial<JobRequirements> = {}): JobRequirements => ({
  jobId, requiredDevice: 'ANY', minMemoryBytes: 0n, maxPricePerUnit: 100n, ...j
})
const pairs = (r: ReturnType<typeof match>): string[] => r.assignments.map(a => `${a.jobId}>${a.nodeId}`)

describe('matching tick', () => {
  it('takes jobs in queue order and never gives a peer more than its free slots', () => {
    const cs = [cand('a', { maxQueueLength: 3 }, { activeJobs: 1, reputation: 0.9 }), cand('b', { maxQueueLength: 1 }), cand('c', { maxQueueLength: 2 }, { activeJobs: 2 })]
    const r = match(['1', '2', '3', '4'].map(id => job(id)), cs)
    const per = new Map<string, number>()
    for (const a of r.assignments) per.set(a.nodeId, (per.get(a.nodeId) ?? 0) + 1)
    expect(Object.fromEntries(per)).to.deep.equal({ a: 2, b: 1 })
    // the best peer goes to the oldest job
    expect(r.assignments[0]).to.include({ jobId: '1', nodeId: 'a' })
    expect(r.unmatched.map(u => u.jobId)).to.deep.equal(['4'])
    expect(r.unmatched[0]?.reasons.map(x => `${x.nodeId}:${x.code}:${x.reason}`)).to.deep.equal(['a:BUSY:all 3 slots taken', 'b:BUSY:all 1 slots taken', 'c:BUSY:all 2 slots taken'])
    expect(r.unmatched[0]?.counts).to.deep.equal({ BUSY: 3 })
  })

  it('lowers a peer in the ranking as its slots fill during the tick', () => {
    // "a" wins the first job on reputation; one slot of two taken, its queue term drops by 0.075 > 0.02
    const cs = [cand('a', { maxQueueLength: 2 }, { reputation: 0.6 }), cand('b', { maxQueueLength: 2 }, { reputation: 0.5 })]
    expect(pairs(match([job('1'), job('2'), job('3')], cs))).to.deep.equal(['1>a', '2>b', '3>a'])
  })

  it('never asks an excluded peer again, even when it is the best', () => {
    const cs = [cand('best', {}, { reputation: 1 }), cand('next', {}, { reputation: 0.1 })]
    expect(pairs(match([job('j', { excludeNodes: ['best'] })], cs))).to.deep.equal(['j>next'])
    const r = match([job('j', { excludeNodes: ['best', 'next'] })], cs)
    expect(r.assignments).to.deep.equal([])
    expect(r.unmatched[0]?.reasons.map(x => x.code)).to.deep.equal(['EXCLUDED', 'EXCLUDED'])
  })

  it('assigns nothing to offline, stale, draining or leaving peers', () => {
    const beat = (status: WorkStatus): Candidate['heartbeat'] => ({ nodeId: '', status, seqno: 1n, timestampMs: 1n, queueLength: 0, availableMemoryBytes: 64n * GiB, softwareVersion: '0.1.0' })
    const cs = [cand('off', {}, { liveness: 'OFFLINE' }), cand('stale', {}, { liveness: 'STALE' }), cand('drain', {}, { heartbeat: beat(WorkStatus.DRAINING) }),
      cand('leave', {}, { heartbeat: beat(WorkStatus.LEAVING) }), cand('ok', {}, { reputation: 0 })]
    const r = match([job('1'), job('2')], cs)
    expect(pairs(r)).to.deep.equal(['1>ok'])
    expect(r.unmatched[0]?.reasons.map(x => `${x.nodeId}:${x.code}`)).to.deep.equal(['off:NOT_ONLINE', 'stale:NOT_ONLINE', 'drain:BUSY', 'leave:BUSY', 'ok:BUSY'])
  })

  it('explains a job no peer fits, one line per peer with a readable reason', () => {
    const cs = [cand('small', { ramBytes: 8n * GiB }), cand('dear', { ramBytes: 64n * GiB, pricePerUnit: '500' }),
      cand('gpu', { deviceKind: DeviceKind.GPU, gpuMemoryBytes: 8n * GiB, ramBytes: 64n * GiB, backends: ['tensorflow-gpu'] })]
    const r = match([job('big', { minMemoryBytes: 32n * GiB, backends: ['wasm'] })], cs)
    expect(r.assignments).to.deep.equal([])
    expect(r.unmatched[0]?.reasons).to.deep.equal([
      { nodeId: 'small', code: 'INSUFFICIENT_MEMORY', reason: 'needs 32.0 GiB of RAM, offers 8.0 GiB' },
      { nodeId: 'dear', code: 'OVER_BUDGET', reason: 'asks 500 per unit; the job\'s budget is 100' },
      { nodeId: 'gpu', code: 'NO_BACKEND', reason: 'runs tensorflow-gpu; the job accepts wasm' }
    ])
    expect(r.unmatched[0]?.counts).to.deep.equal({ INSUFFICIENT_MEMORY: 1, OVER_BUDGET: 1, NO_BACKEND: 1 })
    expect(match([job('x')], []).unmatched[0]?.reasons).to.deep.equal([{ nodeId: '', code: 'NO_PEERS', reason: 'no peer has offered anything yet' }])
  })

  it('caps the lines: a summary with every count first, then examples of every kind', () => {
    const cs = [
      ...Array.from({ length: 30 }, (_, i) => cand(`m${String(i).padStart(2, '0')}`, { ramBytes: 1n * GiB })),
      ...Array.from({ length: 5 }, (_, i) => cand(`p${i}`, { ramBytes: 64n * GiB, pricePerUnit: '999' })),
      cand('o', { ramBytes: 64n * GiB }, { liveness: 'OFFLINE' })
    ]
    const u = match([job('j', { minMemoryBytes: 2n * GiB })], cs, { maxReasons: 6 }).unmatched[0]
    expect(u?.counts).to.deep.equal({ NOT_ONLINE: 1, INSUFFICIENT_MEMORY: 30, OVER_BUDGET: 5 })
    expect(u?.reasons.length).to.equal(6)
    expect(u?.reasons[0]).to.deep.equal({ nodeId: '', code: 'SUMMARY', reason: 'none of 36 peers can take it: 30 INSUFFICIENT_MEMORY, 5 OVER_BUDGET, 1 NOT_ONLINE; 5 examples follow' })
    // round-robin over codes in chain order, listed in candidate order
    expect(u?.reasons.slice(1).map(x => x.nodeId)).to.deep.equal(['m00', 'm01', 'p0', 'p1', 'o'])
  })

  it('is deterministic: the same market gives the same tick, whatever the candidate order', () => {
    const cs = Array.from({ length: 25 }, (_, i) => cand(`n${i}`, { pricePerUnit: String(5 + (i % 4)), maxQueueLength: 1 + (i % 3), location: i % 2 === 0 ? 'eu-west' : 'us-east' },
      { reputation: (i % 5) / 4 }))
    const js = Array.from({ length: 60 }, (_, i) => job(`j${i}`, { maxPricePerUnit: BigInt(6 + (i % 3)), ...(i % 2 === 0 ? { preferredLocation: 'us-east' } : {}) }))
    const first = match(js, cs)
    expect(match(js, cs)).to.deep.equal(first)
    const shuffled = [...cs].reverse()
    const again = match(js, shuffled)
    expect(again.assignments).to.deep.equal(first.assignments)
    expect(again.unmatched.map(u => [u.jobId, u.counts])).to.deep.equal(first.unmatched.map(u => [u.jobId, u.counts]))
    expect(first.unmatched.length).to.be.greaterThan(0) // the market is tight enough to test both halves
  })

  it('counts a node id given twice once', () => {
    const r = match([job('1'), job('2')], [cand('a'), cand('a', { maxQueueLength: 5 })])
    expect(pairs(r)).to.deep.equal(['1>a'])
    expect(r.unmatched[0]?.reasons.map(x => x.nodeId)).to.deep.equal(['a'])
  })
})
