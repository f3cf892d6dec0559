/**
 * The peer daemon's lifecycle: parts start in list order and stop in reverse; a start that throws
 * stops everything already running (itself included) before the error reaches the caller.
 */
import { expect } from 'chai'
import { defaultLogger } from '@libp2p/logger'
import type { Startable } from '@libp2p/interface'
import { ServiceList } from '../../src/service-list.js'

function part (name: string, log: string[], o: { failStart?: boolean, failStop?: boolean } = {}): { name: string, service: Startable } {
  return {
    name,
    service: {
      start: async () => { log.push(`start ${name}`); if (o.failStart === true) throw new Error(`${name} cannot start`) },
      stop: async () => { log.push(`stop ${name}`); if (o.failStop === true) throw new Error(`${name} cannot stop`) }
    }
  }
}

describe('service list', () => {
  const log = defaultLogger().forComponent('test:lifecycle')

  it('starts in order and stops in reverse, what was opened first last', async () => {
    const seen: string[] = []
    const life = new ServiceList(log)
    life.opened('store', () => { seen.push('close store') })
    await life.start([part('a', seen), part('b', seen)])
    expect(life.names).to.deep.equal(['store', 'a', 'b'])
    await life.stop()
    expect(seen).to.deep.equal(['start a', 'start b', 'stop b', 'stop a', 'close store'])
    expect(life.names).to.deep.equal([])
    await life.stop() // nothing left: a second stop does nothing
    expect(seen).to.have.length(5)
  })

  it('stops everything already running when a start throws, then rethrows; later parts never start', async () => {
    const seen: string[] = []
    const life = new ServiceList(log)
    life.opened('node', () => { seen.push('stop node') })
    const failing = life.start([part('a', seen), part('b', seen, { failStart: true }), part('c', seen)])
    const err = await failing.catch((e: Error) => e)
    expect((err as Error).message).to.equal('b cannot start')
    expect(seen).to.deep.equal(['start a', 'start b', 'stop b', 'stop a', 'stop node'])
    expect(life.names).to.deep.equal([])
  })

  it('goes on stopping the rest when a stop fails', async () => {
    const seen: string[] = []
    const life = new ServiceList(log)
    await life.start([part('a', seen), part('b', seen, { failStop: true }), part('c', seen)])
    await life.stop()
    expect(seen.slice(3)).to.deep.equal(['stop c', 'stop b', 'stop a'])
  })
})
