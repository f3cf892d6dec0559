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
import { coordinatorAddr, kill, killAll, peerStarted, runCli, startCli, tcpPort, waitForOutput, watchJob, type CliProcess, type WatchedUpdate } from '../helpers/processes.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/jobs/${name}`, import.meta.url))
const PAYMENT = 1_000_000n

const FINAL = ['COMPLETED', 'FAILED', 'CANCELLED']
/** the epoch of the last "checkpoint after epoch N verified" update, 0 if none */
const verified = (us: WatchedUpdate[]): number => Math.max(0, ...us.map(u => Number(/checkpoint after epoch (\d+) verified/.exec(u.line)?.[1] ?? 0)))
const ended = (us: WatchedUpdate[]): boolean => us.some(u => FINAL.includes(u.state))

describe('faults: killed peers and coordinators, cancels', function () {
  this.timeout(400_000)
  let home: string
  let addr: string
  let coordinator: CliProcess
  let dataset = ''
  const wallets: Record<string, string> = {}
  // what a test starts besides the shared coordinator, killed after it whether it passed or not
  let started: CliProcess[] = []
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const status = async (id: string, ...via: string[]): Promise<JobInfo> => JSON.parse((await cli('job', 'status', id, '--json', ...via)).output) as JobInfo
  const balance = async (who?: string): Promise<bigint> =>
    BigInt((JSON.parse((await cli('wallet', 'balance', ...(who != null ? ['--address', who] : []), '--json')).output) as { base_units: string }).base_units)
  const watch = (id: string, ...via: string[]): ReturnType<typeof watchJob> => { const w = watchJob(id, env(), ...via); started.push(w.proc); return w }
  /** on a port of the system's choosing, or on `listen` — the address it had, for a restart */
  const startCoordinator = async (listen = '/ip4/127.0.0.1/tcp/0'): Promise<void> => {
    // a file left by an earlier run of it would name the old address until the new one is written
    await rm(join(home, 'coordinator', 'multiaddrs'), { force: true })
    coordinator = startCli(['coordinator', 'start', '--listen', listen, '--heartbeat-interval', '1s', '--match-interval', '1s', '--fee-account', wallets.fees ?? ''], env())
    addr = await coordinatorAddr(join(home, 'coordinator'), coordinator)
  }
  /** a peer in a data dir of its own (`dir`), paid to wallet `wallet` */
  const startPeer = (dir: string, wallet: string, ...flags: string[]): CliProcess => {
    const p = startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, dir), '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s',
      '--wallet-address', wallets[wallet] ?? '', '--retry-base', '100ms', ...flags], env())
    started.push(p)
    return p
  }
  const submit = async (...flags: string[]): Promise<string> => {
    const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', dataset, '--payment', '1', '--batch-size', '8', ...flags)
    expect(r.code, r.output).to.equal(0)
    return /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
  }
  const paidOut = async (): Promise<bigint> => (await balance(wallets.a)) + (await balance(wallets.b)) + (await balance(wallets.fees))

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-faults-'))
    for (const w of ['a', 'b', 'fees']) wallets[w] = (await cli('wallet', 'new', '--out', join(home, `${w}.json`))).output.split('\n')[0] ?? ''
    await startCoordinator()
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '100')).code).to.equal(0)
    await writeFile(join(home, 'digits.cyxt'), encodeCyxt(mnistDatasets({ train: 3000, test: 20 }).train))
    dataset = /ipfs:\/\/\w+/.exec((await cli('dataset', 'add', join(home, 'digits.cyxt'))).output)?.[0] ?? ''
  })

  afterEach(async () => {
    await kill(...started)
    started = []
    // a test that failed between killing the coordinator and starting it again leaves it down
    if (coordinator.done()) await startCoordinator()
  })

  after(async () => {
    await killAll()
    await rm(home, { recursive: true, force: true })
  })

  it('resumes a job whose peer was killed mid-epoch on another peer from its checkpoint; both are paid for their epochs', async () => {
    const before = { user: await balance(), out: await paidOut() }
    const a = startPeer('resume-a', 'a')
    const aId = await peerStarted(a, 'peer a')
    const id = await submit('--epochs', '8')
    const w = watch(id)
    await w.line('assigned to peer a', new RegExp(`assigned to ${aId}`))
    // b starts while a trains, so that a can be killed the moment its second epoch is verified: a
    // job RUNNING on a is not offered to b, and a has six epochs to go, so it cannot finish first
    const b = startPeer('resume-b', 'b')
    const bId = await peerStarted(b, 'peer b')
    await w.until('two verified epochs on peer a', us => { if (ended(us)) throw new Error('the job ended on peer a'); return verified(us) >= 2 ? true : undefined })
    await kill(a)
    await w.until('taken from the dead peer and assigned to peer b', (us) => {
      const i = us.findIndex(u => u.line.includes(`assigned to ${bId}`))
      if (i < 0 && ended(us)) throw new Error('the job ended before it was taken from the dead peer (it finished before the kill)')
      return i >= 0 ? true : undefined
    })
    const requeued = await status(id)
    expect(requeued.assignedNode).to.equal(bId)
    expect(requeued.contributions.length).to.equal(1)
    expect(requeued.contributions[0]?.wallet).to.equal(wallets.a)
    const lostEpochs = requeued.contributions[0]?.epochs ?? 0
    expect(lostEpochs).to.be.at.least(2)
    expect(b.output()).to.not.match(/resumed after epoch 0/)
    await w.until('completed on peer b', us => ended(us) ? true : undefined)
    const done = await status(id)
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
    const b = startPeer('outbox-b', 'b')
    await peerStarted(b, 'peer b')
    const id = await submit('--epochs', '10')
    const w = watch(id)
    await w.until('running with a verified epoch', us => { if (ended(us)) throw new Error('the job ended'); return verified(us) >= 1 ? true : undefined })
    await kill(w.proc)
    const port = tcpPort(addr)
    await kill(coordinator)
    // the peer finishes and its completion goes to the outbox after 1+2+4+8+16 tenths of a second
    await waitForOutput(b, 'the completion queued in the outbox', /COMPLETED report queued in the outbox/, 240_000)
    // the first report after the kill goes through the whole schedule; later ones queue behind it
    const retries = [...b.output().matchAll(/^(\S+) job \S+: (\w+) report failed \(attempt (\d)\); retrying in (\d+) ms/gm)].slice(0, 5)
    expect(new Set(retries.map(m => m[2])).size).to.equal(1)
    expect(retries.map(m => Number(m[4]))).to.deep.equal([100, 200, 400, 800, 1600])
    const times = retries.map(m => Date.parse(m[1] ?? ''))
    // each attempt waits out its delay after the previous failure (how much longer depends on the load);
    // the log's millisecond clock and the timer's may round apart by a millisecond
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).to.be.at.least(100 * 2 ** (i - 1) - 2)
    await rm(join(home, 'coordinator', 'multiaddrs'))
    // on the address the peer knows: the port it had, not one probed free
    await startCoordinator(`/ip4/127.0.0.1/tcp/${port}`)
    await waitForOutput(b, 'the outbox delivered', /outbox: \d+ queued report\(s\) delivered/)
    const after = watch(id)
    await after.until('completed after the restart', us => ended(us) ? true : undefined)
    const done = await status(id)
    expect(done.state, done.message).to.equal('COMPLETED')
    expect(await balance()).to.equal(before.user - PAYMENT)
    expect((await paidOut()) - before.out).to.equal(PAYMENT)
    // the submitter was told the reports came late, from the peer's outbox (a watch replays the history)
    expect(after.proc.output()).to.match(/the peer could not reach the coordinator: its reports waited in its outbox \(the oldest \d+\.\d s\)/)
    b.proc.kill('SIGINT')
    await b.exited
  })

  it('stops a job cancelled mid-training within a batch and pays its verified epochs, refunding the rest', async () => {
    const before = { user: await balance(), out: await paidOut() }
    const b = startPeer('cancel-b', 'b', '--progress-every', '5')
    await peerStarted(b, 'peer b')
    const id = await submit('--epochs', '10')
    const w = watch(id)
    const epochs = await w.until('a verified epoch', us => { if (ended(us)) throw new Error('the job ended'); const n = verified(us); return n >= 1 ? n : undefined })
    const c = await cli('job', 'cancel', id)
    expect(c.code, c.output).to.equal(0)
    const done = await status(id)
    expect(done.state).to.equal('CANCELLED')
    expect(done.verifiedEpochs).to.be.at.least(epochs)
    await waitForOutput(b, 'the peer to stop the job', new RegExp(`job ${id}: training stopped`), 30_000)
    const share = PAYMENT * BigInt(Math.floor(done.verifiedEpochs * 10_000 / 10)) / 10_000n
    expect(await balance()).to.equal(before.user - share)
    expect((await paidOut()) - before.out).to.equal(share)
    b.proc.kill('SIGINT')
    await b.exited
  })

  it('resumes its own job after a SIGKILL and a quick restart, from its last checkpoint, under the same lease', async () => {
    // a coordinator of its own with 10 s heartbeats: a peer is lost only after 35 s of silence (3 missed
    // beats and half an interval). The restarted peer must beat again within that; with 3 s beats the
    // window was 10.5 s, and a peer start takes over 10 s on a loaded 2-core machine

    const dir = join(home, 'slow')
    const slow = startCli(['coordinator', 'start', '--data-dir', join(dir, 'coordinator'), '--listen', '/ip4/127.0.0.1/tcp/0',
      '--heartbeat-interval', '10s', '--match-interval', '1s', '--embedded-rpc-port', '0'], env())
    started.push(slow)
    const slowAddr = await coordinatorAddr(join(dir, 'coordinator'), slow)
    const c = (): CliProcess => {
      const p = startCli(['peer', 'start', '--bootstrap', slowAddr, '--data-dir', join(dir, 'c'), '--listen', '/ip4/127.0.0.1/tcp/0',
        '--heartbeat-interval', '10s', '--wallet-address', wallets.a ?? '', '--retry-base', '100ms'], env())
      started.push(p)
      return p
    }
    const first = c()
    await peerStarted(first, 'peer c')
    const via = ['--coordinator', slowAddr]
    expect((await cli('wallet', 'airdrop', '10', ...via)).code).to.equal(0)
    const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', dataset, '--payment', '1', '--batch-size', '8', '--epochs', '10', ...via)
    expect(r.code, r.output).to.equal(0)
    const id = /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
    const w = watch(id, ...via)
    await w.until('two verified epochs', us => { if (ended(us)) throw new Error('the job ended'); return verified(us) >= 2 ? true : undefined })
    const running = await status(id, ...via)
    expect(running.state).to.equal('RUNNING')
    await kill(first)
    const second = c()
    await w.until('completed after the restart', us => ended(us) ? true : undefined)
    const done = await status(id, ...via)
    expect(done.state, `${done.message}\n${second.output()}`).to.equal('COMPLETED')
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
