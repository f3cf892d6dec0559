/**
 * Exact checks of a model directory a peer hands in — a committed state, a checkpoint or the final
 * model — against the job's own model, built from its validated graph. Everything is refused
 * with ERR_COMPLETION and a reason: model.json over `MODEL_JSON_MAX_BYTES` (before it is parsed),
 * a manifest that is not one group in weights.bin, model weights that are not exactly the job's
 * (names, order, shapes, dtypes), an optimizer group that is not exactly what the spec's optimizer
 * keeps for this model (checkpoints and states) or any optimizer group at all (final models),
 * weights.bin of another length than the manifest says, a topology other than the job's (a peer
 * must not hand in another architecture that happens to take the same weights), and any value
 * that is not finite.
 *
 * The reference is the job's model built with the spec's seed (the seed is part of the topology:
 * the initialisers record it), compiled with the spec's optimizer and stepped once on zeros so
 * its optimizer slots exist, then saved with its optimizer; it is cached per model and optimizer.
 */
import { isDeepStrictEqual } from 'node:util'
import * as tf from '@tensorflow/tfjs'
import { CyxwizError } from '../errors.js'
import type { ValidatedModel } from '../model/types.js'
import { parseFiles, saveModel, WEIGHTS_FILE, type ModelFiles, type ParsedFiles } from './model-files.js'
import type { TrainingSpec } from './spec.js'
import { checkHyperparameters, checkSeed, compileJob } from './steps.js'
import type { Objective } from './evaluate.js'

/**
 * Largest model.json accepted. It holds the topology and one manifest entry per weight and
 * optimizer slot — a few KiB for the models a job may define (layers are capped by the model
 * validator), never the weights themselves — so 4 MiB bounds the parse with a wide margin.
 */
export const MODEL_JSON_MAX_BYTES = 4 * 1024 * 1024

export interface CheckStateRequest {
  model: ValidatedModel
  spec: TrainingSpec
  files: ModelFiles
  /** 'checkpoint': a state with the optimizer's (committed states too); 'model': the final model */
  kind: 'checkpoint' | 'model'
}

interface Reference {
  topology: unknown
  weights: Array<Pick<tf.io.WeightsManifestEntry, 'name' | 'shape' | 'dtype'>>
  optimizer: Array<Pick<tf.io.WeightsManifestEntry, 'name' | 'shape' | 'dtype'>>
}

const references = new WeakMap<ValidatedModel, Map<string, Reference>>()

const refuse = (message: string): never => { throw new CyxwizError('ERR_COMPLETION', message) }
const entry = (s: tf.io.WeightsManifestEntry): Pick<tf.io.WeightsManifestEntry, 'name' | 'shape' | 'dtype'> => ({ name: s.name, shape: [...s.shape], dtype: s.dtype })
const describe = (e: ReadonlyArray<Pick<tf.io.WeightsManifestEntry, 'name' | 'shape' | 'dtype'>>): string =>
  e.length === 0 ? 'none' : e.map(w => `${w.name} ${w.dtype}[${w.shape.join(', ')}]`).join(', ')

/**
 * An optimizer slot's entry with tfjs' uniquifying suffix dropped: a slot is named after its
 * variable's process-unique name (`dense/kernel_3/m` when that process built other models first),
 * so only the original name can be compared. Slots are restored by position anyway.
 */
function slotEntry (e: Pick<tf.io.WeightsManifestEntry, 'name' | 'shape' | 'dtype'>): Pick<tf.io.WeightsManifestEntry, 'name' | 'shape' | 'dtype'> {
  return { ...e, name: e.name.replace(/_\d+(\/[^/]+)$/, '$1') }
}

/**
 * A topology without the model's own name: tfjs names every model it builds after a process-wide
 * counter (`model1`, `model7`), so that name says nothing about the architecture.
 */
function unnamed (topology: unknown): unknown {
  if (typeof topology !== 'object' || topology === null) return topology
  const t = topology as { config?: unknown }
  if (typeof t.config !== 'object' || t.config === null) return topology
  const { name, ...config } = t.config as Record<string, unknown>
  return typeof name === 'string' ? { ...t, config } : topology
}

