/**
 * No work for strangers: what a caller can make the coordinator fetch, keep and decode. A real
 * coordinator (in this process, so its blockstore and pins can be inspected) and independent
 * libp2p clients holding the datasets on their own IPFS stores, on loopback:
 * - an ESTIMATE that would read a dataset, without a session: ERR_SESSION, not one block fetched;
 * - a dataset over the size cap: ERR_TOO_LARGE, nothing pinned;
 * - bytes that are not a dataset: ERR_DATASET, unpinned again and given back to the wallet's quota;
 * - a wallet past its quota of pinned bytes: ERR_QUOTA, nothing pinned;
 * - while a large CSV is decoded, the coordinator keeps answering other requests (the gate's own log
 *   line says when the decode begins; the coordinator runs in this process, so a decode on its event
 *   loop would hold the other answer back until the estimate had been answered).
 */
import { expect } from 'chai'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { generateKeyPairSigner, type KeyPairSigner } from '@solana/kit'
import { CID } from 'multiformats/cid'
import { Coordinator } from '../../coordinator/coordinator.js'
import { JobClient } from '../../client/job-client.js'
import { JobType, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import { ipfsUri } from '../../src/storage/ipfs.js'
import { isCyxwizError } from '../../src/errors.js'
import { EventEmitter, once } from 'node:events'
import { defaultLogger } from '@libp2p/logger'
import type { ComponentLogger, Logger } from '@libp2p/interface'

const MODEL = fileURLToPath(new URL('../fixtures/jobs/mlp.json', import.meta.url))
const MiB = 1024 * 1024

/** a CSV for the 784-input model of about `mib` MiB; `tag` makes its bytes (and CID) its own */
function csv (mib: number, tag: number): Uint8Array {
  const header = `${Array.from({ length: 784 }, (_, i) => `f${i}`).join(',')},label\n`
  const row = `${tag},${'0.5,'.repeat(783)}3\n`
  return new TextEncoder().encode(header + row.repeat(Math.ceil(mib * MiB / row.length)))
}

/** the coordinator's own logger, also telling `seen` each line of the dataset gate as it is logged */
function watchedLogger (seen: EventEmitter): ComponentLogger {
  const base = defaultLogger()
  const wrap = (name: string, l: Logger): Logger => {
    const f = (formatter: string, ...args: unknown[]): void => {
      if (name === 'cyxwiz:coordinator:datasets') seen.emit('line', [formatter, ...args].map(String).join(' '))
      l(formatter, ...args)
    }
    return Object.assign(f, { error: l.error, trace: l.trace, enabled: l.enabled, newScope: (n: string) => wrap(`${name}:${n}`, l.newScope(n)) })
  }
  return { forComponent: (name: string) => wrap(name, base.forComponent(name)) }
}

async function codeOf (p: Promise<unknown>): Promise<string> {
  return await p.then(() => '', (err: unknown) => isCyxwizError(err) ? err.code : String(err))
}

describe('no work for strangers: sessions, size caps and quotas before any dataset is read', function () {
  this.timeout(300_000)
  let dir: string
  let coordinator: Coordinator
  let model: string
  const clients: JobClient[] = []
  const gate = new EventEmitter()
  const open = async (name: string, wallet?: KeyPairSigner): Promise<JobClient> => {
    const c = await JobClient.open(coordinator.multiaddrs()[0]?.toString() ?? '', wallet, { dataDir: join(dir, name) })
    clients.push(c)
    return c
  }
  const spec = (uri: string, wallet: string, samples = 0n): SubmitJob => ({
    jobType: JobType.TRAINING, modelDefinition: model, datasetUri: uri, datasetSamples: samples,
    hyperparameters: { epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', validationSplit: 0, metrics: ['accuracy'] },
    paymentAmount: '1000', requiredDevice: RequiredDevice.CPU, minMemoryBytes: 0n, wallet
  })
  const pinned = async (cid: CID): Promise<boolean> => await coordinator.ipfs.helia.pins.isPinned(cid)
  const held = async (cid: CID): Promise<boolean> => await coordinator.ipfs.helia.blockstore.has(cid)

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-strangers-'))
    model = await readFile(MODEL, 'utf8')
    coordinator = await Coordinator.start({
      dataDir: join(dir, 'coordinator'),
      listen: ['/ip4/127.0.0.1/tcp/0'],
      jobs: { datasets: { maxBytes: 24 * MiB, pinQuota: 38 * MiB } }
    }, watchedLogger(gate))
  })

  after(async () => {
    for (const c of clients) await c.close().catch(() => {})
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('refuses to read a dataset for a caller without a session, and fetches nothing', async () => {
    const stranger = await open('stranger')
    const cid = await (stranger.ipfs as NonNullable<JobClient['ipfs']>).addBytes(csv(1, 1))
    const payee = (await generateKeyPairSigner()).address
    expect(await codeOf(stranger.estimate(spec(ipfsUri(cid), payee)))).to.equal('ERR_SESSION')
    expect(await held(cid), 'the root block was never fetched').to.equal(false)
    // a quote from a declared count reads nothing and still needs no session
    expect(BigInt((await stranger.estimate(spec(ipfsUri(cid), payee, 100n))).total) > 0n).to.equal(true)
    expect(await held(cid)).to.equal(false)
  })

  it('refuses a dataset over the size cap with ERR_TOO_LARGE and pins none of it', async () => {
    const w = await generateKeyPairSigner()
    const c = await open('big', w)
    const cid = await (c.ipfs as NonNullable<JobClient['ipfs']>).addBytes(randomBytes(25 * MiB))
    expect(await codeOf(c.estimate(spec(ipfsUri(cid), w.address)))).to.equal('ERR_TOO_LARGE')
    expect(await pinned(cid)).to.equal(false)
  })

  it('unpins what is not a dataset and gives the bytes back; keeps the wallet under its quota; answers others while decoding', async () => {
    const w = await generateKeyPairSigner()
    const c = await open('quota', w)
    const add = async (bytes: Uint8Array): Promise<CID> => await (c.ipfs as NonNullable<JobClient['ipfs']>).addBytes(bytes)
    // 2 MiB of noise: fetched, refused by the decode, unpinned, its bytes back on the quota
    const noise = await add(randomBytes(2 * MiB))
    expect(await codeOf(c.estimate(spec(ipfsUri(noise), w.address)))).to.equal('ERR_DATASET')
    expect(await pinned(noise)).to.equal(false)

    // a 20 MiB CSV: once the gate says it is decoding it, another caller is answered meanwhile
    const big = await add(csv(20, 2))
    const other = await open('other')
    let settled = false
    const decoding = once(gate, 'line', { signal: AbortSignal.timeout(120_000) })
    const estimating = c.estimate(spec(ipfsUri(big), w.address)).finally(() => { settled = true })
    const [line] = await decoding as [string]
    expect(line).to.contain(big.toString()).and.to.contain('decoding')
    const quote = await other.estimate(spec(ipfsUri(big), w.address, 1000n))
    expect(BigInt(quote.total) > 0n).to.equal(true)
    expect(settled, 'another request was answered while the 20 MiB CSV was still being decoded').to.equal(false)
    const e = await estimating
    expect(BigInt(e.total) > 0n).to.equal(true)

    // 20 + 17 MiB fit the 38 MiB quota only because the noise was given back
    const second = await add(csv(17, 3))
    expect(await codeOf(c.estimate(spec(ipfsUri(second), w.address)))).to.equal('')
    const third = await add(csv(2, 4))
    expect(await codeOf(c.estimate(spec(ipfsUri(third), w.address)))).to.equal('ERR_QUOTA')
    expect(await pinned(third)).to.equal(false)
    // the quota is the wallet's: another wallet may still have a dataset read
    const w2 = await generateKeyPairSigner()
    const c2 = await open('quota-2', w2)
    const mine = await (c2.ipfs as NonNullable<JobClient['ipfs']>).addBytes(csv(2, 5))
    expect(await codeOf(c2.estimate(spec(ipfsUri(mine), w2.address)))).to.equal('')
  })
})
