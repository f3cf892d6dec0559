import { expect } from 'chai'
import { DeviceKind, type Availability } from '../../protocols/availability.js'
import { WorkStatus, type Heartbeat } from '../../protocols/heartbeat.js'
import {
  deviceKind, enoughMemory, filterChain, filterCodes, firstRefusal, hasBackend, hasCapacity, notExcluded, online, parsePrice,
  refusal, uniqueCandidates, withinBudget
} from '../../coordinator/matching/filters.js'
import type { Candidate, Filter, FilterResult, JobRequirements } from '../../coordinator/matching/types.js'

const GiB = 1024n ** 3n
const offer = (o: Partial<Availability> = {}): Availability => ({
  nodeId: '', seqno: 1n, timestampMs: 1n, deviceKind: DeviceKind.CPU, deviceModel: 'cpu', gpuMemoryBytes: 0n, cpuCores: 8, ramBytes: 16n * GiB,
  backends: ['wasm', 'cpu'], pricePerUnit: '10', location: 'eu-west', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 2, ...o
})
const beat = (h: Partial<Heartbeat> = {}): Heartbeat => ({
  nodeId: '', status: WorkStatus.IDLE, seqno: 1n, timestampMs: 1n, queueLength: 0, availableMemoryBytes: 64n * GiB, softwareVersion: '0.1.0', ...h
})
const cand = (nodeId: string, o: Partial<Availability> = {}, c: Partial<Candidate> = {}): Candidate => ({
  nodeId, liveness: 'ONLINE', offer: offer(o), reputation: 0.5, activeJobs: 0, ...c
})
const job = (j: Partial<JobRequirements> = {}): JobRequirements => ({ jobId: 'j', requiredDevice: 'ANY', minMemoryBytes: 0n, maxPricePerUnit: 100n, ...j })
const gpuOffer = { deviceKind: DeviceKind.GPU, gpuMemoryBytes: 24n * GiB, backends: ['tensorflow-gpu', 'cpu'] }

/** the code of a refusal, or 'OK' */
const code = (r: FilterResult): string => (r.ok ? 'OK' : r.code)

