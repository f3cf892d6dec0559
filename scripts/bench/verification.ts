/**
 * Benchmark (not a test): calibration and cost of proof-of-learning replay. On real MNIST digits,
 * the demo's MLP (test/fixtures/jobs/mlp.json) and the small CNN (cnn.json) train honestly with
 * state commitments on wasm and on cpu; every committed segment is then replayed on the same and
 * on the other backend, and the deviation ratios (replay.ts) are printed as max / median. Cheats
 * are replayed against honest replays: no update (the start handed in again), half the steps,
 * other data (labels shuffled among the digits), and an earlier state (the one before the start).
 * The tolerance must sit between the honest maximum and the cheats' minimum with a wide margin.
 *
 * Cost, for a coordinator that checks 10% of a job's segments at random (in expectation a tenth
 * of replaying them all): replayed batches / total batches, and replay ms / training ms on the
 * training backend (a replay also builds the model and restores its start, which training does
 * once).
 * Commitment overhead: the MLP's wasm training time with and without commitments.
 *
 * Runs in-process, one backend at a time (the Checker's worker adds only message passing).
 *
 *   npm run bench:verification -- --mlp-samples 2000 --cnn-samples 512
 */
import { readFile } from 'node:fs/promises'
import { Command } from 'commander'
import * as tf from '@tensorflow/tfjs'
import { parseModel, type ValidatedModel } from '../../src/model/index.js'
import { pickBackend } from '../../src/training/backend-picker.js'
import type { Dataset } from '../../src/training/dataset-format.js'
import { trainLoop } from '../../src/training/loop.js'
import { mnistDatasets } from '../../src/training/mnist.js'
import type { ModelFiles } from '../../src/training/model-files.js'
import { mulberry32 } from '../../src/random.js'
import { deviation, initialState, replaySegment, REPLAY_TOLERANCE } from '../../src/training/replay.js'
import { commitPositions, type Position, type TrainingSpec } from '../../src/training/spec.js'
import { RequiredDevice } from '../../protocols/jobs.js'

const opts = new Command()
  .option('--mlp-samples <n>', 'training digits for the MLP', '2000')
  .option('--cnn-samples <n>', 'training digits for the CNN (cpu trains it slowly)', '512')
  .option('--epochs <n>', 'epochs per run', '2')
  .option('--commit-every <n>', 'batches between commitments', '10')
  .parse().opts<{ mlpSamples: string, cnnSamples: string, epochs: string, commitEvery: string }>()
const int = (s: string, min: number): number => Math.max(min, Number.parseInt(s, 10) || min)

type Backend = 'wasm' | 'cpu'
const BACKENDS: readonly Backend[] = ['wasm', 'cpu']
const other = (b: Backend): Backend => b === 'wasm' ? 'cpu' : 'wasm'
const key = (p: Position): string => `${p.epoch}.${p.batch}`

interface Run { states: Map<string, ModelFiles>, trainMs: number }
interface Segment { from: Position, to: Position }

function shuffledLabels (d: Dataset): Dataset {
  const labels = new Float32Array(d.labels.length)
  const random = mulberry32(99)
  const order = Array.from({ length: d.samples }, (_, i) => i).sort(() => random() - 0.5)
  order.forEach((j, i) => { labels.set(d.labels.subarray(j * 10, (j + 1) * 10), i * 10) })
  return { ...d, labels }
}

async function train (v: ValidatedModel, d: Dataset, spec: TrainingSpec, backend: Backend): Promise<Run> {
  await tf.setBackend(backend)
  const states = new Map<string, ModelFiles>([['1.0', await initialState(v, spec, d)]])
  const t0 = performance.now()
  const r = await trainLoop(v, d, { spec, progressEveryBatches: 1 << 20 }, {
    onState: s => { states.set(key(s), s.state) },
    onEpoch: e => { states.set(key({ epoch: e.epoch + 1, batch: 0 }), e.checkpoint) }
  })
  if (!r.ok) throw new Error(`training failed: ${r.message}`)
  return { states, trainMs: performance.now() - t0 }
}

/** the segments of a run: consecutive committed positions, an epoch's end written as the next epoch's start */
function segmentsOf (spec: TrainingSpec, perEpoch: number): Segment[] {
  const positions = [{ epoch: 1, batch: 0 }, ...commitPositions(spec, 0).map(p => p.batch === perEpoch ? { epoch: p.epoch + 1, batch: 0 } : p)]
  return positions.slice(1).map((to, i) => ({ from: positions[i] as Position, to: to.batch === 0 ? { epoch: to.epoch - 1, batch: perEpoch } : to }))
}

const norm = (p: Position, perEpoch: number): string => key(p.batch === perEpoch ? { epoch: p.epoch + 1, batch: 0 } : p)
const stat = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b)
  return `max ${(s.at(-1) ?? NaN).toExponential(2)}  median ${(s[Math.floor(s.length / 2)] ?? NaN).toExponential(2)}  min ${(s[0] ?? NaN).toExponential(2)}  (n=${s.length})`
}

