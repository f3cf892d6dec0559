import { expect } from 'chai'
import { DeviceKind, type Availability } from '../../protocols/availability.js'
import { WorkStatus } from '../../protocols/heartbeat.js'
import { match } from '../../coordinator/matching/matcher.js'
import { refusal } from '../../coordinator/matching/filters.js'
import { defaultScoreWeights } from '../../coordinator/matching/scorers.js'
import type { Candidate, JobRequirements } from '../../coordinator/jobs/match-types.js'

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

describe('matcher', () => {
  const cpu = cand('cpu', { ramBytes: 32n * GiB })
  const gpu = cand('gpu', { deviceKind: DeviceKind.GPU, gpuMemoryBytes: 16n * GiB, pricePerUnit: '30' })

  it('names every filter', () => {
    const j = job('j', { requiredDevice: 'GPU', minMemoryBytes: 8n * GiB, maxPricePerUnit: 20n, backends: ['tensorflow-gpu'] })
    expect(refusal(j, cand('a', {}, { liveness: 'STALE' }))?.code).to.equal('NOT_ONLINE')
    expect(refusal({ ...j, excludeNodes: ['a'] }, cand('a'))?.code).to.equal('EXCLUDED')
    expect(refusal(j, cand('a'))?.code).to.equal('DEVICE_MISMATCH')
    expect(refusal(j, cand('a', { deviceKind: DeviceKind.GPU, gpuMemoryBytes: 4n * GiB }))?.code).to.equal('INSUFFICIENT_MEMORY')
    expect(refusal(j, cand('a', { deviceKind: DeviceKind.GPU, gpuMemoryBytes: 16n * GiB }))?.code).to.equal('NO_BACKEND')
    const fits = { deviceKind: DeviceKind.GPU, gpuMemoryBytes: 16n * GiB, backends: ['tensorflow-gpu'] }
    expect(refusal(j, cand('a', { ...fits, pricePerUnit: '21' }))?.code).to.equal('OVER_BUDGET')
    expect(refusal(j, cand('a', fits, { activeJobs: 1 }))?.code).to.equal('BUSY')
    expect(refusal(j, cand('a', fits, { heartbeat: { nodeId: 'a', status: WorkStatus.DRAINING, seqno: 1n, timestampMs: 1n, queueLength: 0, availableMemoryBytes: 0n, softwareVersion: '0.1.0' } }))?.code).to.equal('BUSY')
    expect(refusal(j, cand('a', fits))).to.equal(undefined)
  })

  it('sends GPU, CPU and ANY jobs to the peers the score says, with a breakdown that adds up', () => {
    const r = match([job('g', { requiredDevice: 'GPU' }), job('c', { requiredDevice: 'CPU' })], [cpu, gpu])
    expect(r.assignments.map(a => `${a.jobId}>${a.nodeId}`)).to.deep.equal(['g>gpu', 'c>cpu'])
    for (const a of r.assignments) {
      const sum = Object.values(a.breakdown).reduce((s, t) => s + t.weighted, 0)
      expect(sum).to.be.closeTo(a.score, 1e-9)
      expect(Object.keys(a.breakdown).sort()).to.deep.equal(Object.keys(defaultScoreWeights).sort())
    }
    // an ANY job prefers the GPU peer (device term); a CPU job leaves the GPU alone even when it is free
    expect(match([job('a')], [cpu, gpu]).assignments[0]?.nodeId).to.equal('gpu')
    expect(match([job('c', { requiredDevice: 'CPU' })], [cpu, cand('gpu2', { deviceKind: DeviceKind.GPU, pricePerUnit: '10', ramBytes: 32n * GiB })]).assignments[0]?.nodeId).to.equal('cpu')
  })

  it('counts slots given out in the same tick', () => {
    const r = match([job('1'), job('2'), job('3')], [cand('a'), cand('b')])
    expect(r.assignments.map(a => a.nodeId).sort()).to.deep.equal(['a', 'b'])
    expect(r.unmatched[0]?.jobId).to.equal('3')
    expect(r.unmatched[0]?.reasons.map(x => x.code)).to.deep.equal(['BUSY', 'BUSY'])
  })

  it('explains an unmatched job per node, and says when there are no peers at all', () => {
    const r = match([job('big', { minMemoryBytes: 1024n * GiB })], [cpu, gpu])
    expect(r.unmatched[0]?.reasons.map(x => `${x.nodeId}:${x.code}`)).to.deep.equal(['cpu:INSUFFICIENT_MEMORY', 'gpu:INSUFFICIENT_MEMORY'])
    expect(match([job('x')], []).unmatched[0]?.reasons[0]?.code).to.equal('NO_PEERS')
  })

  it('prefers the better reputation and is deterministic on ties', () => {
    const good = cand('z-good', {}, { reputation: 0.9 })
    const bad = cand('a-bad', {}, { reputation: 0.1 })
    expect(match([job('j')], [bad, good]).assignments[0]?.nodeId).to.equal('z-good')
    const twins = [cand('b'), cand('a')]
    expect(match([job('j')], twins).assignments[0]?.nodeId).to.equal('a')
    expect(match([job('j')], [...twins].reverse()).assignments[0]?.nodeId).to.equal('a')
  })
})
