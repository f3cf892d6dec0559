/**
 * End to end with real processes on loopback: real MNIST digits published on IPFS,
 * fetched and pinned by the coordinator, trained by a real peer daemon in its tfjs worker, watched
 * live, completed with a signed proof that the coordinator verifies (signature, weights re-hashed)
 * before it pays 90/10; the fetched model loads with stock tfjs and reproduces the reported accuracy.
 * Dishonest completions (a lying peer, built on purpose in test/helpers) are not paid, and a training
 * error is paid by the partial-payment rule.
 */
import { expect } from 'chai'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs'
import '@tensorflow/tfjs-backend-wasm'
import type { JobInfo } from '../../protocols/jobs.js'
import { coordinatorAddr, killAll, runCli, startCli, waitFor } from '../helpers/processes.js'
import { ready, untilNodes } from '../helpers/nodes.js'
import { startLyingPeer } from '../helpers/lying-peer.js'
import { encodeCyxt, type Dataset } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import { earnedBps } from '../../coordinator/jobs/payout.js'
import { splitEscrow } from '../../src/ledger/amounts.js'

const fixture = (name: string): string => fileURLToPath(new URL(`../fixtures/jobs/${name}`, import.meta.url))
type Job = Omit<JobInfo, 'finalMetrics'> & { finalMetrics: Record<string, number> }

