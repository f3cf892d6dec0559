/**
 * End to end with real processes on loopback: a coordinator, peers with different offers,
 * jobs submitted through the CLI with their payment locked in escrow, matched by the score with the
 * breakdown to show for it, unfit jobs queued with reasons until a fitting peer joins, declining and
 * silent peers skipped, validation errors refused with nothing queued or locked, a SIGKILLed
 * coordinator losing nothing, and `job watch` resuming across the cut.
 */
import { expect } from 'chai'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { JobInfo } from '../../protocols/jobs.js'
import { coordinatorAddr, kill, killAll, peerStarted, runCli, startCli, tcpPort, waitFor, watchJob, type CliProcess, type WatchedUpdate } from '../helpers/processes.js'
import { startMutePeer } from '../helpers/mute-peer.js'
import { ready, untilNodes } from '../helpers/nodes.js'
import { multiaddr } from '@multiformats/multiaddr'
import { generateKeyPairSigner, signBytes } from '@solana/kit'
import { JobOp, JobRequest, JobResponse } from '../../protocols/jobs.js'
import { protocolIds } from '../../protocols/ids.js'
import { createClientNode } from '../../src/network/node.js'
import { request } from '../../src/network/stream.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/jobs/${name}`, import.meta.url))
/** a CID nobody holds: a dataset the coordinator cannot fetch */
const MISSING = 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy'
/** the job states a job that started is in, however far it got (peers really train it) */
const STARTED = ['RUNNING', 'VERIFYING', 'COMPLETED']

