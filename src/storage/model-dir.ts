/**
 * A trained model or checkpoint as it travels: a standard tfjs model directory of exactly two
 * files, model.json (topology + one weights manifest group) and weights.bin (the weights, in
 * manifest order). `readModelDir` checks the shape of one fetched from a peer before anything
 * trusts it; `sha256Hex` is the `model_weights_hash` of weights.bin.
 */
import { createHash } from 'node:crypto'
import { CyxwizError } from '../errors.js'
import type { StoredFile } from './ipfs.js'

export const sha256Hex = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

/** the two entries of a model directory, and the only names any of its entries may have */
export const MODEL_DIR_FILES = ['model.json', 'weights.bin'] as const

/**
 * The largest model.json accepted, checked before it is decoded. The largest model the validator
 * admits has a topology of at most 1 MiB of definition (src/model/caps.ts), which tfjs writes back
 * with its defaults filled in: under 2 MiB. Its manifest lists at most 1,000 layers × 4 weights
 * (BatchNormalization's four; Dense and Conv2D have two) plus, in a checkpoint, Adam's two moments
 * of every trainable weight: under 8,000 entries of at most ~400 bytes (a name of up to 256
 * characters, a shape, a dtype, a group), about 3.2 MB. 8 MiB holds both with room to spare.
 */
export const MAX_MODEL_JSON_BYTES = 8 * 1024 * 1024

const BYTES_PER_VALUE: Readonly<Record<string, number>> = { float32: 4, int32: 4, bool: 1 }

/** longest entry name quoted in an error message */
const MAX_QUOTED_NAME = 64

export interface ModelDir {
  modelJson: Record<string, unknown>
  /** model.json as it was fetched, for writing it back out unchanged */
  modelJsonBytes: Uint8Array
  weights: Uint8Array
}

function fail (message: string): never {
  throw new CyxwizError('ERR_COMPLETION', message)
}

/** a peer-supplied name, safe to print: control and format characters stripped, truncated, quoted */
export function quoteEntryName (name: string): string {
  const clean = name.replace(/[\p{Cc}\p{Cf}]/gu, '')
  return JSON.stringify(clean.length > MAX_QUOTED_NAME ? `${clean.slice(0, MAX_QUOTED_NAME)}…` : clean)
}

/** exactly model.json and weights.bin: no other entry, no duplicate, no path in a name (nothing parsed) */
export function pickFiles (files: StoredFile[]): { json: Uint8Array, weights: Uint8Array } {
  const found = new Map<string, Uint8Array>()
  for (const f of files) {
    if (!(MODEL_DIR_FILES as readonly string[]).includes(f.path)) {
      fail(`the model directory holds an entry ${quoteEntryName(f.path)}; it must hold exactly model.json and weights.bin`)
    }
    if (found.has(f.path)) fail(`the model directory holds ${quoteEntryName(f.path)} more than once`)
    found.set(f.path, f.content)
  }
  const json = found.get('model.json')
  const weights = found.get('weights.bin')
  if (json == null || weights == null) {
    fail(`not a tfjs model directory: it holds ${files.map(f => quoteEntryName(f.path)).join(', ') || 'nothing'}, not model.json and weights.bin`)
  }
  return { json, weights }
}

/** model.json + weights.bin, with the manifest's byte count checked against the file */
export function readModelDir (files: StoredFile[]): ModelDir {
  const { json, weights } = pickFiles(files)
  if (json.byteLength > MAX_MODEL_JSON_BYTES) fail(`model.json has ${json.byteLength} bytes, more than the ${MAX_MODEL_JSON_BYTES} allowed`)
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json))
  } catch {
    fail('model.json is not JSON')
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) fail('model.json is not a JSON object')
  const modelJson = parsed as Record<string, unknown>
  const manifest = modelJson.weightsManifest
  if (!Array.isArray(manifest) || manifest.length !== 1) fail('model.json must list one weights group')
  const group = manifest[0] as { paths?: unknown, weights?: unknown } | null
  if (group == null || typeof group !== 'object') fail('the weights group is not an object')
  if (!Array.isArray(group.paths) || group.paths.length !== 1 || group.paths[0] !== 'weights.bin') fail('the weights group must be the one file weights.bin')
  if (!Array.isArray(group.weights)) fail('the weights group lists no weights')
  let expected = 0
  for (const w of group.weights as Array<{ shape?: unknown, dtype?: unknown } | null>) {
    const dtype = String(w?.dtype)
    const per = Object.hasOwn(BYTES_PER_VALUE, dtype) ? BYTES_PER_VALUE[dtype] : undefined
    if (per == null || !Array.isArray(w?.shape) || !w.shape.every(d => Number.isSafeInteger(d) && (d as number) >= 0)) fail('a weight entry has no valid shape or dtype')
    expected += per * (w.shape as number[]).reduce((a, b) => a * b, 1)
  }
  if (expected !== weights.byteLength) fail(`weights.bin has ${weights.byteLength} bytes; model.json describes ${expected}`)
  return { modelJson, modelJsonBytes: json, weights }
}
