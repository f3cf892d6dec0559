/**
 * Which tfjs training backends this machine can load, best first. A native package is counted only
 * when its compiled binding is on disk (importing one without it registers ~150 kernels and
 * then throws, and its install fails on machines that cannot download libtensorflow).
 * Whether tensorflow-gpu really drives a GPU is checked by the executor when it loads it.
 */
import { createRequire } from 'node:module'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'

export type Backend = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu'

const require = createRequire(import.meta.url)

function packageDir (name: string): string | undefined {
  try {
    return dirname(require.resolve(`${name}/package.json`))
  } catch {
    return undefined
  }
}

function hasNativeBinding (name: string): boolean {
  const dir = packageDir(name)
  if (dir == null) return false
  const lib = join(dir, 'lib')
  if (!existsSync(lib)) return false
  return readdirSync(lib).some(d => d.startsWith('napi-v') && existsSync(join(lib, d, 'tfjs_binding.node')))
}

/** The backends present on this machine, in order of preference. */
export function detectBackends (): Backend[] {
  const out: Backend[] = []
  if (hasNativeBinding('@tensorflow/tfjs-node-gpu')) out.push('tensorflow-gpu')
  if (hasNativeBinding('@tensorflow/tfjs-node')) out.push('tensorflow')
  if (packageDir('@tensorflow/tfjs-backend-wasm') != null) out.push('wasm')
  if (packageDir('@tensorflow/tfjs') != null) out.push('cpu')
  return out
}
