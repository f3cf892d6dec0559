/**
 * What the coordinator checks of every state a peer hands in — each committed state, each epoch's
 * checkpoint, the final model — before it believes any of it:
 * - the directory is fetched by CID (every block hash-checked by Helia), pinned here, and holds
 *   exactly `model.json` and `weights.bin` (src/storage/model-dir.ts);
 * - in the checker's worker (src/training/checker.ts), its weight manifest is exactly that of the
 *   job's own model, built from the job's validated graph — names, shapes, dtypes, bytes; a
 *   checkpoint carries the optimizer state the job's optimizer makes and a final model none; its
 *   topology is the job's; every value is finite. The peer's topology is never used to build
 *   anything;
 * - a completion also needs the assigned peer's signature over the claim (src/proof) and the sha256
 *   of its weights.bin equal to the claimed `model_weights_hash`.
 * Any failure is a named error (ERR_BAD_SIGNATURE, ERR_HASH_MISMATCH, ERR_COMPLETION, ERR_IPFS…);
 * a fetch that may work later is retryable.
 */
import type { Completion } from '../../protocols/job-report.js'
import type { JobRecord } from '../../protocols/jobs.js'
import { verifyCompletion } from '../../src/proof/completion.js'
import { parseIpfsUri, type IpfsStore } from '../../src/storage/ipfs.js'
import { MAX_MODEL_JSON_BYTES, pickFiles, sha256Hex } from '../../src/storage/model-dir.js'
import type { Checker } from '../../src/training/checker.js'
import type { ModelFiles } from '../../src/training/model-files.js'
import { CyxwizError, isCyxwizError } from '../../src/errors.js'

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

export interface VerifierComponents {
  ipfs: Pick<IpfsStore, 'readFiles'>
  checker: Pick<Checker, 'checkState'>
  /** the job's model definition, by the spec's model hash */
  models: { model: (hash: string) => Promise<string | undefined> }
}

export class Verifier {
  private readonly init: VerifierInit
  private readonly c: VerifierComponents

  constructor (init: VerifierInit, components: VerifierComponents) {
    this.init = init
    this.c = components
  }

  /**
   * A model directory by URI, fetched and pinned: exactly model.json and weights.bin. model.json is
   * capped as it is listed and as it is read (a peer's directory may claim any size), and it is not
   * parsed here: the checker's worker parses it under its own heap cap. An oversized entry is a
   * refusal for good (ERR_COMPLETION), never retried, so it cannot come back at every restart.
   */
  async files (uri: string, timeout = this.init.fetchTimeout): Promise<ModelFiles> {
    let files
    try {
      files = await this.c.ipfs.readFiles(parseIpfsUri(uri), {
        maxBytes: this.init.maxModelBytes,
        entryMaxBytes: (name) => name === 'model.json' ? MAX_MODEL_JSON_BYTES : this.init.maxModelBytes,
        timeout
      })
    } catch (err) {
      if (isCyxwizError(err) && err.code === 'ERR_TOO_LARGE') throw new CyxwizError('ERR_COMPLETION', `the model directory ${uri}: ${err.message}`, { cause: err })
      throw err
    }
    const { json, weights } = pickFiles(files)
    return { modelJson: json, weights }
  }

  /** the job's own model definition */
  async definition (job: JobRecord): Promise<string> {
    const def = job.spec != null ? await this.c.models.model(job.spec.modelHash) : undefined
    if (def == null) throw new CyxwizError('ERR_JOB_STATE', `job ${job.jobId} has no stored model definition`)
    return def
  }

  /** fetches, pins and checks a committed state or checkpoint of `job` */
  async state (job: JobRecord, uri: string): Promise<ModelFiles> {
    const files = await this.files(uri, this.init.checkpointTimeout)
    await this.c.checker.checkState({ modelDefinition: await this.definition(job), spec: job.spec as NonNullable<JobRecord['spec']>, files, kind: 'checkpoint' })
    return files
  }

  /**
   * Checks the completion of `job` under its lease by the lease holder: the signature, the model
   * directory, the hash. Returns the recomputed hash and the model.
   */
  async completion (job: JobRecord, completion: Completion): Promise<{ hash: string, files: ModelFiles }> {
    const c = completion
    if (c.finalStatus !== 'COMPLETED') throw new CyxwizError('ERR_COMPLETION', `final status ${c.finalStatus.slice(0, 40)} is not COMPLETED`)
    await verifyCompletion(job.lease?.node ?? '', job.jobId, job.lease?.id ?? '', c)
    const files = await this.files(c.modelWeightsUri)
    const hash = sha256Hex(files.weights)
    if (hash !== c.modelWeightsHash) {
      throw new CyxwizError('ERR_HASH_MISMATCH', `the weights hash to ${hash}, the completion claims ${c.modelWeightsHash.slice(0, 80)}`)
    }
    await this.c.checker.checkState({ modelDefinition: await this.definition(job), spec: job.spec as NonNullable<JobRecord['spec']>, files, kind: 'model' })
    return { hash, files }
  }
}

/** the state and completion checks, built from their options (defaults filled in) and then their components */
export function verifier (init: Partial<VerifierInit> = {}): (components: VerifierComponents) => Verifier {
  return (components) => new Verifier({ ...defaultVerifierInit, ...init }, components)
}
