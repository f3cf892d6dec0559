import { expect } from 'chai'
import { formatAmount, parseAmount, splitEscrow, splitEscrowShares, U64_MAX } from '../../src/ledger/amounts.js'
import { mulberry32 } from '../../src/random.js'


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

  describe('between several peers', () => {
    const sum = (xs: Array<{ amount: bigint }>): bigint => xs.reduce((t, x) => t + x.amount, 0n)

    it('pays each share pro rata, 10% fee per share rounded down, the rest refunded', () => {
      const s = splitEscrowShares(1000n, [{ owner: 'a', bps: 6000 }, { owner: 'b', bps: 3000 }, { owner: 'c', bps: 1000 }], 1000)
      expect(s).to.deep.equal({ peers: [{ owner: 'a', amount: 540n }, { owner: 'b', amount: 270n }, { owner: 'c', amount: 90n }], fee: 100n, refund: 0n })
      // 7 units: a earns ⌊7·0.5⌋ = 3, b ⌊7·0.25⌋ = 1; fee ⌊0.3⌋ + ⌊0.1⌋ = 0; refund 3
      expect(splitEscrowShares(7n, [{ owner: 'a', bps: 5000 }, { owner: 'b', bps: 2500 }], 1000))
        .to.deep.equal({ peers: [{ owner: 'a', amount: 3n }, { owner: 'b', amount: 1n }], fee: 0n, refund: 3n })
      // 99 units at 33.33% each: ⌊32.99⌋ = 32 earned each, fee ⌊3.2⌋ each, refund 99 − 64
      expect(splitEscrowShares(99n, [{ owner: 'a', bps: 3333 }, { owner: 'b', bps: 3333 }], 1000))
        .to.deep.equal({ peers: [{ owner: 'a', amount: 29n }, { owner: 'b', amount: 29n }], fee: 6n, refund: 35n })
      // 190 units, 50/50: each earns 95, fee ⌊9.5⌋ each = 18 in all (the total's 10% would be 19)
      expect(splitEscrowShares(190n, [{ owner: 'a', bps: 5000 }, { owner: 'b', bps: 5000 }], 1000))
        .to.deep.equal({ peers: [{ owner: 'a', amount: 86n }, { owner: 'b', amount: 86n }], fee: 18n, refund: 0n })
    })

    it('is exact for many random escrows, shares and fees', () => {
      const rand = mulberry32(0xc0ffee)
      const amounts = [0n, 1n, 2n, 7n, 99n, 10_001n, 1_000_000n, 123_456_789_012n, U64_MAX]
      for (let i = 0; i < 5000; i++) {
        const amount = i < amounts.length * 20 ? amounts[i % amounts.length] ?? 0n : BigInt(Math.floor(rand() * 2 ** 53)) * BigInt(1 + Math.floor(rand() * 4096))
        const n = 1 + Math.floor(rand() * 6)
        let left = 10_000
        const shares = Array.from({ length: n }, () => {
          const bps = Math.floor(rand() * (left + 1))
          left -= bps
          return { owner: `w${Math.floor(rand() * 4)}`, bps } // few owners, so some repeat
        })
        const feeBps = [0, 1, 1000, 2500, 10_000][Math.floor(rand() * 5)] ?? 1000
        const s = splitEscrowShares(amount, shares, feeBps)
        const label = `${amount} ${JSON.stringify(shares)} fee ${feeBps}`
        expect(sum(s.peers) + s.fee + s.refund, label).to.equal(amount)
        // the reference: merge by owner, then earned and fee per share, rounded down
        const merged = new Map<string, number>()
        for (const x of shares) merged.set(x.owner, (merged.get(x.owner) ?? 0) + x.bps)
        let earnedAll = 0n
        let fee = 0n
        const peers: Array<{ owner: string, amount: bigint }> = []
        for (const [owner, bps] of merged) {
          const earned = amount * BigInt(bps) / 10_000n
          const cut = earned * BigInt(feeBps) / 10_000n
          earnedAll += earned
          fee += cut
          if (earned > cut) peers.push({ owner, amount: earned - cut })
        }
        expect(s, label).to.deep.equal({ peers, fee, refund: amount - earnedAll })
        expect(new Set(s.peers.map(p => p.owner)).size, label).to.equal(s.peers.length)
        expect(s.peers.every(p => p.amount > 0n), label).to.equal(true)
        // the fee is never more than feeBps of what is paid out in all
        expect(s.fee * 10_000n <= (sum(s.peers) + s.fee) * BigInt(feeBps), label).to.equal(true)
      }
    })

    it('merges the same owner named twice into one entry, and drops zero amounts', () => {
      const s = splitEscrowShares(1000n, [{ owner: 'a', bps: 2000 }, { owner: 'b', bps: 0 }, { owner: 'a', bps: 3000 }, { owner: 'c', bps: 1 }], 1000)
      expect(s).to.deep.equal({ peers: [{ owner: 'a', amount: 450n }], fee: 50n, refund: 500n })
      expect(splitEscrowShares(1000n, [], 1000)).to.deep.equal({ peers: [], fee: 0n, refund: 1000n })
    })

    it('is splitEscrow for one share', () => {
      for (const [amount, bps] of [[100n, 10_000], [100n, 4000], [7n, 3333], [0n, 5000], [U64_MAX, 9999]] as const) {
        const one = splitEscrowShares(amount, [{ owner: 'p', bps }], 1000)
        expect(splitEscrow(amount, bps, 1000)).to.deep.equal({ peer: one.peers[0]?.amount ?? 0n, fee: one.fee, refund: one.refund })
      }
    })

    it('refuses shares over 100% in all, or any share outside 0…10000', () => {
      expect(() => splitEscrowShares(1n, [{ owner: 'a', bps: 6000 }, { owner: 'b', bps: 4001 }], 1000)).to.throw(RangeError, /10001/)
      expect(() => splitEscrowShares(1n, [{ owner: 'a', bps: 6000 }, { owner: 'a', bps: 6000 }], 1000)).to.throw(RangeError)
      expect(() => splitEscrowShares(1n, [{ owner: 'a', bps: -1 }, { owner: 'b', bps: 2 }], 1000)).to.throw(RangeError)
      expect(() => splitEscrowShares(1n, [{ owner: 'a', bps: 0.5 }], 1000)).to.throw(RangeError)
      expect(() => splitEscrowShares(1n, [{ owner: 'a', bps: 1 }], 10_001)).to.throw(RangeError)
      expect(() => splitEscrowShares(-1n, [{ owner: 'a', bps: 1 }], 1000)).to.throw(RangeError)
    })
  })
})
