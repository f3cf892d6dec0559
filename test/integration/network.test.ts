/**
 * End to end: a coordinator and three peers as separate `cyxwiz` processes on 127.0.0.1.
 * All three appear online with offers and metrics; a SIGKILLed peer goes offline after three missed
 * beats; a SIGKILLed coordinator restarts with its registry intact and the live peers refill it.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fetchNodes, toView, type NodeView } from '../../client/nodes-command.js'
import { coordinatorAddr, killAll, peerStarted, runCli, startCli, tcpPort, waitFor, type CliProcess } from '../helpers/processes.js'

const INTERVAL = 1000

async function view (addr: string): Promise<Map<string, NodeView>> {
  const res = await fetchNodes(addr)
  return new Map(res.nodes.map(n => [n.nodeId, toView(n, Number(res.nowMs))]))
}

describe('network: coordinator and peers as processes', function () {
  this.timeout(180_000)
  let dir: string
  let coordinatorDir: string
  let coordinator: CliProcess
  const peers: CliProcess[] = []
  const ids: string[] = []
  let addr: string

  /** on a port of the system's choosing, or on `listen` — the address it had, for a restart */
  const startCoordinator = (listen = '/ip4/127.0.0.1/tcp/0'): CliProcess =>
    startCli(['coordinator', 'start', '--data-dir', coordinatorDir, '--listen', listen, '--heartbeat-interval', `${INTERVAL}ms`])

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-net-'))
    coordinatorDir = join(dir, 'coordinator')
    coordinator = startCoordinator()
    addr = await coordinatorAddr(coordinatorDir, coordinator)
    const offers = [{ location: 'eu-west', price: '10' }, { location: 'us-east', price: '25' }, { location: 'ap-south', price: '7' }]
    for (const [i, o] of offers.entries()) {
      peers.push(startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(dir, `peer${i}`), '--listen', '/ip4/127.0.0.1/tcp/0',
        '--heartbeat-interval', `${INTERVAL}ms`, '--metrics-interval', '500ms', '--location', o.location, '--price', o.price]))
    }
    for (const p of peers) ids.push(await peerStarted(p))
  })

  afterEach(function () {
    // a failure shows what the daemons said
    if (this.currentTest?.state === 'failed') process.stderr.write(`--- coordinator output ---\n${coordinator.output().slice(-4000)}\n`)
  })

  after(async () => {
    await killAll()
    await rm(dir, { recursive: true, force: true })
  })

  it('shows all three peers online with their offers and hardware metrics', async () => {
    let last: unknown
    const nodes = await waitFor('three online peers with offers and metrics', async () => {
      const v = await view(addr)
      last = [...v.values()].map(n => ({ id: n.node_id, status: n.status, offer: n.offer != null, metrics: n.metrics != null }))
      const ready = ids.every(id => v.get(id)?.status === 'online' && v.get(id)?.offer != null && v.get(id)?.metrics != null)
      return ready ? v : undefined
    }).catch((err: Error) => { throw new Error(`${err.message}; last view ${JSON.stringify(last)}`) })
    expect([...nodes.keys()].sort()).to.deep.equal([...ids].sort())
    const locations = ids.map(id => nodes.get(id)?.offer?.location)
    expect(locations).to.deep.equal(['eu-west', 'us-east', 'ap-south'])
    expect(nodes.get(ids[1] ?? '')?.offer?.pricePerUnit).to.equal('25')
    for (const id of ids) {
      const n = nodes.get(id)
      expect(n?.offer?.cpuCores).to.be.greaterThan(0)
      expect(n?.offer?.backends).to.include('cpu')
      expect(n?.metrics?.cores.length).to.be.greaterThan(0)
      expect(Number(n?.metrics?.ramTotalBytes)).to.be.greaterThan(0)
      expect(n?.heartbeat?.status).to.equal('IDLE')
    }
  })

  it('prints the same view through `cyxwiz nodes` as a table and as JSON', async () => {
    const json = await runCli(['nodes', '--coordinator', addr, '--json'])
    expect(json.code, json.output).to.equal(0)
    const parsed = JSON.parse(json.output) as Array<{ node_id: string, status: string }>
    expect(parsed.map(n => n.node_id).sort()).to.deep.equal([...ids].sort())
    const tableRun = await runCli(['nodes', '--coordinator', addr])
    expect(tableRun.code).to.equal(0)
    expect(tableRun.output).to.match(/^NODE\s+STATUS\s+LAST SEEN/)
    expect(tableRun.output).to.contain('3 nodes: 3 online')
  })

  it('marks a SIGKILLed peer stale, then offline after three missed beats, and keeps the others online', async () => {
    const victim = ids[2] ?? ''
    peers[2]?.proc.kill('SIGKILL')
    const offline = await waitFor('the killed peer offline', async () => {
      const v = (await view(addr)).get(victim)
      return v?.status === 'offline' ? v : undefined
    }, 20_000, 100)
    // not declared offline before three beats were due
    expect(offline.last_seen_ms_ago).to.be.at.least(3 * INTERVAL)
    const v = await view(addr)
    expect(v.get(ids[0] ?? '')?.status).to.equal('online')
    expect(v.get(ids[1] ?? '')?.status).to.equal('online')
    expect(coordinator.output()).to.match(new RegExp(`node ${victim} online → stale`))
    expect(coordinator.output()).to.match(new RegExp(`node ${victim} stale → offline`))
  })

  it('keeps the registry across a SIGKILL of the coordinator, and the live peers refill it', async () => {
    const before = await view(addr)
    coordinator.proc.kill('SIGKILL')
    await coordinator.exited
    await rm(join(coordinatorDir, 'multiaddrs'))
    const restartedAt = Date.now()
    // on the address the peers know: the port it had, not one probed free
    coordinator = startCoordinator(`/ip4/127.0.0.1/tcp/${tcpPort(addr)}`)
    const again = await coordinatorAddr(coordinatorDir, coordinator)
    expect(again).to.equal(addr) // same identity, same address
    // straight from disk: every node, with its offer, before any peer has beaten again
    const restored = await view(again)
    expect([...restored.keys()].sort()).to.deep.equal([...before.keys()].sort())
    for (const id of ids) expect(restored.get(id)?.offer?.location).to.equal(before.get(id)?.offer?.location)
    expect(restored.get(ids[2] ?? '')?.status).to.equal('offline')
    // the live peers reconnect on their own and beat again (last_seen after the restart)
    const fresh = (n: NodeView | undefined): boolean => n?.status === 'online' && Date.parse(n.last_seen) > restartedAt
    await waitFor('live peers beating again', async () => {
      const v = await view(again)
      return fresh(v.get(ids[0] ?? '')) && fresh(v.get(ids[1] ?? '')) ? true : undefined
    }, 60_000)
    expect((await view(again)).get(ids[2] ?? '')?.status).to.equal('offline')
  })

  it('marks a peer stopped with Ctrl-C offline at once and lets it exit 0', async () => {
    const leaving = ids[1] ?? ''
    peers[1]?.proc.kill('SIGINT')
    const { code } = await peers[1]!.exited
    expect(code).to.equal(0)
    // the goodbye heartbeat, not the missed-beat rule, is what took it offline
    const v = await waitFor('the goodbye heartbeat', async () => {
      const n = (await view(addr)).get(leaving)
      return n?.heartbeat?.status === 'LEAVING' ? n : undefined
    }, 10_000, 100)
    expect(v.status).to.equal('offline')
  })
})
