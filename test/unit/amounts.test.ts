import { expect } from 'chai'
import { formatAmount, parseAmount, splitEscrow } from '../../src/ledger/amounts.js'

describe('amounts', () => {
  it('converts human amounts to base units exactly', () => {
    expect(parseAmount('100')).to.equal(100_000_000n)
    expect(parseAmount('0.5')).to.equal(500_000n)
    expect(parseAmount('0.000001')).to.equal(1n)
    expect(parseAmount('18446744073709.551615')).to.equal(18446744073709551615n)
    expect(formatAmount(12_500_000n)).to.equal('12.5')
    expect(formatAmount(1n)).to.equal('0.000001')
    expect(formatAmount(100_000_000n)).to.equal('100')
  })

  it('refuses what is not an exact amount', () => {
    for (const bad of ['-1', '1e6', '0.0000001', '1,5', '', 'abc', '18446744073709.551616', ' .5']) {
      expect(() => parseAmount(bad), bad).to.throw().with.property('code', 'ERR_INVALID_ARGUMENT')
    }
  })

  it('splits so that peer + fee + refund is always the amount', () => {
    expect(splitEscrow(100n, 10_000, 1000)).to.deep.equal({ peer: 90n, fee: 10n, refund: 0n })
    expect(splitEscrow(100n, 4_000, 1000)).to.deep.equal({ peer: 36n, fee: 4n, refund: 60n })
    expect(splitEscrow(100n, 0, 1000)).to.deep.equal({ peer: 0n, fee: 0n, refund: 100n })
    for (const amount of [0n, 1n, 7n, 999_999_999n, 18446744073709551615n]) {
      for (const bps of [0, 1, 3333, 5000, 9999, 10_000]) {
        const s = splitEscrow(amount, bps, 1000)
        expect(s.peer + s.fee + s.refund, `${amount} @ ${bps}`).to.equal(amount)
        expect(s.fee <= s.peer + s.fee).to.equal(true)
      }
    }
  })

  it('refuses fractions outside 0…100%', () => {
    expect(() => splitEscrow(1n, 10_001, 1000)).to.throw(RangeError)
    expect(() => splitEscrow(1n, 0.5, 1000)).to.throw(RangeError)
  })
})
