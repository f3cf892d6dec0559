/**
 * Faults, with real processes and SIGKILL on loopback: a peer killed mid-training — its job is
 * re-queued with the last verified checkpoint, resumed by another peer and finished, both peers paid
 * pro rata for their verified epochs; a coordinator killed mid-training — the peer follows the retry
 * schedule (scaled ×0.1 here), queues its reports in the outbox, and delivers them (the completion
 * included) when the coordinator is back, which settles the job once; a cancel mid-training stops
 * the peer and pays its verified epochs. Every test ends with the money adding up.
 */
import { expect } from 'chai'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { JobInfo } from '../../protocols/jobs.js'
import { coordinatorAddr, freePort, killAll, runCli, startCli, waitFor, type CliProcess } from '../helpers/processes.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/jobs/${name}`, import.meta.url))
const PAYMENT = 1_000_000n

describe('faults: killed peers and coordinators, cancels', function () {
  this.timeout(400_000)
  let home: string
  let listen: string
  let addr: string
  let coordinator: CliProcess
  let dataset = ''
  const wallets: Record<string, string> = {}
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const status = async (id: string): Promise<JobInfo> => JSON.parse((await cli('job', 'status', id, '--json')).output) as JobInfo
  const balance = async (who?: string): Promise<bigint> =>
    BigInt((JSON.parse((await cli('wallet', 'balance', ...(who != null ? ['--address', who] : []), '--json')).output) as { base_units: string }).base_units)
  const until = async (id: string, what: string, ok: (j: JobInfo) => boolean, ms = 120_000): Promise<JobInfo> =>
    await waitFor(`job ${id.slice(0, 8)} ${what}`, async () => { const j = await status(id); return ok(j) ? j : undefined }, ms, 500)
  const startCoordinator = async (): Promise<void> => {
    coordinator = startCli(['coordinator', 'start', '--listen', listen, '--heartbeat-interval', '1s', '--match-interval', '1s', '--fee-account', wallets.fees ?? ''], env())
    addr = await coordinatorAddr(join(home, 'coordinator'))
  }
  const startPeer = (name: string, ...flags: string[]): CliProcess => startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, name),
    '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s', '--wallet-address', wallets[name] ?? '', '--retry-base', '100ms', ...flags], env())
  const submit = async (...flags: string[]): Promise<string> => {
    const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', dataset, '--payment', '1', '--batch-size', '8', ...flags)
    expect(r.code, r.output).to.equal(0)
    return /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
  }
  const paidOut = async (): Promise<bigint> => (await balance(wallets.a)) + (await balance(wallets.b)) + (await balance(wallets.fees))

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-faults-'))
    listen = `/ip4/127.0.0.1/tcp/${await freePort()}`
    for (const w of ['a', 'b', 'fees']) wallets[w] = (await cli('wallet', 'new', '--out', join(home, `${w}.json`))).output.split('\n')[0] ?? ''
    await startCoordinator()
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '100')).code).to.equal(0)
    await writeFile(join(home, 'digits.cyxt'), encodeCyxt(mnistDatasets({ train: 3000, test: 20 }).train))
    dataset = /ipfs:\/\/\w+/.exec((await cli('dataset', 'add', join(home, 'digits.cyxt'))).output)?.[0] ?? ''
  })

  after(async () => {
    killAll()
    await rm(home, { recursive: true, force: true })
  })

  it('resumes a job whose peer was killed mid-epoch on another peer from its checkpoint; both are paid for their epochs', async () => {
    const before = { user: await balance(), out: await paidOut() }
    const a = startPeer('a')
    const id = await submit('--epochs', '8')
    const running = await until(id, 'two verified epochs on peer a', j => j.verifiedEpochs >= 2 && j.state === 'RUNNING')
    const b = startPeer('b')
    await waitFor('peer b started', () => /peer (12D3\w+) started/.exec(b.output())?.[1])
    a.proc.kill('SIGKILL')
    const requeued = await until(id, 'taken from the dead peer', j => j.assignedNode !== running.assignedNode && j.assignedNode !== '', 60_000)
    expect(requeued.contributions.length).to.equal(1)
    expect(requeued.contributions[0]?.wallet).to.equal(wallets.a)
    const lostEpochs = requeued.contributions[0]?.epochs ?? 0
    expect(lostEpochs).to.be.at.least(2)
    expect(b.output()).to.not.match(/resumed after epoch 0/)
    const done = await until(id, 'completed on peer b', j => j.state === 'COMPLETED' || j.state === 'FAILED', 240_000)
    expect(done.state, done.message).to.equal('COMPLETED')
    expect(b.output()).to.match(new RegExp(`resumed after epoch ${lostEpochs}`))
    // pro rata: a earned its verified epochs' share, b the rest; 10% of each to the fee account
    const aShare = PAYMENT * BigInt(Math.floor(lostEpochs * 10_000 / 8)) / 10_000n
    const aPeer = aShare - aShare * 1000n / 10_000n
    expect(await balance(wallets.a)).to.equal(aPeer)
    expect(await balance()).to.equal(before.user - PAYMENT)
    expect((await paidOut()) - before.out).to.equal(PAYMENT)
    const f = await cli('job', 'fetch', id, '--out', join(home, 'resumed-model'))
    expect(f.code, f.output).to.equal(0)
    b.proc.kill('SIGINT')
    await b.exited
  })

  it('keeps training through a coordinator SIGKILL: retries on the schedule, queues its reports, delivers them when it is back, settled once', async () => {
    const before = { user: await balance(), out: await paidOut() }
    const b = startPeer('b')
    await waitFor('peer b started', () => /peer (12D3\w+) started/.exec(b.output())?.[1]).catch((err: Error) => { throw new Error(`${err.message}\n${b.output()}`) })
    const id = await submit('--epochs', '10')
    await until(id, 'running', j => j.state === 'RUNNING' && j.verifiedEpochs >= 1)
    coordinator.proc.kill('SIGKILL')
    await coordinator.exited
    // the peer finishes and its completion goes to the outbox after 1+2+4+8+16 tenths of a second
    await waitFor('the completion queued in the outbox', () => /COMPLETED report queued in the outbox/.test(b.output()) ? true : undefined, 240_000, 500)
    // the first report after the kill goes through the whole schedule; later ones queue behind it
    const retries = [...b.output().matchAll(/^(\S+) job \S+: (\w+) report failed \(attempt (\d)\); retrying in (\d+) ms/gm)].slice(0, 5)
    expect(new Set(retries.map(m => m[2])).size).to.equal(1)
    expect(retries.map(m => Number(m[4]))).to.deep.equal([100, 200, 400, 800, 1600])
    const times = retries.map(m => Date.parse(m[1] ?? ''))
    for (let i = 1; i < times.length; i++) {
      // each attempt follows the previous failure by its delay (plus a dial that fails fast), within 1 s
      expect((times[i] ?? 0) - (times[i - 1] ?? 0)).to.be.within(100 * 2 ** (i - 1), 100 * 2 ** (i - 1) + 1000)
    }
    await rm(join(home, 'coordinator', 'multiaddrs'))
    await startCoordinator()
    await waitFor('the outbox delivered', () => /outbox: \d+ queued report\(s\) delivered/.test(b.output()) ? true : undefined, 60_000, 500)
    const done = await until(id, 'completed after the restart', j => j.state === 'COMPLETED' || j.state === 'FAILED')
    expect(done.state, done.message).to.equal('COMPLETED')
    expect(await balance()).to.equal(before.user - PAYMENT)
    expect((await paidOut()) - before.out).to.equal(PAYMENT)
    // the submitter was told the reports came late, from the peer's outbox
    const history = (await cli('job', 'watch', id)).output
    expect(history).to.match(/the peer could not reach the coordinator: its reports waited in its outbox \(the oldest \d+\.\d s\)/)
    b.proc.kill('SIGINT')
    await b.exited
  })

  it('stops a job cancelled mid-training within a batch and pays its verified epochs, refunding the rest', async () => {
    const before = { user: await balance(), out: await paidOut() }
    const b = startPeer('b', '--progress-every', '5')
    await waitFor('peer b started', () => /peer (12D3\w+) started/.exec(b.output())?.[1])
    const id = await submit('--epochs', '10')
    const j = await until(id, 'a verified epoch', x => x.state === 'RUNNING' && x.verifiedEpochs >= 1)
    const c = await cli('job', 'cancel', id)
    expect(c.code, c.output).to.equal(0)
    const done = await status(id)
    expect(done.state).to.equal('CANCELLED')
    expect(done.verifiedEpochs).to.be.at.least(j.verifiedEpochs)
    await waitFor('the peer to stop the job', () => new RegExp(`job ${id}: training stopped`).test(b.output()) ? true : undefined, 30_000, 300)
    const share = PAYMENT * BigInt(Math.floor(done.verifiedEpochs * 10_000 / 10)) / 10_000n
    expect(await balance()).to.equal(before.user - share)
    expect((await paidOut()) - before.out).to.equal(share)
    b.proc.kill('SIGINT')
    await b.exited
  })

  it('resumes its own job after a SIGKILL and a quick restart, from its last checkpoint, under the same lease', async () => {
    // a coordinator of its own with 3 s heartbeats: a peer is lost only after ~10 s of silence
    const dir = join(home, 'slow')
    const slow = startCli(['coordinator', 'start', '--data-dir', join(dir, 'coordinator'), '--listen', `/ip4/127.0.0.1/tcp/${await freePort()}`,
      '--heartbeat-interval', '3s', '--match-interval', '1s', '--embedded-rpc-port', '0'], env())
    const slowAddr = await coordinatorAddr(join(dir, 'coordinator'))
    const c = (): CliProcess => startCli(['peer', 'start', '--bootstrap', slowAddr, '--data-dir', join(dir, 'c'), '--listen', '/ip4/127.0.0.1/tcp/0',
      '--heartbeat-interval', '3s', '--wallet-address', wallets.a ?? '', '--retry-base', '100ms'], env())
    const first = c()
    await waitFor('peer c started', () => /peer (12D3\w+) started/.exec(first.output())?.[1])
    const via = ['--coordinator', slowAddr]
    expect((await cli('wallet', 'airdrop', '10', ...via)).code).to.equal(0)
    const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', dataset, '--payment', '1', '--batch-size', '8', '--epochs', '10', ...via)
    expect(r.code, r.output).to.equal(0)
    const id = /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
    const st = async (): Promise<JobInfo> => JSON.parse((await cli('job', 'status', id, '--json', ...via)).output) as JobInfo
    const running = await waitFor('two verified epochs', async () => { const j = await st(); return j.state === 'RUNNING' && j.verifiedEpochs >= 2 ? j : undefined }, 120_000, 500)
    first.proc.kill('SIGKILL')
    await first.exited
    const second = c()
    const done = await waitFor('completed after the restart', async () => { const j = await st(); return j.state === 'COMPLETED' || j.state === 'FAILED' ? j : undefined }, 120_000, 500)
      .catch(async (err: Error) => { throw new Error(`${err.message}\n${JSON.stringify(await st()).slice(0, 1500)}\n${second.output()}`) })
    expect(done.state, done.message).to.equal('COMPLETED')
    expect(done.assignedNode).to.equal(running.assignedNode)
    expect(done.leaseId).to.equal(running.leaseId)
    expect(done.contributions).to.deep.equal([])
    const resumed = Number(/resumed after epoch (\d+)/.exec(second.output())?.[1] ?? 0)
    expect(resumed).to.be.at.least(running.verifiedEpochs)
    second.proc.kill('SIGINT')
    slow.proc.kill('SIGINT')
    await Promise.all([second.exited, slow.exited])
  })
})
