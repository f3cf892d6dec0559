/**
 * A trained model or checkpoint as bytes: a standard tfjs model directory of two files, model.json
 * (topology, one weights-manifest group pointing at `weights.bin`, and for checkpoints the training
 * config) and weights.bin (every weight in manifest order; a checkpoint appends the optimizer's
 * state as the manifest entries of group "optimizer", as tfjs itself does). Stock
 * `tf.loadLayersModel('…/model.json')` loads it.
 *
 * Two ways back: `loadModel` hands the files to tfjs (topology included) and is for files this
 * code wrote; `restoreCheckpoint` only copies weights and optimizer state into a model built from
 * the validated definition, checking every name, shape and dtype, which is how a checkpoint that
 * arrives with a job (hostile) is used.
 */
import { createHash } from 'node:crypto'
import * as tf from '@tensorflow/tfjs'
import { CyxwizError } from '../errors.js'

/** model.json and weights.bin of one tfjs model directory. */
export interface ModelFiles {
  modelJson: Uint8Array
  weights: Uint8Array
}

export interface SaveOptions {
  /** append the optimizer's state and the training config, so training can resume exactly */
  includeOptimizer?: boolean
  /** small JSON-able data stored as model.json's `userDefinedMetadata` */
  metadata?: Record<string, unknown>
}

type NamedTensor = Parameters<tf.Optimizer['setWeights']>[0][number]

/** The state tfjs' AdamaxOptimizer keeps in private fields. */
interface AdamaxState {
  iteration: tf.Variable
  accBeta1: tf.Variable
  accumulatedFirstMoment: Array<{ originalName: string, variable: tf.Variable }>
  accumulatedWeightedInfNorm: Array<{ originalName: string, variable: tf.Variable }>
  beta1: number
}

/**
 * Adamax whose state can be checkpointed: tfjs 4.22's getWeights / setWeights throw "not
 * implemented for Adamax". The state is the step count, then the first moments, then the
 * infinity norms (the layout of Adam's); the two scalars tfjs keeps besides derive from the step
 * count (iteration = t, accBeta1 = beta1^(t+1)). Registered under tfjs' own name 'Adamax', so a
 * checkpoint's training config deserialises to it and `loadModel` restores its state too.
 */
export class CheckpointableAdamax extends tf.AdamaxOptimizer {
  constructor (learningRate: number, beta1 = 0.9, beta2 = 0.999, epsilon?: number, decay = 0) {
    // tfjs types epsilon as a number but takes null as "the backend's default"
    super(learningRate, beta1, beta2, epsilon ?? (null as unknown as number), decay)
  }

  private get state (): AdamaxState {
    return this as unknown as AdamaxState
  }

  override async getWeights (): Promise<NamedTensor[]> {
    const s = this.state
    return [await this.saveIterations(), ...[...s.accumulatedFirstMoment, ...s.accumulatedWeightedInfNorm].map(v => ({ name: v.originalName, tensor: v.variable }))]
  }

  override async setWeights (weightValues: NamedTensor[]): Promise<void> {
    const slots = await this.extractIterations(weightValues)
    const s = this.state
    const t = this.iterations
    tf.tidy(() => {
      s.iteration.assign(tf.scalar(t))
      s.accBeta1.assign(tf.scalar(s.beta1 ** (t + 1)))
    })
    tf.dispose([...s.accumulatedFirstMoment, ...s.accumulatedWeightedInfNorm].map(v => v.variable))
    const half = slots.length / 2
    const toVar = (v: NamedTensor): { originalName: string, variable: tf.Variable } => ({ originalName: v.name, variable: v.tensor.variable(false) })
    s.accumulatedFirstMoment = slots.slice(0, half).map(toVar)
    s.accumulatedWeightedInfNorm = slots.slice(half).map(toVar)
  }
}
tf.serialization.registerClass(CheckpointableAdamax)

/** The one shard name every model directory here uses. */
export const WEIGHTS_FILE = 'weights.bin'

const DTYPE_BYTES: Readonly<Record<string, number>> = { float32: 4, int32: 4 }

