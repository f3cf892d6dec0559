/**
 * The checking worker thread (see checker.ts): replays segments, checks handed-in model
 * directories and evaluates models off the coordinator's event loop. Requests come one at a time
 * in the order posted and are answered by id; an error goes back with its code. tfjs and the
 * backend load on the first request.
 *
 * Caches: parsed model definitions (a few, by their text, so check-state.ts' per-model reference
 * survives between requests) and decoded datasets (the last two keys). On a dataset miss the worker
 * asks the main thread for the bytes under the request's id and waits for them.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { CyxwizError } from '../errors.js'
import { parseModel, type ValidatedModel } from '../model/index.js'
import type { Backend } from './backends.js'
import type { CheckerAnswer, CheckerInput, CheckerRequest, DatasetReply } from './checker.js'
import { decodeDataset, type Dataset } from './dataset-format.js'
import type { ModelFiles } from './model-files.js'
import { errorToWire } from './worker-thread.js'

const MODELS_KEPT = 4
const DATASETS_KEPT = 2

/** A small least-recently-used map: a hit moves the key to the back, an insert drops the front. */
class Lru<V> {
  private readonly map = new Map<string, V>()
  constructor (private readonly size: number) {}
  get (key: string): V | undefined {
    const v = this.map.get(key)
    if (v !== undefined) { this.map.delete(key); this.map.set(key, v) }
    return v
  }

  set (key: string, v: V): void {
    this.map.delete(key)
    this.map.set(key, v)
    while (this.map.size > this.size) this.map.delete(this.map.keys().next().value as string)
  }
}

const input = workerData as CheckerInput | undefined
const models = new Lru<ValidatedModel>(MODELS_KEPT)
const datasets = new Lru<Dataset>(DATASETS_KEPT)
const waiting = new Map<number, (r: DatasetReply) => void>()
let ready: Promise<Backend> | undefined

async function backend (): Promise<Backend> {
  ready ??= (async () => {
    const [tf, { pickBackend }] = await Promise.all([import('@tensorflow/tfjs'), import('./backend-picker.js')])
    tf.enableProdMode()
    return await pickBackend(input?.backend)
  })()
  return await ready
}

function modelOf (definition: unknown): ValidatedModel {
  if (typeof definition !== 'string') throw new CyxwizError('ERR_INVALID_JOB', 'the model definition is not text')
  let v = models.get(definition)
  if (v === undefined) { v = parseModel(definition); models.set(definition, v) }
  return v
}

async function datasetOf (id: number, key: string): Promise<Dataset> {
  const hit = datasets.get(key)
  if (hit !== undefined) return hit
  const reply = await new Promise<DatasetReply>(resolve => {
    waiting.set(id, resolve)
    parentPort?.postMessage({ type: 'need-dataset', id, key } satisfies CheckerAnswer)
  })
  if (reply.error !== undefined) throw new CyxwizError(reply.error.code, reply.error.message)
  const d = decodeDataset(reply.bytes ?? new Uint8Array(0))
  datasets.set(key, d)
  return d
}

const isFiles = (f: unknown): f is ModelFiles => typeof f === 'object' && f !== null &&
  (f as ModelFiles).modelJson instanceof Uint8Array && (f as ModelFiles).weights instanceof Uint8Array

async function handle (r: CheckerRequest): Promise<unknown> {
  const [{ checkState, sameModelWeights }, replay, steps, evaluation, files] = await Promise.all([
    import('./check-state.js'), import('./replay.js'), import('./steps.js'), import('./evaluate.js'), import('./model-files.js')
  ])
  const running = await backend()
  const t0 = performance.now()
  switch (r.op) {
    case 'checkState':
      await checkState({ model: modelOf(r.modelDefinition), spec: r.spec, files: r.files, kind: r.kind })
      return null
    case 'sameModelWeights':
      return sameModelWeights(r.a, r.b)
    case 'replay': {
      const v = modelOf(r.modelDefinition)
      const d = await datasetOf(r.id, r.datasetKey)
      if (!isFiles(r.claimed) || (r.start !== undefined && !isFiles(r.start))) throw new CyxwizError('ERR_COMPLETION', 'a state is not two byte arrays')
      const end = await replay.replaySegment({ model: v, dataset: d, spec: r.spec, start: r.start, from: r.from, to: r.to })
      const start = r.start ?? await replay.initialState(v, r.spec, d)
      const h = steps.checkHyperparameters(r.spec)
      const seg = replay.segmentOf(r.from, r.to, steps.splitOf(h, d.samples).perEpoch, h.epochs)
      return { ...replay.deviation(start, r.claimed, end), batches: seg.last - seg.first, ms: performance.now() - t0, backend: running }
    }
    case 'evaluate': {
      const v = modelOf(r.modelDefinition)
      const d = decodeDataset(r.dataset)
      steps.checkShapes(v, d)
      const h = steps.checkHyperparameters(r.spec)
      const objective = evaluation.chooseObjective(v, d)
      const { buildModel } = await import('./build-model.js')
      const model = buildModel(v, { seed: 0 })
      try {
        await files.restoreCheckpoint(model, r.model).catch((err: Error) => { throw new CyxwizError('ERR_COMPLETION', `the model does not fit the job's: ${err.message}`) })
        const m = await evaluation.evaluate(model, d, 0, d.samples, objective, new Set(h.metrics), h.batchSize)
        return { samples: d.samples, loss: m.loss, ...(m.accuracy === undefined ? {} : { accuracy: m.accuracy }), ms: performance.now() - t0, backend: running }
      } finally {
        model.dispose()
      }
    }
  }
}

let queue = Promise.resolve()
if (input?.kind === 'cyxwiz-checker') parentPort?.on('message', (m: CheckerRequest | DatasetReply) => {
  if (m.op === 'dataset') {
    const resolve = waiting.get(m.id)
    waiting.delete(m.id)
    resolve?.(m)
    return
  }
  queue = queue.then(async () => {
    try {
      parentPort?.postMessage({ type: 'answer', id: m.id, ok: true, value: await handle(m) } satisfies CheckerAnswer)
    } catch (err) {
      parentPort?.postMessage({ type: 'answer', id: m.id, ok: false, error: errorToWire(err, 'ERR_TRAINING') } satisfies CheckerAnswer)
    }
  })
})
