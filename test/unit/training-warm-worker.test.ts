/**
 * The spare training worker (warm-worker.ts) with the executor, on real MNIST digits: a job that
 * fits takes the loaded spare and trains exactly as in a cold worker (the same model bytes, after
 * another job in the spare before it would have left tfjs state behind); every job gets a new
 * thread and the used one ends; a job over the spare's heap limit, or one arriving while the
 * spare loads, starts cold and leaves the spare alone; stop ends the spare; and a spare handed
 * something other than a job fails it by name.
 */
import { expect } from 'chai'
import type { Worker } from 'node:worker_threads'
import { RequiredDevice } from '../../protocols/jobs.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import { runTraining, type TrainingEvent, type TrainingJob, type RunTrainingOptions } from '../../src/training/executor.js'
import { WarmWorkers } from '../../src/training/warm-worker.js'

const data = mnistDatasets({ train: 400, test: 20 }).train
const mlp = (units: number): string => JSON.stringify({
  nodes: [
    { id: 'pixels', op: 'Input', params: { shape: [784] } },
    { id: 'hidden', op: 'Dense', params: { units, activation: 'relu' } },
    { id: 'digit', op: 'Dense', params: { units: 10, activation: 'softmax' } }
  ],
  edges: [['pixels', 'hidden'], ['hidden', 'digit']]
})

/** one epoch of Adam on 400 digits; a fresh dataset each time (the executor moves its bytes) */
const job = (units = 32): TrainingJob => ({
  spec: {
    modelHash: '', datasetUri: '', datasetSamples: 400n, requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 1, commitEveryBatches: 0,
    hyperparameters: { epochs: 1, batchSize: 32, learningRate: 0.002, optimizer: 'adam', validationSplit: 0.2, metrics: ['accuracy'] }
  },
  modelDefinition: mlp(units),
  dataset: encodeCyxt(data),
  progressEveryBatches: 5,
  backend: 'wasm',
  seed: 3
})
const FITS = { maxOldGenerationSizeMb: 600 }

async function collect (j: TrainingJob, opts: RunTrainingOptions): Promise<TrainingEvent[]> {
  const events: TrainingEvent[] = []
  for await (const e of runTraining(j, opts)) events.push(e)
  return events
}
const started = (events: TrainingEvent[]): Extract<TrainingEvent, { type: 'started' }> => {
  const e = events[0]
  if (e?.type !== 'started') throw new Error(`expected 'started' first, got ${e?.type}`)
  return e
}
const done = (events: TrainingEvent[]): Extract<TrainingEvent, { type: 'done' }> => {
  const e = events.at(-1)
  if (e?.type !== 'done') throw new Error(`expected 'done' last, got ${JSON.stringify(e?.type === 'failed' ? e : e?.type)}`)
  return e
}
const exited = async (w: Worker): Promise<void> => { await new Promise(resolve => w.once('exit', resolve)) }
const loaded = async (pool: WarmWorkers): Promise<void> => {
  if (!pool.ready) await new Promise(resolve => pool.once('ready', resolve))
}

describe('training: a warm (pre-loaded) worker per job', function () {
  this.timeout(180_000)
  const pools: WarmWorkers[] = []
  const pool = (heapMb = 1024): WarmWorkers => {
    const p = new WarmWorkers({ heapMb, backend: 'wasm' })
    pools.push(p)
    p.start()
    return p
  }
  afterEach(async () => { await Promise.all(pools.splice(0).map(async p => { await p.stop() })) })

  it('runs each job in a new loaded spare, ends it after the job, and trains exactly as a cold worker would', async () => {
    const cold = done(await collect(job(), { resourceLimits: FITS }))
    const warm = pool()
    await loaded(warm)
    const first = warm.worker as Worker
    const firstId = first.threadId
    const firstGone = exited(first)
    // a different model first: were its worker reused, tfjs' layer names and state would carry over
    const one = await collect(job(64), { resourceLimits: FITS, warm })
    expect(started(one).worker).to.deep.equal({ warm: true, threadId: firstId })
    done(one)
    await firstGone
    // the replacement started once the first job trained; the second job waits only for it to load
    await loaded(warm)
    const second = warm.worker as Worker
    const secondId = second.threadId
    const two = await collect(job(), { resourceLimits: FITS, warm })
    expect(started(two).worker).to.deep.equal({ warm: true, threadId: secondId })
    expect(secondId).to.not.equal(firstId)
    const d = done(two)
    expect(d.weightsHash).to.equal(cold.weightsHash)
    expect(Buffer.from(d.model.modelJson).equals(Buffer.from(cold.model.modelJson)), 'model.json as in a cold worker').to.equal(true)
  })

  it('starts a cold worker for a job over the spare\'s heap limit, or while the spare loads, and keeps the spare', async () => {
    const warm = pool(600)
    await loaded(warm)
    const spare = warm.worker
    const big = await collect(job(), { resourceLimits: { maxOldGenerationSizeMb: 601 }, warm })
    expect(started(big).worker?.warm).to.equal(false)
    done(big)
    const noLimit = await collect(job(), { warm })
    expect(started(noLimit).worker?.warm).to.equal(false)
    expect(warm.worker).to.equal(spare)
    expect(warm.ready).to.equal(true)

    const loading = pool()
    expect(loading.ready).to.equal(false)
    const early = await collect(job(), { resourceLimits: FITS, warm: loading })
    expect(started(early).worker?.warm).to.equal(false)
    done(early)
  })

  it('stops a job in a spare within a batch of an abort (the cancel flag is shared with the spare too)', async () => {
    const warm = pool()
    await loaded(warm)
    const ac = new AbortController()
    const events: TrainingEvent[] = []
    for await (const e of runTraining(job(), { resourceLimits: FITS, warm, signal: ac.signal })) {
      events.push(e)
      if (e.type === 'progress') ac.abort()
    }
    expect(started(events).worker?.warm).to.equal(true)
    expect(events.filter(e => e.type === 'progress')).to.have.length(1)
    expect(events.at(-1)).to.deep.include({ type: 'failed', code: 'ERR_CANCELLED' })
  })

  it('replaces a spare that ended on its own at the next job, which runs cold', async () => {
    const warm = pool()
    await loaded(warm)
    const lost = new Promise(resolve => warm.once('lost', resolve))
    await warm.worker?.terminate()
    await lost
    expect(warm.worker).to.equal(undefined)
    const events = await collect(job(), { resourceLimits: FITS, warm })
    expect(started(events).worker?.warm).to.equal(false)
    done(events)
    expect(warm.worker, 'a new spare').to.not.equal(undefined)
    await loaded(warm)
  })

  it('ends the spare on stop and starts no other', async () => {
    const warm = pool()
    const spare = warm.worker as Worker
    const gone = exited(spare)
    await warm.stop()
    await gone
    expect(warm.worker).to.equal(undefined)
    warm.refill()
    expect(warm.worker).to.equal(undefined)
    const events = await collect(job(), { resourceLimits: FITS, warm })
    expect(started(events).worker?.warm).to.equal(false)
  })

  it('fails, by name, a spare handed something other than a job', async () => {
    const warm = pool()
    await loaded(warm)
    const taken = warm.take(FITS)
    if (taken === undefined) throw new Error('no spare to take')
    const reply = new Promise<TrainingEvent>(resolve => taken.worker.once('message', resolve))
    taken.worker.postMessage({ kind: 'cyxwiz-training', job: 'not a job', cancel: new ArrayBuffer(4) })
    const e = await reply
    await taken.worker.terminate()
    expect(e).to.deep.include({ type: 'failed', code: 'ERR_INVALID_JOB' })
  })
})
