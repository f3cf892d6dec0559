import { expect } from 'chai'
import { createRequire } from 'node:module'
import { decodeCsv, decodeCyxt, decodeDataset, encodeCyxt, type Dataset } from '../../src/training/dataset-format.js'

const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
    return undefined
  } catch (err) {
    return (err as { code?: string }).code
  }
}

describe('dataset formats', () => {
  it('round-trips real MNIST digits through CYXT v1 exactly', () => {
    const mnist = createRequire(import.meta.url)('mnist') as { set: (train: number, test: number) => { training: Array<{ input: number[], output: number[] }> } }
    const digits = mnist.set(50, 0).training
    const d: Dataset = {
      samples: digits.length,
      featureShape: [28, 28, 1],
      labelShape: [10],
      features: Float32Array.from(digits.flatMap(x => x.input)),
      labels: Float32Array.from(digits.flatMap(x => x.output))
    }
    const bytes = encodeCyxt(d)
    const back = decodeDataset(bytes)
    expect(back.samples).to.equal(50)
    expect(back.featureShape).to.deep.equal([28, 28, 1])
    expect(back.labelShape).to.deep.equal([10])
    expect(Buffer.from(back.features.buffer).equals(Buffer.from(d.features.buffer))).to.equal(true)
    expect([...back.labels]).to.deep.equal([...d.labels])
  })

  it('reads CSV with a header and a label column', () => {
    const d = decodeCsv('sepal,petal,label\n5.1,1.4,0\n6.2, 4.5 ,1\n\n')
    expect(d.samples).to.equal(2)
    expect(d.featureShape).to.deep.equal([2])
    expect([...d.features]).to.deep.equal([5.1, 1.4, 6.2, 4.5].map(Math.fround))
    expect([...d.labels]).to.deep.equal([0, 1])
    expect(decodeDataset(new TextEncoder().encode('x,label\n1,2\n')).samples).to.equal(1)
  })

  it('refuses hostile or broken files with ERR_DATASET', () => {
    const good = encodeCyxt({ samples: 2, featureShape: [3], labelShape: [1], features: new Float32Array(6), labels: new Float32Array(2) })
    const cases: Array<[string, () => unknown]> = [
      ['truncated', () => decodeCyxt(good.subarray(0, good.byteLength - 4))],
      ['trailing bytes', () => decodeCyxt(Uint8Array.from([...good, 0, 0, 0, 0]))],
      ['future version', () => decodeCyxt(Uint8Array.from(good, (b, i) => (i === 4 ? 2 : b)))],
      ['huge sample count', () => decodeCyxt(Uint8Array.from(good, (b, i) => (i >= 8 && i < 12 ? 0xff : b)))],
      ['NaN feature', () => { const b = Uint8Array.from(good); new DataView(b.buffer).setFloat32(b.byteLength - 12, Number.NaN, true); return decodeCyxt(b) }],
      ['no magic', () => decodeCyxt(new Uint8Array(64))],
      ['CSV without label', () => decodeCsv('a,b\n1,2\n')],
      ['CSV with text', () => decodeCsv('a,label\nx,1\n')],
      ['CSV ragged', () => decodeCsv('a,label\n1,2,3\n')],
      ['CSV header only', () => decodeCsv('a,label\n')]
    ]
    for (const [why, fn] of cases) expect(code(fn), why).to.equal('ERR_DATASET')
  })

  it('encodes views into larger arrays as their copies, and refuses a value that is not finite, the last one too', () => {
    const all = Float32Array.from({ length: 12 }, (_, i) => i / 3)
    const view = { samples: 2, featureShape: [2, 2], labelShape: [1], features: all.subarray(2, 10), labels: all.subarray(10) }
    const copy = { ...view, features: all.slice(2, 10), labels: all.slice(10) }
    expect(Buffer.from(encodeCyxt(view)).equals(Buffer.from(encodeCyxt(copy)))).to.equal(true)
    expect(Array.from(decodeCyxt(encodeCyxt(view)).features)).to.deep.equal(Array.from(copy.features))
    for (const [why, bad] of [['NaN feature', { ...copy, features: Float32Array.of(0, 0, 0, 0, 0, 0, 0, Number.NaN) }], ['infinite label', { ...copy, labels: Float32Array.of(0, Infinity) }]] as const) {
      expect(code(() => encodeCyxt(bad)), why).to.equal('ERR_DATASET')
    }
  })
})
