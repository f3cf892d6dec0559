/**
 * Checks a dataset (the formats of dataset-format.ts) as its bytes stream past, keeping no samples:
 * what the coordinator needs before it prices or queues a job is the sample count and the shapes,
 * and that every value is a finite number. Memory stays bounded whatever the input: CYXT is read
 * value by value; CSV goes through csv-parse's streaming parser, one record at a time, and a record
 * (a row) longer than `maxRecordBytes` is refused instead of buffered.
 *
 * With `collect`, the values are kept too (in typed arrays that grow, outside the V8 heap), for
 * the coordinator's held-out split; still one CSV record of text at a time.
 *
 * The answers match `decodeDataset` on the same bytes; the errors are ERR_DATASET.
 */
import { parse, type Parser } from 'csv-parse'
import { CyxwizError } from '../errors.js'
import { CYXT_MAGIC, defaultDatasetLimits, readCyxtHeader, type Dataset, type LabelSummary } from './dataset-format.js'

/** what a scan learns: the header, and the range of the labels (for the gate's trainability check) */
export interface DatasetSummary { samples: number, featureShape: number[], labelShape: number[], format: 'cyxt' | 'csv', labelSummary: LabelSummary }

/** the labels' range as they stream past (summariseLabels, one value at a time) */
class LabelTally {
  private min = Infinity
  private max = -Infinity
  private integers = true
  add (v: number): void {
    if (v < this.min) this.min = v
    if (v > this.max) this.max = v
    if (this.integers && !Number.isInteger(v)) this.integers = false
  }

  summary (): LabelSummary { return { min: this.min, max: this.max, integers: this.integers } }
}

export interface ScanLimits {
  maxSamples: number
  /** the longest CSV row, bytes */
  maxRecordBytes: number
}

export const defaultScanLimits: ScanLimits = {
  maxSamples: defaultDatasetLimits.maxSamples,
  // a row of numbers: 1 MiB is ~100,000 numeric columns, far past any model's input here
  maxRecordBytes: 1024 * 1024
}

function bad (message: string): never {
  throw new CyxwizError('ERR_DATASET', message)
}

/** a header of CYXT is at most 12 + 1 + 16 + 1 + 8 bytes, padded to 40 */
const CYXT_HEADER_MAX = 40
const product = (dims: number[]): number => dims.reduce((a, b) => a * b, 1)

/** A streaming check of one dataset: `push` its bytes in order, then `end` for the summary. */
export class DatasetScan {
  private head = new Uint8Array(0)
  private format?: 'cyxt' | 'csv'
  private csv?: CsvScan
  private cyxt?: CyxtScan

  constructor (private readonly limits: ScanLimits = defaultScanLimits, private readonly collect = false) {}

  /** the values read, after `end`, when the scan was made to collect them */
  dataset (): Dataset | undefined {
    return this.cyxt?.dataset() ?? this.csv?.dataset()
  }

  async push (chunk: Uint8Array): Promise<void> {
    if (this.format === undefined) {
      this.head = Buffer.concat([this.head, chunk])
      if (this.head.byteLength < CYXT_HEADER_MAX) return
      chunk = this.head
      this.head = new Uint8Array(0)
      this.choose(chunk)
    }
    if (this.cyxt !== undefined) this.cyxt.push(chunk)
    else await this.csv?.push(chunk)
  }

  async end (): Promise<DatasetSummary> {
    if (this.format === undefined) {
      const rest = this.head
      this.head = new Uint8Array(0)
      this.choose(rest)
      if (this.cyxt !== undefined) this.cyxt.push(rest)
      else await this.csv?.push(rest)
    }
    if (this.cyxt !== undefined) return { ...this.cyxt.end(), format: 'cyxt' }
    return { ...await (this.csv as CsvScan).end(), format: 'csv' }
  }

  private choose (first: Uint8Array): void {
    const cyxt = first.byteLength >= 4 && new TextDecoder().decode(first.subarray(0, 4)) === CYXT_MAGIC
    this.format = cyxt ? 'cyxt' : 'csv'
    if (cyxt) this.cyxt = new CyxtScan(first, this.limits, this.collect)
    else this.csv = new CsvScan(this.limits, this.collect)
  }
}

/** CYXT: the header from the first bytes, then every float32 checked finite, then the exact length */
class CyxtScan {
  private readonly samples: number
  private readonly featureShape: number[]
  private readonly labelShape: number[]
  private readonly expected: number
  private readonly start: number
  private offset = 0
  private readonly carry = new Uint8Array(4)
  private carried = 0
  private readonly values?: Float32Array
  private count = 0
  /** values read so far; the first `featureValues` are features, the rest labels */
  private index = 0
  private readonly featureValues: number
  private readonly tally = new LabelTally()

  constructor (first: Uint8Array, limits: ScanLimits, collect: boolean) {
    const header = readCyxtHeader(first, limits)
    this.samples = header.samples
    this.featureShape = header.featureShape
    this.labelShape = header.labelShape
    this.start = header.start
    const values = this.samples * (product(this.featureShape) + product(this.labelShape))
    if (!Number.isSafeInteger(values)) bad('shape too large')
    this.expected = this.start + 4 * values
    this.featureValues = this.samples * product(this.featureShape)
    if (collect) this.values = new Float32Array(values)
  }

