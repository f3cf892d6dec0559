/**
 * The coordinator's dataset check before a job is priced from its data or queued: fetch the dataset
 * by its CID (from whoever holds it — normally the submitter, connected while submitting), pin it so
 * the submitter may go offline and the assigned peer can fetch it from us, decode it in full (the
 * formats in src/training/dataset-format.ts are hostile input too) and check it against the job:
 * the declared sample count, the model's input shape and an output the labels can train.
 *
 * Only for a wallet with a session, and on its quota: the bytes a wallet has had pinned here are
 * counted (PinQuota, below) and a dataset that would take it past `pinQuota` is refused with ERR_QUOTA
 * while it arrives. The decode streams the pinned file through a worker with a heap cap
 * (src/training/dataset-decoder.ts); a dataset that is refused — too large, not a dataset — is
 * unpinned and its bytes given back. A wallet's fetches take turns (its quota is read, then
 * charged); the decodes that follow do not, so a wallet's submissions at once overlap.
 *
 * A submission asks for the held-out split in the same pass (`split`): the worker that decodes the
 * dataset splits it too, and the job's held-out slice (held-out.ts) is made from that one decode.
 */
import { LRUCache } from 'lru-cache'
import type { ComponentLogger, Logger } from '@libp2p/interface'
import type { DatasetInfo } from '../../protocols/jobs.js'
import type { CID } from 'multiformats/cid'
import { parseIpfsUri, type FetchOptions, type IpfsStore } from '../../src/storage/ipfs.js'
import { CyxwizError, isCyxwizError } from '../../src/errors.js'
import { KeyedMutex } from '../../src/keyed-mutex.js'
import type { DatasetDecoder, ScanResult } from '../../src/training/dataset-decoder.js'
import type { LabelSummary } from '../../src/training/dataset-format.js'
import type { HeldOutParams } from '../../src/training/dataset-split.js'
import { labelsProblem } from '../../src/training/labels.js'
import type { ModelCost } from './estimate.js'
import type { LevelStore, BinarySublevel } from '../../src/storage/level-store.js'

export interface DatasetGateInit {
  /** the largest dataset the coordinator fetches and keeps (bytes) */
  maxBytes: number
  /** how long fetching a dataset may take before the submission is refused (ms) */
  fetchTimeout: number
  /** the bytes of datasets one wallet may have pinned here in all */
  pinQuota: number
}

export interface DatasetGateComponents {
  ipfs: Pick<IpfsStore, 'pin' | 'unpin' | 'read'>
  decoder: Pick<DatasetDecoder, 'scan' | 'split'>
  quota: PinQuota
  logger: ComponentLogger
}

export const defaultDatasetGateInit: DatasetGateInit = {
  // 1 GiB: MNIST-sized sets are ~30 MiB; a bigger limit is a coordinator operator's call (disk)
  maxBytes: 1024 ** 3,
  // at the ~20–70 MB/s bitswap reaches on a LAN, 1 GiB in under a minute; the submitter waits meanwhile
  fetchTimeout: 120_000,
  // four datasets of the largest size: room for real work, a bound on the disk one wallet can fill
  pinQuota: 4 * 1024 ** 3
}

/** what the gate read from a dataset: its header, and the range of its labels for `check` */
export type GateDatasetInfo = DatasetInfo & { labelSummary?: LabelSummary }

/**
 * A dataset decoded for one submission: what `check` needs, and — when a split was asked for and
 * this call decoded the dataset (not a cached header) — the worker's answer with the held-out split,
 * for HeldOut.keep. Without `decoded`, the split is made by reading the dataset again.
 */
export interface Inspection { info: GateDatasetInfo, decoded?: DatasetPass }

