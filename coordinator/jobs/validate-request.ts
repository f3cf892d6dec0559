/**
 * A submission is hostile until every field is checked: job type, dataset address, declared sample
 * count, hyperparameters, payment, device and memory. The model definition itself is checked by the
 * model validator (src/model) through `AnalyzeModel`.
 */
import { JobType, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import { CyxwizError } from '../../src/errors.js'
import { U64_MAX } from '../../src/ledger/amounts.js'
import { parseIpfsUri } from '../../src/storage/ipfs-uri.js'
import { JOB_METRICS as METRICS, OPTIMIZERS } from '../../src/training/spec.js'


/** upper bounds that keep one job from being absurd; none limits a real training run */
export const LIMITS = {
  epochs: 10_000,
  batchSize: 65_536,
  samples: 1_000_000_000n,
  modelBytes: 1024 * 1024,
  minMemoryBytes: 1n << 50n
}

function bad (message: string): never {
  throw new CyxwizError('ERR_INVALID_JOB', message)
}

/** `ipfs://<cid>` with a CID that parses; returns the CID text */
export function parseDatasetUri (uri: string): string {
  try {
    return parseIpfsUri(uri).toString()
  } catch (err) {
    bad(`dataset "${uri.slice(0, 80)}": ${(err as Error).message}`)
  }
}

export function validateSubmit (s: SubmitJob): { payment: bigint } {
  if (s.jobType !== JobType.TRAINING) bad('only TRAINING jobs exist')
  if (s.modelDefinition.length === 0) bad('the model definition is empty')
  if (s.modelDefinition.length > LIMITS.modelBytes) bad(`the model definition is over ${LIMITS.modelBytes} bytes`)
  parseDatasetUri(s.datasetUri)
  // 0: take the count from the dataset when it is fetched
  if (s.datasetSamples < 0n || s.datasetSamples > LIMITS.samples) bad(`dataset samples must be 0 (read from the dataset) … ${LIMITS.samples}`)
  const h = s.hyperparameters
  if (h == null) bad('hyperparameters are missing')
  if (!Number.isInteger(h.epochs) || h.epochs < 1 || h.epochs > LIMITS.epochs) bad(`epochs must be 1 … ${LIMITS.epochs}`)
  if (!Number.isInteger(h.batchSize) || h.batchSize < 1 || h.batchSize > LIMITS.batchSize) bad(`batch size must be 1 … ${LIMITS.batchSize}`)
  if (!Number.isFinite(h.learningRate) || h.learningRate <= 0 || h.learningRate > 10) bad('learning rate must be in (0, 10]')
  if (!(OPTIMIZERS as readonly string[]).includes(h.optimizer)) bad(`optimizer must be one of ${OPTIMIZERS.join(', ')}`)
  if (!Number.isFinite(h.validationSplit) || h.validationSplit < 0 || h.validationSplit >= 1) bad('validation split must be in [0, 1)')
  if (h.metrics.length > METRICS.length || !h.metrics.every(m => (METRICS as readonly string[]).includes(m))) bad(`metrics must be among ${METRICS.join(', ')}`)
  if (!/^[1-9]\d{0,19}$/.test(s.paymentAmount) || BigInt(s.paymentAmount) > U64_MAX) bad('payment must be a positive whole number of base units')
  if (!Object.values(RequiredDevice).includes(s.requiredDevice)) bad('unknown required device')
  if (s.minMemoryBytes < 0n || s.minMemoryBytes > LIMITS.minMemoryBytes) bad('minimum memory out of range')
  return { payment: BigInt(s.paymentAmount) }
}
