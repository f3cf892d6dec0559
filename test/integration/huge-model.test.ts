/**
 * A completion whose model.json is huge (96 MiB; a dishonest peer from test/helpers/lying-peer.ts,
 * no honest peer makes one): the coordinator refuses it from the size the directory lists, before
 * fetching it, with ERR_COMPLETION — not paid, the job back in the queue — keeps serving, and comes
 * back after a SIGKILL without verifying it again (a refusal is final, so it cannot turn into a
 * crash at every start). Real processes on loopback.
 */
import { expect } from 'chai'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { JobInfo } from '../../protocols/jobs.js'
import { coordinatorAddr, killAll, runCli, startCli, waitFor, type CliProcess } from '../helpers/processes.js'
import { startLyingPeer } from '../helpers/lying-peer.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'

const MODEL = fileURLToPath(new URL('../fixtures/jobs/mlp.json', import.meta.url))

describe('a completion with a huge model.json', function () {
  this.timeout(300_000)
  let home: string
  let coordinator: CliProcess
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const status = async (id: string): Promise<JobInfo> => JSON.parse((await cli('job', 'status', id, '--json')).output) as JobInfo
  const start = async (): Promise<string> => {
    coordinator = startCli(['coordinator', 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s', '--match-interval', '1s'], env())
    return await coordinatorAddr(join(home, 'coordinator'), coordinator)
  }

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-huge-model-'))
  })

  after(async () => {
    await killAll()
    await rm(home, { recursive: true, force: true })
  })

  it('is refused before it is fetched, the coordinator keeps serving and restarts cleanly', async () => {
    const addr = await start()
    const liarWallet = (await cli('wallet', 'new', '--out', join(home, 'liar.json'))).output.split('\n')[0] ?? ''
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '100')).code).to.equal(0)
    await writeFile(join(home, 'digits.cyxt'), encodeCyxt(mnistDatasets({ train: 300, test: 10, seed: 5 }).train))
    const dataset = /ipfs:\/\/\w+/.exec((await cli('dataset', 'add', join(home, 'digits.cyxt'))).output)?.[0] ?? ''
    const liar = await startLyingPeer(addr, { lie: 'huge-model-json', wallet: liarWallet, ramBytes: 64n << 40n, interval: 1000 })
    let id = ''
    try {
      const r = await cli('job', 'submit', MODEL, '--dataset', dataset, '--payment', '1', '--epochs', '1', '--min-memory', '1TiB')
      expect(r.code, r.output).to.equal(0)
      id = /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
      const j = await waitFor(`job ${id} refused`, async () => {
        const s = await status(id)
        return s.history.length > 0 && s.state === 'QUEUED' ? s : undefined
      }, 120_000, 500)
      expect(j.history[0]).to.match(/ERR_COMPLETION/)
      expect(j.history[0]).to.match(/model\.json holds \d+ bytes, more than the \d+ allowed/)
      expect(j.excludedNodes).to.include(liar.node.peerId.toString())
      expect(j.modelUri).to.equal('')
    } finally {
      await liar.stop()
    }
    expect(coordinator.proc.exitCode, 'the coordinator is still running').to.equal(null)
    expect((await cli('job', 'list', '--json')).code).to.equal(0)

    coordinator.proc.kill('SIGKILL')
    await coordinator.exited
    await rm(join(home, 'coordinator', 'multiaddrs'))
    await start()
    const after = await status(id)
    expect(after.state).to.equal('QUEUED')
    expect(after.history.filter(h => /model\.json holds/.test(h))).to.have.length(1)
    expect(coordinator.proc.exitCode, 'the restarted coordinator is running').to.equal(null)
  })
})
