import { expect } from 'chai'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { completionBytes, signCompletion, verifyCompletion, type CompletionClaim } from '../../src/proof/completion.js'
import { earnedBps } from '../../coordinator/jobs/payout.js'
import { readModelDir, sha256Hex } from '../../src/storage/model-dir.js'
import type { CyxwizError } from '../../src/errors.js'

const claim = (): CompletionClaim => ({
  jobId: 'a6f0c1de-0000-4000-8000-000000000001',
  leaseId: 'lease-1',
  completion: {
    finalStatus: 'COMPLETED',
    modelWeightsUri: 'ipfs://bafybeibcd6gpy5bobtngv5l57m4pmfeichqc5sotynmpcc6do524fpy7ga',
    modelWeightsHash: `sha256:${'ab'.repeat(32)}`,
    finalMetrics: new Map([['final_loss', 0.25], ['final_accuracy', 0.93], ['best_epoch', 3]]),
    totalComputeTimeMs: 61_234n
  }
})

async function codeOf (p: Promise<unknown>): Promise<string | undefined> {
  try { await p; return undefined } catch (err) { return (err as CyxwizError).code }
}

describe('completion proof', () => {
  it('verifies against the signing peer and encodes metrics in one canonical order', async () => {
    const key = await generateKeyPair('Ed25519')
    const peer = peerIdFromPrivateKey(key).toString()
    const signed = await signCompletion(key, claim())
    await verifyCompletion(peer, claim().jobId, 'lease-1', signed)
    const reordered = { ...claim(), completion: { ...claim().completion, finalMetrics: new Map([...claim().completion.finalMetrics].reverse()) } }
    expect(Buffer.from(completionBytes(reordered)).equals(Buffer.from(completionBytes(claim())))).to.equal(true)
  })

  it('refuses a signature by another key, under another lease, or over any altered field (ERR_BAD_SIGNATURE)', async () => {
    const key = await generateKeyPair('Ed25519')
    const other = await generateKeyPair('Ed25519')
    const peer = peerIdFromPrivateKey(key).toString()
    const signed = await signCompletion(key, claim())
    expect(await codeOf(verifyCompletion(peerIdFromPrivateKey(other).toString(), claim().jobId, 'lease-1', signed))).to.equal('ERR_BAD_SIGNATURE')
    expect(await codeOf(verifyCompletion(peer, claim().jobId, 'lease-2', signed))).to.equal('ERR_BAD_SIGNATURE')
    expect(await codeOf(verifyCompletion(peer, claim().jobId, 'lease-1', { ...signed, modelWeightsHash: `sha256:${'cd'.repeat(32)}` }))).to.equal('ERR_BAD_SIGNATURE')
    expect(await codeOf(verifyCompletion(peer, claim().jobId, 'lease-1', { ...signed, finalMetrics: new Map([['final_accuracy', 0.99]]) }))).to.equal('ERR_BAD_SIGNATURE')
    expect(await codeOf(verifyCompletion(peer, claim().jobId, 'lease-1', { ...signed, totalComputeTimeMs: 1n }))).to.equal('ERR_BAD_SIGNATURE')
    expect(await codeOf(verifyCompletion(peer, claim().jobId, 'lease-1', { ...signed, signature: new Uint8Array(64) }))).to.equal('ERR_BAD_SIGNATURE')
    expect(await codeOf(verifyCompletion(peer, claim().jobId, 'lease-1', { ...signed, signature: new Uint8Array() }))).to.equal('ERR_BAD_SIGNATURE')
  })
})

describe('partial payment rule', () => {
  it('pays the share of epochs with a verified checkpoint, rounded down, never more than all', () => {
    expect(earnedBps(0, 5)).to.equal(0)
    expect(earnedBps(2, 5)).to.equal(4000)
    expect(earnedBps(1, 3)).to.equal(3333)
    expect(earnedBps(3, 3)).to.equal(10_000)
    expect(earnedBps(7, 3)).to.equal(10_000)
    expect(earnedBps(-1, 3)).to.equal(0)
    expect(earnedBps(2, 0)).to.equal(0)
  })
})

describe('model directory check', () => {
  const json = (manifest: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify({ modelTopology: {}, weightsManifest: manifest }))
  const group = [{ paths: ['weights.bin'], weights: [{ name: 'd/kernel', shape: [3, 2], dtype: 'float32' }, { name: 'd/bias', shape: [2], dtype: 'float32' }] }]

  it('accepts model.json + weights.bin whose length matches the manifest, and hashes the weights', () => {
    const weights = new Uint8Array(32).fill(7)
    const dir = readModelDir([{ path: 'model.json', content: json(group) }, { path: 'weights.bin', content: weights }])
    expect(dir.weights.byteLength).to.equal(32)
    expect(sha256Hex(weights)).to.match(/^sha256:[0-9a-f]{64}$/)
  })

  it('refuses missing files, a short weights file, extra shards and bad JSON (ERR_COMPLETION)', () => {
    const bad = [
      [{ path: 'model.json', content: json(group) }],
      [{ path: 'model.json', content: json(group) }, { path: 'weights.bin', content: new Uint8Array(28) }],
      [{ path: 'model.json', content: json([{ ...group[0], paths: ['weights.bin', 'b.bin'] }]) }, { path: 'weights.bin', content: new Uint8Array(32) }],
      [{ path: 'model.json', content: new TextEncoder().encode('{not json') }, { path: 'weights.bin', content: new Uint8Array(32) }],
      [{ path: 'model.json', content: json([{ paths: ['weights.bin'], weights: [{ name: 'x', shape: [-1], dtype: 'float32' }] }]) }, { path: 'weights.bin', content: new Uint8Array(0) }]
    ]
    for (const files of bad) expect(() => readModelDir(files), JSON.stringify(files.map(f => f.path))).to.throw().with.property('code', 'ERR_COMPLETION')
  })
})
