/**
 * The PyTorch anchor of bench:training: finds a Python that imports torch (/usr/bin/python3 first,
 * where Debian's python3-torch installs, then `python3` on PATH), writes the bench's digits to a
 * temporary file and runs torch-anchor.py on them, returning its samples/s per model and size.
 * Returns why it was skipped instead when no such Python is found.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import type { Dataset } from '../../src/training/dataset-format.js'

const run = promisify(execFile)
const SCRIPT = fileURLToPath(new URL('./torch-anchor.py', import.meta.url))
const CANDIDATES = ['/usr/bin/python3', 'python3']

export interface TorchPython { python: string, version: string }
export interface TorchRun { model: string, samples: number, epochs: number, batch: number, threads: number, train_s: number, samples_per_s: number, final_loss: number, torch: string }

/** The first candidate Python that imports torch, with torch's version; or why none did. */
export async function findTorch (): Promise<TorchPython | { skipped: string }> {
  const reasons: string[] = []
  for (const python of CANDIDATES) {
    try {
      const { stdout } = await run(python, ['-c', 'import torch; print(torch.__version__)'], { timeout: 60_000 })
      return { python, version: stdout.trim() }
    } catch (err) {
      const e = err as { code?: string, stderr?: string }
      reasons.push(`${python}: ${e.code === 'ENOENT' ? 'not found' : (e.stderr ?? '').trim().split('\n').at(-1) ?? 'failed'}`)
    }
  }
  return { skipped: `no Python with torch (${reasons.join('; ')})` }
}

/** the anchor's input format (see torch-anchor.py): a header, then features, then one-hot labels */
function encode (d: Dataset): Uint8Array {
  const width = d.features.length / d.samples
  const classes = d.labels.length / d.samples
  const out = new Uint8Array(12 + 4 * (d.features.length + d.labels.length))
  const view = new DataView(out.buffer)
  view.setUint32(0, d.samples, true)
  view.setUint32(4, width, true)
  view.setUint32(8, classes, true)
  out.set(new Uint8Array(d.features.buffer, d.features.byteOffset, d.features.byteLength), 12)
  out.set(new Uint8Array(d.labels.buffer, d.labels.byteOffset, d.labels.byteLength), 12 + d.features.byteLength)
  return out
}

export interface AnchorRequest { models: string[], epochs: number, batch: number, lr: number, threads: number, repeat?: number }

/** Trains each model on all of `d` in PyTorch; one result per model. */
export async function runTorch (t: TorchPython, d: Dataset, r: AnchorRequest): Promise<TorchRun[]> {
  const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-torch-'))
  try {
    const data = join(dir, 'digits.bin')
    await writeFile(data, encode(d))
    const args = [SCRIPT, '--data', data, '--models', r.models.join(','), '--epochs', String(r.epochs), '--batch', String(r.batch), '--lr', String(r.lr), '--threads', String(r.threads), '--repeat', String(r.repeat ?? 1)]
    const { stdout } = await run(t.python, args, { timeout: 30 * 60_000, maxBuffer: 1 << 20 })
    return stdout.split('\n').filter(l => l.trim() !== '').map(l => JSON.parse(l) as TorchRun)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