/** serves a directory's files over http, for stock tfjs's own loader (file:// needs tfjs-node) */
async function serve (dir: string): Promise<{ url: string, server: Server }> {
  const server = createServer((req, res) => {
    readFile(join(dir, (req.url ?? '/').replace(/^\/+/, ''))).then(b => { res.end(b) }, () => { res.statusCode = 404; res.end() })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  return { url: `http://127.0.0.1:${port}`, server }
}

describe('training: jobs trained on peers, verified and paid', function () {
  this.timeout(300_000)
  let home: string
  let addr: string
  let mlpData: Dataset
  let cnnData: Dataset
  let csvData: Dataset
  const uris: Record<string, string> = {}
  const wallets: Record<string, string> = {}
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const status = async (id: string): Promise<Job> => JSON.parse((await cli('job', 'status', id, '--json')).output) as Job
  const balance = async (who?: string): Promise<bigint> =>
    BigInt((JSON.parse((await cli('wallet', 'balance', ...(who != null ? ['--address', who] : []), '--json')).output) as { base_units: string }).base_units)
  const publish = async (name: string, d: Dataset): Promise<void> => {
    await writeFile(join(home, `${name}.cyxt`), encodeCyxt(d))
    const r = await cli('dataset', 'add', join(home, `${name}.cyxt`))
    expect(r.code, r.output).to.equal(0)
    uris[name] = /ipfs:\/\/\w+/.exec(r.output)?.[0] ?? ''
  }
  const submit = async (model: string, dataset: string, ...flags: string[]): Promise<{ id: string, output: string }> => {
    const r = await cli('job', 'submit', fixture(model), '--dataset', uris[dataset] ?? '', '--payment', '1', '--wait', ...flags)
    expect(r.code, r.output).to.equal(0)
    return { id: /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? '', output: r.output }
  }
  /** accuracy of the fetched model on the dataset's validation part (the last 10%), with stock tfjs */
  const reproduce = async (id: string, d: Dataset): Promise<number> => {
    const out = join(home, `model-${id}`)
    const f = await cli('job', 'fetch', id, '--out', out)
    expect(f.code, f.output).to.equal(0)
    const { url, server } = await serve(out)
    try {
      const model = await tf.loadLayersModel(`${url}/model.json`)
      const n = Math.ceil(0.1 * d.samples)
      const per = d.features.length / d.samples
      return tf.tidy(() => {
        const x = tf.tensor(d.features.subarray((d.samples - n) * per), [n, ...d.featureShape])
        const y = tf.tensor2d(d.labels.subarray((d.samples - n) * 10), [n, 10])
        return (model.predict(x) as tf.Tensor).argMax(-1).equal(y.argMax(-1)).mean().dataSync()[0] ?? -1
      })
    } finally {
      server.close()
    }
  }

  before(async () => {
    await tf.setBackend('wasm') // the backend the peer trains on: the same arithmetic
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-training-'))
    for (const w of ['peer', 'liar', 'fees']) wallets[w] = (await cli('wallet', 'new', '--out', join(home, `${w}.json`))).output.split('\n')[0] ?? ''
    const coordinator = startCli(['coordinator', 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s',
      '--match-interval', '1s', '--fee-account', wallets.fees ?? ''], env())
    addr = await coordinatorAddr(join(home, 'coordinator'), coordinator)
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '100')).code).to.equal(0)
    startCli(['peer', 'start', '--bootstrap', addr, '--data-dir', join(home, 'peer'), '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s',
      '--ram', '8GiB', '--wallet-address', wallets.peer ?? '', '--progress-every', '10'], env())
    mlpData = mnistDatasets({ train: 2000, test: 20 }).train
    csvData = mnistDatasets({ train: 1000, test: 20, seed: 3 }).train
    cnnData = mnistDatasets({ train: 1000, test: 20, shape: 'image', seed: 2 }).train
    await publish('mlp', mlpData)
    await publish('cnn', cnnData)
    // labels that do not fit a 10-class model: class index 12
    await publish('badlabels', { ...mlpData, labelShape: [1], labels: new Float32Array(mlpData.samples).fill(12) })
    await publish('huge', { ...mlpData, labels: new Float32Array(mlpData.labels.length).fill(1e30) })
    // the usual MNIST CSV: a "label" column holding the digit, then the 784 pixels
    const rows = [['label', ...Array.from({ length: 784 }, (_, i) => `p${i}`)].join(',')]
    for (let i = 0; i < csvData.samples; i++) {
      const digit = csvData.labels.subarray(i * 10, i * 10 + 10).indexOf(1)
      rows.push([digit, ...Array.from(csvData.features.subarray(i * 784, (i + 1) * 784), v => Math.round(v * 255) / 255)].join(','))
    }
    await writeFile(join(home, 'digits.csv'), rows.join('\n'))
    const added = await cli('dataset', 'add', join(home, 'digits.csv'))
    expect(added.code, added.output).to.equal(0)
    uris.csv = /ipfs:\/\/\w+/.exec(added.output)?.[0] ?? ''
    await untilNodes(addr, 'the peer online with an offer', v => v.some(ready))
  })

  after(async () => {
    await killAll()
    await rm(home, { recursive: true, force: true })
  })

  it('trains an MLP on real digits: live epochs in order, a verified model that reproduces its accuracy, paid 90/10 exactly', async () => {
    const before = { user: await balance(), peer: await balance(wallets.peer), fees: await balance(wallets.fees) }
    const { id, output } = await submit('mlp.json', 'mlp', '--epochs', '3', '--batch-size', '32', '--learning-rate', '0.002')
    const epochs = [...output.matchAll(/epoch (\d+)\/3 done/g)].map(m => Number(m[1]))
    expect(epochs).to.deep.equal([1, 2, 3])
    expect(output).to.match(/RUNNING .*loss \d/) // batch progress reached the watcher
    expect(output).to.match(/COMPLETED/)
    const j = await status(id)
    expect(j.state).to.equal('COMPLETED')
    expect(j.backend).to.equal('wasm')
    expect(j.verifiedEpochs).to.equal(3)
    expect(j.modelHash).to.match(/^sha256:[0-9a-f]{64}$/)
    const reported = j.finalMetrics.final_accuracy ?? -1
    expect(reported).to.be.greaterThan(0.8)
    // the peer validated on the last 10% of the training set the coordinator gave it (the dataset
    // less its held-out 5%): close to the same rows here, and the coordinator's own measurement agrees
    expect(await reproduce(id, mlpData)).to.be.closeTo(reported, 0.05)
    expect(j.verification?.passed).to.equal(true)
    expect(j.verification?.heldOutSamples).to.equal(100)
    expect(output).to.match(/held-out accuracy 0\.\d{3} on 100 samples \(peer claimed 0\.\d{3}\)/)
    const split = splitEscrow(1_000_000n, 10_000, 1000)
    expect(await balance(wallets.peer)).to.equal(before.peer + split.peer)
    expect(await balance(wallets.fees)).to.equal(before.fees + split.fee)
    expect(await balance()).to.equal(before.user - 1_000_000n)
    expect(split.peer).to.equal(900_000n)
  })

  it('trains with no validation split: the peer\'s claim (a training running mean) is shown beside the held-out figure, not held against it', async () => {
    // one epoch at a low rate: the epoch's running mean lags the final weights' accuracy by far more than the claim tolerance
    const { id, output } = await submit('mlp.json', 'mlp', '--epochs', '1', '--batch-size', '32', '--learning-rate', '0.0005', '--validation-split', '0')
    expect(output).to.match(/COMPLETED/)
    const j = await status(id)
    expect(j.state, j.message).to.equal('COMPLETED')
    expect(j.verification?.passed).to.equal(true)
    expect(j.verification?.heldOutSamples).to.equal(100)
    expect(output).to.match(/held-out accuracy 0\.\d{3} on 100 samples \(peer claimed 0\.\d{3}\)/)
  })

  it('trains a CNN on the wasm backend with its gradient kernels, verified and reproducible', async () => {
    const { id } = await submit('cnn.json', 'cnn', '--epochs', '2', '--batch-size', '32', '--learning-rate', '0.005')
    const j = await status(id)
    expect(j.state, j.message).to.equal('COMPLETED')
    expect(j.backend).to.equal('wasm')
    const reported = j.finalMetrics.final_accuracy ?? -1
    expect(reported).to.be.greaterThan(0.6)
    expect(await reproduce(id, cnnData)).to.be.closeTo(reported, 0.1)
  })

  for (const [lie, code] of [['wrong-hash', 'ERR_HASH_MISMATCH'], ['wrong-key', 'ERR_BAD_SIGNATURE']] as const) {
    it(`does not pay a completion with a ${lie.replace('-', ' ')}: rejected with ${code}, re-queued without the liar; cancelled, refunded in full`, async () => {
      const liar = await startLyingPeer(addr, { lie, wallet: wallets.liar ?? '', ramBytes: 64n << 40n, interval: 1000 })
      try {
        const before = { user: await balance(), liar: await balance(wallets.liar) }
        // only the liar offers 1 TiB
        const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', uris.mlp ?? '', '--payment', '1', '--epochs', '1', '--min-memory', '1TiB')
        expect(r.code, r.output).to.equal(0)
        const id = /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
        const j = await waitFor(`job ${id} rejected`, async () => { const s = await status(id); return s.history.length > 0 ? s : undefined }, 120_000, 500)
        expect(j.state).to.equal('QUEUED')
        expect(j.history[0]).to.contain(liar.node.peerId.toString()).and.to.contain(code)
        expect(j.excludedNodes).to.include(liar.node.peerId.toString())
        expect(j.modelUri).to.equal('')
        expect((await cli('job', 'cancel', id)).code).to.equal(0)
        expect(await balance(wallets.liar)).to.equal(before.liar)
        expect(await balance()).to.equal(before.user)
      } finally {
        await liar.stop()
      }
    })
  }

  it('trains an MNIST CSV whose label column holds the digit (class indices) with a softmax model: completed, verified on held-out digits, paid', async () => {
    const before = { peer: await balance(wallets.peer) }
    const { id, output } = await submit('mlp.json', 'csv', '--epochs', '2', '--batch-size', '32', '--learning-rate', '0.002')
    expect(output).to.match(/COMPLETED/)
    const j = await status(id)
    expect(j.state, j.message).to.equal('COMPLETED')
    expect(j.verifiedEpochs).to.equal(2)
    // the coordinator set the job's memory from the model (784 → 64 → 10, batches of 32), not from the submitter's 0
    expect(String(j.spec?.minMemoryBytes)).to.equal(String(4 * (3 * (784 + 64 + 10) * 32 + 20 * 50_890)))
    // sparse accuracy on the peer's validation digits, and the coordinator's own held-out measurement with the same loss
    expect(j.finalMetrics.final_accuracy ?? -1).to.be.greaterThan(0.6)
    expect(j.verification?.passed).to.equal(true)
    expect(j.verification?.heldOutSamples).to.equal(50)
    expect(await balance(wallets.peer)).to.equal(before.peer + splitEscrow(1_000_000n, 10_000, 1000).peer)
  })

  it('refuses at submit, before any lock, class indices a 10-class model cannot train (ERR_DATASET_MISMATCH): no job, no money moved', async () => {
    const before = { user: await balance(), jobs: (await cli('job', 'list', '--json')).output }
    const r = await cli('job', 'submit', fixture('mlp.json'), '--dataset', uris.badlabels ?? '', '--payment', '1', '--epochs', '2')
    expect(r.code, r.output).to.not.equal(0)
    expect(r.output).to.match(/ERR_DATASET_MISMATCH/)
    expect(r.output).to.match(/integer in \[0, 10\)/)
    expect(await balance()).to.equal(before.user)
    expect((await cli('job', 'list', '--json')).output).to.equal(before.jobs)
  })

  it('reports a training error and pays by the rule (verified epochs), refunding the rest', async () => {
    const before = { user: await balance(), peer: await balance(wallets.peer), fees: await balance(wallets.fees) }
    // a regression whose targets (1e30) square past float32: the gate takes it (shapes fit, any
    // value is a valid target for a linear output), the loss is not finite at the first batch
    const linear = join(home, 'linear.json')
    await writeFile(linear, JSON.stringify({ nodes: [{ id: 'x', op: 'Input', params: { shape: [784] } }, { id: 'y', op: 'Dense', params: { units: 10 } }], edges: [['x', 'y']] }))
    const r = await cli('job', 'submit', linear, '--dataset', uris.huge ?? '', '--payment', '1', '--wait', '--epochs', '2')
    expect(r.code, r.output).to.equal(0)
    const id = /job ([0-9a-f-]{36})/.exec(r.output)?.[1] ?? ''
    const output = r.output
    const j = await status(id)
    expect(j.state).to.equal('FAILED')
    expect(j.message).to.match(/ERR_TRAINING_DIVERGED/)
    expect(output).to.match(/FAILED/)
    const bps = earnedBps(j.verifiedEpochs, 2)
    const split = splitEscrow(1_000_000n, bps, 1000)
    expect(j.payout?.earnedBps).to.equal(bps)
    expect(await balance(wallets.peer)).to.equal(before.peer + split.peer)
    expect(await balance(wallets.fees)).to.equal(before.fees + split.fee)
    expect(await balance()).to.equal(before.user - 1_000_000n + split.refund)
  })
})
