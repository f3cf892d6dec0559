import { expect } from 'chai'
import { DeviceKind, type Availability } from '../../protocols/availability.js'
import { WorkStatus, type Heartbeat } from '../../protocols/heartbeat.js'
import { CyxwizError } from '../../src/errors.js'
import { match, resolveMatchOptions } from '../../coordinator/matching/matcher.js'
import {
  defaultScoreWeights, deviceValue, locationValue, memoryValue, normLocation, priceValue, queueValue, reputationValue, score, scoreTerms, weightedTotal
} from '../../coordinator/matching/scorers.js'
import type { Candidate, JobRequirements, ScoreTerm } from '../../coordinator/matching/types.js'

const GiB = 1024n ** 3n
const offer = (o: Partial<Availability> = {}): Availability => ({
  nodeId: '', seqno: 1n, timestampMs: 1n, deviceKind: DeviceKind.CPU, deviceModel: 'cpu', gpuMemoryBytes: 0n, cpuCores: 8, ramBytes: 32n * GiB,
  backends: ['wasm', 'cpu'], pricePerUnit: '20', location: 'eu-west', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 2, ...o
})
const cand = (nodeId: string, o: Partial<Availability> = {}, c: Partial<Candidate> = {}): Candidate => ({
  nodeId, liveness: 'ONLINE', offer: offer(o), reputation: 0.5, activeJobs: 0, ...c
})
const job = (jobId: string, j: Partial<JobRequirements> = {}): JobRequirements => ({
  jobId, requiredDevice: 'ANY', minMemoryBytes: 4n * GiB, maxPricePerUnit: 40n, ...j
})
const gpu = (nodeId: string, o: Partial<Availability> = {}, c: Partial<Candidate> = {}): Candidate =>
  cand(nodeId, { deviceKind: DeviceKind.GPU, gpuMemoryBytes: 24n * GiB, backends: ['tensorflow-gpu', 'cpu'], ...o }, c)
/** winner of a one-job tick */
const winner = (j: JobRequirements, cs: Candidate[]): string | undefined => match([j], cs).assignments[0]?.nodeId

