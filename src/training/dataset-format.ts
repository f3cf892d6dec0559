/**
 * Dataset formats a job's dataset may come in (they travel on IPFS):
 *
 * CYXT, version 1 — a binary tensor file, little-endian throughout:
 *   bytes 0-3   magic "CYXT"
 *   byte  4     version (1)
 *   byte  5     dtype (1 = float32; the only one in version 1)
 *   bytes 6-7   reserved, 0
 *   bytes 8-11  sample count (u32)
 *   byte  12    feature rank r (1-4), then r × u32 feature dims (per sample)
 *   then        label rank q (1-2), then q × u32 label dims (per sample)
 *   then        zero padding to a multiple of 4 bytes
 *   then        features: samples × prod(feature dims) float32, then labels: samples × prod(label dims)
 * The file is exactly that long; every value must be finite.
 *
 * CSV — a header row, one row per sample, numeric cells; the label column (named, default "label")
 * becomes a label of shape [1], every other column a feature.
 */
import { parse } from 'csv-parse/sync'
import { CyxwizError } from '../errors.js'

export const CYXT_MAGIC = 'CYXT'
export const CYXT_VERSION = 1
const DTYPE_FLOAT32 = 1

export interface Dataset {
  samples: number
  featureShape: number[]
  labelShape: number[]
  features: Float32Array
  labels: Float32Array
}

export interface DatasetLimits {
  /** the largest dataset accepted, bytes (default 2 GiB: ArrayBuffers past that are not portable) */
  maxBytes: number
  maxSamples: number
}

export const defaultDatasetLimits: DatasetLimits = { maxBytes: 2 ** 31 - 1, maxSamples: 100_000_000 }

function bad (message: string): never {
  throw new CyxwizError('ERR_DATASET', message)
}

const product = (dims: number[]): number => dims.reduce((a, b) => a * b, 1)

export function encodeCyxt (d: Dataset): Uint8Array {
  checkShape(d)
  const headerLen = 13 + 4 * d.featureShape.length + 1 + 4 * d.labelShape.length
  const padded = Math.ceil(headerLen / 4) * 4
  const out = new Uint8Array(padded + 4 * (d.features.length + d.labels.length))
  const view = new DataView(out.buffer)
  out.set(new TextEncoder().encode(CYXT_MAGIC), 0)
  view.setUint8(4, CYXT_VERSION)
  view.setUint8(5, DTYPE_FLOAT32)
  view.setUint32(8, d.samples, true)
  let o = 12
  view.setUint8(o++, d.featureShape.length)
  for (const n of d.featureShape) { view.setUint32(o, n, true); o += 4 }
  view.setUint8(o++, d.labelShape.length)
  for (const n of d.labelShape) { view.setUint32(o, n, true); o += 4 }
  if (LITTLE_ENDIAN) {
    // the file is little-endian float32 from a 4-aligned offset: on such a host the arrays copy as they are
    new Float32Array(out.buffer, padded, d.features.length).set(d.features)
    new Float32Array(out.buffer, padded + 4 * d.features.length, d.labels.length).set(d.labels)
    return out
  }
  o = padded
  for (const v of d.features) { view.setFloat32(o, v, true); o += 4 }
  for (const v of d.labels) { view.setFloat32(o, v, true); o += 4 }
  return out
}

/** whether this host stores a float32 as CYXT does (little-endian): nearly every host today */
const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1

/** a CYXT header: its counts and shapes, and where the values begin */
export interface CyxtHeader { samples: number, featureShape: number[], labelShape: number[], start: number }

/** reads and checks a CYXT header from the first bytes of a dataset (ERR_DATASET when it is not one) */
export function readCyxtHeader (bytes: Uint8Array, limits: Pick<DatasetLimits, 'maxSamples'> = defaultDatasetLimits): CyxtHeader {
  if (bytes.byteLength < 16 || new TextDecoder().decode(bytes.subarray(0, 4)) !== CYXT_MAGIC) bad('not a CYXT dataset (no CYXT magic)')
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint8(4) !== CYXT_VERSION) bad(`CYXT version ${view.getUint8(4)} is not supported (this reads ${CYXT_VERSION})`)
  if (view.getUint8(5) !== DTYPE_FLOAT32) bad(`CYXT dtype ${view.getUint8(5)} is not supported (1 = float32)`)
  const samples = view.getUint32(8, true)
  if (samples === 0 || samples > limits.maxSamples) bad(`sample count ${samples} out of range`)
  let o = 12
  const dims = (maxRank: number, what: string): number[] => {
    if (o >= bytes.byteLength) bad('truncated header')
    const rank = view.getUint8(o++)
    if (rank < 1 || rank > maxRank) bad(`${what} rank ${rank} out of range 1-${maxRank}`)
    if (o + 4 * rank > bytes.byteLength) bad('truncated header')
    const out: number[] = []
    for (let i = 0; i < rank; i++) { out.push(view.getUint32(o, true)); o += 4 }
    if (out.some(n => n === 0)) bad(`${what} has a zero dimension`)
    return out
  }
  const featureShape = dims(4, 'feature')
  const labelShape = dims(2, 'label')
  return { samples, featureShape, labelShape, start: Math.ceil(o / 4) * 4 }
}

