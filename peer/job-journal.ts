/**
 * The jobs a peer holds, on disk (a peer that crashes and restarts resumes the jobs still
 * assigned to it). Each accepted assignment is kept with its coordinator, the execution state the
 * job was last in (execution-state.ts) and the last checkpoint this peer made; on restart the
 * daemon hands them to the runner again, resuming from that checkpoint under the same lease. A job
 * the coordinator reassigned meanwhile is refused at its first report (stale lease) and dropped,
 * untouched. A job that ended (reported, failed, cancelled) is deleted, so only unfinished states
 * are ever recorded. A job whose training ended with the process (no orderly stop) counts a crash;
 * the runner fails, rather than resumes, one that crashed twice without a new checkpoint, so a job
 * that kills its peer (out of memory) is reported FAILED instead of restarted forever.
 *
 * Writes of one job run one at a time in call order: a state change and a checkpoint arriving
 * together never read-modify-write over each other, and a delete is never undone by a write
 * queued before it.
 */
import { Assignment } from '../protocols/assignment.js'
import { ExecutionState } from '../protocols/job-report.js'
import { KeyedMutex } from '../src/keyed-mutex.js'
import type { BinarySublevel, LevelStore } from '../src/storage/level-store.js'

export interface HeldJob {
  assignment: Assignment
  coordinator: string
  /** where the job was when last recorded */
  state: ExecutionState
  /** the last checkpoint this peer put on IPFS for the job, and the epochs it holds */
  checkpointUri: string
  checkpointEpoch: number
  /** times this peer's process ended while training the job, with no new checkpoint since */
  crashes?: number
  /** the daemon stopped in order while the job was held (a restart after it is not a crash) */
  stoppedCleanly?: boolean
}

interface Stored { assignment: string, coordinator: string, state?: string, checkpointUri: string, checkpointEpoch: number, crashes?: number, stoppedCleanly?: boolean }

const STATES = new Set<string>(Object.values(ExecutionState).filter(v => typeof v === 'string'))

export class JobJournal {
  private readonly db: BinarySublevel
  private readonly writes = new KeyedMutex()

  constructor (store: LevelStore) {
    this.db = store.binary('jobs')
  }

  async put (job: HeldJob): Promise<void> {
    await this.writes.run(job.assignment.jobId, async () => { await this.write(job) })
  }

  /** records a checkpoint of a held job (ignored for a job no longer held under that lease); progress clears its crashes */
  async checkpoint (jobId: string, leaseId: string, uri: string, epoch: number): Promise<void> {
    await this.update(jobId, leaseId, held => epoch > held.checkpointEpoch ? { ...held, checkpointUri: uri, checkpointEpoch: epoch, crashes: 0 } : undefined)
  }

  /** records the state a held job moved to (ignored for a job no longer held under that lease) */
  async state (jobId: string, leaseId: string, state: ExecutionState): Promise<void> {
    await this.update(jobId, leaseId, held => held.state !== state ? { ...held, state, ...(state === ExecutionState.TRAINING ? { stoppedCleanly: false } : {}) } : undefined)
  }

  /** the daemon is stopping in order: a restart of this job is not a crash */
  async stopped (jobId: string, leaseId: string): Promise<void> {
    await this.update(jobId, leaseId, held => ({ ...held, stoppedCleanly: true }))
  }

  /**
   * At a restart, before the job is resumed: a job the journal last saw TRAINING, without an
   * orderly stop, ended with this peer's process (killed for its memory, say); that is counted, and
   * the crashes since its last checkpoint are returned.
   */
  async restarted (jobId: string): Promise<number> {
    return await this.writes.run(jobId, async () => {
      const held = await this.get(jobId)
      if (held == null) return 0
      const crashes = (held.crashes ?? 0) + (held.state === ExecutionState.TRAINING && held.stoppedCleanly !== true ? 1 : 0)
      await this.write({ ...held, crashes, stoppedCleanly: false })
      return crashes
    })
  }

  async get (jobId: string): Promise<HeldJob | undefined> {
    const v = await this.db.get(jobId)
    return v == null ? undefined : decode(v)
  }

  async delete (jobId: string): Promise<void> {
    await this.writes.run(jobId, async () => { await this.db.del(jobId) })
  }

  async list (): Promise<HeldJob[]> {
    const out: HeldJob[] = []
    for await (const v of this.db.values()) {
      const held = decode(v)
      if (held != null) out.push(held)
    }
    return out
  }

  private async update (jobId: string, leaseId: string, change: (held: HeldJob) => HeldJob | undefined): Promise<void> {
    await this.writes.run(jobId, async () => {
      const held = await this.get(jobId)
      if (held == null || held.assignment.leaseId !== leaseId) return
      const next = change(held)
      if (next != null) await this.write(next)
    })
  }

  private async write (job: HeldJob): Promise<void> {
    const s: Stored = {
      assignment: Buffer.from(Assignment.encode(job.assignment)).toString('base64'),
      coordinator: job.coordinator,
      state: job.state,
      checkpointUri: job.checkpointUri,
      checkpointEpoch: job.checkpointEpoch,
      crashes: job.crashes ?? 0,
      stoppedCleanly: job.stoppedCleanly ?? false
    }
    await this.db.put(job.assignment.jobId, new TextEncoder().encode(JSON.stringify(s)))
  }
}

function decode (v: Uint8Array): HeldJob | undefined {
  try {
    const s = JSON.parse(new TextDecoder().decode(v)) as Stored
    // an entry written before states were recorded: the job had at least been accepted
    const state = s.state != null && STATES.has(s.state) ? s.state as ExecutionState : ExecutionState.ACCEPTED
    const crashes = Number.isSafeInteger(s.crashes) ? s.crashes as number : 0
    return { assignment: Assignment.decode(Buffer.from(s.assignment, 'base64')), coordinator: s.coordinator, state, checkpointUri: s.checkpointUri, checkpointEpoch: s.checkpointEpoch, crashes, stoppedCleanly: s.stoppedCleanly === true }
  } catch {
    return undefined
  }
}
