/**
 * A submission's dataset is decoded once on the coordinator: the dataset gate's decode (fetched
 * from the submitter, pinned, checked) also makes the held-out split, which HeldOut.keep stores and
 * publishes without reading the dataset again; a dataset the gate knew already is split by a decode
 * of its own. What is not a dataset is still refused, unpinned and given back to the quota, and a
 * wallet's submissions at once still cannot share the same room in its quota, while their decodes
 * overlap. Real IPFS stores on real libp2p nodes, the real decoding worker, a real level store.
 */
import { expect } from 'chai'
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultLogger } from '@libp2p/logger'
import { ipfsPair } from '../helpers/ipfs-pair.js'
import { DatasetGate, PinQuota, datasetGate } from '../../coordinator/jobs/dataset-gate.js'
import { HeldOut, heldOut } from '../../coordinator/jobs/held-out.js'
import { DatasetDecoder } from '../../src/training/dataset-decoder.js'
import { decodeCyxt, encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { ipfsUri, parseIpfsUri } from '../../src/storage/ipfs.js'
import { isCyxwizError } from '../../src/errors.js'

const digits = (train: number, seed: number): Uint8Array => encodeCyxt(mnistDatasets({ train, test: 10, seed }).train)
const codeOf = async (p: Promise<unknown>): Promise<string> => await p.then(() => '', (e: unknown) => isCyxwizError(e) ? e.code : String(e))

describe('a submission\'s dataset is decoded once: the gate\'s decode carries the held-out split', function () {
  this.timeout(120_000)
  const ipfs = ipfsPair('cyxwiz-dataset-once-')
  let dir = ''
  let store: LevelStore
  const decoder = new DatasetDecoder()
  /** passes of the decoding worker over a dataset */
  let passes = 0
  const counting: Pick<DatasetDecoder, 'scan' | 'split'> = {
    scan: async (chunks) => { passes++; return await decoder.scan(chunks) },
    split: async (chunks, params) => { passes++; return await decoder.split(chunks, params) }
  }
  const gateOf = (pinQuota: number, d: Pick<DatasetDecoder, 'scan' | 'split'> = counting): DatasetGate =>
    datasetGate({ pinQuota, fetchTimeout: 30_000 })({ ipfs: ipfs.B, decoder: d, quota: new PinQuota(store), logger: defaultLogger() })
  let held: HeldOut

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-dataset-once-db-'))
    store = await LevelStore.open(dir)
    held = heldOut()({ ipfs: ipfs.B, decoder: counting, store })
  })

  after(async () => {
    await decoder.stop()
    await store?.close()
    if (dir !== '') await rm(dir, { recursive: true, force: true })
  })

  it('checks and splits in one pass; the slice is kept and the rest published without a second; a known dataset is split by a pass of its own', async () => {
    const bytes = digits(400, 1)
    const uri = ipfsUri(await ipfs.A.addBytes(bytes))
    const gate = gateOf(64 * 1024 ** 2)
    passes = 0
    const first = await gate.decode(uri, 'wallet-once', held.params)
    expect(passes).to.equal(1)
    expect(first.info.samples).to.equal(400n)
    expect(first.decoded?.bytes).to.equal(bytes.byteLength)
    expect(first.decoded?.split?.heldSamples).to.equal(20) // 5% of 400

    const s = await held.keep('job-once-1', uri, first.decoded ?? expect.fail('no split came with the decode'))
    expect(passes, 'keep reads nothing again').to.equal(1)
    expect(s.training.samples).to.equal(380n)
    expect(s.heldOut?.samples).to.equal(20n)
    const training = decodeCyxt(await ipfs.B.cat(parseIpfsUri(s.trainingUri), { maxBytes: bytes.byteLength }))
    const slice = decodeCyxt(await held.get('job-once-1') ?? expect.fail('no held-out slice stored'))
    expect(training.samples + slice.samples).to.equal(400)
    // the slice and the training set are the submitted digits, each once
    const original = decodeCyxt(bytes)
    const width = original.features.length / original.samples
    const rows = (d: typeof original): string[] => Array.from({ length: d.samples }, (_, i) => {
      const f = d.features.subarray(i * width, (i + 1) * width)
      return Buffer.from(f.buffer, f.byteOffset, f.byteLength).toString('base64')
    })
    expect([...rows(training), ...rows(slice)].sort()).to.deep.equal(rows(original).sort())

    // the header is cached: a second job on the same dataset gets no pass from the gate, and its own split
    const again = await gate.decode(uri, 'wallet-once', held.params)
    expect(again.decoded).to.equal(undefined)
    expect(passes).to.equal(1)
    const s2 = await held.split('job-once-2', uri)
    expect(passes).to.equal(2)
    expect(s2.heldOut?.samples).to.equal(20n)
  })

  it('refuses what is not a dataset in the splitting decode: unpinned, its bytes given back, nothing kept', async () => {
    const noise = await ipfs.A.addBytes(randomBytes(1024 * 1024))
    const quota = new PinQuota(store)
    expect(await codeOf(gateOf(64 * 1024 ** 2).decode(ipfsUri(noise), 'wallet-noise', held.params))).to.equal('ERR_DATASET')
    expect(await ipfs.B.helia.pins.isPinned(noise)).to.equal(false)
    expect(await quota.used('wallet-noise')).to.equal(0)
  })

  it('keeps a wallet under its quota when its submissions come at once, and lets their decodes overlap', async () => {
    const a = digits(300, 2)
    const b = digits(300, 3)
    const [ua, ub] = [ipfsUri(await ipfs.A.addBytes(a)), ipfsUri(await ipfs.A.addBytes(b))]
    // room for one and a half: the second fetch sees what the first was charged
    const tight = gateOf(Math.floor(a.byteLength * 1.5))
    const codes = await Promise.all([codeOf(tight.decode(ua, 'wallet-tight', held.params)), codeOf(tight.decode(ub, 'wallet-tight', held.params))])
    expect(codes.sort()).to.deep.equal(['', 'ERR_QUOTA'])

    // with room for both, neither decode waits for the other: each passes only once both have started
    let entered = 0
    let meet!: () => void
    const both = new Promise<void>(resolve => { meet = resolve })
    const meeting: Pick<DatasetDecoder, 'scan' | 'split'> = {
      scan: async (chunks) => await decoder.scan(chunks),
      split: async (chunks, params) => {
        if (++entered === 2) meet()
        await both
        return await decoder.split(chunks, params)
      }
    }
    const [c, d] = [ipfsUri(await ipfs.A.addBytes(digits(300, 4))), ipfsUri(await ipfs.A.addBytes(digits(300, 5)))]
    const roomy = gateOf(64 * 1024 ** 2, meeting)
    const [rc, rd] = await Promise.all([roomy.decode(c, 'wallet-roomy', held.params), roomy.decode(d, 'wallet-roomy', held.params)])
    expect([rc.info.samples, rd.info.samples]).to.deep.equal([300n, 300n])
  })
})
