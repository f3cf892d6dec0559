/**
 * Data-parallel training on the wasm backend, measured for bench:training: k worker threads
 * (data-parallel-worker.ts) training one model synchronously, each on its rows of every batch,
 * against one worker running today's `trainStep`, in the same process and run.
 *
 * Time = from 'go' (every worker set up: backend, model, dataset) until every worker is done, so
 * thread start-up is left out of both; samples = epochs × training rows.
 */
import { Worker } from 'node:worker_threads'
import { deviation } from '../../src/training/replay.js'
import { workerEntry } from '../../src/training/worker-thread.js'
import type { Dataset } from '../../src/training/dataset-format.js'
import type { ModelFiles } from '../../src/training/model-files.js'
import type { TrainingSpec } from '../../src/training/spec.js'
import type { DpWorkerData } from './data-parallel-worker.js'

export interface ParallelRun {
  k: number
  mode: 'step' | 'dp'
  samplesPerSec: number
  trainMs: number
  loss: number
  /** each worker's thread CPU time while training */
  cpuMs: number[]
  /** each worker's time blocked at the barrier */
  waitMs: number[]
  /** worker 0's thread CPU in gradients and in the update ('dp' only) */
  gradMs: number
  updateMs: number
  /** worker 0's thread CPU while at the barrier */
  barrierCpuMs: number
  /** samples ÷ the busiest worker's CPU time: the throughput with a core to each worker and nothing else running */
  cpuBoundSamplesPerSec: number
  /** the model's weights before and after training (worker 0's) */
  start: ModelFiles
  final: ModelFiles
}

type Msg = { type: 'ready' } | { type: 'done', loss: number, cpuMs: number, waitMs: number, gradMs: number, updateMs: number, barrierCpuMs: number, start?: ModelFiles, final?: ModelFiles } | { type: 'error', message: string }

/** trains `definition` on `dataset` with k workers ('dp') or one worker running trainStep ('step') */
export async function trainParallel (definition: string, dataset: Dataset, spec: TrainingSpec, k: number, mode: 'step' | 'dp', params: number): Promise<ParallelRun> {
  // the loss shares are summed: a 'loss' of 'step' is the last batch's, of 'dp' the sum of its slices'
  const n = mode === 'step' ? 1 : k
  const grads = new SharedArrayBuffer(2 * n * params * 4)
  const barrier = new SharedArrayBuffer(8)
  const workers = Array.from({ length: n }, (_, rank) => {
    const data: DpWorkerData = { mode, rank, k: n, definition, dataset, spec, seed: 1, grads, barrier }
    return new Worker(workerEntry(import.meta.url, 'data-parallel-worker'), { workerData: data, execArgv: [] })
  })
  try {
    const next = (wk: Worker): Promise<Msg> => new Promise((resolve, reject) => {
      const onExit = (code: number): void => { reject(new Error(`data-parallel worker exited (${code})`)) }
      wk.once('exit', onExit)
      wk.once('error', reject)
      wk.once('message', (m: Msg) => {
        wk.off('exit', onExit)
        wk.off('error', reject)
        if (m.type === 'error') reject(new Error(m.message))
        else resolve(m)
      })
    })
    await Promise.all(workers.map(next))
    const finished = workers.map(next)
    const t0 = performance.now()
    for (const wk of workers) wk.postMessage('go')
    const results = await Promise.all(finished)
    const trainMs = performance.now() - t0
    const samples = Number(spec.datasetSamples) * (spec.hyperparameters?.epochs ?? Number.NaN)
    const done = results as Array<Extract<Msg, { type: 'done' }>>
    const { start, final, gradMs, updateMs, barrierCpuMs } = done[0] as Extract<Msg, { type: 'done' }>
    if (start === undefined || final === undefined) throw new Error('worker 0 sent no weights')
    const cpuMs = done.map(r => r.cpuMs)
    return {
      k: n, mode, samplesPerSec: samples / (trainMs / 1000), trainMs, loss: done.reduce((a, r) => a + r.loss, 0),
      cpuMs, waitMs: done.map(r => r.waitMs), cpuBoundSamplesPerSec: samples / (Math.max(...cpuMs) / 1000), gradMs, updateMs, barrierCpuMs, start, final
    }
  } finally {
    await Promise.all(workers.map(async wk => await wk.terminate()))
  }
}

