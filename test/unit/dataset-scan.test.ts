/**
 * The streaming dataset check (dataset-scan.ts) agrees with the full decode on the same bytes,
 * however the bytes are cut into chunks, and refuses what the decode refuses; through the worker
 * (dataset-decoder.ts) too, where a row longer than the record cap is refused instead of buffered,
 * and the caller's chunks are left as they were.
 */
import { expect } from 'chai'
import { DatasetScan, type DatasetSummary } from '../../src/training/dataset-scan.js'
import { DatasetDecoder, defaultDatasetDecoderInit } from '../../src/training/dataset-decoder.js'
import { decodeDataset, encodeCyxt } from '../../src/training/dataset-format.js'
import { isCyxwizError } from '../../src/errors.js'

function * cut (bytes: Uint8Array, sizes: number[]): Generator<Uint8Array> {
  let o = 0
  for (let i = 0; o < bytes.byteLength; i++) {
    const n = sizes[i % sizes.length] as number
    yield bytes.subarray(o, o + n)
    o += n
  }
}

async function scan (bytes: Uint8Array, sizes: number[]): Promise<DatasetSummary> {
  const s = new DatasetScan()
  for (const c of cut(bytes, sizes)) await s.push(c)
  return await s.end()
}

async function codeOf (p: Promise<unknown>): Promise<string> {
  return await p.then(() => 'resolved', (err: unknown) => isCyxwizError(err) ? err.code : String(err))
}

const csv = new TextEncoder().encode('a,b,label\n1,2,0\n3,4.5,1\n\n-1,0,1\n')
const cyxt = encodeCyxt({ samples: 3, featureShape: [2, 2], labelShape: [1], features: Float32Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), labels: Float32Array.from([0, 1, 2]) })

describe('dataset scan', () => {
  for (const [name, bytes] of [['CSV', csv], ['CYXT', cyxt]] as const) {
    it(`${name}: the same samples, shapes and label range as the full decode, cut anywhere`, async () => {
      const d = decodeDataset(bytes)
      for (const sizes of [[1], [3, 5], [7], [bytes.byteLength]]) {
        const s = await scan(bytes, sizes)
        expect({ samples: s.samples, featureShape: s.featureShape, labelShape: s.labelShape, labelSummary: s.labelSummary }, String(sizes))
          .to.deep.equal({ samples: d.samples, featureShape: d.featureShape, labelShape: d.labelShape, labelSummary: d.labelSummary })
      }
    })
  }

  it('refuses what the decode refuses: a non-number cell, a truncated or padded CYXT, a NaN, no label column', async () => {
    const nan = cyxt.slice()
    new DataView(nan.buffer).setFloat32(nan.byteLength - 4, NaN, true)
    const bad = [
      new TextEncoder().encode('a,label\n1,x\n'),
      new TextEncoder().encode('a,b\n1,2\n'),
      new TextEncoder().encode('a,label\n1,2,3\n'),
      cyxt.subarray(0, cyxt.byteLength - 4),
      Buffer.concat([cyxt, new Uint8Array(4)]),
      nan
    ]
    for (const b of bad) {
      expect(() => decodeDataset(b)).to.throw()
      expect(await codeOf(scan(b, [5])), new TextDecoder().decode(b.subarray(0, 12))).to.equal('ERR_DATASET')
    }
  })

  it('splits in the worker: held-out and training rows together are the dataset, none twice, none lost', async () => {
    const d = new DatasetDecoder()
    try {
      const rows = Array.from({ length: 200 }, (_, i) => `${i},${i * 2},${i % 10}`)
      const text = new TextEncoder().encode(`a,b,label\n${rows.join('\n')}\n`)
      const chunks = async function * (b: Uint8Array): AsyncGenerator<Uint8Array> { yield * cut(b, [37]) }
      const r = await d.split(chunks(text), { fraction: 0.05, maxSamples: 2000, minSamples: 100 })
      expect(r.summary.samples).to.equal(200)
      const training = decodeDataset(r.split?.training ?? new Uint8Array())
      const held = decodeDataset(r.split?.held ?? new Uint8Array())
      expect([training.samples, held.samples, r.split?.heldSamples]).to.deep.equal([190, 10, 10])
      const firsts = [...Array.from({ length: training.samples }, (_, i) => training.features[2 * i]), ...Array.from({ length: held.samples }, (_, i) => held.features[2 * i])]
      expect(firsts.sort((a, b) => (a ?? 0) - (b ?? 0))).to.deep.equal(Array.from({ length: 200 }, (_, i) => i))
      expect(training.labels[0]).to.equal((training.features[0] ?? 0) % 10)
      // too small to split: the summary only
      expect((await d.split(chunks(csv), { fraction: 0.05, maxSamples: 2000, minSamples: 100 })).split).to.equal(undefined)
    } finally {
      await d.stop()
    }
  })

  it('runs in the worker, and a row over the record cap is refused there', async () => {
    const d = new DatasetDecoder({ ...defaultDatasetDecoderInit, limits: { ...defaultDatasetDecoderInit.limits, maxRecordBytes: 1024 } })
    try {
      const chunks = async function * (b: Uint8Array): AsyncGenerator<Uint8Array> { yield * cut(b, [4]) }
      expect((await d.scan(chunks(csv))).samples).to.equal(3)
      const long = new TextEncoder().encode(`a,label\n${'1'.repeat(4096)},1\n`)
      expect(await codeOf(d.scan(chunks(long)))).to.equal('ERR_DATASET')
      expect((await d.scan(chunks(cyxt))).format).to.equal('cyxt') // still serving after a refusal
    } finally {
      await d.stop()
    }
  })

  it('leaves the caller\'s buffers alone: pooled Buffers of a few bytes each are copied, not moved', async () => {
    const d = new DatasetDecoder()
    try {
      // pooled Buffers of a few bytes share one slab with whatever else the process allocated
      const sent = [...cut(cyxt, [3, 5])].map(c => Buffer.from(c))
      const bystander = Buffer.from('still here')
      const chunks = async function * (): AsyncGenerator<Uint8Array> { yield * sent }
      expect((await d.scan(chunks())).samples).to.equal(3)
      expect(Buffer.concat(sent).equals(cyxt), 'the caller\'s chunks are intact').to.equal(true)
      expect(bystander.toString()).to.equal('still here')
    } finally {
      await d.stop()
    }
  })
})
