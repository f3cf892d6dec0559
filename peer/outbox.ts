/**
 * The peer's persistent outbox ("queue for later"): a report that could not
 * be delivered after the whole retry schedule is written to level, in order, with the coordinator
 * it is for, and sent again when that coordinator is reachable (its beacon is heard, or on a timer).
 * Reports of a job that has reports waiting join the queue behind them, so a job's reports are
 * always delivered in the order they were made; a plain progress report superseded by a newer one
 * of the same job is dropped (checkpoints, committed states, completions and failures never are). A report survives a
 * peer restart: nothing produced while the coordinator is down is lost.
 */
import { ExecutionState, JobReport } from '../protocols/job-report.js'
import type { BinarySublevel, LevelStore } from '../src/storage/level-store.js'

export interface QueuedReport { key: string, coordinator: string, report: JobReport }

/** what a delivery attempt says: delivered (or refused for good), or try again later */
export type Delivery = 'done' | 'later'

/** states whose reports are progress while the job is under way */
const UNDER_WAY = new Set<ExecutionState>([ExecutionState.FETCHING_DATASET, ExecutionState.TRAINING, ExecutionState.UPLOADING])
/** progress that carries nothing but numbers: no checkpoint, no committed state, no backend (a newer one says more) */
const plainProgress = (r: JobReport): boolean => UNDER_WAY.has(r.state) && r.checkpointUri === '' && r.backend === '' && r.states.length === 0

export class Outbox {
  private readonly db: BinarySublevel
  private counter = 0
  private draining?: Promise<number>

  constructor (store: LevelStore) {
    this.db = store.binary('outbox')
  }

  /** queues a report (key: time + counter, so the queue keeps the order reports were made in) */
  async put (coordinator: string, report: JobReport): Promise<void> {
    if (plainProgress(report)) {
      for (const q of await this.list()) {
        if (q.report.jobId === report.jobId && plainProgress(q.report)) await this.db.del(q.key)
      }
    }
    const key = `${Date.now().toString().padStart(15, '0')}-${(this.counter++).toString().padStart(6, '0')}`
    const cb = new TextEncoder().encode(coordinator)
    // stamped with when it was queued: the coordinator tells the submitter it came late
    const body = JobReport.encode({ ...report, queuedMs: report.queuedMs > 0n ? report.queuedMs : BigInt(Date.now()) })
    const value = new Uint8Array(2 + cb.length + body.length)
    new DataView(value.buffer).setUint16(0, cb.length)
    value.set(cb, 2)
    value.set(body, 2 + cb.length)
    await this.db.put(key, value)
  }

  async list (): Promise<QueuedReport[]> {
    const out: QueuedReport[] = []
    for await (const [key, value] of this.db.iterator()) {
      const n = new DataView(value.buffer, value.byteOffset, value.byteLength).getUint16(0)
      out.push({ key, coordinator: new TextDecoder().decode(value.subarray(2, 2 + n)), report: JobReport.decode(value.subarray(2 + n)) })
    }
    return out
  }

  /** whether a job has reports waiting (its new reports must queue behind them) */
  async holds (jobId: string): Promise<boolean> {
    return (await this.list()).some(q => q.report.jobId === jobId)
  }

  /**
   * Sends the queue in order; stops at the first report that must wait (its coordinator is still
   * unreachable). One drain at a time. Returns how many were delivered.
   */
  async drain (deliver: (q: QueuedReport) => Promise<Delivery>): Promise<number> {
    if (this.draining != null) return await this.draining
    this.draining = (async () => {
      let sent = 0
      for (const q of await this.list()) {
        if (await deliver(q) === 'later') break
        await this.db.del(q.key)
        sent++
      }
      return sent
    })()
    try {
      return await this.draining
    } finally {
      this.draining = undefined
    }
  }
}