export interface ParallelCase {
  model: string
  samples: number
  /** the fastest run of each mode */
  one: ParallelRun
  many: ParallelRun
  /** k workers' samples/s ÷ one worker's, each round's pair (run one after the other, under the same load) */
  perRound: number[]
}

/** the fastest of each mode per model and size, from every round's runs (a round's 'step' run comes just before its 'dp' run) */
export function fastestCases (runs: ReadonlyArray<{ model: string, samples: number, run: ParallelRun }>): ParallelCase[] {
  const out = new Map<string, ParallelCase & { last: ParallelRun | undefined }>()
  for (const r of runs) {
    const key = `${r.model}×${r.samples}`
    const c = out.get(key) ?? { model: r.model, samples: r.samples, one: r.run, many: r.run, perRound: [], last: undefined as ParallelRun | undefined }
    if (r.run.mode === 'step' && (c.one.mode !== 'step' || r.run.samplesPerSec > c.one.samplesPerSec)) c.one = r.run
    if (r.run.mode === 'dp' && (c.many.mode !== 'dp' || r.run.samplesPerSec > c.many.samplesPerSec)) c.many = r.run
    if (r.run.mode === 'dp' && c.last?.mode === 'step') c.perRound.push(r.run.samplesPerSec / c.last.samplesPerSec)
    c.last = r.run
    out.set(key, c)
  }
  return [...out.values()].filter(c => c.one.mode === 'step' && c.many.mode === 'dp')
}

/**
 * Prints the cases: samples/s of one worker and of k, their ratio, the same for the CPU-bound
 * figure (what k idle cores would give: samples ÷ the busiest worker's thread CPU time), the
 * workers' share of wall time blocked at the barrier, and how far the k-worker weights are from
 * the one-worker weights relative to how far training moved them (replay.ts' `deviation`, which
 * the coordinator holds under REPLAY_TOLERANCE). `torch` gives PyTorch's samples/s for a case.
 */
export function reportParallel (cases: readonly ParallelCase[], torch: (model: string, samples: number) => number | undefined): void {
  if (cases.length === 0) return
  const k = cases[0]?.many.k ?? 0
  console.log(`\ndata-parallel on wasm: 1 worker (trainStep) vs ${k} workers (each its rows of every batch, gradients summed over a SharedArrayBuffer, the same Adam update in each)`)
  console.table(cases.map(c => {
    const t = torch(c.model, c.samples)
    const wait = c.many.waitMs.reduce((a, b) => a + b, 0) / (c.many.waitMs.length * c.many.trainMs)
    return {
      model: c.model,
      samples: c.samples,
      '1 worker samples/s': c.one.samplesPerSec.toFixed(0),
      [`${k} workers samples/s`]: c.many.samplesPerSec.toFixed(0),
      [`${k} ÷ 1`]: (c.many.samplesPerSec / c.one.samplesPerSec).toFixed(2),
      [`${k} ÷ 1 per round`]: c.perRound.map(r => r.toFixed(2)).join(' '),
      '1 worker CPU-bound': c.one.cpuBoundSamplesPerSec.toFixed(0),
      [`${k} workers CPU-bound`]: c.many.cpuBoundSamplesPerSec.toFixed(0),
      [`CPU-bound ${k} ÷ 1`]: (c.many.cpuBoundSamplesPerSec / c.one.cpuBoundSamplesPerSec).toFixed(2),
      'barrier wait %': (100 * wait).toFixed(0),
      'weights vs 1 worker': deviation(c.one.start, c.many.final, c.one.final).ratio.toExponential(1),
      ...(t === undefined ? {} : { [`${k} workers ÷ torch`]: (c.many.samplesPerSec / t).toFixed(2), '1 worker ÷ torch': (c.one.samplesPerSec / t).toFixed(2) })
    }
  }))
  console.log('CPU-bound = samples ÷ the busiest worker\'s thread CPU time; weights vs 1 worker = replay.ts deviation (honest < 1e-2)')
}