function bad (message: string): never {
  throw new CyxwizError('ERR_TRAINING', `checkpoint: ${message}`)
}

/** `sha256:<hex>` of the weight bytes: the job's `model_weights_hash`. */
export function weightsHash (weights: Uint8Array): string {
  return `sha256:${createHash('sha256').update(weights).digest('hex')}`
}

/** The bytes as an ArrayBuffer of exactly that length (copied only when it is a view of a larger one). */
function exactBuffer (bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer
  return bytes.slice().buffer
}

/**
 * Serialises a model to a model directory. The save runs in an engine scope: tfjs 4.22 leaves the
 * optimizer's iteration scalar undisposed on every save with the optimizer, one tensor per epoch.
 */
export async function saveModel (model: tf.LayersModel, options: SaveOptions = {}): Promise<ModelFiles> {
  let artifacts: tf.io.ModelArtifacts | undefined
  const handler = tf.io.withSaveHandler(async a => {
    artifacts = a
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
  })
  tf.engine().startScope()
  try {
    await model.save(handler, { includeOptimizer: options.includeOptimizer === true })
  } finally {
    tf.engine().endScope()
  }
  if (artifacts === undefined) throw new CyxwizError('ERR_TRAINING', 'tfjs did not hand over the model artifacts')
  const data = artifacts.weightData
  const weights = data === undefined ? new ArrayBuffer(0) : Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data
  const json: Record<string, unknown> = {
    modelTopology: artifacts.modelTopology,
    format: artifacts.format,
    generatedBy: artifacts.generatedBy,
    convertedBy: artifacts.convertedBy ?? null,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs ?? [] }]
  }
  if (artifacts.trainingConfig !== undefined) json.trainingConfig = artifacts.trainingConfig
  if (options.metadata !== undefined) json.userDefinedMetadata = options.metadata
  return { modelJson: new TextEncoder().encode(JSON.stringify(json)), weights: new Uint8Array(weights) }
}

/** a model directory parsed: model.json, its weight entries in manifest order, weights.bin as one buffer */
export interface ParsedFiles {
  json: Record<string, unknown>
  specs: tf.io.WeightsManifestEntry[]
  buffer: ArrayBuffer
}

/** model.json parsed, its one manifest group checked against weights.bin (names, dtypes, byte count). */
export function parseFiles (files: ModelFiles): ParsedFiles {
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(files.modelJson))
  } catch {
    bad('model.json is not JSON')
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) bad('model.json is not an object')
  const manifest = (json as Record<string, unknown>).weightsManifest
  if (!Array.isArray(manifest) || manifest.length !== 1) bad('model.json must have one weights group')
  const group = manifest[0] as { paths?: unknown, weights?: unknown }
  if (!Array.isArray(group.paths) || group.paths.length !== 1 || group.paths[0] !== WEIGHTS_FILE) bad(`the weights group must be the one file ${WEIGHTS_FILE}`)
  if (!Array.isArray(group.weights)) bad('the weights group lists no weights')
  const specs: tf.io.WeightsManifestEntry[] = []
  let bytes = 0
  for (const w of group.weights as unknown[]) {
    const e = w as Record<string, unknown>
    const per = DTYPE_BYTES[String(e.dtype)]
    if (typeof e.name !== 'string' || per === undefined || !Array.isArray(e.shape) || e.quantization !== undefined ||
      !e.shape.every(d => Number.isSafeInteger(d) && (d as number) >= 0) || (e.group !== undefined && typeof e.group !== 'string')) {
      bad('a weight entry has no valid name, shape or dtype')
    }
    const shape = e.shape as number[]
    bytes += per * shape.reduce((a, b) => a * b, 1)
    specs.push({ name: e.name, shape, dtype: e.dtype as 'float32' | 'int32', ...(e.group === undefined ? {} : { group: e.group as tf.io.WeightGroup }) })
  }
  if (bytes !== files.weights.byteLength) bad(`${WEIGHTS_FILE} has ${files.weights.byteLength} bytes; model.json describes ${bytes}`)
  return { json: json as Record<string, unknown>, specs, buffer: exactBuffer(files.weights) }
}