export function decodeCyxt (bytes: Uint8Array, limits: DatasetLimits = defaultDatasetLimits): Dataset {
  if (bytes.byteLength > limits.maxBytes) bad(`dataset of ${bytes.byteLength} bytes is over the ${limits.maxBytes}-byte limit`)
  const { samples, featureShape, labelShape, start } = readCyxtHeader(bytes, limits)
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const nf = samples * product(featureShape)
  const nl = samples * product(labelShape)
  if (!Number.isSafeInteger(nf) || !Number.isSafeInteger(nl)) bad('shape too large')
  if (bytes.byteLength !== start + 4 * (nf + nl)) bad(`length ${bytes.byteLength} does not match the header (expected ${start + 4 * (nf + nl)})`)
  const features = new Float32Array(nf)
  const labels = new Float32Array(nl)
  for (let i = 0; i < nf; i++) features[i] = view.getFloat32(start + 4 * i, true)
  for (let i = 0; i < nl; i++) labels[i] = view.getFloat32(start + 4 * (nf + i), true)
  const d = { samples, featureShape, labelShape, features, labels }
  checkFinite(d)
  return d
}

/** CSV with a header row; `label` names the label column. */
export function decodeCsv (text: string, label = 'label', limits: DatasetLimits = defaultDatasetLimits): Dataset {
  if (text.length > limits.maxBytes) bad('CSV over the size limit')
  let rows: string[][]
  try {
    rows = parse(text, { skip_empty_lines: true, trim: true, relax_column_count: false }) as string[][]
  } catch (err) {
    bad(`not a CSV file: ${(err as Error).message}`)
  }
  const header = rows[0]
  if (header == null || rows.length < 2) bad('a CSV dataset needs a header row and at least one sample')
  const li = header.indexOf(label)
  if (li < 0) bad(`no "${label}" column in the header (${header.slice(0, 10).join(', ')})`)
  if (header.length < 2) bad('no feature columns')
  const samples = rows.length - 1
  if (samples > limits.maxSamples) bad('too many samples')
  const width = header.length - 1
  const features = new Float32Array(samples * width)
  const labels = new Float32Array(samples)
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r] ?? []
    let f = 0
    for (let c = 0; c < row.length; c++) {
      const cell = row[c] ?? ''
      const v = Number(cell)
      if (cell === '' || !Number.isFinite(v)) bad(`row ${r + 1}, column "${header[c] ?? c}": "${cell.slice(0, 20)}" is not a number`)
      if (c === li) labels[r - 1] = v
      else features[(r - 1) * width + f++] = v
    }
  }
  return { samples, featureShape: [width], labelShape: [1], features, labels }
}

/** a decoded dataset and the summary of its labels a gate decides on (see `summariseLabels`) */
export type DecodedDataset = Dataset & { labelSummary: LabelSummary }

/** reads either format, by its first bytes */
export function decodeDataset (bytes: Uint8Array, limits: DatasetLimits = defaultDatasetLimits): DecodedDataset {
  const d = bytes.byteLength >= 4 && new TextDecoder().decode(bytes.subarray(0, 4)) === CYXT_MAGIC
    ? decodeCyxt(bytes, limits)
    : decodeCsv(new TextDecoder('utf-8', { fatal: false }).decode(bytes), 'label', limits)
  return { ...d, labelSummary: summariseLabels(d.labels) }
}

function checkShape (d: Dataset): void {
  if (!Number.isInteger(d.samples) || d.samples < 1) bad('a dataset needs at least one sample')
  if (d.featureShape.length < 1 || d.featureShape.length > 4 || d.labelShape.length < 1 || d.labelShape.length > 2) bad('ranks out of range')
  if (d.features.length !== d.samples * product(d.featureShape)) bad('features do not match their shape')
  if (d.labels.length !== d.samples * product(d.labelShape)) bad('labels do not match their shape')
  checkFinite(d)
}

function checkFinite (d: Dataset): void {
  // indexed, not for…of: the iterator protocol costs several times the loop over millions of values
  const { features: f, labels: l } = d
  for (let i = 0; i < f.length; i++) if (!Number.isFinite(f[i])) bad('a feature is not a finite number')
  for (let i = 0; i < l.length; i++) if (!Number.isFinite(l[i])) bad('a label is not a finite number')
}

/** the range of a dataset's labels and whether all are integers: what decides if they can be class indices */
export interface LabelSummary { min: number, max: number, integers: boolean }

export function summariseLabels (labels: Float32Array): LabelSummary {
  let min = Infinity
  let max = -Infinity
  let integers = true
  for (const v of labels) {
    if (v < min) min = v
    if (v > max) max = v
    if (integers && !Number.isInteger(v)) integers = false
  }
  return { min, max, integers }
}
