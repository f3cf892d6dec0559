/**
 * A coordinator whose start fails part-way leaves nothing behind: the parts already started are
 * stopped in reverse, so its data dir (the LevelDB lock) and the embedded cluster are released and
 * the same coordinator can be started again at once.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect } from 'chai'
import { Coordinator } from '../../coordinator/coordinator.js'

describe('coordinator start and stop', function () {
  this.timeout(120_000)
  let dir: string
  const running: Coordinator[] = []

  before(async () => { dir = await mkdtemp(join(tmpdir(), 'cyxwiz-start-')) })
  after(async () => {
    for (const c of running) await c.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('stops what it had started when a later part fails, so a retry on the same data dir works', async () => {
    const first = await Coordinator.start({ dataDir: join(dir, 'a'), listen: ['/ip4/127.0.0.1/tcp/0'] })
    running.push(first)
    const taken = first.multiaddrs()[0]?.toString().replace(/\/p2p\/.*$/, '') as string
    // the store, the registry and the cluster start before the node; the node cannot listen on a taken port
    const err = await Coordinator.start({ dataDir: join(dir, 'b'), listen: [taken] }).then(() => undefined, (e: unknown) => e as Error)
    expect(err, 'a second coordinator on a taken address').to.be.instanceOf(Error)
    const retried = await Coordinator.start({ dataDir: join(dir, 'b'), listen: ['/ip4/127.0.0.1/tcp/0'] })
    running.push(retried)
    expect(retried.multiaddrs().length).to.be.greaterThan(0)
    expect(first.multiaddrs().length).to.be.greaterThan(0)
  })
})
