/**
 * Verified work, end to end with real processes: the coordinator pays only for training it checked.
 * Dishonest peers (test/helpers/lying-peer.ts, built on purpose: no honest peer does this) train for
 * real and then cheat — the initial weights handed in as trained, states committed without the work
 * behind them, an earlier checkpoint as the result, a false accuracy claim, a model directory with
 * an entry too many. Each is caught by the replay spot-checks, the final-state check, the
 * held-out evaluation or the directory check: not paid a base unit, excluded, the job back in the
 * queue with the reason in its history — then finished and paid by an honest peer, or refunded.
 * Honest peers pass on the wasm and the cpu backend. The coordinator here replays every segment
 * (`--audit-budget 1`) so that a lie in any one segment is caught every time; with the default 10%
 * a random two segments are (see docs/VERIFICATION.md for the odds).
 */
import { expect } from 'chai'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { JobInfo } from '../../protocols/jobs.js'
import { coordinatorAddr, kill, killAll, runCli, startCli, waitFor } from '../helpers/processes.js'
import { ready, untilNodes } from '../helpers/nodes.js'
import { startLyingPeer, type Lie } from '../helpers/lying-peer.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import { splitEscrow } from '../../src/ledger/amounts.js'

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/jobs/${name}`, import.meta.url))

describe('verification: only checked training is paid', function () {
  this.timeout(300_000)
  let home: string
  let addr: string
  let dataset = ''
  const wallets: Record<string, string> = {}
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const status = async (id: string): Promise<JobInfo> => JSON.parse((await cli('job', 'status', id, '--json')).output) as JobInfo
  const balance = async (who?: string): Promise<bigint> =>
    BigInt((JSON.parse((await cli('wallet', 'balance', ...(who != null ? ['--address', who] : []), '--json')).output) as { base_units: string }).base_units)
  /** a job only a peer offering `ram` or more fits: 2 epochs of the MLP on 1,000 digits */
  const submit = async (minMemory: string): Promise<string> => {
    const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', dataset, '--payment', '1', '--epochs', '2', '--learning-rate', '0.003', '--min-memory', minMemory)
    expect(r.code, r.output).to.equal(0)
    return /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
  }
  const rejected = async (id: string): Promise<JobInfo> => await waitFor(`job ${id} rejected`, async () => {
    const j = await status(id)
    return j.history.length > 0 && j.state === 'QUEUED' ? j : undefined
  }, 120_000, 500).catch(async (err: Error) => { throw new Error(`${err.message}; the job: ${(await cli('job', 'status', id)).output}`) })

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-verify-'))
    for (const w of ['honest', 'cpu', 'liar', 'fees']) wallets[w] = (await cli('wallet', 'new', '--out', join(home, `${w}.json`))).output.split('\n')[0] ?? ''
    const coordinator = startCli(['coordinator', 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s',
      '--match-interval', '1s', '--fee-account', wallets.fees ?? '', '--audit-budget', '1'], env())
    addr = await coordinatorAddr(join(home, 'coordinator'), coordinator)
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '100')).code).to.equal(0)
    await writeFile(join(home, 'digits.cyxt'), encodeCyxt(mnistDatasets({ train: 1000, test: 10, seed: 5 }).train))
    const r = await cli('dataset', 'add', join(home, 'digits.cyxt'))
    expect(r.code, r.output).to.equal(0)
    dataset = /ipfs:\/\/\w+/.exec(r.output)?.[0] ?? ''
  })

  after(async () => {
    await killAll()
    await rm(home, { recursive: true, force: true })
  })

  const lies: Array<[Lie, RegExp]> = [
    // its first commitment, the initial state, has no optimizer state yet: refused as not the job's model
    ['untrained', /not the job's model|replay of epoch \d+/],
    ['skip-steps', /replay of epoch \d+/],
    ['earlier-checkpoint', /final model is not the state the peer committed to/],
    ['claims', /claimed accuracy 0\.010; on \d+ held-out samples/],
    ['extra-entry', /notes\.txt/]
  ]
  for (const [lie, why] of lies) {
    it(`does not pay a peer that lies (${lie}): rejected, excluded, the job re-queued; cancelled, it is refunded in full`, async () => {
      const liar = await startLyingPeer(addr, { lie, wallet: wallets.liar ?? '', ramBytes: 64n << 40n, interval: 1000 })
      try {
        const before = { user: await balance(), liar: await balance(wallets.liar) }
        const id = await submit('1TiB') // only the liar offers that much
        const j = await rejected(id)
        expect(j.history[0]).to.contain(liar.node.peerId.toString())
        expect(j.history[0], j.history[0]).to.match(why)
        expect(j.excludedNodes).to.include(liar.node.peerId.toString())
        expect(j.verifiedEpochs).to.equal(0)
        expect(j.modelUri).to.equal('')
        const c = await cli('job', 'cancel', id)
        expect(c.code, c.output).to.equal(0)
        expect((await status(id)).state).to.equal('CANCELLED')
        expect(await balance(wallets.liar)).to.equal(before.liar)
        expect(await balance()).to.equal(before.user)
      } finally {
        await liar.stop()
      }
    })
  }

  it('lets an honest peer finish a job a liar was caught on: COMPLETED, verified, the honest peer paid 90%, the liar nothing', async () => {
    const liar = await startLyingPeer(addr, { lie: 'untrained', wallet: wallets.liar ?? '', ramBytes: 64n << 40n, interval: 1000 })
    const before = { user: await balance(), liar: await balance(wallets.liar), honest: await balance(wallets.honest) }
    const id = await submit('2TiB')
    await rejected(id)
    await liar.stop()
    const honest = startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, 'honest'), '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s',
      '--ram', '4TiB', '--wallet-address', wallets.honest ?? ''], env())
    try {
      const w = await cli('job', 'watch', id)
      expect(w.output).to.match(/held-out accuracy 0\.\d{3} on \d+ samples \(peer claimed 0\.\d{3}\)/)
      expect(w.output).to.match(/replay passed: \d+ of \d+ segments/)
      const j = await status(id)
      expect(j.state, j.message).to.equal('COMPLETED')
      expect(j.verification?.passed).to.equal(true)
      expect(j.verification?.heldOutSamples).to.be.greaterThan(0)
      expect(j.verification?.segmentsChecked).to.be.greaterThan(0)
      // this coordinator replays everything (--audit-budget 1); the default's 10% is measured by bench:verification
      expect(j.verification?.batchesReplayed).to.equal(j.verification?.batchesTotal)
      const split = splitEscrow(1_000_000n, 10_000, 1000)
      expect(await balance(wallets.honest)).to.equal(before.honest + split.peer)
      expect(await balance(wallets.liar)).to.equal(before.liar)
      expect(await balance()).to.equal(before.user - 1_000_000n)
    } finally {
      await kill(honest)
    }
  })

  it('passes an honest peer on the cpu backend', async () => {
    const peer = startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, 'cpu'), '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s',
      '--ram', '8TiB', '--backend', 'cpu', '--wallet-address', wallets.cpu ?? ''], env())
    try {
      await untilNodes(addr, 'the cpu peer online', v => v.filter(ready).length >= 1)
      const id = await submit('8TiB')
      const w = await cli('job', 'watch', id)
      expect(w.output).to.match(/held-out accuracy/)
      const j = await status(id)
      expect(j.state, j.message).to.equal('COMPLETED')
      expect(j.backend).to.equal('cpu')
      expect(j.verification?.passed).to.equal(true)
    } finally {
      await kill(peer)
    }
  })
})
