/**
 * The dataset-checking worker thread (see dataset-decoder.ts): runs DatasetScan over the chunks the
 * main thread posts, so hostile input is parsed under this thread's heap cap and never on the
 * coordinator's event loop. Each scan has an id; every chunk is acknowledged once it is checked
 * (the main thread sends the next one only then), and the end answers with the summary — and, when
 * asked, the held-out split of the values collected — or the named error.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { DatasetScan, type ScanLimits } from './dataset-scan.js'
import { splitDataset } from './dataset-split.js'
import { errorToWire } from './worker-thread.js'
import type { DecoderAnswer, DecoderInput, DecoderRequest } from './dataset-decoder.js'

const input = workerData as DecoderInput | undefined
const scans = new Map<number, DatasetScan>()

async function handle (m: DecoderRequest, limits: ScanLimits): Promise<DecoderAnswer | undefined> {
  if (m.op === 'abort') { scans.delete(m.id); return undefined }
  let scan = scans.get(m.id)
  if (scan === undefined) { scan = new DatasetScan(limits, m.op === 'chunk' && m.collect); scans.set(m.id, scan) }
  try {
    if (m.op === 'chunk') {
      await scan.push(m.bytes)
      return { type: 'ack', id: m.id }
    }
    scans.delete(m.id)
    const summary = await scan.end()
    const d = scan.dataset()
    const split = m.split !== undefined && d !== undefined ? splitDataset(d, m.split) : undefined
    return { type: 'answer', id: m.id, ok: true, value: { summary, ...(split !== undefined ? { split } : {}) } }
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
      // the split's files are moved to the main thread, not copied
      const moved = answer?.type === 'answer' && answer.ok && answer.value.split !== undefined ? [answer.value.split.training.buffer as ArrayBuffer, answer.value.split.held.buffer as ArrayBuffer] : []
      if (answer !== undefined) parentPort?.postMessage(answer, moved)
    })
    queues.set(m.id, next)
    void next.then(() => { if (queues.get(m.id) === next) queues.delete(m.id) })
  })
}
