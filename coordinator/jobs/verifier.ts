/**
 * What the coordinator checks before it believes a peer's work:
 * - a checkpoint: its directory is fetched from the peer by CID (every block hash-checked by Helia)
 *   and pinned here, and it is a tfjs model directory whose weights file is exactly as long as
 *   its manifest says — so a later peer can resume from it and it can be paid for;
 * - a completion: the signature must be the assigned peer's over the claim (src/proof), the model
 *   directory is fetched and pinned the same way, the sha256 of weights.bin is recomputed and must
 *   equal the claimed `model_weights_hash`, and the model must have the job's parameter count.
 * Any failure is a named error (ERR_BAD_SIGNATURE, ERR_HASH_MISMATCH, ERR_COMPLETION, ERR_IPFS…).
 */
import type { Completion } from '../../protocols/job-report.js'
import { verifyCompletion } from '../../src/proof/completion.js'
import { parseIpfsUri, type IpfsStore } from '../../src/storage/ipfs.js'
import { readModelDir, sha256Hex, type ModelDir } from '../../src/storage/model-dir.js'
import { parseModel } from '../../src/model/index.js'
import { CyxwizError } from '../../src/errors.js'

function fail (message: string): never {
  throw new CyxwizError('ERR_COMPLETION', message)
}

export interface VerifierInit {
  /** the largest model or checkpoint directory fetched (bytes) */
  maxModelBytes: number
  /** how long fetching one may take (ms) */
  fetchTimeout: number
  /** how long fetching a checkpoint may take (ms): the peer that made it may have just died */
  checkpointTimeout: number
}

export const defaultVerifierInit: VerifierInit = {
  // the model validator caps parameters well below this; weights + Adam's two moments fit in it
  maxModelBytes: 2 * 1024 ** 3 - 1,
  fetchTimeout: 120_000,
  // a checkpoint is the model's weights + optimizer state, seconds on a LAN; retried on the schedule
  checkpointTimeout: 30_000
}

export class Verifier {
  private readonly init: VerifierInit
  private readonly ipfs: IpfsStore

  constructor (init: VerifierInit, components: { ipfs: IpfsStore }) {
    this.init = init
    this.ipfs = components.ipfs
  }

  private async fetchDir (uri: string, timeout = this.init.fetchTimeout): Promise<ModelDir> {
    const files = await this.ipfs.readFiles(parseIpfsUri(uri), { maxBytes: this.init.maxModelBytes, timeout })
    return readModelDir(files)
  }

  /** fetches, pins and checks a checkpoint directory */
  async checkpoint (uri: string): Promise<void> {
    await this.fetchDir(uri, this.init.checkpointTimeout)
  }

  /**
   * Checks a completion of `jobId` under `leaseId` by `peer` (the peer the job is assigned to) for
   * a model of `parameters` weights; returns the recomputed hash.
   */
  async completion (a: { peer: string, jobId: string, leaseId: string, parameters: bigint, completion: Completion }): Promise<string> {
    const c = a.completion
    if (c.finalStatus !== 'COMPLETED') fail(`final status ${c.finalStatus.slice(0, 40)} is not COMPLETED`)
    await verifyCompletion(a.peer, a.jobId, a.leaseId, c)
    const dir = await this.fetchDir(c.modelWeightsUri)
    const hash = sha256Hex(dir.weights)
    if (hash !== c.modelWeightsHash) {
      throw new CyxwizError('ERR_HASH_MISMATCH', `the weights hash to ${hash}, the completion claims ${c.modelWeightsHash.slice(0, 80)}`)
    }
    let params: number
    try {
      params = parseModel(dir.modelJson).totals.params
    } catch (err) {
      fail(`the returned model does not validate: ${(err as Error).message}`)
    }
    if (BigInt(params) !== a.parameters) fail(`the returned model has ${params} parameters; the job's model has ${a.parameters}`)
    return hash
  }
}

/** the checkpoint and completion checks, built from their options (defaults filled in) and then their components */
export function verifier (init: Partial<VerifierInit> = {}): (components: { ipfs: IpfsStore }) => Verifier {
  return (components) => new Verifier({ ...defaultVerifierInit, ...init }, components)
}
