/**
 * The training spec: what a job trains, with every default applied in one place. The client offers
 * these defaults on its command line, the coordinator fills in whatever a submission left out and
 * stores the result with the job, the assignment carries it (encoded) to the peer, and the peer's
 * worker trains from it. The lists of optimizers and metrics a job may name live here too.
 */
import { createHash } from 'node:crypto'
import { RequiredDevice, TrainingSpec, type Hyperparameters, type SubmitJob } from '../../protocols/jobs.js'
import { CyxwizError } from '../errors.js'

export { TrainingSpec }

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad', 'adamax', 'adadelta'] as const
export type OptimizerName = typeof OPTIMIZERS[number]
/** metric names a job may ask for */
export const JOB_METRICS = ['accuracy', 'loss', 'mse', 'mae', 'categoricalAccuracy', 'binaryAccuracy', 'precision', 'recall'] as const

/**
 * Hyperparameters a submission need not state: batches of 32 and Adam at 0.001 are the common
 * starting point for small models; 10% held out gives a validation accuracy without starving
 * training; accuracy is what most submitters watch.
 */
export const DEFAULT_HYPERPARAMETERS: Readonly<Hyperparameters> = Object.freeze({
  epochs: 1,
  batchSize: 32,
  learningRate: 0.001,
  optimizer: 'adam',
  validationSplit: 0.1,
  metrics: ['accuracy']
})

/** `sha256:<hex>` of a model definition: its content address in the spec and in the store */
export function modelHash (modelDefinition: string): string {
  return `sha256:${createHash('sha256').update(modelDefinition, 'utf8').digest('hex')}`
}

/**
 * The spec of an accepted submission: its hyperparameters with the defaults filled in (a zero or
 * empty field means "not stated"), the model by its hash, the sample count the coordinator read.
 */
export function specOf (submit: SubmitJob, datasetSamples: bigint, randomness: Pick<TrainingSpec, 'seed' | 'commitEveryBatches'> = { seed: 0, commitEveryBatches: 0 }): TrainingSpec {
  const h = submit.hyperparameters
  return {
    modelHash: modelHash(submit.modelDefinition),
    datasetUri: submit.datasetUri,
    datasetSamples,
    hyperparameters: {
      epochs: h?.epochs !== undefined && h.epochs > 0 ? h.epochs : DEFAULT_HYPERPARAMETERS.epochs,
      batchSize: h?.batchSize !== undefined && h.batchSize > 0 ? h.batchSize : DEFAULT_HYPERPARAMETERS.batchSize,
      learningRate: h?.learningRate !== undefined && h.learningRate > 0 ? h.learningRate : DEFAULT_HYPERPARAMETERS.learningRate,
      optimizer: h?.optimizer !== undefined && h.optimizer !== '' ? h.optimizer : DEFAULT_HYPERPARAMETERS.optimizer,
      validationSplit: h?.validationSplit ?? DEFAULT_HYPERPARAMETERS.validationSplit,
      metrics: h?.metrics !== undefined && h.metrics.length > 0 ? [...h.metrics] : [...DEFAULT_HYPERPARAMETERS.metrics]
    },
    requiredDevice: submit.requiredDevice ?? RequiredDevice.ANY,
    minMemoryBytes: submit.minMemoryBytes,
    seed: randomness.seed,
    commitEveryBatches: randomness.commitEveryBatches
  }
}

/**
 * Batches in one epoch of a spec: the training loop holds out the last ⌈validationSplit × samples⌉
 * samples for validation and batches the rest.
 */
export function batchesPerEpoch (spec: TrainingSpec): number {
  const samples = Number(spec.datasetSamples)
  const h = spec.hyperparameters
  const train = samples - (h != null && h.validationSplit > 0 ? Math.ceil(h.validationSplit * samples) : 0)
  return Math.max(0, Math.ceil(train / Math.max(1, h?.batchSize ?? 1)))
}

/** a position in training: the state after `batch` batches of epoch `epoch` (1-based) */
export interface Position { epoch: number, batch: number }

/**
 * The positions a peer commits to its state at, in order, for epochs `fromEpoch + 1 … epochs`:
 * after every `commitEveryBatches` batches of an epoch and at every epoch's end (its checkpoint).
 */
export function commitPositions (spec: TrainingSpec, fromEpoch: number): Position[] {
  const per = batchesPerEpoch(spec)
  const every = spec.commitEveryBatches > 0 ? spec.commitEveryBatches : per
  const out: Position[] = []
  for (let epoch = fromEpoch + 1; epoch <= epochsOf(spec); epoch++) {
    for (let batch = every; batch < per; batch += every) out.push({ epoch, batch })
    out.push({ epoch, batch: per })
  }
  return out
}

/** the epochs a spec trains (at least 1) */
export const epochsOf = (spec: TrainingSpec | undefined): number => Math.max(1, spec?.hyperparameters?.epochs ?? 1)

/** decodes a spec received from another node; a spec that does not decode is a named error */
export function decodeSpec (bytes: Uint8Array): TrainingSpec {
  try {
    const spec = TrainingSpec.decode(bytes)
    if (spec.hyperparameters == null) throw new Error('no hyperparameters')
    return spec
  } catch (err) {
    throw new CyxwizError('ERR_INVALID_JOB', `the training spec does not decode: ${(err as Error).message}`)
  }
}
