/**
 * The coordinator's own measure of a trained model: when a job is submitted, a random slice of its
 * dataset is set aside here and never sent to any peer. Peers get a training dataset without it
 * (a new CYXT file on IPFS, which the job's spec names); the slice stays in the coordinator's level
 * store under the job, and the verifier evaluates the final model on it before paying.
 *
 * The slice is chosen with the coordinator's own randomness (not the job's seed, which peers see),
 * so a peer cannot tell which samples it lacks. A peer learns only the training dataset's CID; the
 * full dataset's CID is known to the submitter and the coordinator. Datasets smaller than
 * `minSamples` are not split (a held-out measure of a few samples says nothing); the job is then
 * verified by replay alone, and `job status` says there was no held-out evaluation.
 */
import { randomInt } from 'node:crypto'
import type { DatasetInfo } from '../../protocols/jobs.js'
import { decodeDataset, encodeCyxt, type Dataset } from '../../src/training/dataset-format.js'
import { ipfsUri, parseIpfsUri, type IpfsStore } from '../../src/storage/ipfs.js'
import type { BinarySublevel, LevelStore } from '../../src/storage/level-store.js'

export interface HeldOutInit {
  /** the share of a dataset held out */
  fraction: number
  /** the most samples held out: beyond ~2,000 the accuracy's standard error (≤ 1.1%) hardly improves */
  maxSamples: number
  /** datasets with fewer samples are not split */
  minSamples: number
  /** the largest dataset read back from the store to split (bytes; the dataset gate's cap) */
  maxBytes: number
}

export const defaultHeldOutInit: HeldOutInit = {
  // 5%: a peer trains on 95% of the data, and 60,000 MNIST digits still give the maximum 2,000
  fraction: 0.05,
  maxSamples: 2000,
  // 100 samples give 5 held out: enough to catch a model that is not trained at all
  minSamples: 100,
  maxBytes: 1024 ** 3
}

/** what a submission's dataset became */
export interface Split {
  /** the dataset the peers train on (ipfs://), and what it holds */
  trainingUri: string
  training: DatasetInfo
  /** the held-out slice (absent when the dataset is too small to split) */
  heldOut?: DatasetInfo
}

const infoOf = (d: Dataset, bytes: number, format = 'cyxt'): DatasetInfo =>
  ({ samples: BigInt(d.samples), featureShape: d.featureShape, labelShape: d.labelShape, bytes: BigInt(bytes), format })

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

export class HeldOut {
  private readonly init: HeldOutInit
  private readonly ipfs: Pick<IpfsStore, 'cat' | 'addBytes'>
  private readonly db: BinarySublevel

  constructor (init: HeldOutInit, components: { ipfs: Pick<IpfsStore, 'cat' | 'addBytes'>, store: LevelStore }) {
    this.init = init
    this.ipfs = components.ipfs
    this.db = components.store.binary('held-out')
  }

  /** how many samples of `n` are held out (0: not split) */
  size (n: number): number {
    if (n < this.init.minSamples) return 0
    return Math.min(this.init.maxSamples, Math.max(1, Math.floor(n * this.init.fraction)))
  }

  /**
   * Splits the (already fetched and checked) dataset behind `uri` for job `jobId`: the held-out
   * slice is stored under the job, the rest is published as the training dataset.
   */
  async split (jobId: string, uri: string): Promise<Split> {
    const bytes = await this.ipfs.cat(parseIpfsUri(uri), { maxBytes: this.init.maxBytes, timeout: 60_000 })
    const d = decodeDataset(bytes)
    const k = this.size(d.samples)
    if (k === 0) return { trainingUri: uri, training: infoOf(d, bytes.byteLength) }
    // a uniform k-subset (partial Fisher–Yates with a CSPRNG); training keeps the submitter's order
    const idx = Array.from({ length: d.samples }, (_, i) => i)
    for (let i = 0; i < k; i++) {
      const j = i + randomInt(d.samples - i)
      const t = idx[i] as number; idx[i] = idx[j] as number; idx[j] = t
    }
    const held = idx.slice(0, k).sort((a, b) => a - b)
    const heldSet = new Set(held)
    const rest = Array.from({ length: d.samples }, (_, i) => i).filter(i => !heldSet.has(i))
    const heldBytes = encodeCyxt(take(d, held))
    const trainingBytes = encodeCyxt(take(d, rest))
    await this.db.put(jobId, heldBytes)
    const cid = await this.ipfs.addBytes(trainingBytes)
    return { trainingUri: ipfsUri(cid), training: infoOf({ ...d, samples: rest.length }, trainingBytes.byteLength), heldOut: infoOf({ ...d, samples: k }, heldBytes.byteLength) }
  }

  /** the held-out slice of a job, as CYXT bytes */
  async get (jobId: string): Promise<Uint8Array | undefined> {
    return await this.db.get(jobId)
  }

  /** forgets a job's slice (once it is settled) */
  async drop (jobId: string): Promise<void> {
    await this.db.del(jobId)
  }
}

/** the held-out slices, built from their options (defaults filled in) and then their components */
export function heldOut (init: Partial<HeldOutInit> = {}): (components: { ipfs: Pick<IpfsStore, 'cat' | 'addBytes'>, store: LevelStore }) => HeldOut {
  return (components) => new HeldOut({ ...defaultHeldOutInit, ...init }, components)
}
