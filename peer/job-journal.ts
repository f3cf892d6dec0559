/**
 * The jobs a peer holds, on disk (a peer that crashes and restarts resumes the jobs still
 * assigned to it). Each accepted assignment is kept with its coordinator and the last checkpoint
 * this peer made; on restart the daemon hands them to the runner again, resuming from that
 * checkpoint under the same lease. A job the coordinator reassigned meanwhile is refused at its
 * first report (stale lease) and dropped, untouched.
 */
import { Assignment } from '../protocols/assignment.js'
import type { BinarySublevel, LevelStore } from '../src/storage/level-store.js'

export interface HeldJob {
  assignment: Assignment
  coordinator: string
  /** the last checkpoint this peer put on IPFS for the job, and the epochs it holds */
  checkpointUri: string
  checkpointEpoch: number
}

interface Stored { assignment: string, coordinator: string, checkpointUri: string, checkpointEpoch: number }

export class JobJournal {
  private readonly db: BinarySublevel

  constructor (store: LevelStore) {
    this.db = store.binary('jobs')
  }

  async put (job: HeldJob): Promise<void> {
    const s: Stored = { assignment: Buffer.from(Assignment.encode(job.assignment)).toString('base64'), coordinator: job.coordinator, checkpointUri: job.checkpointUri, checkpointEpoch: job.checkpointEpoch }
    await this.db.put(job.assignment.jobId, new TextEncoder().encode(JSON.stringify(s)))
  }

  /** records a checkpoint of a held job (ignored for a job no longer held) */
  async checkpoint (jobId: string, leaseId: string, uri: string, epoch: number): Promise<void> {
    const held = await this.get(jobId)
    if (held == null || held.assignment.leaseId !== leaseId || epoch <= held.checkpointEpoch) return
    await this.put({ ...held, checkpointUri: uri, checkpointEpoch: epoch })
  }

  async get (jobId: string): Promise<HeldJob | undefined> {
    const v = await this.db.get(jobId)
    return v == null ? undefined : decode(v)
  }

  async delete (jobId: string): Promise<void> {
    await this.db.del(jobId)
  }

  async list (): Promise<HeldJob[]> {
    const out: HeldJob[] = []
    for await (const v of this.db.values()) {
      const held = decode(v)
      if (held != null) out.push(held)
    }
    return out
  }
}

function decode (v: Uint8Array): HeldJob | undefined {
  try {
    const s = JSON.parse(new TextDecoder().decode(v)) as Stored
    return { assignment: Assignment.decode(Buffer.from(s.assignment, 'base64')), coordinator: s.coordinator, checkpointUri: s.checkpointUri, checkpointEpoch: s.checkpointEpoch }
  } catch {
    return undefined
  }
}
