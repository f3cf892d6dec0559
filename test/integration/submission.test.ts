/**
 * Submissions: `job submit` against a coordinator that is down follows the retry
 * schedule (scaled ×0.1 here), keeps the submission in the client outbox and fails with exit 3;
 * `job outbox send` delivers it once the coordinator is back, and the payment is locked once. The
 * coordinator makes SUBMIT and CONFIRM_LOCK safe to repeat: the same idempotency key gets the same
 * job (also when two attempts overlap), a repeated confirmation returns the queued job, and a key
 * reused for another submission is refused. Real processes and a real client on loopback.
 */
import { expect } from 'chai'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readFile } from 'node:fs/promises'
import { JobType, RequiredDevice, type JobInfo, type SubmitJob } from '../../protocols/jobs.js'
import { coordinatorAddr, killAll, runCli, startCli, type CliProcess } from '../helpers/processes.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import { readWallet } from '../../src/ledger/wallet.js'
import { JobClient } from '../../client/job-client.js'
import { isCyxwizError } from '../../src/errors.js'

const MODEL = fileURLToPath(new URL('../fixtures/jobs/mlp.json', import.meta.url))

describe('submissions: retried, queued in the outbox, never locked twice', function () {
  this.timeout(240_000)
  let home: string
  let addr: string
  let coordinator: CliProcess
  let dataset = ''
  let payer = ''
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const startCoordinator = async (): Promise<void> => {
    // a port of the system's choosing, also after a restart: the CLI reads the address from the data dir
    coordinator = startCli(['coordinator', 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s', '--match-interval', '1s'], env())
    addr = await coordinatorAddr(join(home, 'coordinator'), coordinator)
  }
  const balance = async (): Promise<bigint> => BigInt((JSON.parse((await cli('wallet', 'balance', '--json')).output) as { base_units: string }).base_units)
  const jobs = async (): Promise<JobInfo[]> => JSON.parse((await cli('job', 'list', '--json')).output) as JobInfo[]
  const spec = async (payment: string): Promise<SubmitJob> => ({
    jobType: JobType.TRAINING, modelDefinition: await readFile(MODEL, 'utf8'), datasetUri: dataset, datasetSamples: 0n,
    hyperparameters: { epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', validationSplit: 0, metrics: ['accuracy'] },
    paymentAmount: payment, requiredDevice: RequiredDevice.CPU, minMemoryBytes: 1n << 50n, wallet: payer // 1 PiB: stays QUEUED
  })
  const client = async (): Promise<JobClient> => await JobClient.open(addr, await readWallet(join(home, 'wallet.json')), { dataDir: join(home, 'client') })

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-submission-'))
    await startCoordinator()
    payer = (await cli('wallet', 'new')).output.split('\n')[0] ?? ''
    expect((await cli('wallet', 'airdrop', '100')).code).to.equal(0)
    await writeFile(join(home, 'digits.cyxt'), encodeCyxt(mnistDatasets({ train: 500, test: 10 }).train))
    dataset = /ipfs:\/\/\w+/.exec((await cli('dataset', 'add', join(home, 'digits.cyxt'))).output)?.[0] ?? ''
    expect(dataset).to.match(/^ipfs:\/\//)
  })

  after(async () => {
    await killAll()
    await rm(home, { recursive: true, force: true })
  })

  it('retries a submission on the schedule while the coordinator is down, keeps it in the outbox, and sends it once it is back', async () => {
    const before = await balance()
    coordinator.proc.kill('SIGKILL')
    await coordinator.exited
    const r = await cli('job', 'submit', MODEL, '--dataset', dataset, '--epochs', '1', '--payment', '2', '--min-memory', '1000TiB', '--retry-base', '100ms')
    expect(r.code, r.output).to.equal(3)
    expect(r.output).to.match(/ERR_COORDINATOR_UNREACHABLE/)
    expect(r.output).to.match(/kept in the outbox/)
    const retries = [...r.output.matchAll(/^(\S+) coordinator not reachable \(attempt (\d)[^\n]*retrying in (\d+) ms$/gm)]
    expect(retries.map(m => Number(m[3]))).to.deep.equal([100, 200, 400, 800, 1600])
    const times = retries.map(m => Date.parse(m[1] ?? ''))
    // each attempt waits out its delay after the previous failure (how much longer depends on the load);
    // the log's millisecond clock and the timer's may round apart by a millisecond
    for (let i = 1; i < times.length; i++) expect((times[i] ?? 0) - (times[i - 1] ?? 0)).to.be.at.least(100 * 2 ** (i - 1) - 2)
    const queued = JSON.parse((await cli('job', 'outbox', 'list', '--json')).output) as Array<{ key: string, paymentAmount: string }>
    expect(queued).to.have.length(1)

    await rm(join(home, 'coordinator', 'multiaddrs'))
    await startCoordinator()
    const sent = await cli('job', 'outbox', 'send')
    expect(sent.code, sent.output).to.equal(0)
    expect(sent.output).to.match(new RegExp(`sent queued submission ${queued[0]?.key ?? '-'} .*QUEUED`))
    expect(sent.output).to.match(/1 of 1 queued submission\(s\) sent/)
    expect(JSON.parse((await cli('job', 'outbox', 'list', '--json')).output)).to.deep.equal([])
    const mine = (await jobs()).filter(j => j.request?.paymentAmount === '2000000')
    expect(mine.map(j => j.state)).to.deep.equal(['QUEUED'])
    expect(await balance()).to.equal(before - 2_000_000n)
    // sending again finds nothing; the job is not made twice
    expect((await cli('job', 'outbox', 'send')).output).to.match(/nothing queued/)
  })

  it('gives a repeated SUBMIT the same job and locks the payment once, also when the attempts overlap', async () => {
    const before = await balance()
    const c = await client()
    try {
      const submit = await spec('3000000')
      const key = `test-${Date.now()}`
      // two attempts in flight at once (a retry while the first still fetches the dataset)
      const [a, b] = await Promise.all([c.submit(submit, key), c.submit(submit, key)])
      expect(a.job.jobId).to.equal(b.job.jobId)
      expect(a.job.state).to.equal('QUEUED')
      // and a late repeat after it was queued
      const again = await c.submit(submit, key)
      expect(again.job.jobId).to.equal(a.job.jobId)
      expect(again.job.state).to.equal('QUEUED')
      expect((await jobs()).filter(j => j.request?.paymentAmount === '3000000')).to.have.length(1)
      expect(await balance()).to.equal(before - 3_000_000n)

      // the same key for a different job is a mistake, refused with nothing made
      const err = await c.submit({ ...submit, paymentAmount: '4000000' }, key).then(() => undefined, (e: unknown) => e)
      expect(isCyxwizError(err) && err.code).to.equal('ERR_INVALID_ARGUMENT')
      expect(await balance()).to.equal(before - 3_000_000n)
    } finally {
      await c.close()
    }
  })
})
