/**
 * Which labels can train which model output — one rule for the coordinator's dataset gate (before
 * any money is locked) and for the training loop and replay (which must never train on labels the
 * gate would have refused). Labels either match the output's shape, or are class indices: one
 * number per sample against a softmax over k > 1 units, trained with sparse categorical
 * cross-entropy. No tfjs here, so the coordinator can ask without loading it.
 */
import type { ValidatedModel } from '../model/types.js'
import type { LabelSummary } from './dataset-format.js'

/** a model output as far as labels care: its per-sample shape and its activation */
export interface OutputInfo { shape: readonly number[], activation: unknown }

/** the model's first output; a Softmax layer counts as a softmax activation */
export function outputOf (v: ValidatedModel): OutputInfo {
  const out = v.nodes.get(v.outputs[0] as string)
  return { shape: (out?.outputShape ?? []).slice(1) as number[], activation: out?.layer === 'Softmax' ? 'softmax' : out?.params.activation }
}

/** class-index labels: one unit per sample against a softmax over k > 1 units (rank 1) */
export function isSparse (labelShape: readonly number[], output: OutputInfo): boolean {
  return output.activation === 'softmax' && labelShape.length === 1 && labelShape[0] === 1 && output.shape.length === 1 && (output.shape[0] ?? 1) > 1
}

const fmt = (s: readonly number[]): string => `[${s.join(', ')}]`

/** why labels of this shape and range cannot train `output`, or undefined when they can */
export function labelsProblem (labelShape: readonly number[], labels: LabelSummary, output: OutputInfo): string | undefined {
  if (isSparse(labelShape, output)) {
    const k = output.shape[0] as number
    // tfjs would one-hot any other value into a row of zeros (or another class) and train on that
    if (!labels.integers || labels.min < 0 || labels.max >= k) {
      return `the labels are class indices for ${k} classes, so each must be an integer in [0, ${k}); they run from ${labels.min} to ${labels.max}${labels.integers ? '' : ' and are not all integers'}`
    }
    return undefined
  }
  if (fmt(labelShape) !== fmt(output.shape)) {
    return `the dataset's labels are ${fmt(labelShape)} per sample; the model's output is ${fmt(output.shape)} (labels must match it, or be one class index per sample for a softmax over more than one unit)`
  }
  const units = labelShape.reduce((a, b) => a * b, 1)
  if (output.activation === 'softmax' && units === 1) return 'a softmax over one unit always outputs 1: nothing can be learned (use a sigmoid for two classes)'
  if ((output.activation === 'sigmoid' || output.activation === 'softmax') && (labels.min < 0 || labels.max > 1)) {
    return `a ${String(output.activation)} output lies in [0, 1] but the labels run from ${labels.min} to ${labels.max}`
  }
  return undefined
}