async function main (): Promise<void> {
  await pickBackend('wasm')
  const epochs = int(opts.epochs, 1)
  const every = int(opts.commitEvery, 1)
  const honestSame: number[] = []
  const honestCross: number[] = []
  const cheats: Record<string, number[]> = { 'no update': [], 'half the steps': [], 'other data': [], 'an earlier state': [] }
  for (const [name, file, shape, samples] of [['mlp', 'mlp.json', 'flat', int(opts.mlpSamples, 64)], ['cnn', 'cnn.json', 'image', int(opts.cnnSamples, 64)]] as const) {
    const v = parseModel(await readFile(new URL(`../../test/fixtures/jobs/${file}`, import.meta.url), 'utf8'))
    const { train: d } = mnistDatasets({ train: samples, test: 20, shape })
    const spec: TrainingSpec = {
      modelHash: '', datasetUri: '', datasetSamples: BigInt(d.samples), requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, seed: 7, commitEveryBatches: every,
      hyperparameters: { epochs, batchSize: 32, learningRate: 0.002, optimizer: 'adam', validationSplit: 0, metrics: ['accuracy'] }
    }
    const perEpoch = Math.ceil(d.samples / 32)
    const segments = segmentsOf(spec, perEpoch)
    const other_ = shuffledLabels(d)
    for (const trainedOn of BACKENDS) {
      const run = await train(v, d, spec, trainedOn)
      const state = (p: Position): ModelFiles => run.states.get(norm(p, perEpoch)) as ModelFiles
      const replayMs: number[] = []
      for (const on of [trainedOn, other(trainedOn)]) {
        await tf.setBackend(on)
        for (const [i, s] of segments.entries()) {
          const start = s.from.epoch === 1 && s.from.batch === 0 ? undefined : state(s.from)
          const t0 = performance.now()
          const replayed = await replaySegment({ model: v, dataset: d, spec, start, from: s.from, to: s.to })
          if (on === trainedOn) replayMs.push(performance.now() - t0)
          const base = state(s.from)
          const ratio = deviation(base, state(s.to), replayed).ratio;
          (on === trainedOn ? honestSame : honestCross).push(ratio)
          // cheats on every other segment, against the replay on the other backend (the checker's)
          if (on === trainedOn || i % 2 !== 0) continue
          cheats['no update']?.push(deviation(base, base, replayed).ratio)
          const half = { epoch: s.to.epoch, batch: (s.from.batch === perEpoch ? 0 : s.from.batch) + Math.floor((s.to.batch - (s.from.batch === perEpoch ? 0 : s.from.batch)) / 2) }
          if (half.batch > (s.from.batch === perEpoch ? 0 : s.from.batch)) cheats['half the steps']?.push(deviation(base, await replaySegment({ model: v, dataset: d, spec, start, from: s.from, to: half }), replayed).ratio)
          cheats['other data']?.push(deviation(base, await replaySegment({ model: v, dataset: other_, spec, start, from: s.from, to: s.to }), replayed).ratio)
          if (i > 0) cheats['an earlier state']?.push(deviation(base, state((segments[i - 1] as Segment).from), replayed).ratio)
        }
      }
      // a coordinator checking 10% of the segments at random replays, in expectation, 10% of all of them
      const all = replayMs.reduce((a, b) => a + b, 0)
      const batches = epochs * perEpoch
      console.log(`${name} trained on ${trainedOn}: ${segments.length} segments, ${batches} batches, training ${run.trainMs.toFixed(0)} ms, replaying every segment ${all.toFixed(0)} ms; ` +
        `checking 10% of the segments: ${(0.1 * batches).toFixed(1)}/${batches} batches = 10%, replay ${(0.1 * all).toFixed(0)} ms = ${(10 * all / run.trainMs).toFixed(1)}% of training`)
    }
    if (name === 'mlp') {
      await tf.setBackend('wasm')
      const t0 = performance.now()
      const r = await trainLoop(v, d, { spec: { ...spec, commitEveryBatches: 0 }, progressEveryBatches: 1 << 20 })
      if (!r.ok) throw new Error(r.message)
      const plain = performance.now() - t0
      const withCommits = (await train(v, d, spec, 'wasm')).trainMs
      console.log(`mlp on wasm: training ${plain.toFixed(0)} ms without commitments, ${withCommits.toFixed(0)} ms with one every ${every} batches (${(100 * (withCommits / plain - 1)).toFixed(1)}% overhead)`)
    }
  }
  console.log(`\nhonest, same backend:  ${stat(honestSame)}`)
  console.log(`honest, cross backend: ${stat(honestCross)}`)
  for (const [what, xs] of Object.entries(cheats)) console.log(`cheat, ${what}: ${' '.repeat(Math.max(0, 16 - what.length))}${stat(xs)}`)
  const honestMax = Math.max(...honestSame, ...honestCross)
  const cheatMin = Math.min(...Object.values(cheats).flat())
  console.log(`\nhonest max ${honestMax.toExponential(2)}, cheat min ${cheatMin.toExponential(2)}, REPLAY_TOLERANCE ${REPLAY_TOLERANCE}: ` +
    `${(REPLAY_TOLERANCE / honestMax).toFixed(0)}× above honest, ${(cheatMin / REPLAY_TOLERANCE).toFixed(0)}× below cheats`)
}

await main()
