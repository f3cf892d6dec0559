/**
 * Reputation from verified outcomes: the score formula and its newcomer value, an invalid result
 * weighing three lost jobs, the trust run (restarted by an invalid result, not by a lost job),
 * the spot-check count's bounds, and the counts surviving a reopen of a real level store.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LevelStore } from '../../src/storage/level-store.js'
import { REPUTATION_SUBLEVEL, Reputation, SPOT_CHECK_BUDGET, TRUST_RUN, type Outcome } from '../../coordinator/jobs/reputation.js'

describe('reputation from verified outcomes', () => {
  let dir: string
  let store: LevelStore
  let rep: Reputation

  const times = async (node: string, outcome: Outcome, n: number): Promise<void> => {
    for (let i = 0; i < n; i++) await rep.record(node, outcome)
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-reputation-'))
    store = await LevelStore.open(dir)
    rep = new Reputation(store)
    await rep.load()
  })

  afterEach(async () => {
    await store.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('scores (1 + v) / (2 + v + l + 3i): 0.5 for a newcomer', async () => {
    expect(rep.score('new')).to.equal(0.5)
    expect(rep.counts('new')).to.deep.equal({ verified: 0, invalid: 0, lost: 0, run: 0 })
    await times('p', 'verified', 4)
    await times('p', 'lost', 2)
    await times('p', 'invalid', 1)
    expect(rep.score('p')).to.be.closeTo(5 / 11, 1e-12)
    expect(rep.counts('p')).to.deep.equal({ verified: 4, invalid: 1, lost: 2, run: 0 })
  })

  it('weighs one invalid result as three lost jobs: 6 verified then 1 invalid is 0.875 → 0.636', async () => {
    await times('liar', 'verified', 6)
    await times('flaky', 'verified', 6)
    expect(rep.score('liar')).to.equal(0.875)
    await rep.record('liar', 'invalid')
    await times('flaky', 'lost', 3)
    expect(rep.score('liar')).to.be.closeTo(0.636, 0.001)
    expect(rep.score('liar')).to.equal(rep.score('flaky'))
  })

  it('trusts a peer after TRUST_RUN consecutive verified results; an invalid one restarts the run, a lost job does not', async () => {
    await times('p', 'verified', TRUST_RUN - 1)
    expect(rep.trusted('p')).to.equal(false)
    await rep.record('p', 'lost')
    await rep.record('p', 'verified')
    expect(rep.counts('p').run).to.equal(TRUST_RUN)
    expect(rep.trusted('p')).to.equal(true)
    await rep.record('p', 'invalid')
    expect(rep.trusted('p')).to.equal(false)
    expect(rep.counts('p').run).to.equal(0)
    await times('p', 'verified', TRUST_RUN - 1)
    expect(rep.trusted('p')).to.equal(false)
    await rep.record('p', 'verified')
    expect(rep.trusted('p')).to.equal(true)
  })

  it('spot-checks budget × segments of an untrusted peer, a quarter of that of a trusted one, never none and never more than there are', async () => {
    expect(SPOT_CHECK_BUDGET).to.equal(0.1)
    expect(rep.spotChecks('u', 100)).to.equal(10)
    expect(rep.spotChecks('u', 100, 0.29)).to.equal(29)
    expect(rep.spotChecks('u', 5)).to.equal(1)
    expect(rep.spotChecks('u', 0)).to.equal(0)
    expect(rep.spotChecks('u', 3, 1)).to.equal(3)
    expect(rep.spotChecks('u', 3, 0)).to.equal(1)
    await times('t', 'verified', TRUST_RUN)
    expect(rep.spotChecks('t', 100)).to.equal(2)
    expect(rep.spotChecks('t', 1000)).to.equal(25)
    expect(rep.spotChecks('t', 8)).to.equal(1)
    expect(rep.spotChecks('t', 0)).to.equal(0)
    expect(rep.spotChecks('t', 4, 1)).to.equal(1)
    for (const [segments, budget] of [[-1, 0.1], [1.5, 0.1], [Number.NaN, 0.1], [10, -0.1], [10, 1.1], [10, Number.NaN]]) {
      expect(() => rep.spotChecks('u', segments as number, budget), `${segments}, ${budget}`).to.throw().with.property('code', 'ERR_INVALID_ARGUMENT')
    }
  })

  it('keeps the counts across a reopen, in a sublevel of its own', async () => {
    await times('p', 'verified', TRUST_RUN)
    await rep.record('p', 'lost')
    await times('q', 'invalid', 2)
    // counts of the earlier scheme, under its own sublevel, are not read
    await store.binary('reputation').put('p', Buffer.from(JSON.stringify({ accepted: 50, completed: 50 })))
    await store.binary(REPUTATION_SUBLEVEL).put('garbled', Buffer.from('{not json'))
    await store.close()
    store = await LevelStore.open(dir)
    rep = new Reputation(store)
    await rep.load()
    expect(rep.counts('p')).to.deep.equal({ verified: TRUST_RUN, invalid: 0, lost: 1, run: TRUST_RUN })
    expect(rep.trusted('p')).to.equal(true)
    expect(rep.counts('q')).to.deep.equal({ verified: 0, invalid: 2, lost: 0, run: 0 })
    expect(rep.score('q')).to.equal(1 / 8)
    expect(rep.score('garbled')).to.equal(0.5)
  })

  it('persists the latest counts when records of one peer overlap', async () => {
    await Promise.all(Array.from({ length: 20 }, async (_, i) => await rep.record('p', i % 4 === 3 ? 'lost' : 'verified')))
    await store.close()
    store = await LevelStore.open(dir)
    rep = new Reputation(store)
    await rep.load()
    expect(rep.counts('p')).to.deep.equal({ verified: 15, invalid: 0, lost: 5, run: 15 })
  })
})
