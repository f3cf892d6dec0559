import { expect } from 'chai'
import { withRetries, RETRY_SCHEDULE_MS } from '../../src/retry.js'
import { CyxwizError } from '../../src/errors.js'

describe('the retry schedule', () => {
  it('retries a transient failure after 1, 2, 4, 8 and 16 units, then gives up with the last error', async () => {
    const delays: number[] = []
    let calls = 0
    const err = await withRetries(async () => { calls++; throw new CyxwizError('ERR_COORDINATOR_UNREACHABLE', `down ${calls}`, { retryable: true }) },
      { base: 5, onRetry: (_attempt, delay) => delays.push(delay) }).catch((e: Error) => e)
    expect(calls).to.equal(6)
    expect(delays).to.deep.equal(RETRY_SCHEDULE_MS.map(ms => ms / 200))
    expect((err as Error).message).to.equal('down 6')
  })

  it('does not retry an error that says it is permanent, and returns the first success', async () => {
    let calls = 0
    const err = await withRetries(async () => { calls++; throw new CyxwizError('ERR_HASH_MISMATCH', 'no') }, { base: 5 }).catch((e: CyxwizError) => e)
    expect(calls).to.equal(1)
    expect((err as CyxwizError).code).to.equal('ERR_HASH_MISMATCH')
    let n = 0
    expect(await withRetries(async () => { if (++n < 3) throw new Error('reset'); return n }, { base: 1 })).to.equal(3)
  })
})
