/**
 * Chooses and loads the tfjs backend a training run uses, best first: tensorflow-gpu, tensorflow
 * (the native packages, only when their compiled binding is on disk — see backends.ts), wasm,
 * cpu. Each candidate is really loaded and initialised; one that fails falls through to the next,
 * and the answer is the backend that is running afterwards, never the one that was hoped for.
 *
 * tfjs-node-gpu without a usable CUDA silently runs TensorFlow on the CPU: after loading
 * it, the backend is asked whether it drives a GPU. If not, that native CPU backend is kept and
 * reported as 'tensorflow' — it is exactly what the next candidate would have loaded (both packages
 * register the backend under the name 'tensorflow', so only one of them can be in a process).
 *
 * wasm needs its .wasm files (given as a file path prefix into the package's dist directory; in
 * Node the backend reads them from disk) and the gradient kernels tfjs 4.22 lacks for Conv2D and
 * gets wrong for MaxPool (wasm-gradients.ts).
 */
import { createRequire } from 'node:module'
import { dirname, join, sep } from 'node:path'
import * as tf from '@tensorflow/tfjs'
import { CyxwizError } from '../errors.js'
import { detectBackends, type Backend } from './backends.js'
// note: this (through BackendWasm) registers wasm as tfjs' preferred backend on import, so a
// process that loads this file must choose a backend (pickBackend, tf.setBackend) before tensors
import { registerWasmGradientKernels } from './wasm-gradients.js'

/** Every backend, best first. */
export const BACKEND_ORDER: readonly Backend[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu']

const NATIVE_PACKAGES: Readonly<Record<'tensorflow-gpu' | 'tensorflow', string>> = {
  'tensorflow-gpu': '@tensorflow/tfjs-node-gpu',
  tensorflow: '@tensorflow/tfjs-node'
}

const require = createRequire(import.meta.url)

export interface PickResult {
  backend: Backend
  /** why each better candidate was skipped, for logs */
  skipped: Array<{ backend: Backend, reason: string }>
}

/** What tfjs-node's backend says about its device: a boolean field in 4.x, a method in some builds. */
function usesGpu (): boolean {
  const b = tf.backend() as unknown as { isUsingGpuDevice?: unknown }
  const v = b.isUsingGpuDevice
  if (typeof v === 'function') return (v as () => unknown).call(b) === true
  return v === true
}

async function loadNative (pkg: string): Promise<void> {
  // a variable specifier: the packages are optional and absent from the type check
  const specifier: string = pkg
  await import(specifier)
  if (!await tf.setBackend('tensorflow')) throw new Error(`${pkg} loaded but its backend did not initialise`)
}

async function loadWasm (): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm')
  if (tf.findBackend('wasm') == null) {
    // a path prefix, not a file:// URL: in Node the emscripten loader reads the file with fs
    wasm.setWasmPaths(join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + sep)
  }
  if (!await tf.setBackend('wasm')) throw new Error('the wasm backend did not initialise')
  registerWasmGradientKernels()
}

/** Tries one candidate; returns the backend now running, or throws why it cannot be used. */
async function tryBackend (b: Backend): Promise<Backend> {
  switch (b) {
    case 'tensorflow-gpu':
      await loadNative(NATIVE_PACKAGES[b])
      return usesGpu() ? 'tensorflow-gpu' : 'tensorflow'
    case 'tensorflow':
      if (tf.findBackend('tensorflow') == null) await loadNative(NATIVE_PACKAGES[b])
      else if (!await tf.setBackend('tensorflow')) throw new Error('the tensorflow backend did not initialise')
      return usesGpu() ? 'tensorflow-gpu' : 'tensorflow'
    case 'wasm':
      await loadWasm()
      return 'wasm'
    case 'cpu':
      if (!await tf.setBackend('cpu')) throw new Error('the cpu backend did not initialise')
      return 'cpu'
  }
}

/**
 * Loads the best backend at or below `prefer` in BACKEND_ORDER (all of them without `prefer`) and
 * says which one runs, with the reasons the better ones were skipped. Throws ERR_BACKEND only when
 * even cpu fails, which means tfjs itself is broken.
 */
export async function pickBackendDetailed (prefer?: Backend, available: readonly Backend[] = detectBackends()): Promise<PickResult> {
  const start = prefer === undefined ? 0 : Math.max(0, BACKEND_ORDER.indexOf(prefer))
  const skipped: PickResult['skipped'] = []
  for (const b of BACKEND_ORDER.slice(start)) {
    if (b !== 'cpu' && !available.includes(b)) {
      skipped.push({ backend: b, reason: 'not installed' })
      continue
    }
    try {
      const running = await tryBackend(b)
      if (b === 'tensorflow-gpu' && running !== 'tensorflow-gpu') skipped.push({ backend: b, reason: 'no GPU device in use (CUDA/cuDNN missing?)' })
      return { backend: running, skipped }
    } catch (err) {
      skipped.push({ backend: b, reason: (err as Error).message })
    }
  }
  throw new CyxwizError('ERR_BACKEND', `no tfjs backend could be loaded: ${skipped.map(s => `${s.backend}: ${s.reason}`).join('; ')}`)
}

/** The backend actually running after trying `prefer` and everything below it (see pickBackendDetailed). */
export async function pickBackend (prefer?: Backend): Promise<Backend> {
  return (await pickBackendDetailed(prefer)).backend
}
