/**
 * The model directory a peer hands back is exactly model.json + weights.bin: anything else in it
 * (an entry that names a path, a second copy of a file, a stray file) is refused and named in the
 * error, model.json is size-capped before it is decoded, and the manifest must describe the
 * weights file byte for byte.
 */
import { expect } from 'chai'
import { MAX_MODEL_JSON_BYTES, quoteEntryName, readModelDir } from '../../src/storage/model-dir.js'
import type { StoredFile } from '../../src/storage/ipfs.js'
import type { CyxwizError } from '../../src/errors.js'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const group = [{ paths: ['weights.bin'], weights: [{ name: 'd/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'd/bias', shape: [2], dtype: 'float32' }] }]
const modelJson = (manifest: unknown = group): StoredFile => ({ path: 'model.json', content: enc(JSON.stringify({ modelTopology: {}, weightsManifest: manifest })) })
const weights = (bytes = 32): StoredFile => ({ path: 'weights.bin', content: new Uint8Array(bytes).fill(7) })

function refusal (files: StoredFile[]): CyxwizError {
  try {
    readModelDir(files)
  } catch (err) {
    return err as CyxwizError
  }
  throw new Error(`accepted ${JSON.stringify(files.map(f => f.path))}`)
}

describe('model directory: exactly model.json and weights.bin', () => {
  it('accepts a good directory and hands back model.json as fetched', () => {
    const json = modelJson()
    const dir = readModelDir([weights(), json])
    expect(dir.weights.byteLength).to.equal(32)
    expect(dir.modelJsonBytes).to.equal(json.content)
    expect(dir.modelJson).to.have.property('weightsManifest')
  })

  it('refuses an extra entry named ../escape, naming it', () => {
    const err = refusal([modelJson(), weights(), { path: '../escape', content: enc('x') }])
    expect(err.code).to.equal('ERR_COMPLETION')
    expect(err.message).to.include('"../escape"')
  })

  it('refuses any name other than the two, path-like or not', () => {
    for (const name of ['.', '..', 'a/b', 'a\\b', 'model.json\u0000', 'notes.txt', '']) {
      expect(refusal([modelJson(), weights(), { path: name, content: enc('x') }]).code, JSON.stringify(name)).to.equal('ERR_COMPLETION')
    }
    // in place of one of the two as well
    expect(refusal([modelJson(), { path: '../weights.bin', content: new Uint8Array(32) }]).message).to.include('"../weights.bin"')
  })

  it('refuses a duplicate entry even when both copies are identical', () => {
    const err = refusal([modelJson(), weights(), weights()])
    expect(err.code).to.equal('ERR_COMPLETION')
    expect(err.message).to.include('"weights.bin"').and.include('more than once')
  })

  it('quotes a hostile name without control characters and truncated', () => {
    const err = refusal([modelJson(), weights(), { path: `\u001b[31mred\u202e${'z'.repeat(500)}`, content: enc('x') }])
    expect(err.message).to.not.match(/[\p{Cc}\p{Cf}]/u)
    expect(err.message).to.include('"[31mred').and.include('…"')
    expect(quoteEntryName('a\nb')).to.equal('"ab"')
  })

  it('refuses a missing file and an empty directory', () => {
    expect(refusal([modelJson()]).code).to.equal('ERR_COMPLETION')
    expect(refusal([]).message).to.include('nothing')
  })

  it('refuses an empty manifest, an empty model.json and a manifest that is not an object', () => {
    for (const files of [
      [modelJson([]), weights(0)],
      [{ path: 'model.json', content: new Uint8Array(0) }, weights()],
      [{ path: 'model.json', content: enc('[1, 2]') }, weights()],
      [modelJson([null]), weights()],
      [modelJson([{ paths: ['weights.bin'], weights: [{ shape: [1], dtype: 'constructor' }] }]), weights(4)]
    ]) {
      expect(refusal(files).code).to.equal('ERR_COMPLETION')
    }
  })

  it('refuses an oversized model.json before decoding it', () => {
    // valid JSON padded past the cap: refused for its size, not parsed
    const big = enc(JSON.stringify({ modelTopology: {}, weightsManifest: group }) + ' '.repeat(MAX_MODEL_JSON_BYTES))
    const err = refusal([{ path: 'model.json', content: big }, weights()])
    expect(err.code).to.equal('ERR_COMPLETION')
    expect(err.message).to.include(`more than the ${MAX_MODEL_JSON_BYTES} allowed`)
    // at the cap it is read
    const atCap = enc(JSON.stringify({ modelTopology: {}, weightsManifest: group }).padEnd(MAX_MODEL_JSON_BYTES, ' '))
    expect(readModelDir([{ path: 'model.json', content: atCap }, weights()]).weights.byteLength).to.equal(32)
  })

  it('keeps the manifest-versus-bytes check', () => {
    expect(refusal([modelJson(), weights(28)]).message).to.include('weights.bin has 28 bytes')
  })
})