describe('matching scorers', () => {
  it('keeps every term in 0…1 with the documented shapes', () => {
    expect([deviceValue('GPU', true), deviceValue('CPU', false), deviceValue('CPU', true), deviceValue('ANY', true), deviceValue('ANY', false)])
      .to.deep.equal([1, 1, 0.5, 1, 0.5])
    expect([memoryValue(16, 4), memoryValue(16, 0), memoryValue(4, 4), memoryValue(0, 0), memoryValue(2, 4)]).to.deep.equal([0.75, 1, 0, 0, 0])
    expect([reputationValue(0.7), reputationValue(2), reputationValue(-1), reputationValue(Number.NaN)]).to.deep.equal([0.7, 1, 0, 0])
    expect([locationValue('eu-west', 'eu-west'), locationValue('eu-west', 'eu-north'), locationValue('eu-west', 'us-east'), locationValue('', 'us-east')])
      .to.deep.equal([1, 0.5, 0, 0.5])
    expect(locationValue(normLocation(' EU-West '), normLocation('eu-west'))).to.equal(1)
    expect([queueValue(0, 4), queueValue(3, 4), queueValue(4, 4), queueValue(0, 0)]).to.deep.equal([1, 0.25, 0, 1])
    expect([priceValue(10, 40), priceValue(40, 40), priceValue(0, 0)]).to.deep.equal([0.75, 0, 1])
  })

  it('documents one weight per term, summing to 1', () => {
    expect(Object.keys(defaultScoreWeights).sort()).to.deep.equal([...scoreTerms].sort())
    expect(scoreTerms.reduce((s, k) => s + defaultScoreWeights[k], 0)).to.be.closeTo(1, 1e-12)
    expect(Math.max(...scoreTerms.map(k => defaultScoreWeights[k]))).to.equal(defaultScoreWeights.device_match)
  })

  it('gives a breakdown whose weighted terms add up to the total', () => {
    const hb: Heartbeat = { nodeId: 'c', status: WorkStatus.BUSY, seqno: 1n, timestampMs: 1n, queueLength: 1, availableMemoryBytes: 8n * GiB, softwareVersion: '0.1.0' }
    // liveMemory on, so the heartbeat's free memory counts (by default only the offer does)
    const s = score(job('j', { preferredLocation: 'eu-north' }), cand('c', {}, { reputation: 0.8, activeJobs: 1, heartbeat: hb }), 0, defaultScoreWeights, { liveMemory: true })
    const v = (k: ScoreTerm): number => s.breakdown[k].value
    // 8 GiB free now of 32 offered, 4 needed; one of two slots used; eu-west vs eu-north
    expect([v('device_match'), v('memory_available'), v('reputation'), v('location'), v('queue_length'), v('price')]).to.deep.equal([0.5, 0.5, 0.8, 0.5, 0.5, 0.5])
    for (const k of scoreTerms) expect(s.breakdown[k].weighted).to.equal(s.breakdown[k].value * defaultScoreWeights[k])
    expect(s.total).to.be.closeTo(scoreTerms.reduce((t, k) => t + s.breakdown[k].weighted, 0), 1e-12)
    expect(s.total).to.equal(weightedTotal(defaultScoreWeights, 0.5, 0.5, 0.8, 0.5, 0.5, 0.5))
  })

  it('sends GPU, CPU and ANY jobs where the score says, and the breakdown shows why', () => {
    // the GPU peer is cheaper; only device_match speaks for the CPU peer
    const cs = [cand('cpu', { pricePerUnit: '20' }), gpu('gpu', { pricePerUnit: '10' })]
    const r = match([job('g', { requiredDevice: 'GPU' }), job('c', { requiredDevice: 'CPU' }), job('a')], cs)
    expect(r.assignments.map(a => `${a.jobId}>${a.nodeId}`)).to.deep.equal(['g>gpu', 'c>cpu', 'a>gpu'])
    const c = r.assignments[1]
    expect(c?.breakdown.device_match.value).to.equal(1)
    // the CPU peer gains 0.15 on device_match and loses 0.025 on price against the GPU peer
    const other = score(job('c', { requiredDevice: 'CPU' }), cs[1] as Candidate, 1)
    expect(other.breakdown.device_match.value).to.equal(0.5)
    expect((c?.breakdown.device_match.weighted ?? 0) - other.breakdown.device_match.weighted).to.be.closeTo(0.15, 1e-12)
    expect(other.breakdown.price.weighted - (c?.breakdown.price.weighted ?? 0)).to.be.closeTo(0.025, 1e-12)
    expect(c?.score).to.be.greaterThan(other.total)
    // with price made to matter most, the same CPU job goes to the cheaper GPU peer
    expect(match([job('c', { requiredDevice: 'CPU' })], cs, { weights: { price: 1 } }).assignments[0]?.nodeId).to.equal('gpu')
  })

  it('prefers, other things equal: reputation, location, memory headroom, a free queue, a lower price', () => {
    expect(winner(job('j'), [cand('a', {}, { reputation: 0.4 }), cand('b', {}, { reputation: 0.9 })])).to.equal('b')
    const near = job('j', { preferredLocation: 'us-west' })
    expect(winner(near, [cand('a', { location: 'eu-west' }), cand('b', { location: 'us-east' })])).to.equal('b')
    expect(winner(near, [cand('a', { location: 'us-east' }), cand('b', { location: 'US-West' })])).to.equal('b')
    expect(winner(job('j'), [cand('a', { ramBytes: 8n * GiB }), cand('b', { ramBytes: 64n * GiB })])).to.equal('b')
    expect(winner(job('j'), [cand('a', {}, { activeJobs: 1 }), cand('b')])).to.equal('b')
    expect(winner(job('j'), [cand('a', { pricePerUnit: '30' }), cand('b', { pricePerUnit: '29' })])).to.equal('b')
  })

  it('breaks exact ties by the lower price, then the lower node id', () => {
    // price 20 vs 10 with budget 40 differ by 0.025 in score; make up for it with reputation (0.125 × 0.2)
    const cheap = cand('z', { pricePerUnit: '10' }, { reputation: 0.5 })
    const dear = cand('a', { pricePerUnit: '20' }, { reputation: 0.625 })
    expect(score(job('j'), cheap).total).to.equal(score(job('j'), dear).total)
    expect(winner(job('j'), [dear, cheap])).to.equal('z')
    expect(winner(job('j'), [cand('b'), cand('a'), cand('c')])).to.equal('a')
  })

  it('refuses weights and limits that cannot work, with a code', () => {
    for (const bad of [{ weights: { price: -0.1 } }, { weights: { reputation: Number.NaN } }, { maxReasons: 0 }, { maxReasons: 1.5 }]) {
      expect(() => resolveMatchOptions(bad)).to.throw(CyxwizError).with.property('code', 'ERR_INVALID_ARGUMENT')
    }
    expect(resolveMatchOptions({ weights: { price: 0 } }).weights).to.deep.equal({ ...defaultScoreWeights, price: 0 })
  })
})
