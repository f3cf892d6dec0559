/**
 * A peer that takes a job and never trains it, from outside (an independent libp2p node speaking
 * the real protocols): its progress reports do not hold the job past the lease's wall-clock budget,
 * a flood of them is refused with ERR_RATE_LIMITED, and the text it writes reaches no terminal as
 * escapes or forged lines. The submitter gets the whole payment back.
 */
import { expect } from 'chai'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { JobInfo } from '../../protocols/jobs.js'
import { ExecutionState } from '../../protocols/job-report.js'
import { coordinatorAddr, kill, runCli, startCli, watchJob, type CliProcess } from '../helpers/processes.js'
import { startHostagePeer, type HostagePeer } from '../helpers/hostage-peer.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/jobs/${name}`, import.meta.url))
const HOSTILE = '\x1b[2J\x1b]0;owned\x07 all good\nCOMPLETED paid in full\u202e'

describe('a peer that holds a job hostage', function () {
  this.timeout(300_000)
  let home: string
  let coordinator: CliProcess
  let peer: HostagePeer | undefined
  const started: CliProcess[] = []
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const balance = async (): Promise<bigint> => BigInt((JSON.parse((await cli('wallet', 'balance', '--json')).output) as { base_units: string }).base_units)

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-hostage-'))
    // every lease gets 2 s plus its work at an absurd speed: the budget is what ends it, not silence
    coordinator = startCli(['coordinator', 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s', '--match-interval', '1s',
      '--lease-floor', '2s', '--lease-speed', '1000000000'], env())
    started.push(coordinator)
    const addr = await coordinatorAddr(join(home, 'coordinator'), coordinator)
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '10')).code).to.equal(0)
    const wallet = (await cli('wallet', 'new', '--out', join(home, 'peer.json'))).output.split('\n')[0] ?? ''
    peer = await startHostagePeer(addr, { wallet, interval: 1000 })
  })

  after(async () => {
    await peer?.stop()
    await kill(...started)
    await rm(home, { recursive: true, force: true })
  })

  it('loses the job at the end of its wall-clock budget however often it reports; floods are refused; its text is shown inert', async () => {
    const hostage = peer as HostagePeer
    await writeFile(join(home, 'digits.cyxt'), encodeCyxt(mnistDatasets({ train: 200, test: 10 }).train))
    const dataset = /ipfs:\/\/\w+/.exec((await cli('dataset', 'add', join(home, 'digits.cyxt'))).output)?.[0] ?? ''
    const before = await balance()
    const sub = await cli('job', 'submit', fixture('mlp.json'), '--dataset', dataset, '--payment', '1', '--epochs', '1')
    expect(sub.code, sub.output).to.equal(0)
    const id = /job ([0-9a-f-]{36})/.exec(sub.output)?.[1] ?? ''
    expect(await hostage.accepted()).to.equal(id)
    expect((await hostage.report(id, { state: ExecutionState.ACCEPTED })).code).to.equal('')
    expect((await hostage.report(id, { message: HOSTILE })).code).to.equal('')

    // a flood of plain progress (16 streams at a time, within the per-connection stream limit):
    // refused past the lease's rate, nothing written for the refused ones
    const codes: string[] = []
    while (!codes.includes('ERR_RATE_LIMITED') && codes.length < 2000) {
      codes.push(...(await Promise.all(Array.from({ length: 16 }, async () => (await hostage.report(id)).code))))
    }
    expect(codes).to.include('ERR_RATE_LIMITED')
    expect(codes.filter(c => c !== '' && c !== 'ERR_RATE_LIMITED')).to.deep.equal([])

    // what it wrote is shown, but inert: no escape reaches the terminal, no forged line
    const shown = await cli('job', 'status', id)
    expect(shown.output).to.include('all good')
    for (const c of ['\x1b', '\x07', '\u202e']) expect(shown.output).to.not.include(c)
    expect(shown.output.split('\n').some(l => l.startsWith('COMPLETED'))).to.equal(false)

    // it keeps reporting, as a peer holding a job hostage would; the lease's budget ends it anyway
    const w = watchJob(id, env())
    started.push(w.proc)
    let stop = false
    const holding = (async () => {
      while (!stop) {
        const ack = await hostage.report(id).catch(() => undefined)
        if (ack?.cancel === true) return ack
        await new Promise(resolve => setTimeout(resolve, 200))
      }
      return undefined
    })()
    await w.line('taken from the peer at the end of its budget', /wall-clock budget of \d+ s; back in the queue/)
      .catch((err: unknown) => { stop = true; throw err })
    const told = await holding
    expect(told?.code).to.equal('ERR_STALE_LEASE')
    const queued = JSON.parse((await cli('job', 'status', id, '--json')).output) as JobInfo
    expect(queued.state).to.equal('QUEUED')
    expect(queued.excludedNodes).to.include(hostage.node.peerId.toString())

    // the submitter gives up on it: everything comes back
    expect((await cli('job', 'cancel', id)).code).to.equal(0)
    expect(await balance()).to.equal(before)
  })
})