  dataset (): Dataset | undefined {
    if (this.values === undefined) return undefined
    const nf = this.samples * product(this.featureShape)
    return { samples: this.samples, featureShape: this.featureShape, labelShape: this.labelShape, features: this.values.subarray(0, nf), labels: this.values.subarray(nf) }
  }

  push (chunk: Uint8Array): void {
    let i = 0
    // the header and padding are not values
    if (this.offset < this.start) i = Math.min(chunk.byteLength, this.start - this.offset)
    this.offset += chunk.byteLength
    if (this.offset > this.expected) bad(`length ${this.offset}+ does not match the header (expected ${this.expected})`)
    while (this.carried > 0 && i < chunk.byteLength) {
      this.carry[this.carried++] = chunk[i++] as number
      if (this.carried === 4) { this.carried = 0; this.value(new DataView(this.carry.buffer).getFloat32(0, true)) }
    }
    const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength)
    for (; i + 4 <= chunk.byteLength; i += 4) this.value(view.getFloat32(i, true))
    for (; i < chunk.byteLength; i++) this.carry[this.carried++] = chunk[i] as number
  }

  end (): Omit<DatasetSummary, 'format'> {
    if (this.offset !== this.expected) bad(`length ${this.offset} does not match the header (expected ${this.expected})`)
    return { samples: this.samples, featureShape: this.featureShape, labelShape: this.labelShape, labelSummary: this.tally.summary() }
  }

  private value (v: number): void {
    if (!Number.isFinite(v)) bad('a value is not a finite number')
    if (this.index++ >= this.featureValues) this.tally.add(v)
    if (this.values !== undefined) this.values[this.count++] = v
  }
}

/** CSV: a header row with the label column, then rows of numbers, one record in memory at a time */
class CsvScan {
  private readonly parser: Parser
  private header?: string[]
  private labelAt = -1
  private samples = 0
  private features?: Float32Array
  private labels?: Float32Array
  private readonly tally = new LabelTally()

  constructor (private readonly limits: ScanLimits, private readonly collect: boolean, private readonly label = 'label') {
    this.parser = parse({
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
      max_record_size: limits.maxRecordBytes,
      // each row is checked as it is parsed and then dropped: nothing accumulates
      on_record: (row: string[]) => { this.row(row); return null }
    })
    this.parser.on('error', () => {}) // every error also reaches the write or end that caused it
  }

  async push (chunk: Uint8Array): Promise<void> {
    if (chunk.byteLength === 0) return
    await new Promise<void>((resolve, reject) => {
      this.parser.write(chunk, (err) => { if (err != null) reject(asDatasetError(err)); else resolve() })
    })
  }

  async end (): Promise<Omit<DatasetSummary, 'format'>> {
    await new Promise<void>((resolve, reject) => {
      this.parser.once('error', (err) => { reject(asDatasetError(err)) })
      this.parser.once('end', () => { resolve() })
      this.parser.resume()
      this.parser.end()
    })
    const width = (this.header?.length ?? 0) - 1
    if (this.header === undefined || this.samples === 0) bad('a CSV dataset needs a header row and at least one sample')
    return { samples: this.samples, featureShape: [width], labelShape: [1], labelSummary: this.tally.summary() }
  }

  private row (row: string[]): void {
    if (this.header === undefined) {
      this.header = row
      this.labelAt = row.indexOf(this.label)
      if (this.labelAt < 0) bad(`no "${this.label}" column in the header (${row.slice(0, 10).join(', ')})`)
      if (row.length < 2) bad('no feature columns')
      return
    }
    if (++this.samples > this.limits.maxSamples) bad('too many samples')
    const width = this.header.length - 1
    if (this.collect) this.room(width)
    const at = (this.samples - 1) * width
    let f = 0
    for (let c = 0; c < row.length; c++) {
      const cell = row[c] ?? ''
      const v = Number(cell)
      if (cell === '' || !Number.isFinite(v)) bad(`row ${this.samples + 1}, column "${this.header[c] ?? c}": "${cell.slice(0, 20)}" is not a number`)
      if (c === this.labelAt) this.tally.add(v)
      if (!this.collect) continue
      if (c === this.labelAt) (this.labels as Float32Array)[this.samples - 1] = v
      else (this.features as Float32Array)[at + f++] = v
    }
  }

  /** grows the collected arrays (doubling) to hold this sample */
  private room (width: number): void {
    const need = this.samples
    if (this.labels !== undefined && this.labels.length >= need) return
    const size = Math.max(1024, 2 * (this.labels?.length ?? 0))
    const features = new Float32Array(size * width)
    const labels = new Float32Array(size)
    if (this.features !== undefined) features.set(this.features)
    if (this.labels !== undefined) labels.set(this.labels)
    this.features = features
    this.labels = labels
  }

  dataset (): Dataset | undefined {
    if (!this.collect || this.header === undefined) return undefined
    const width = this.header.length - 1
    return {
      samples: this.samples,
      featureShape: [width],
      labelShape: [1],
      features: (this.features ?? new Float32Array(0)).slice(0, this.samples * width),
      labels: (this.labels ?? new Float32Array(0)).slice(0, this.samples)
    }
  }
}

function asDatasetError (err: Error): CyxwizError {
  if (err instanceof CyxwizError) return err
  return new CyxwizError('ERR_DATASET', `not a CSV file: ${err.message}`)
}