/**
 * Loads a model directory with tfjs, topology included; a checkpoint's training config compiles it
 * and its optimizer state is restored. For files this code wrote; see `restoreCheckpoint` otherwise.
 */
export async function loadModel (files: ModelFiles): Promise<tf.LayersModel> {
  const { json, specs, buffer } = parseFiles(files)
  const artifacts: tf.io.ModelArtifacts = {
    modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
    weightSpecs: specs,
    weightData: buffer,
    ...(json.trainingConfig != null ? { trainingConfig: json.trainingConfig as tf.io.TrainingConfig } : {})
  }
  return await tf.loadLayersModel(tf.io.fromMemory(artifacts))
}

/** model.json's `userDefinedMetadata`, or undefined when there is none or the files do not parse. */
export function readMetadata (files: ModelFiles): Record<string, unknown> | undefined {
  try {
    const m = parseFiles(files).json.userDefinedMetadata
    return typeof m === 'object' && m !== null && !Array.isArray(m) ? m as Record<string, unknown> : undefined
  } catch {
    return undefined
  }
}

const sameShape = (a: readonly number[], b: readonly number[]): boolean => a.length === b.length && a.every((d, i) => d === b[i])

/**
 * Copies a checkpoint's weights into `model` (built from the same definition) and, when the model
 * is compiled and the checkpoint has optimizer state, that state too. Every model weight must be
 * present under its name with its shape; optimizer slots must be `iter` then whole groups of slots
 * shaped like the trainable weights (true of all six optimizers used here). Returns whether an
 * optimizer state was restored. Throws ERR_TRAINING on any mismatch, leaving the model unchanged.
 */
export async function restoreCheckpoint (model: tf.LayersModel, files: ModelFiles): Promise<boolean> {
  const { specs, buffer } = parseFiles(files)
  const modelSpecs = specs.filter(s => s.group !== 'optimizer')
  const optSpecs = specs.filter(s => s.group === 'optimizer')
  if (new Set(specs.map(s => s.name)).size !== specs.length) bad('duplicate weight names')
  const byName = new Map(modelSpecs.map(s => [s.name, s]))
  if (modelSpecs.length !== model.weights.length) bad(`${modelSpecs.length} weights for a model of ${model.weights.length}`)
  for (const w of model.weights) {
    const s = byName.get(w.originalName)
    if (s === undefined) bad(`no weight ${w.originalName}`)
    if (s.dtype !== 'float32' || !sameShape(s.shape, w.shape as number[])) bad(`weight ${w.originalName} is ${s.dtype}[${s.shape.join(', ')}], the model needs float32[${w.shape.join(', ')}]`)
  }
  const optimizer = model.optimizer as tf.Optimizer | undefined
  const trainable = model.trainableWeights
  const restoreOptimizer = optimizer != null && optSpecs.length > 0
  if (restoreOptimizer) {
    const [iter, ...slots] = optSpecs
    if (iter?.name !== 'iter' || iter.dtype !== 'int32' || iter.shape.length !== 0) bad('optimizer state does not start with its iteration count')
    if (trainable.length === 0 ? slots.length !== 0 : slots.length % trainable.length !== 0) bad(`${slots.length} optimizer slots for ${trainable.length} trainable weights`)
    slots.forEach((s, i) => {
      const w = trainable[i % trainable.length] as tf.LayerVariable
      if (s.dtype !== 'float32' || !sameShape(s.shape, w.shape as number[])) bad(`optimizer slot ${s.name} does not match weight ${w.originalName}`)
    })
  }
  const tensors = tf.io.decodeWeights(buffer, specs)
  try {
    model.setWeights(model.weights.map(w => tensors[w.originalName] as tf.Tensor))
    if (restoreOptimizer) await optimizer.setWeights(optSpecs.map(s => ({ name: s.name, tensor: tensors[s.name] as tf.Tensor })))
  } finally {
    tf.dispose(Object.values(tensors))
  }
  return restoreOptimizer
}
