/**
 * Plumbing the two worker threads of this directory share — the training worker (executor.ts →
 * worker.ts) and the checking worker (checker.ts → check-worker.ts): how a worker's entry module
 * is found, which buffers a message may move, and how a named error crosses the thread boundary.
 *
 * The workers are TypeScript. A Worker inherits neither a programmatic tsx registration
 * (bin/cyxwiz.js) nor reliably the parent's loader flags, so when the caller runs as .ts the worker
 * starts from a small data: URL module that loads tsx's loader itself and then imports the
 * worker's .ts file; callers empty `execArgv` because some flags (V8 ones such as --expose-gc) are
 * refused by Worker. This works the same under mocha --import tsx, `node --import tsx script.ts`
 * and the CLI. Compiled, the entry is simply the sibling .js file.
 */
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { CyxwizError, type ErrorCode } from '../errors.js'
import type { ModelFiles } from './model-files.js'

/**
 * The entry of worker `name` (a file name without extension, next to the file whose
 * `import.meta.url` is `here`): `name`.js when compiled, else a data: module registering tsx for
 * `name`.ts.
 */
export function workerEntry (here: string, name: string): URL {
  if (!here.endsWith('.ts')) return new URL(`./${name}.js`, here)
  const entry = new URL(`./${name}.ts`, here).href
  // tsx's main entry is what `--import tsx` loads: it registers the loader hooks for this thread.
  // (createRequire, not import.meta.resolve: under mocha tsx compiles the caller to CommonJS.)
  const tsx = pathToFileURL(createRequire(here).resolve('tsx')).href
  const code = `await import(${JSON.stringify(tsx)})\nawait import(${JSON.stringify(entry)})\n`
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`)
}

/**
 * The buffers of these model directories that a postMessage may move: each whole, distinct
 * ArrayBuffer once. A view into a larger buffer (a pooled Buffer) is left out, so it is copied
 * and nothing else the sender holds is detached.
 */
export function movableBuffers (files: readonly ModelFiles[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>()
  for (const f of files) {
    for (const b of [f.modelJson, f.weights]) {
      if (b.buffer instanceof ArrayBuffer && b.byteOffset === 0 && b.byteLength === b.buffer.byteLength && b.byteLength > 0) out.add(b.buffer)
    }
  }
  return [...out]
}

/** An error as it crosses a thread boundary: the code of a named error survives. */
export interface WireError { code: ErrorCode, message: string }

export function errorToWire (err: unknown, fallback: ErrorCode): WireError {
  return {
    code: err instanceof CyxwizError ? err.code : fallback,
    message: err instanceof Error ? err.message : String(err)
  }
}

export function errorFromWire (e: WireError): CyxwizError {
  return new CyxwizError(e.code, e.message)
}
