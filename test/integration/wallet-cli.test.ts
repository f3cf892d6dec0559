/**
 * Wallets through the CLI against a coordinator's embedded cluster: create (0600, never overwritten),
 * faucet, balance through the coordinator and straight from the cluster's RPC, refusals, and every
 * balance still there after the coordinator is killed with SIGKILL and started again.
 */
import { expect } from 'chai'
import { mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LedgerOp } from '../../protocols/ledger.js'
import { askCoordinator } from '../../client/ledger-client.js'
import type { CyxwizError } from '../../src/errors.js'
import { coordinatorAddr, killAll, runCli, startCli, waitForOutput, type CliProcess } from '../helpers/processes.js'

describe('cyxwiz wallet', function () {
  this.timeout(120_000)
  let home: string
  let coordinator: CliProcess
  let rpcUrl: string
  let mint: string
  let addr: string
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const start = async (): Promise<void> => {
    // a port of the system's choosing, also after a restart: the CLI reads the address from the data dir
    coordinator = startCli(['coordinator', 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s', '--airdrop-limit', '150'], env())
    addr = await coordinatorAddr(join(home, 'coordinator'), coordinator)
    const m = await waitForOutput<RegExpExecArray>(coordinator, 'the Solana line', /embedded LiteSVM cluster at (\S+) .*CYXWIZ mint (\S+)/)
    rpcUrl = m[1] ?? ''
    mint = m[2] ?? ''
  }

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-wallet-'))
    await start()
  })
  after(async () => {
    await killAll()
    await rm(home, { recursive: true, force: true })
  })

  it('creates a Solana CLI keypair file with mode 0600 and never overwrites it', async () => {
    const made = await cli('wallet', 'new')
    expect(made.code).to.equal(0)
    const file = join(home, 'wallet.json')
    expect((await stat(file)).mode & 0o777).to.equal(0o600)
    const again = await cli('wallet', 'new')
    expect(again.code).to.equal(5)
    expect(again.output).to.contain('refusing to overwrite')
    const addr = await cli('wallet', 'address')
    expect(made.output.split('\n')[0]).to.equal(addr.output.trim())
  })

  it('airdrops on the embedded cluster and shows the balance through the coordinator and the RPC', async () => {
    const drop = await cli('wallet', 'airdrop', '100.5')
    expect(drop.code, drop.output).to.equal(0)
    const viaCoordinator = JSON.parse((await cli('wallet', 'balance', '--json')).output) as { cyxwiz: string, base_units: string }
    expect(viaCoordinator).to.deep.include({ cyxwiz: '100.5', base_units: '100500000' })
    const direct = JSON.parse((await cli('wallet', 'balance', '--json', '--solana-rpc', rpcUrl, '--mint', mint)).output) as { cyxwiz: string }
    expect(direct.cyxwiz).to.equal('100.5')
  })

  it('refuses airdrops on a real cluster, and amounts that are not exact', async () => {
    const remote = await cli('wallet', 'airdrop', '5', '--solana-rpc', 'https://rpc.example.invalid')
    expect(remote.code).to.equal(6)
    expect(remote.output).to.contain('[ERR_AIRDROP_REFUSED]')
    const precise = await cli('wallet', 'airdrop', '0.0000001')
    expect(precise.code).to.equal(2)
    const huge = await cli('wallet', 'airdrop', '1000000')
    expect(huge.code).to.equal(6)
    expect(huge.output).to.contain('at most')
  })

  it('grants no faucet request without a session of the wallet (an independent client, no CLI)', async () => {
    const who = (await cli('wallet', 'address')).output.trim()
    const before = (JSON.parse((await cli('wallet', 'balance', '--json')).output) as { base_units: string }).base_units
    for (const session of ['', 'f'.repeat(64)]) {
      const err = await askCoordinator(addr, { op: LedgerOp.AIRDROP, address: who, amount: '1000000', session }).then(() => undefined, (e: unknown) => e as CyxwizError)
      expect(err?.code, session).to.equal('ERR_SESSION')
    }
    expect((JSON.parse((await cli('wallet', 'balance', '--json')).output) as { base_units: string }).base_units).to.equal(before)
  })

  it('grants one wallet at most --airdrop-limit per window (ERR_AIRDROP_LIMIT, exit 6)', async () => {
    const other = join(home, 'other.json')
    expect((await cli('wallet', 'new', '--out', other)).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '150', '--wallet', other)).code).to.equal(0)
    const more = await cli('wallet', 'airdrop', '0.000001', '--wallet', other)
    expect(more.code).to.equal(6)
    expect(more.output).to.contain('[ERR_AIRDROP_LIMIT]')
    expect((JSON.parse((await cli('wallet', 'balance', '--wallet', other, '--json')).output) as { cyxwiz: string }).cyxwiz).to.equal('150')
  })

  it('says clearly when the wallet file is missing or not a keypair', async () => {
    const missing = await cli('wallet', 'balance', '--wallet', join(home, 'nope.json'))
    expect(missing.code).to.equal(5)
    expect(missing.output).to.contain('cyxwiz wallet new')
  })

  it('keeps every balance and the mint across a SIGKILL of the coordinator', async () => {
    coordinator.proc.kill('SIGKILL')
    await coordinator.exited
    await rm(join(home, 'coordinator', 'multiaddrs'))
    const oldMint = mint
    await start()
    expect(mint).to.equal(oldMint)
    const b = JSON.parse((await cli('wallet', 'balance', '--json')).output) as { cyxwiz: string }
    expect(b.cyxwiz).to.equal('100.5')
  })
})
