import { expect } from 'chai'
import { protocolIds } from '../../protocols/ids.js'
import { compareVersions } from '../../src/version.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import { SeqnoTracker } from '../../src/network/seqno-tracker.js'
import { oneLine, printable } from '../../src/cli/output.js'

describe('protocol ids', () => {
  it('derives every topic and protocol from the network name and wire version', () => {
    const ids = protocolIds('testnet')
    expect(ids.topics.heartbeat).to.equal('/testnet/heartbeat/2')
    expect(ids.protocols.nodes).to.equal('/testnet/nodes/2.0.0')
    const all = [...Object.values(ids.topics), ...Object.values(ids.protocols)]
    expect(new Set(all).size).to.equal(all.length)
    expect(all.every(id => id.startsWith('/testnet/'))).to.equal(true)
  })

  it('refuses a network name that could break a topic', () => {
    expect(() => protocolIds('a/b')).to.throw(TypeError)
    expect(() => protocolIds('')).to.throw(TypeError)
  })
})

describe('versions', () => {
  it('compares major.minor.patch numerically and puts pre-releases first', () => {
    expect(compareVersions('0.10.0', '0.9.9')).to.equal(1)
    expect(compareVersions('1.0.0', '1.0.0')).to.equal(0)
    expect(compareVersions('1.0.0-rc.1', '1.0.0')).to.equal(-1)
    expect(compareVersions('0.1.0', '99.0.0')).to.equal(-1)
  })
})

describe('KeyedMutex', () => {
  it('runs tasks of one key in order and other keys alongside', async () => {
    const m = new KeyedMutex()
    const log: string[] = []
    const slow = (tag: string, ms: number) => async () => { await new Promise(resolve => setTimeout(resolve, ms)); log.push(tag) }
    await Promise.all([m.run('a', slow('a1', 30)), m.run('a', slow('a2', 1)), m.run('b', slow('b1', 5))])
    expect(log).to.deep.equal(['b1', 'a1', 'a2'])
  })

  it('keeps going after a task fails', async () => {
    const m = new KeyedMutex()
    const failed = m.run('a', async () => { throw new Error('boom') })
    const next = m.run('a', async () => 7)
    expect(await failed.catch(() => 'failed')).to.equal('failed')
    expect(await next).to.equal(7)
  })
})

describe('SeqnoTracker', () => {
  it('accepts only increasing seqnos per sender and never lowers a seeded one', () => {
    const t = new SeqnoTracker()
    t.seed('a', 10n)
    t.seed('a', 5n)
    expect(t.advance('a', 10n)).to.equal(false)
    expect(t.advance('a', 11n)).to.equal(true)
    expect(t.advance('b', 1n)).to.equal(true)
  })
})

describe('text someone else wrote, printed', () => {
  it('shows every terminal control as ? and keeps newlines and tabs only in our own lines', () => {
    const hostile = 'ok\x1b[2J\x1b]0;title\x07\x9b31m\u202edone\r\nCOMPLETED\tpaid\x7f'
    expect(printable(hostile)).to.equal('ok?[2J?]0;title??31m?done?\nCOMPLETED\tpaid?')
    expect(oneLine(hostile)).to.equal('ok?[2J?]0;title??31m?done? COMPLETED paid?')
    expect(oneLine('plain text, déjà vu, 数字')).to.equal('plain text, déjà vu, 数字')
  })
})

