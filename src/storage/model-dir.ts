/**
 * A trained model or checkpoint as it travels: a standard tfjs model directory of two files,
 * model.json (topology + one weights manifest group) and weights.bin (the weights, in manifest
 * order). `readModelDir` checks the shape of one fetched from a peer before anything trusts it;
 * `sha256Hex` is the `model_weights_hash` of weights.bin.
 */
import { createHash } from 'node:crypto'
import { CyxwizError } from '../errors.js'
import type { StoredFile } from './ipfs.js'

export const sha256Hex = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

const BYTES_PER_VALUE: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 }

export interface ModelDir { modelJson: Record<string, unknown>, weights: Uint8Array }

function fail (message: string): never {
  throw new CyxwizError('ERR_COMPLETION', message)
}

/** model.json + weights.bin, with the manifest's byte count checked against the file */
export function readModelDir (files: StoredFile[]): ModelDir {
  const json = files.find(f => f.path === 'model.json')
  const weights = files.find(f => f.path === 'weights.bin')
  if (json == null || weights == null) fail(`not a tfjs model directory: it holds ${files.map(f => f.path).join(', ') || 'nothing'}`)
  let modelJson: Record<string, unknown>
  try {
    modelJson = JSON.parse(new TextDecoder().decode(json.content)) as Record<string, unknown>
  } catch {
    fail('model.json is not JSON')
  }
  const manifest = modelJson.weightsManifest
  if (!Array.isArray(manifest) || manifest.length !== 1) fail('model.json must list one weights group')
  const group = manifest[0] as { paths?: unknown, weights?: unknown }
  if (!Array.isArray(group.paths) || group.paths.length !== 1 || group.paths[0] !== 'weights.bin') fail('the weights group must be the one file weights.bin')
  if (!Array.isArray(group.weights)) fail('the weights group lists no weights')
  let expected = 0
  for (const w of group.weights as Array<{ shape?: unknown, dtype?: unknown }>) {
    const per = BYTES_PER_VALUE[String(w.dtype)]
    if (per == null || !Array.isArray(w.shape) || !w.shape.every(d => Number.isSafeInteger(d) && (d as number) >= 0)) fail('a weight entry has no valid shape or dtype')
    expected += per * (w.shape as number[]).reduce((a, b) => a * b, 1)
  }
  if (expected !== weights.content.byteLength) fail(`weights.bin has ${weights.content.byteLength} bytes; model.json describes ${expected}`)
  return { modelJson, weights: weights.content }
}

