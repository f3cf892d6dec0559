/**
 * How a job's model is scored: the objective (loss and accuracy) chosen from the model's output
 * and the labels, and the evaluation of a model on a range of samples in inference mode. The
 * training loop validates with it, and a coordinator scores a returned model on held-out data with
 * exactly the same code.
 *
 * - softmax output of k > 1 units, labels of one unit (a class index per sample, the usual CSV
 *   layout) → sparse categorical cross-entropy, sparse accuracy (argmax against the index);
 * - softmax output, labels of more than one unit → categorical cross-entropy, categorical accuracy;
 * - sigmoid output → binary cross-entropy, binary accuracy (prediction > 0.5);
 * - anything else → mean squared error; accuracy is categorical (argmax) when the labels are
 *   one-hot rows of more than one unit, otherwise there is none (regression).
 */
import * as tf from '@tensorflow/tfjs'
import type { ValidatedModel } from '../model/types.js'
import type { Dataset } from './dataset-format.js'
import { isSparse, outputOf } from './labels.js'
import { batchTensors } from './steps.js'

export interface Objective {
  loss: 'sparseCategoricalCrossentropy' | 'categoricalCrossentropy' | 'binaryCrossentropy' | 'meanSquaredError'
  accuracy: 'sparse' | 'categorical' | 'binary' | null
}

const product = (d: readonly number[]): number => d.reduce((a, b) => a * b, 1)

/** The objective a model and its labels call for (see the file comment). */
export function chooseObjective (v: ValidatedModel, d: Dataset): Objective {
  const output = outputOf(v)
  const act = output.activation
  const units = d.labelShape.at(-1) ?? 1
  if (isSparse(d.labelShape, output)) return { loss: 'sparseCategoricalCrossentropy', accuracy: 'sparse' }
  if (act === 'softmax' && units > 1) return { loss: 'categoricalCrossentropy', accuracy: 'categorical' }
  if (act === 'sigmoid') return { loss: 'binaryCrossentropy', accuracy: 'binary' }
  let oneHot = units > 1
  for (let r = 0; oneHot && r < d.labels.length; r += units) {
    let sum = 0
    for (let i = r; i < r + units; i++) { const y = d.labels[i] as number; sum += y; if (y !== 0 && y !== 1) oneHot = false }
    if (sum !== 1) oneHot = false
  }
  return { loss: 'meanSquaredError', accuracy: oneHot ? 'categorical' : null }
}

/**
 * Loss, accuracy (exact count), mse / mae and precision / recall of the current weights on samples
 * [from, to), inference mode, in batches.
 */
export async function evaluate (model: tf.LayersModel, d: Dataset, from: number, to: number, o: Objective, want: ReadonlySet<string>, batch: number): Promise<Record<string, number>> {
  const s = { loss: 0, lossN: 0, hit: 0, hitN: 0, se: 0, ae: 0, errN: 0 }
  // class-index labels count classes by the model's output units, one-hot labels by their own
  const sparse = o.accuracy === 'sparse'
  const classes = sparse ? (model.outputs[0]?.shape.at(-1) ?? 1) : o.accuracy === 'categorical' ? d.labelShape.at(-1) ?? 1 : 1
  const categorical = sparse || o.accuracy === 'categorical'
  const tp = new Float64Array(classes); const predicted = new Float64Array(classes); const actual = new Float64Array(classes)
  const pr = o.accuracy !== null && (want.has('precision') || want.has('recall'))
  for (let a = from; a < to; a += batch) {
    const b = Math.min(to, a + batch)
    const parts = tf.tidy(() => {
      const [x, labels] = batchTensors(d, a, b)
      const p = model.predict(x) as tf.Tensor
      // class indices become one-hot rows: the loss is then the sparse loss training minimises
      // (tfjs computes that one the same way), and argmax compares against the index
      const y = sparse ? tf.oneHot(labels.reshape([-1]).toInt(), classes) : labels
      const lossT = o.loss === 'categoricalCrossentropy' || sparse ? tf.metrics.categoricalCrossentropy(y, p) : o.loss === 'binaryCrossentropy' ? tf.metrics.binaryCrossentropy(y, p) : tf.metrics.meanSquaredError(y, p)
      const t: tf.Tensor[] = [lossT.sum(), tf.scalar(lossT.size), tf.sub(p, y).square().sum(), tf.sub(p, y).abs().sum()]
      if (o.accuracy === null) return t
      const yHard = categorical ? tf.oneHot(tf.argMax(y, -1), classes) : tf.greaterEqual(y, 0.5).toFloat()
      const pHard = categorical ? tf.oneHot(tf.argMax(p, -1), classes) : tf.greater(p, 0.5).toFloat()
      const hits = categorical ? tf.equal(tf.argMax(y, -1), tf.argMax(p, -1)) : tf.equal(yHard, pHard)
      const perClass = (q: tf.Tensor): tf.Tensor => q.reshape([-1, classes]).sum(0)
      return [...t, hits.toFloat().sum(), tf.scalar(hits.size), perClass(yHard.mul(pHard)), perClass(pHard), perClass(yHard)]
    })
    const v = await Promise.all(parts.map(async t => await t.data()))
    tf.dispose(parts)
    const n = (i: number): number => (v[i]?.[0] ?? 0)
    s.loss += n(0); s.lossN += n(1); s.se += n(2); s.ae += n(3); s.errN += (b - a) * (sparse ? classes : product(d.labelShape))
    if (o.accuracy !== null) {
      s.hit += n(4); s.hitN += n(5)
      const add = (into: Float64Array, from: ArrayLike<number> | undefined): void => { for (let c = 0; c < classes; c++) into[c] = (into[c] as number) + (from?.[c] ?? 0) }
      add(tp, v[6]); add(predicted, v[7]); add(actual, v[8])
    }
  }
  const m: Record<string, number> = { loss: s.loss / s.lossN }
  if (o.accuracy !== null) m.accuracy = s.hit / s.hitN
  if (want.has('mse')) m.mse = s.se / s.errN
  if (want.has('mae')) m.mae = s.ae / s.errN
  if (pr) {
    const macro = (den: Float64Array): number => {
      const per = [...tp].map((t, c) => [t, den[c] as number]).filter(([, q]) => (q as number) > 0)
      return per.length === 0 ? 0 : per.reduce((acc, [t, q]) => acc + (t as number) / (q as number), 0) / per.length
    }
    if (want.has('precision')) m.precision = macro(predicted)
    if (want.has('recall')) m.recall = macro(actual)
  }
  return m
}
