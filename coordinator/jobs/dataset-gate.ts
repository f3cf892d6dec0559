/**
 * The coordinator's dataset check before a job is priced from its data or queued: fetch the dataset
 * by its CID (from whoever holds it — normally the submitter, connected while submitting), pin it so
 * the submitter may go offline and the assigned peer can fetch it from us, decode it in full (the
 * formats in src/training/dataset-format.ts are hostile input too) and check it against the job:
 * the declared sample count, the model's input shape and an output the labels can train.
 */
import { LRUCache } from 'lru-cache'
import type { DatasetInfo } from '../../protocols/jobs.js'
import { decodeDataset, CYXT_MAGIC, type LabelSummary } from '../../src/training/dataset-format.js'
import { labelsProblem } from '../../src/training/labels.js'
import { parseIpfsUri, type IpfsStore } from '../../src/storage/ipfs.js'
import { CyxwizError } from '../../src/errors.js'
import type { ModelCost } from './estimate.js'

export interface DatasetGateInit {
  /** the largest dataset the coordinator fetches and keeps (bytes) */
  maxBytes: number
  /** how long fetching a dataset may take before the submission is refused (ms) */
  fetchTimeout: number
}

export const defaultDatasetGateInit: DatasetGateInit = {
  // 1 GiB: MNIST-sized sets are ~30 MiB; a bigger limit is a coordinator operator's call (disk)
  maxBytes: 1024 ** 3,
  // at the ~20–70 MB/s bitswap reaches on a LAN, 1 GiB in under a minute; the submitter waits meanwhile
  fetchTimeout: 120_000
}

/** what the gate read from a dataset: its header, and the range of its labels for `check` */
export type GateDatasetInfo = DatasetInfo & { labelSummary?: LabelSummary }

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`
const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export class DatasetGate {
  private readonly init: DatasetGateInit
  private readonly ipfs: IpfsStore
  /** decoded headers by CID: a dataset is decoded once however many jobs use it */
  private readonly cache = new LRUCache<string, GateDatasetInfo>({ max: 1000 })

  constructor (init: DatasetGateInit, components: { ipfs: IpfsStore }) {
    this.init = init
    this.ipfs = components.ipfs
  }

  /** fetches, pins and decodes the dataset behind `uri` */
  async inspect (uri: string): Promise<GateDatasetInfo> {
    const cid = parseIpfsUri(uri)
    const key = cid.toString()
    const known = this.cache.get(key)
    if (known != null) return known
    let bytes: Uint8Array
    try {
      bytes = await this.ipfs.cat(cid, { maxBytes: this.init.maxBytes, timeout: this.init.fetchTimeout })
    } catch (err) {
      const e = err as CyxwizError
      throw new CyxwizError(e.code ?? 'ERR_IPFS', `dataset ${uri}: ${e.message} (is the submitter, or another holder, connected?)`, { retryable: e.retryable, cause: err })
    }
    const d = decodeDataset(bytes)
    const format = new TextDecoder().decode(bytes.subarray(0, 4)) === CYXT_MAGIC ? 'cyxt' : 'csv'
    const info: GateDatasetInfo = { samples: BigInt(d.samples), featureShape: d.featureShape, labelShape: d.labelShape, bytes: BigInt(bytes.byteLength), format, labelSummary: d.labelSummary }
    this.cache.set(key, info)
    return info
  }

  /**
   * throws ERR_DATASET_MISMATCH unless the dataset fits the declared count and the model, and its
   * labels can train the model's output (src/training/labels.ts, the rule training itself applies):
   * whatever fails here would fail on the peer after the payment was locked
   */
  check (info: GateDatasetInfo, declaredSamples: bigint, model: ModelCost): void {
    const mismatch = (m: string): never => { throw new CyxwizError('ERR_DATASET_MISMATCH', m) }
    if (declaredSamples !== 0n && declaredSamples !== info.samples) mismatch(`the job declares ${declaredSamples} samples; the dataset holds ${info.samples}`)
    const inputs = model.inputs ?? []
    const outputs = model.outputs ?? []
    if (inputs.length !== 1 || outputs.length !== 1) mismatch(`a dataset trains a model with one input and one output; this one has ${inputs.length} and ${outputs.length}`)
    const input = inputs[0] as number[]
    const output = outputs[0] as number[]
    if (!same(info.featureShape, input)) mismatch(`the dataset's features are ${fmt(info.featureShape)} per sample; the model's input is ${fmt(input)}`)
    // without a summary (a header from elsewhere) nothing is known about the labels: refuse rather than guess
    if (info.labelSummary == null) return mismatch('the dataset\'s labels were not read, so whether they can train the model is unknown')
    const problem = labelsProblem(info.labelShape, info.labelSummary, { shape: output, activation: model.outputActivation })
    if (problem !== undefined) mismatch(problem)
  }
}

/** the dataset gate, built from its options (defaults filled in) and then its components */
export function datasetGate (init: Partial<DatasetGateInit> = {}): (components: { ipfs: IpfsStore }) => DatasetGate {
  return (components) => new DatasetGate({ ...defaultDatasetGateInit, ...init }, components)
}
