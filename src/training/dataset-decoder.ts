/**
 * Checks datasets off the main thread: a long-lived worker (dataset-worker.ts) with its own V8 heap
 * cap runs the streaming scan (dataset-scan.ts) over chunks the caller streams in, one chunk in
 * flight per scan, so neither the bytes nor the parse ever sit on the coordinator's event loop or
 * heap. It is a worker of its own, not the checker's: a scan must not wait behind a replay, and a
 * decoder that runs out of memory on hostile input must not fail the checks in progress.
 *
 * A crash of the worker (out of memory included) fails the scans in progress with ERR_DATASET and
 * the next scan starts a fresh worker; while no scan is open the worker does not keep the process
 * alive.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads'
import type { Startable } from '@libp2p/interface'
import { CyxwizError } from '../errors.js'
import { defaultScanLimits, type DatasetSummary, type ScanLimits } from './dataset-scan.js'
import type { HeldOutParams } from './dataset-split.js'
import { errorFromWire, workerEntry, type WireError } from './worker-thread.js'

export interface DatasetDecoderInit {
  /** V8 heap limits of the worker */
  resourceLimits: ResourceLimits
  limits: ScanLimits
}

export const defaultDatasetDecoderInit: DatasetDecoderInit = {
  // a scan keeps one chunk and one CSV record (≤ 1 MiB) at a time; 128 MiB leaves room for many
  // scans at once and for the TypeScript loader in development, and stops anything that grows
  resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 },
  limits: defaultScanLimits
}

/** workerData of the decoder */
export interface DecoderInput { kind: 'cyxwiz-dataset-decoder', limits: ScanLimits }

/** a scan's answer; with a split, the training and held-out CYXT files (none when too small to split) */
export interface ScanResult { summary: DatasetSummary, split?: { training: Uint8Array, held: Uint8Array, heldSamples: number } }

export type DecoderRequest =
  | { op: 'chunk', id: number, bytes: Uint8Array, collect: boolean }
  | { op: 'end', id: number, split?: HeldOutParams }
  | { op: 'abort', id: number }

export type DecoderAnswer =
  | { type: 'ack', id: number }
  | { type: 'answer', id: number, ok: true, value: ScanResult }
  | { type: 'answer', id: number, ok: false, error: WireError }

interface Waiter { resolve: (a: DecoderAnswer) => void, reject: (e: Error) => void }

export class DatasetDecoder implements Startable {
  private worker: Worker | undefined
  private readonly waiting = new Map<number, Waiter>()
  private nextId = 1

  constructor (private readonly init: DatasetDecoderInit = defaultDatasetDecoderInit) {}

  start (): void {}

  async stop (): Promise<void> {
    const w = this.worker
    this.worker = undefined
    this.failAll(new CyxwizError('ERR_CANCELLED', 'the dataset decoder was stopped'))
    await w?.terminate()
  }

  /** Scans the dataset whose bytes `chunks` yields, in order; ERR_DATASET when it is not one. */
  async scan (chunks: AsyncIterable<Uint8Array>): Promise<DatasetSummary> {
    return (await this.run(chunks)).summary
  }

  /** Scans the dataset and splits it for the held-out evaluation (dataset-split.ts), in the worker. */
  async split (chunks: AsyncIterable<Uint8Array>, params: HeldOutParams): Promise<ScanResult> {
    return await this.run(chunks, params)
  }

  private async run (chunks: AsyncIterable<Uint8Array>, split?: HeldOutParams): Promise<ScanResult> {
    const w = this.ensureWorker()
    const id = this.nextId++
    const ask = async (m: DecoderRequest, transfer: ArrayBuffer[] = []): Promise<DecoderAnswer> => await new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject })
      w.ref()
      w.postMessage(m, transfer)
    })
    const done = (a: DecoderAnswer): ScanResult | undefined => {
      if (a.type === 'ack') return undefined
      if (a.ok) return a.value
      throw errorFromWire(a.error)
    }
    try {
      for await (const chunk of chunks) {
        // a buffer of its own, moved to the worker whole; the caller's is left alone (a Buffer's
        // slice is a view, and moving its buffer would detach a pooled slab others share)
        const copy = new Uint8Array(chunk)
        const early = done(await ask({ op: 'chunk', id, bytes: copy, collect: split !== undefined }, [copy.buffer]))
        if (early !== undefined) return early
      }
      return done(await ask({ op: 'end', id, ...(split !== undefined ? { split } : {}) })) ?? protocolSlip()
    } catch (err) {
      if (this.worker === w) w.postMessage({ op: 'abort', id } satisfies DecoderRequest)
      throw err
    } finally {
      this.waiting.delete(id)
      if (this.waiting.size === 0) w.unref()
    }
  }

  private ensureWorker (): Worker {
    if (this.worker !== undefined) return this.worker
    const input: DecoderInput = { kind: 'cyxwiz-dataset-decoder', limits: this.init.limits }
    const w = new Worker(workerEntry(import.meta.url, 'dataset-worker'), { workerData: input, execArgv: [], resourceLimits: this.init.resourceLimits })
    const lost = (why: string): void => {
      if (this.worker !== w) return
      this.worker = undefined
      this.failAll(new CyxwizError('ERR_DATASET', `the dataset could not be checked: the decoding worker ${why}`))
    }
    w.on('message', (a: DecoderAnswer) => {
      const waiter = this.waiting.get(a.id)
      this.waiting.delete(a.id)
      waiter?.resolve(a)
    })
    w.on('messageerror', err => { lost(`sent an unreadable message: ${err.message}`) })
    w.on('error', err => { lost(`crashed: ${err.message}`); void w.terminate() })
    w.on('exit', code => { lost(`exited with code ${code}`) })
    this.worker = w
    return w
  }

  private failAll (err: Error): void {
    const open = [...this.waiting.values()]
    this.waiting.clear()
    for (const o of open) o.reject(err)
  }
}

function protocolSlip (): never {
  throw new CyxwizError('ERR_DATASET', 'the decoding worker acknowledged the end of a dataset instead of answering')
}

/** A decoder factory in the style of the project's services. */
export function datasetDecoder (init: Partial<DatasetDecoderInit> = {}): () => DatasetDecoder {
  return () => new DatasetDecoder({ ...defaultDatasetDecoderInit, ...init })
}
