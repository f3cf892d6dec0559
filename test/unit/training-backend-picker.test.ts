/**
 * The backend picker really loads what it reports and falls through on failure: native backends
 * that are "installed" but cannot be imported (no tfjs-node here) are skipped with their reason,
 * wasm comes up with the gradient kernels it lacks, cpu is the floor.
 */
import { expect } from 'chai'
import * as tf from '@tensorflow/tfjs'
import { pickBackend, pickBackendDetailed } from '../../src/training/backend-picker.js'
import { detectBackends } from '../../src/training/backends.js'

describe('training: backend picker', () => {
  after(async () => { await tf.setBackend('cpu') })

  it('picks the best backend present on this machine and says why better ones were skipped', async () => {
    const r = await pickBackendDetailed()
    const best = detectBackends()[0]
    // with a native package installed the answer depends on its binding and GPU; without, it is exact
    if (best === 'wasm' || best === 'cpu') expect(r.backend).to.equal(best)
    else expect(['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']).to.include(r.backend)
    expect(tf.getBackend()).to.equal(r.backend.startsWith('tensorflow') ? 'tensorflow' : r.backend)
    for (const s of r.skipped) expect(s.reason).to.be.a('string').and.not.equal('')
  })

  it('falls through native backends whose package cannot be loaded, down to wasm with its gradient kernels', async () => {
    const r = await pickBackendDetailed(undefined, ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'])
    expect(r.backend).to.equal('wasm')
    expect(tf.getBackend()).to.equal('wasm')
    expect(r.skipped.map(s => s.backend)).to.deep.equal(['tensorflow-gpu', 'tensorflow'])
    expect(r.skipped[0]?.reason).to.match(/tfjs-node-gpu/)
    for (const kernel of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'MaxPoolGrad']) {
      expect(tf.getKernel(kernel, 'wasm'), kernel).not.to.equal(undefined)
    }
  })

  it('starts at the preferred backend and skips what is not installed', async () => {
    expect(await pickBackend('cpu')).to.equal('cpu')
    expect(tf.getBackend()).to.equal('cpu')
    const r = await pickBackendDetailed('tensorflow', ['wasm', 'cpu'])
    expect(r).to.deep.equal({ backend: 'wasm', skipped: [{ backend: 'tensorflow', reason: 'not installed' }] })
  })
})
