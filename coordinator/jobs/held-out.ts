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
 *
 * The dataset is decoded and split in the dataset worker (src/training/dataset-decoder.ts), streamed
 * there from the store: a submitted dataset is never decoded on the coordinator's event loop. A
 * submission's split normally comes from the dataset gate's own decode (`keep`); a dataset the gate
 * knew already is read and decoded again here (`split`), for a slice of this job's own.
 */
import type { DatasetInfo } from '../../protocols/jobs.js'
import type { DatasetDecoder } from '../../src/training/dataset-decoder.js'
import { heldOutSize, type HeldOutParams } from '../../src/training/dataset-split.js'
import type { DatasetPass } from './dataset-gate.js'
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

type Components = { ipfs: Pick<IpfsStore, 'read' | 'addBytes'>, decoder: Pick<DatasetDecoder, 'split'>, store: LevelStore }

export class HeldOut {
  private readonly init: HeldOutInit
  private readonly c: Components
  private readonly db: BinarySublevel

  constructor (init: HeldOutInit, components: Components) {
    this.init = init
    this.c = components
    this.db = components.store.binary('held-out')
  }

  /** how many samples of `n` are held out (0: not split) */
  size (n: number): number {
    return heldOutSize(n, this.init)
  }

  /** the split's parameters, for a decode that splits as it checks (DatasetGate.decode) */
  get params (): HeldOutParams {
    return { fraction: this.init.fraction, maxSamples: this.init.maxSamples, minSamples: this.init.minSamples }
  }

  /**
   * Splits the (already fetched and checked) dataset behind `uri` for job `jobId`: the held-out
   * slice is stored under the job, the rest is published as the training dataset.
   */
  async split (jobId: string, uri: string): Promise<Split> {
    let bytes = 0
    const read = this.c.ipfs.read(parseIpfsUri(uri), { maxBytes: this.init.maxBytes, timeout: 60_000 })
    const counted = async function * (): AsyncGenerator<Uint8Array> { for await (const c of read) { bytes += c.byteLength; yield c } }
    const decoded = await this.c.decoder.split(counted(), this.params)
    return await this.keep(jobId, uri, { ...decoded, bytes })
  }

  /**
   * `split` from a decode already made with these `params` (the dataset gate's): the held-out
   * slice is stored under the job, the rest is published as the training dataset
   */
  async keep (jobId: string, uri: string, decoded: DatasetPass): Promise<Split> {
    const { summary: d, split, bytes } = decoded
    const info = (samples: number, bytes: number, format: string): DatasetInfo =>
      ({ samples: BigInt(samples), featureShape: d.featureShape, labelShape: d.labelShape, bytes: BigInt(bytes), format })
    if (split === undefined) return { trainingUri: uri, training: info(d.samples, bytes, d.format) }
    await this.db.put(jobId, split.held)
    const cid = await this.c.ipfs.addBytes(split.training)
    return {
      trainingUri: ipfsUri(cid),
      training: info(d.samples - split.heldSamples, split.training.byteLength, 'cyxt'),
      heldOut: info(split.heldSamples, split.held.byteLength, 'cyxt')
    }
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
export function heldOut (init: Partial<HeldOutInit> = {}): (components: Components) => HeldOut {
  return (components) => new HeldOut({ ...defaultHeldOutInit, ...init }, components)
}