describe('matching filters', () => {
  it('NOT_ONLINE: stale and offline peers are unsuitable, online ones pass', () => {
    expect(code(online(job(), cand('a', {}, { liveness: 'STALE' })))).to.equal('NOT_ONLINE')
    expect(code(online(job(), cand('a', {}, { liveness: 'OFFLINE' })))).to.equal('NOT_ONLINE')
    expect(code(online(job(), cand('a')))).to.equal('OK')
  })

  it('EXCLUDED: peers that declined or timed out are not asked again', () => {
    expect(code(notExcluded(job({ excludeNodes: ['x', 'a'] }), cand('a')))).to.equal('EXCLUDED')
    expect(code(notExcluded(job({ excludeNodes: ['x'] }), cand('a')))).to.equal('OK')
    expect(code(notExcluded(job({ excludeNodes: [] }), cand('a')))).to.equal('OK')
  })

  it('DEVICE_MISMATCH: a GPU job needs a GPU peer; CPU and ANY jobs may run on either', () => {
    expect(code(deviceKind(job({ requiredDevice: 'GPU' }), cand('cpu')))).to.equal('DEVICE_MISMATCH')
    expect(code(deviceKind(job({ requiredDevice: 'GPU' }), cand('gpu', gpuOffer)))).to.equal('OK')
    expect(code(deviceKind(job({ requiredDevice: 'CPU' }), cand('gpu', gpuOffer)))).to.equal('OK')
    expect(code(deviceKind(job({ requiredDevice: 'ANY' }), cand('cpu')))).to.equal('OK')
  })

  it('INSUFFICIENT_MEMORY: GPU memory for GPU jobs, RAM capped by the heartbeat for CPU and ANY jobs', () => {
    const mem = enoughMemory()
    // GPU job: 24 GiB of GPU memory, plenty of RAM does not help
    expect(code(mem(job({ requiredDevice: 'GPU', minMemoryBytes: 32n * GiB }), cand('g', { ...gpuOffer, ramBytes: 256n * GiB })))).to.equal('INSUFFICIENT_MEMORY')
    expect(code(mem(job({ requiredDevice: 'GPU', minMemoryBytes: 24n * GiB }), cand('g', gpuOffer)))).to.equal('OK')
    // CPU job: RAM, not GPU memory
    expect(code(mem(job({ requiredDevice: 'CPU', minMemoryBytes: 20n * GiB }), cand('g', gpuOffer)))).to.equal('INSUFFICIENT_MEMORY')
    expect(code(mem(job({ requiredDevice: 'CPU', minMemoryBytes: 16n * GiB }), cand('c')))).to.equal('OK')
    // with liveMemory (off by default) the heartbeat's free memory caps the offer, for CPU and ANY jobs alike
    const tight = cand('c', {}, { heartbeat: beat({ availableMemoryBytes: 4n * GiB }) })
    const live = enoughMemory(true)
    for (const requiredDevice of ['CPU', 'ANY'] as const) {
      const r = live(job({ requiredDevice, minMemoryBytes: 8n * GiB }), tight)
      expect(code(r)).to.equal('INSUFFICIENT_MEMORY')
      expect(r.ok ? '' : r.reason).to.contain('4.0 GiB free now')
      expect(code(live(job({ requiredDevice, minMemoryBytes: 4n * GiB }), tight))).to.equal('OK')
      // by default the offer decides
      expect(code(mem(job({ requiredDevice, minMemoryBytes: 8n * GiB }), tight))).to.equal('OK')
    }
    // free memory above the offer does not raise it
    expect(code(mem(job({ minMemoryBytes: 17n * GiB }), cand('c', {}, { heartbeat: beat({ availableMemoryBytes: 64n * GiB }) })))).to.equal('INSUFFICIENT_MEMORY')
    // with liveMemory off only the offer counts
    expect(code(enoughMemory(false)(job({ minMemoryBytes: 8n * GiB }), tight))).to.equal('OK')
  })

  it('NO_BACKEND: at least one acceptable backend; none listed means any', () => {
    expect(code(hasBackend(job({ backends: ['tensorflow-gpu'] }), cand('c')))).to.equal('NO_BACKEND')
    expect(code(hasBackend(job({ backends: ['tensorflow', 'wasm'] }), cand('c')))).to.equal('OK')
    expect(code(hasBackend(job({ backends: [] }), cand('c')))).to.equal('OK')
    expect(code(hasBackend(job(), cand('c', { backends: [] })))).to.equal('OK')
  })

  it('OVER_BUDGET: price per unit above the budget, or a price that is not a u64', () => {
    expect(code(withinBudget(job({ maxPricePerUnit: 9n }), cand('c')))).to.equal('OVER_BUDGET')
    expect(code(withinBudget(job({ maxPricePerUnit: 10n }), cand('c')))).to.equal('OK')
    expect(code(withinBudget(job({ maxPricePerUnit: 0n }), cand('c', { pricePerUnit: '0' })))).to.equal('OK')
    for (const bad of ['-1', '1.5', '', 'ten', '1e3']) expect(code(withinBudget(job(), cand('c', { pricePerUnit: bad }))), bad).to.equal('OVER_BUDGET')
    expect(parsePrice('18446744073709551615')).to.equal(18446744073709551615n)
  })

  it('BUSY: every slot taken, or the peer draining or leaving', () => {
    expect(code(hasCapacity(job(), cand('c', {}, { activeJobs: 2 })))).to.equal('BUSY')
    expect(code(hasCapacity(job(), cand('c', { maxQueueLength: 0 })))).to.equal('BUSY')
    expect(code(hasCapacity(job(), cand('c', {}, { activeJobs: 1 })))).to.equal('OK')
    expect(code(hasCapacity(job(), cand('c', {}, { heartbeat: beat({ status: WorkStatus.DRAINING }) })))).to.equal('BUSY')
    expect(code(hasCapacity(job(), cand('c', {}, { heartbeat: beat({ status: WorkStatus.LEAVING }) })))).to.equal('BUSY')
    // a heartbeat saying BUSY is not a refusal: the coordinator's own slot count decides
    expect(code(hasCapacity(job(), cand('c', {}, { heartbeat: beat({ status: WorkStatus.BUSY }) })))).to.equal('OK')
  })

  it('runs the chain in the documented order and reports the first failure', () => {
    const chain: readonly Filter[] = filterChain()
    expect(chain.length).to.equal(filterCodes.length)
    // a candidate failing everything reports NOT_ONLINE; fix one thing at a time and the next code shows
    const j = job({ requiredDevice: 'GPU', minMemoryBytes: 8n * GiB, backends: ['tensorflow-gpu'], maxPricePerUnit: 5n, excludeNodes: ['a'] })
    const steps: Array<[Partial<Availability>, Partial<Candidate>, JobRequirements]> = [
      [{ maxQueueLength: 1 }, { liveness: 'STALE', activeJobs: 1 }, j],
      [{ maxQueueLength: 1 }, { activeJobs: 1 }, j],
      [{ maxQueueLength: 1 }, { activeJobs: 1 }, { ...j, excludeNodes: [] }],
      [{ maxQueueLength: 1, deviceKind: DeviceKind.GPU }, { activeJobs: 1 }, { ...j, excludeNodes: [] }],
      [{ maxQueueLength: 1, deviceKind: DeviceKind.GPU, gpuMemoryBytes: 8n * GiB }, { activeJobs: 1 }, { ...j, excludeNodes: [] }],
      [{ maxQueueLength: 1, ...gpuOffer }, { activeJobs: 1 }, { ...j, excludeNodes: [] }],
      [{ maxQueueLength: 1, ...gpuOffer, pricePerUnit: '5' }, { activeJobs: 1 }, { ...j, excludeNodes: [] }],
      [{ maxQueueLength: 2, ...gpuOffer, pricePerUnit: '5' }, { activeJobs: 1 }, { ...j, excludeNodes: [] }]
    ]
    const codes = steps.map(([o, c, jj]) => code(firstRefusal(jj, cand('a', o, c))))
    expect(codes).to.deep.equal([...filterCodes, 'OK'])
  })

  it('counts slots taken earlier in the tick', () => {
    const c = cand('c', { maxQueueLength: 3 }, { activeJobs: 1 })
    expect(refusal(job(), c, 1)).to.equal(undefined)
    expect(refusal(job(), c, 2)?.code).to.equal('BUSY')
    expect(c.activeJobs).to.equal(1) // the candidate itself is not changed
  })

  it('keeps the first of candidates that share a node id', () => {
    const list = uniqueCandidates([cand('a', { pricePerUnit: '1' }), cand('b'), cand('a', { pricePerUnit: '2' })])
    expect(list.map(c => `${c.nodeId}:${c.offer.pricePerUnit}`)).to.deep.equal(['a:1', 'b:10'])
  })
})