/** The job's own model directory for this optimizer and seed (see the file comment), cached. */
async function reference (v: ValidatedModel, spec: TrainingSpec): Promise<Reference> {
  const h = checkHyperparameters(spec)
  const seed = checkSeed(spec.seed)
  const key = `${h.optimizer}/${seed}`
  const cached = references.get(v)?.get(key)
  if (cached !== undefined) return cached
  // loss and metrics do not change the weights or slots a model has: any objective does
  const objective: Objective = { loss: 'meanSquaredError', accuracy: null }
  const job = compileJob(v, h, objective, seed)
  let files: ModelFiles
  try {
    const shapeOf = (id: string | undefined): number[] => [1, ...(v.nodes.get(id ?? '')?.outputShape ?? []).slice(1) as number[]]
    const [x, y] = [tf.zeros(shapeOf(v.inputs[0])), tf.zeros(shapeOf(v.outputs[0]))]
    try {
      await job.model.trainOnBatch(x, y)
    } finally {
      tf.dispose([x, y])
    }
    files = await saveModel(job.model, { includeOptimizer: true })
  } finally {
    job.model.dispose()
    job.optimizer.dispose()
  }
  const parsed = parseFiles(files)
  const ref: Reference = {
    topology: parsed.json.modelTopology,
    weights: parsed.specs.filter(s => s.group !== 'optimizer').map(entry),
    optimizer: parsed.specs.filter(s => s.group === 'optimizer').map(entry)
  }
  const perModel = references.get(v) ?? new Map<string, Reference>()
  perModel.set(key, ref)
  references.set(v, perModel)
  return ref
}

/** model.json (size-capped before parsing) and its one manifest group checked against weights.bin */
function parse (files: ModelFiles): ParsedFiles {
  if (!(files?.modelJson instanceof Uint8Array) || !(files.weights instanceof Uint8Array)) refuse('a model directory is two byte arrays')
  if (files.modelJson.byteLength > MODEL_JSON_MAX_BYTES) refuse(`model.json has ${files.modelJson.byteLength} bytes; at most ${MODEL_JSON_MAX_BYTES} are accepted`)
  try {
    return parseFiles(files)
  } catch (err) {
    return refuse((err as Error).message)
  }
}

/** Throws ERR_COMPLETION unless `files` is exactly the job's model directory (see the file comment). */
export async function checkState (r: CheckStateRequest): Promise<void> {
  if (r.kind !== 'checkpoint' && r.kind !== 'model') refuse(`unknown kind ${String(r.kind)}`)
  const { json, specs, buffer } = parse(r.files)
  const manifest = json.weightsManifest as Array<{ paths: unknown }>
  if (manifest.length !== 1 || !isDeepStrictEqual(manifest[0]?.paths, [WEIGHTS_FILE])) refuse(`the manifest must be one group in ${WEIGHTS_FILE}`)
  const ref = await reference(r.model, r.spec)
  const weights = specs.filter(s => s.group !== 'optimizer').map(entry)
  const optimizer = specs.filter(s => s.group === 'optimizer').map(entry)
  // model weights first, then the optimizer's, as tfjs writes them: the byte layout is the manifest's
  if (!isDeepStrictEqual(specs.map(entry), [...weights, ...optimizer])) refuse('optimizer entries must follow the model weights')
  if (!isDeepStrictEqual(weights, ref.weights)) refuse(`the weights are ${describe(weights)}; the job's model has ${describe(ref.weights)}`)
  if (r.kind === 'model' && optimizer.length > 0) refuse('a final model carries no optimizer state')
  if (r.kind === 'checkpoint' && !isDeepStrictEqual(optimizer.map(slotEntry), ref.optimizer.map(slotEntry))) refuse(`the optimizer state is ${describe(optimizer)}; the spec's ${r.spec.hyperparameters?.optimizer ?? ''} keeps ${describe(ref.optimizer)}`)
  if (!isDeepStrictEqual(unnamed(json.modelTopology), unnamed(ref.topology))) refuse('the topology in model.json is not the job\'s model')
  let offset = 0
  for (const s of specs) {
    const n = s.shape.reduce((a, b) => a * b, 1)
    if (s.dtype === 'float32') {
      const values = new Float32Array(buffer, offset, n)
      for (let i = 0; i < n; i++) if (!Number.isFinite(values[i])) refuse(`weight ${s.name} holds ${values[i]}`)
    }
    offset += 4 * n
  }
}

/** Whether the model weights of two directories (a final model and the last checkpoint, say) are the same bytes. */
export function sameModelWeights (a: ModelFiles, b: ModelFiles): boolean {
  const weightsOf = (f: ModelFiles): { specs: unknown, bytes: Uint8Array[] } => {
    const { specs, buffer } = parse(f)
    const out: Uint8Array[] = []
    let offset = 0
    for (const s of specs) {
      const size = 4 * s.shape.reduce((x, y) => x * y, 1)
      if (s.group !== 'optimizer') out.push(new Uint8Array(buffer, offset, size))
      offset += size
    }
    return { specs: specs.filter(s => s.group !== 'optimizer').map(entry), bytes: out }
  }
  const x = weightsOf(a)
  const y = weightsOf(b)
  return isDeepStrictEqual(x.specs, y.specs) && x.bytes.every((bytes, i) => Buffer.from(bytes).equals(y.bytes[i] as Uint8Array))
}