/** the decoding worker's answer for one pass over a dataset, and the bytes that pass read */
export type DatasetPass = ScanResult & { bytes: number }

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`
const same = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((x, i) => x === b[i])

export class DatasetGate {
  private readonly init: DatasetGateInit
  private readonly c: DatasetGateComponents
  /** decoded headers by CID: a dataset is decoded once however many jobs use it */
  private readonly cache = new LRUCache<string, GateDatasetInfo>({ max: 1000 })
  /** one fetch at a time per wallet, so two at once cannot both fit in the same remaining quota */
  private readonly wallets = new KeyedMutex()
  private readonly log: Logger

  constructor (init: DatasetGateInit, components: DatasetGateComponents) {
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:coordinator:datasets')
  }

  /** fetches and pins the dataset behind `uri` on `wallet`'s quota, and decodes it */
  async inspect (uri: string, wallet: string): Promise<GateDatasetInfo> {
    return (await this.decode(uri, wallet)).info
  }

  /**
   * `inspect`, splitting the dataset for the held-out evaluation in the same decode (`split`'s
   * parameters); a dataset decoded before comes back from the cache, without `decoded`
   */
  async decode (uri: string, wallet: string, split?: HeldOutParams): Promise<Inspection> {
    const cid = parseIpfsUri(uri)
    const key = cid.toString()
    const known = this.cache.get(key)
    if (known != null) return { info: known }
    const { pinned, o } = await this.wallets.run(wallet, async () => await this.fetch(uri, cid, wallet))
    try {
      let bytes = 0
      const counted = async function * (chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
        for await (const c of chunks) { bytes += c.byteLength; yield c }
      }
      this.log('dataset %s: %d bytes pinned for %s; decoding', key, pinned, wallet)
      const chunks = counted(this.c.ipfs.read(cid, o))
      const r: ScanResult = split === undefined ? { summary: await this.c.decoder.scan(chunks) } : await this.c.decoder.split(chunks, split)
      const d = r.summary
      const info: GateDatasetInfo = { samples: BigInt(d.samples), featureShape: d.featureShape, labelShape: d.labelShape, bytes: BigInt(bytes), format: d.format, labelSummary: d.labelSummary }
      this.cache.set(key, info)
      return { info, ...(split !== undefined ? { decoded: { ...r, bytes } } : {}) }
    } catch (err) {
      // what this wallet brought and we refuse does not stay (a dataset pinned before is left alone)
      if (pinned > 0) {
        // the refusal is what the caller hears; an unpin that fails leaves the bytes charged
        await this.wallets.run(wallet, async () => {
          await this.c.ipfs.unpin(cid)
          await this.c.quota.add(wallet, -pinned)
        }).catch(() => {})
      }
      if (isCyxwizError(err)) throw new CyxwizError(err.code, `dataset ${uri}: ${err.message}`, { retryable: err.retryable, cause: err })
      throw err
    }
  }

  /** fetches and pins the dataset within what is left of `wallet`'s quota, and charges it; one per wallet at a time */
  private async fetch (uri: string, cid: CID, wallet: string): Promise<{ pinned: number, o: FetchOptions }> {
    const room = this.init.pinQuota - await this.c.quota.used(wallet)
    if (room <= 0) throw new CyxwizError('ERR_QUOTA', `wallet ${wallet} has had ${this.init.pinQuota} bytes of datasets pinned here already`)
    const maxBytes = Math.min(this.init.maxBytes, room)
    // a dataset may live on IPFS beyond the network: the operator's gateways, if any, are asked too
    const o: FetchOptions = { maxBytes, timeout: this.init.fetchTimeout, gateways: true }
    let pinned: number
    try {
      pinned = await this.c.ipfs.pin(cid, o)
    } catch (err) {
      const e = err as CyxwizError
      if (e.code === 'ERR_TOO_LARGE' && maxBytes < this.init.maxBytes) {
        throw new CyxwizError('ERR_QUOTA', `dataset ${uri} does not fit in the ${room} bytes left of wallet ${wallet}'s quota`, { cause: err })
      }
      throw new CyxwizError(e.code ?? 'ERR_IPFS', `dataset ${uri}: ${e.message} (is the submitter, or another holder, connected?)`, { retryable: e.retryable, cause: err })
    }
    await this.c.quota.add(wallet, pinned)
    return { pinned, o }
  }

  /** throws ERR_DATASET_MISMATCH unless the dataset can train the model (checkDataset) */
  check (info: GateDatasetInfo, declaredSamples: bigint, model: ModelCost): void {
    checkDataset(info, declaredSamples, model)
  }
}

/**
 * throws ERR_DATASET_MISMATCH unless the dataset fits the declared count and the model, and its
 * labels can train the model's output (src/training/labels.ts, the rule training itself applies):
 * whatever fails here would fail on the peer after the payment was locked
 */
export function checkDataset (info: GateDatasetInfo, declaredSamples: bigint, model: ModelCost): void {
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

/**
 * Bytes each wallet has had the coordinator fetch and pin, persisted in level (sublevel
 * 'pin-quota', one decimal count per wallet), so a restart does not hand a wallet a fresh quota. A
 * wallet pays for the datasets it brings (one already pinned costs nothing) and gets the bytes back
 * when the gate unpins a dataset it refused.
 */
export const PIN_QUOTA_SUBLEVEL = 'pin-quota'

export class PinQuota {
  private readonly db: BinarySublevel

  constructor (store: LevelStore) {
    this.db = store.binary(PIN_QUOTA_SUBLEVEL)
  }

  /** bytes pinned on `wallet`'s behalf */
  async used (wallet: string): Promise<number> {
    const v = await this.db.get(wallet)
    return v === undefined ? 0 : Number(new TextDecoder().decode(v))
  }

  /** adds `bytes` (negative: gives them back) to `wallet`'s count; callers serialize per wallet */
  async add (wallet: string, bytes: number): Promise<void> {
    const next = Math.max(0, await this.used(wallet) + bytes)
    await this.db.put(wallet, new TextEncoder().encode(String(next)))
  }
}

/** the dataset gate, built from its options (defaults filled in) and then its components */
export function datasetGate (init: Partial<DatasetGateInit> = {}): (components: DatasetGateComponents) => DatasetGate {
  return (components) => new DatasetGate({ ...defaultDatasetGateInit, ...init }, components)
}
