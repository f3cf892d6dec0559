/**
 * The dataset-checking worker thread (see dataset-decoder.ts): runs DatasetScan over the chunks the
 * main thread posts, so hostile input is parsed under this thread's heap cap and never on the
 * coordinator's event loop. Each scan has an id; every chunk is acknowledged once it is checked
 * (the main thread sends the next one only then), and the end answers with the summary or the
 * named error.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { DatasetScan, type ScanLimits } from './dataset-scan.js'
import { errorToWire } from './worker-thread.js'
import type { DecoderAnswer, DecoderInput, DecoderRequest } from './dataset-decoder.js'

const input = workerData as DecoderInput | undefined
const scans = new Map<number, DatasetScan>()

async function handle (m: DecoderRequest, limits: ScanLimits): Promise<DecoderAnswer | undefined> {
  if (m.op === 'abort') { scans.delete(m.id); return undefined }
  let scan = scans.get(m.id)
  if (scan === undefined) { scan = new DatasetScan(limits); scans.set(m.id, scan) }
  try {
    if (m.op === 'chunk') {
      await scan.push(m.bytes)
      return { type: 'ack', id: m.id }
    }
    scans.delete(m.id)
    return { type: 'answer', id: m.id, ok: true, value: await scan.end() }
  } catch (err) {
    scans.delete(m.id)
    return { type: 'answer', id: m.id, ok: false, error: errorToWire(err, 'ERR_DATASET') }
  }
}

// messages of one scan are handled in order; scans are independent
const queues = new Map<number, Promise<void>>()
if (input?.kind === 'cyxwiz-dataset-decoder') {
  const limits = input.limits
  parentPort?.on('message', (m: DecoderRequest) => {
    const next = (queues.get(m.id) ?? Promise.resolve()).then(async () => {
      const answer = await handle(m, limits)
      if (answer !== undefined) parentPort?.postMessage(answer)
    })
    queues.set(m.id, next)
    void next.then(() => { if (queues.get(m.id) === next) queues.delete(m.id) })
  })
}