describe('jobs: submit, match, assign, run', function () {
  this.timeout(240_000)
  let home: string
  let addr: string
  let coordinator: CliProcess
  let DATASET = ''
  let payee = ''
  const peers: Record<string, string> = {}
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  /**
   * On a port of the system's choosing, or on `listen` — the address it had, for a restart. A 10 s
   * accept window: the flaky peer's three offers (two reset in transit) must fit in it on a busy machine.
   */
  const startCoordinator = async (listen = '/ip4/127.0.0.1/tcp/0'): Promise<void> => {
    // a file left by an earlier run of it would name the old address until the new one is written
    await rm(join(home, 'coordinator', 'multiaddrs'), { force: true })
    coordinator = startCli(['coordinator', 'start', '--listen', listen, '--heartbeat-interval', '1s', '--match-interval', '1s', '--accept-timeout', '10s', '--dataset-timeout', '5s', '--retry-base', '200ms'], env())
    addr = await coordinatorAddr(join(home, 'coordinator'), coordinator)
  }
  const startPeer = async (name: string, ...flags: string[]): Promise<CliProcess> => {
    const p = startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, name), '--listen', '/ip4/127.0.0.1/tcp/0',
      '--heartbeat-interval', '1s', '--metrics-interval', '1s', '--max-queue', '4', '--wallet-address', payee, ...flags], env())
    peers[name] = await peerStarted(p, name)
    return p
  }
  const submit = async (...flags: string[]): Promise<{ code: number | null, output: string, id?: string }> => {
    const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', DATASET, '--epochs', '2', ...flags)
    return { ...r, id: /job ([0-9a-f-]{36}) QUEUED/.exec(r.output)?.[1] }
  }
  const status = async (id: string): Promise<JobInfo> => JSON.parse((await cli('job', 'status', id, '--json')).output) as JobInfo
  const balance = async (): Promise<string> => (JSON.parse((await cli('wallet', 'balance', '--json')).output) as { base_units: string }).base_units
  /** waits until the coordinator lists the peer online with an offer */
  const online = async (what: string, peerId: string): Promise<void> => {
    await untilNodes(addr, `${what} online`, v => v.some(n => n.node_id === peerId && ready(n)))
  }
  /** follows the job over one `job watch` until `ok` holds for its updates, then gives its status */
  const until = async (id: string, what: string, ok: (updates: WatchedUpdate[]) => boolean, ms = 60_000): Promise<JobInfo> => {
    const w = watchJob(id, env())
    try {
      await w.until(what, us => ok(us) ? true : undefined, ms)
    } finally {
      await kill(w.proc)
    }
    return await status(id)
  }
  /** why-not reasons are kept on the job, not sent as updates: asked for with `job status` */
  const reasons = async (id: string, what: string, ok: (j: JobInfo) => boolean, ms = 30_000): Promise<JobInfo> =>
    await waitFor(`job ${id.slice(0, 8)} ${what}`, async () => { const j = await status(id); return ok(j) ? j : undefined }, ms, 500)
  const started = (us: WatchedUpdate[]): boolean => us.some(u => STARTED.includes(u.state))
  const line = (text: string) => (us: WatchedUpdate[]): boolean => us.some(u => u.line.includes(text))

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-jobs-'))
    await startCoordinator()
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '1000')).code).to.equal(0)
    // peers are paid into a wallet of their own, so the submitter's balance shows only its escrows
    payee = (await cli('wallet', 'new', '--out', join(home, 'payee.json'))).output.split('\n')[0] ?? ''
    // 1,000 real MNIST digits, published from the client data dir the submissions serve it from
    await writeFile(join(home, 'digits.cyxt'), encodeCyxt(mnistDatasets({ train: 1000, test: 20 }).train))
    const added = await cli('dataset', 'add', join(home, 'digits.cyxt'))
    expect(added.code, added.output).to.equal(0)
    DATASET = /ipfs:\/\/\w+/.exec(added.output)?.[0] ?? ''
    await startPeer('cpu', '--ram', '8GiB', '--price', '10', '--location', 'eu-west')
    await startPeer('gpu', '--device', 'gpu', '--gpu-memory', '16GiB', '--ram', '32GiB', '--price', '30', '--location', 'us-east')
    await startPeer('picky', '--ram', '64GiB', '--price', '5', '--location', 'eu-west', '--min-payment', '500')
    await untilNodes(addr, 'three peers online with offers', v => v.filter(ready).length === 3)
  })

  after(async () => {
    await killAll()
    await rm(home, { recursive: true, force: true })
  })

  it('estimates a job from its FLOPs and the market price, without a wallet', async () => {
    const r = await cli('job', 'estimate', fixture('mlp.json'), '--dataset', DATASET, '--samples', '8000', '--epochs', '3', '--json')
    expect(r.code, r.output).to.equal(0)
    const e = JSON.parse(r.output) as { flopsPerSample: string, computeUnits: string, pricePerUnit: string, total: string, parameters: string }
    expect(e.parameters).to.equal('50890') // 784·64+64 + 64·10+10
    expect(e.flopsPerSample).to.equal('305460') // 3 × forward
    expect(e.computeUnits).to.equal('8') // ⌈305460 · 8000 · 3 / 10^9⌉
    expect(e.pricePerUnit).to.equal('10') // no peer has a verified job yet: the default price
    expect(e.total).to.equal('80')
  })

  it('sends a GPU job to the GPU peer and shows the score breakdown', async () => {
    const before = BigInt(await balance())
    const r = await submit('--device', 'gpu', '--payment', '20')
    expect(r.code, r.output).to.equal(0)
    const j = await until(r.id ?? '', 'started', started)
    expect(j.assignedNode).to.equal(peers.gpu)
    expect(j.scoreBreakdown.length).to.be.greaterThan(1)
    const sum = j.scoreBreakdown.reduce((s, t) => s + t.weighted, 0)
    expect(sum).to.be.closeTo(j.score, 1e-6)
    expect(BigInt(await balance())).to.equal(before - 20_000_000n) // locked in escrow
    const text = (await cli('job', 'status', r.id ?? '')).output
    expect(text).to.contain(`assigned to ${peers.gpu ?? ''}`)
    expect(text).to.match(/score \d\.\d{3}/)
  })

  it('skips a peer that declines: the job returns to the queue and says why', async () => {
    // only "picky" has 40 GiB, and it declines jobs paying under 500 CYXWIZ
    const r = await submit('--device', 'cpu', '--min-memory', '40GiB', '--payment', '20')
    expect(r.code, r.output).to.equal(0)
    const j = await until(r.id ?? '', 'declined and queued', line(`${peers.picky ?? ''} declined`))
    expect(j.excludedNodes).to.include(peers.picky)
    await reasons(j.jobId, 'with why-not reasons', x => x.whyNot.length >= 3)
    const why = (await status(j.jobId)).whyNot.map(w => `${w.nodeId === peers.picky ? 'picky' : 'other'}:${w.code}`)
    expect(why).to.include('picky:EXCLUDED')
    expect(why.filter(w => w === 'other:INSUFFICIENT_MEMORY').length).to.be.at.least(2)
  })

  it('keeps a job no peer fits queued with its reasons, and matches it when a fitting peer joins', async () => {
    const r = await submit('--device', 'cpu', '--min-memory', '1TiB', '--payment', '20')
    expect(r.code, r.output).to.equal(0)
    const queued = await reasons(r.id ?? '', 'queued with reasons', j => j.state === 'QUEUED' && j.whyNot.length >= 3)
    expect(queued.whyNot.every(w => w.code === 'INSUFFICIENT_MEMORY')).to.equal(true)
    const big = await startPeer('big', '--ram', '2TiB', '--price', '10')
    const j = await until(queued.jobId, 'started on the big peer', started).catch(async (err: Error) => {
      throw new Error(`${err.message}\n${JSON.stringify(await status(queued.jobId))}\n${big.output()}`)
    })
    expect(j.assignedNode).to.equal(peers.big)
  })

  it('skips a peer that does not answer', async () => {
    const mute = await startMutePeer(addr, 4n << 40n, 1000)
    try {
      await online('the mute peer', mute.node.peerId.toString())
      const r = await submit('--device', 'cpu', '--min-memory', '3TiB', '--payment', '20')
      const j = await until(r.id ?? '', 'the silent peer excluded', line(`${mute.node.peerId.toString()} did not answer`))
      expect(j.excludedNodes).to.include(mute.node.peerId.toString())
      expect(j.state).to.equal('QUEUED')
    } finally {
      await mute.stop()
    }
  })

  it('offers a job again on the retry schedule when the offer fails in transit, within the accept window', async () => {
    const flaky = await startMutePeer(addr, 6n << 40n, 1000, { flaky: 2 })
    try {
      await online('the flaky peer', flaky.node.peerId.toString())
      const r = await submit('--device', 'cpu', '--min-memory', '6TiB', '--payment', '20')
      const j = await until(r.id ?? '', 'assigned to the flaky peer', line(`assigned to ${flaky.node.peerId.toString()}`))
      expect(j.state).to.equal('ASSIGNED')
      expect(j.assignedNode).to.equal(flaky.node.peerId.toString())
      expect(j.excludedNodes).to.not.include(flaky.node.peerId.toString())
      // two resets, then accepted: the offer went out at 0, +200 ms and +400 ms (the schedule at --retry-base 200ms)
      const offers = flaky.offers.filter(o => o.jobId === r.id).map(o => o.at)
      expect(offers).to.have.length(3)
      const gaps = offers.slice(1).map((t, i) => t - (offers[i] ?? 0))
      // not before its delay (less a millisecond or two of clock rounding between the coordinator's
      // timer and this process's Date.now()); how much later depends on the load, so that is not asserted
      expect(gaps[0]).to.be.at.least(198)
      expect(gaps[1]).to.be.at.least(398)
    } finally {
      await flaky.stop()
    }
  })

  it('refuses bad submissions with a named error, queueing and locking nothing', async function () {
    // a limit for a hang: a dozen CLI runs, each slow to start on a busy machine
    this.timeout(600_000)
    const before = await balance()
    const listed = (JSON.parse((await cli('job', 'list', '--json')).output) as JobInfo[]).length
    const model = (file: string): string[] => ['job', 'submit', fixture(file), '--dataset', DATASET, '--epochs', '1', '--payment', '1']
    await writeFile(join(home, 'three.csv'), 'a,b,c,label\n1,2,3,0\n4,5,6,1\n')
    const csv = /ipfs:\/\/\w+/.exec((await cli('dataset', 'add', join(home, 'three.csv'))).output)?.[0] ?? ''
    const cases: Array<[string[], RegExp]> = [
      [model('cyclic.json'), /ERR_MODEL_CYCLE/],
      [model('dangling.json'), /ERR_MODEL_DANGLING_EDGE/],
      [model('unknown-layer.json'), /ERR_MODEL_UNKNOWN_LAYER/],
      [model('lambda.json'), /ERR_MODEL_FORBIDDEN_LAYER/],
      [model('bad-shapes.json'), /ERR_MODEL_SHAPE/],
      [model('too-many-params.json'), /ERR_MODEL_PARAMS_CAP/],
      [['job', 'submit', fixture('mlp.json'), '--dataset', 'http://example.com/data.csv', '--samples', '10', '--epochs', '1', '--payment', '1'], /ERR_INVALID_JOB/],
      [['job', 'submit', fixture('mlp.json'), '--dataset', DATASET, '--epochs', '10000', '--payment', '0.000001'], /ERR_PAYMENT_BELOW_ESTIMATE/],
      [['job', 'submit', fixture('mlp.json'), '--dataset', DATASET, '--epochs', '1', '--payment', '5000'], /ERR_INSUFFICIENT_BALANCE/],
      // the dataset is fetched and checked before anything is locked
      [['job', 'submit', fixture('mlp.json'), '--dataset', DATASET, '--samples', '999', '--epochs', '1', '--payment', '1'], /999.*ERR_DATASET_MISMATCH/],
      [['job', 'submit', fixture('mlp.json'), '--dataset', csv, '--epochs', '1', '--payment', '1'], /\[3\].*\[784\].*ERR_DATASET_MISMATCH/],
      [['job', 'submit', fixture('mlp.json'), '--dataset', MISSING, '--epochs', '1', '--payment', '1'], /ERR_CONTENT_NOT_FOUND/]
    ]
    // independent refusals: three CLI runs at a time (each spends most of its time starting up)
    const results: Array<{ code: number | null, output: string }> = []
    let next = 0
    await Promise.all([0, 1, 2].map(async () => {
      for (let i = next++; i < cases.length; i = next++) results[i] = await cli(...(cases[i]?.[0] ?? []))
    }))
    cases.forEach(([, code], i) => {
      const r = results[i] ?? { code: null, output: 'not run' }
      expect(r.code, r.output).to.be.oneOf([2, 3, 6]) // bad input, content not found, or money refused
      expect(r.output).to.match(code)
    })
    expect(await balance()).to.equal(before)
    const after = JSON.parse((await cli('job', 'list', '--json')).output) as JobInfo[]
    expect(after.length).to.equal(listed)
  })

  it('refuses a session whose signature is not the wallet\'s, and requests without a session', async () => {
    const client = await createClientNode()
    try {
      const [owner, thief] = [await generateKeyPairSigner(), await generateKeyPairSigner()]
      const call = async (req: Partial<JobRequest>): Promise<JobResponse> => await request<JobRequest, JobResponse>(client, multiaddr(addr), protocolIds().protocols.jobs,
        { value: { op: JobOp.GET, session: '', wallet: '', signature: new Uint8Array(), jobId: '', signedTransaction: '', idempotencyKey: '', ...req }, codec: JobRequest }, JobResponse, { timeout: 10_000, maxSize: 1 << 20 })
      const { challenge } = await call({ op: JobOp.SESSION_CHALLENGE, wallet: owner.address })
      const forged = await signBytes(thief.keyPair.privateKey, new TextEncoder().encode(challenge))
      expect((await call({ op: JobOp.SESSION_OPEN, wallet: owner.address, signature: new Uint8Array(forged) })).code).to.equal('ERR_SESSION')
      expect((await call({ op: JobOp.LIST, session: 'f'.repeat(64) })).code).to.equal('ERR_SESSION')
    } finally {
      await client.stop()
    }
  })

  it('loses nothing across a SIGKILL of the coordinator, resumes matching, and job watch resumes in order', async () => {
    const r = await submit('--device', 'cpu', '--min-memory', '5TiB', '--payment', '20')
    const queued = await until(r.id ?? '', 'queued', us => us.some(u => u.state === 'QUEUED'))
    const before = JSON.parse((await cli('job', 'list', '--json')).output) as JobInfo[]
    const watch = watchJob(queued.jobId, env())
    await watch.line('the watch to show QUEUED', /\] QUEUED/)
    const port = tcpPort(addr)
    coordinator.proc.kill('SIGKILL')
    await coordinator.exited
    await rm(join(home, 'coordinator', 'multiaddrs'))
    // on the address the watch and the peers know: the port it had, not one probed free
    await startCoordinator(`/ip4/127.0.0.1/tcp/${port}`)
    const after = JSON.parse((await cli('job', 'list', '--json')).output) as JobInfo[]
    expect(after.map(j => `${j.jobId}:${j.state}`).sort()).to.deep.equal(before.map(j => `${j.jobId}:${j.state}`).sort())
    await startPeer('huge', '--ram', '8TiB', '--price', '10')
    await watch.line('the watch to show RUNNING', /\] RUNNING/, 60_000)
    expect((await status(queued.jobId)).assignedNode).to.equal(peers.huge)
    const seqs = watch.updates().map(u => u.seq)
    const states = watch.updates().map(u => u.state)
    // every update once, in order, across the cut. A watch that resumes replays the stored history,
    // where batch progress is coalesced (a batch-only update replaces the one before it), so once the
    // job runs a replay may skip a replaced seq; nothing up to RUNNING is ever coalesced
    const running = states.indexOf('RUNNING')
    expect(running).to.be.greaterThan(0)
    expect(seqs.slice(0, running + 1)).to.deep.equal(seqs.slice(0, running + 1).map((_, i) => i + 1))
    expect(seqs.every((q, i) => i === 0 || q > (seqs[i - 1] as number))).to.equal(true)
    expect(states.slice(0, 2)).to.deep.equal(['PENDING_LOCK', 'QUEUED'])
    expect(states.indexOf('ASSIGNED')).to.be.lessThan(states.indexOf('RUNNING'))
    watch.proc.proc.kill('SIGKILL')
  })

  it('cancels a job and refunds its escrow', async () => {
    const before = BigInt(await balance())
    const r = await submit('--device', 'cpu', '--min-memory', '100TiB', '--payment', '7')
    await until(r.id ?? '', 'queued', us => us.some(u => u.state === 'QUEUED'))
    expect(BigInt(await balance())).to.equal(before - 7_000_000n)
    const c = await cli('job', 'cancel', r.id ?? '')
    expect(c.code, c.output).to.equal(0)
    expect((await status(r.id ?? '')).state).to.equal('CANCELLED')
    expect(BigInt(await balance())).to.equal(before)
  })
})
