/**
 * The CLI as a user meets it: help, and bad input answered with a clear message and a non-zero exit.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { killAll, runCli } from '../helpers/processes.js'

describe('cyxwiz CLI', function () {
  // a limit for a hang, not a speed check: a test here starts several CLI processes one after another,
  // each of which takes tens of seconds to start on a 2-core machine busy with other runs
  this.timeout(240_000)
  let home: string
  before(async () => { home = await mkdtemp(join(tmpdir(), 'cyxwiz-cli-')) })
  after(async () => {
    await killAll() // a CLI still running when its test timed out
    await rm(home, { recursive: true, force: true })
  })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, { CYXWIZ_HOME: home })

  it('documents every command in --help', async () => {
    const { code, output } = await cli('--help')
    expect(code).to.equal(0)
    for (const c of ['coordinator', 'peer', 'nodes']) expect(output).to.contain(c)
    const peer = await cli('peer', 'start', '--help')
    expect(peer.output).to.contain('--bootstrap <multiaddr>')
    expect(peer.output).to.contain('--metrics-interval <duration>')
  })

  it('refuses a peer without --bootstrap (exit 2, says what to pass)', async () => {
    const { code, output } = await cli('peer', 'start')
    expect(code).to.equal(2)
    expect(output).to.contain('--bootstrap <multiaddr> is required')
  })

  it('refuses a bootstrap address without a peer id', async () => {
    const { code, output } = await cli('peer', 'start', '--bootstrap', '/ip4/127.0.0.1/tcp/4001')
    expect(code).to.equal(2)
    expect(output).to.contain('[ERR_INVALID_MULTIADDR]')
  })

  it('refuses a bad duration, an unknown flag and an unknown command with exit 2', async () => {
    const bad = await cli('coordinator', 'start', '--heartbeat-interval', 'soon')
    expect(bad.code).to.equal(2)
    expect(bad.output).to.contain('"soon" is not a duration')
    expect((await cli('nodes', '--colour')).code).to.equal(2)
    expect((await cli('launch')).code).to.equal(2)
    const wallet = await cli('peer', 'start', '--bootstrap', '/ip4/127.0.0.1/tcp/1/p2p/12D3KooWH9Q2fBydb7pgMtwHWDtbnfCXk9v5ijmrueUBBHcbV1Gi', '--wallet-address', '0xdeadbeef')
    expect(wallet.code).to.equal(2)
    expect(wallet.output).to.contain('base58 Solana address')
    expect((await cli('coordinator', 'start', '--network', 'Main Net')).code).to.equal(2)
  })

  it('says clearly when there is no coordinator to ask (exit 3)', async () => {
    const { code, output } = await cli('nodes')
    expect(code).to.equal(3)
    expect(output).to.contain('no local coordinator found')
  })
})
