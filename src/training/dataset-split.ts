/**
 * The coordinator's held-out split of a dataset (coordinator/jobs/held-out.ts says why): how many
 * samples are held out, which (a uniform k-subset from the CSPRNG), and the two CYXT files. Pure and
 * synchronous: it runs in the dataset worker (dataset-decoder.ts), off the coordinator's event loop.
 */
import { randomInt } from 'node:crypto'
import { encodeCyxt, type Dataset } from './dataset-format.js'

export interface HeldOutParams {
  /** the share of a dataset held out */
  fraction: number
  /** the most samples held out */
  maxSamples: number
  /** datasets with fewer samples are not split */
  minSamples: number
}

/** how many samples of `n` are held out (0: not split) */
export function heldOutSize (n: number, p: HeldOutParams): number {
  if (n < p.minSamples) return 0
  return Math.min(p.maxSamples, Math.max(1, Math.floor(n * p.fraction)))
}

/** samples `rows` of `d`, in that order */
function take (d: Dataset, rows: number[]): Dataset {
  const fw = d.features.length / d.samples
  const lw = d.labels.length / d.samples
  const features = new Float32Array(rows.length * fw)
  const labels = new Float32Array(rows.length * lw)
  rows.forEach((r, i) => {
    features.set(d.features.subarray(r * fw, (r + 1) * fw), i * fw)
    labels.set(d.labels.subarray(r * lw, (r + 1) * lw), i * lw)
  })
  return { samples: rows.length, featureShape: d.featureShape, labelShape: d.labelShape, features, labels }
}

/** the training and held-out CYXT files of `d` (undefined when it is too small to split) */
export function splitDataset (d: Dataset, p: HeldOutParams): { training: Uint8Array, held: Uint8Array, heldSamples: number } | undefined {
  const k = heldOutSize(d.samples, p)
  if (k === 0) return undefined
  // a uniform k-subset (partial Fisher–Yates with a CSPRNG); training keeps the submitter's order
  const idx = Array.from({ length: d.samples }, (_, i) => i)
  for (let i = 0; i < k; i++) {
    const j = i + randomInt(d.samples - i)
    const t = idx[i] as number; idx[i] = idx[j] as number; idx[j] = t
  }
  const held = idx.slice(0, k).sort((a, b) => a - b)
  const heldSet = new Set(held)
  const rest = Array.from({ length: d.samples }, (_, i) => i).filter(i => !heldSet.has(i))
  return { training: encodeCyxt(take(d, rest)), held: encodeCyxt(take(d, held)), heldSamples: k }
}
