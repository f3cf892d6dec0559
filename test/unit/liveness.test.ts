import { expect } from 'chai'
import { livenessOf, defaultLivenessOptions } from '../../coordinator/registry/registry-options.js'
import { Liveness } from '../../protocols/nodes.js'

describe('liveness', () => {
  const o = { ...defaultLivenessOptions, interval: 1000 }
  const at = (ageMs: number, leaving = false): Liveness => livenessOf(10_000, 10_000 + ageMs, leaving, o)

  it('is online while the next beat is not yet half an interval late', () => {
    expect(at(0)).to.equal(Liveness.ONLINE)
    expect(at(1400)).to.equal(Liveness.ONLINE)
  })

  it('is stale after one missed beat and still stale after two', () => {
    expect(at(1600)).to.equal(Liveness.STALE)
    expect(at(3400)).to.equal(Liveness.STALE)
  })

  it('is offline after three missed beats', () => {
    expect(at(3600)).to.equal(Liveness.OFFLINE)
    expect(at(86_400_000)).to.equal(Liveness.OFFLINE)
  })

  it('is offline at once for a node that said it is leaving', () => {
    expect(at(0, true)).to.equal(Liveness.OFFLINE)
  })

  it('treats a timestamp slightly in the future (clock skew) as online', () => {
    expect(at(-500)).to.equal(Liveness.ONLINE)
  })
})
