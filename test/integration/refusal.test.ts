/**
 * The HeartbeatResponse {keep_alive: false}: a banned peer, and a peer older than the
 * coordinator accepts, are told so over the keepalive protocol and stop with a named error and exit
 * code 4; the coordinator stores nothing of them.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { loadOrCreateKey } from '../../src/network/identity.js'
import { fetchNodes } from '../../client/nodes-command.js'
import { coordinatorAddr, killAll, startCli } from '../helpers/processes.js'

describe('refusal of unwelcome peers', function () {
  this.timeout(120_000)
  let dir: string

  beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'cyxwiz-refuse-')) })
  afterEach(async () => {
    await killAll()
    await rm(dir, { recursive: true, force: true })
  })

  async function runPeerAgainst (coordinatorFlags: string[]): Promise<{ code: number | null, output: string, addr: string }> {
    const peerDir = join(dir, 'peer')
    const coordinatorDir = join(dir, 'coordinator')
    const coordinator = startCli(['coordinator', 'start', '--data-dir', coordinatorDir, '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '500ms', ...coordinatorFlags])
    const addr = await coordinatorAddr(coordinatorDir, coordinator)
    const peer = startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', peerDir, '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '500ms'])
    const { code } = await peer.exited
    return { code, output: peer.output(), addr }
  }

  it('stops a banned peer with ERR_PEER_BANNED', async () => {
    // the peer's identity exists before the coordinator starts, so the operator can ban it
    const banned = peerIdFromPrivateKey(await loadOrCreateKey(join(dir, 'peer'))).toString()
    const { code, output, addr } = await runPeerAgainst(['--ban', banned])
    expect(code).to.equal(4)
    expect(output).to.contain('[ERR_PEER_BANNED]')
    expect((await fetchNodes(addr)).nodes.map(n => n.nodeId)).to.not.include(banned)
  })

  it('stops a peer older than --min-peer-version with ERR_PEER_INCOMPATIBLE', async () => {
    const { code, output, addr } = await runPeerAgainst(['--min-peer-version', '99.0.0'])
    expect(code).to.equal(4)
    expect(output).to.contain('[ERR_PEER_INCOMPATIBLE]')
    expect(output).to.contain('older than the minimum 99.0.0')
    expect((await fetchNodes(addr)).nodes).to.deep.equal([])
  })
})
