/**
 * Where a job is on this peer, and the only ways it can move on. A held job starts ACCEPTED; the
 * runner fetches the dataset (and the checkpoint to resume from), trains, uploads the trained model
 * and reports the completion; REPORTED once the coordinator acknowledged it. Any unfinished job can
 * fail (FAILED, reported with its last checkpoint) or be taken away (CANCELLED: the submitter
 * cancelled, the job was reassigned, or the coordinator told us to stop). FAILED, REPORTED and
 * CANCELLED are ends: nothing moves out of them.
 *
 * Every report carries the state the job is in when the report is made, and the journal records
 * it with the held job, so a restart knows where each job was. A move the table does not list is a
 * bug in the caller: it throws IllegalTransitionError rather than sending a report that lies.
 */
import { ExecutionState } from '../protocols/job-report.js'

export { ExecutionState }

const { ACCEPTED, FETCHING_DATASET, TRAINING, UPLOADING, COMPLETED, REPORTED, FAILED, CANCELLED } = ExecutionState

/** the states each state may move to */
export const TRANSITIONS: Readonly<Record<ExecutionState, readonly ExecutionState[]>> = Object.freeze({
  [ACCEPTED]: [FETCHING_DATASET, FAILED, CANCELLED],
  [FETCHING_DATASET]: [TRAINING, FAILED, CANCELLED],
  [TRAINING]: [UPLOADING, FAILED, CANCELLED],
  [UPLOADING]: [COMPLETED, FAILED, CANCELLED],
  // the completion is made; the coordinator may still answer it with "cancelled"
  [COMPLETED]: [REPORTED, CANCELLED],
  [REPORTED]: [],
  [FAILED]: [],
  [CANCELLED]: []
})

/** whether `from` may move to `to` */
export const canMove = (from: ExecutionState, to: ExecutionState): boolean => TRANSITIONS[from]?.includes(to) ?? false

/** a state nothing moves out of */
export const isFinal = (state: ExecutionState): boolean => TRANSITIONS[state]?.length === 0

/** a move the transition table does not allow */
export class IllegalTransitionError extends Error {
  override readonly name = 'IllegalTransitionError'
  readonly code = 'ERR_ILLEGAL_TRANSITION'
  readonly from: ExecutionState
  readonly to: ExecutionState

  constructor (from: ExecutionState, to: ExecutionState, jobId = '') {
    super(`job ${jobId === '' ? '' : `${jobId} `}cannot move from ${from} to ${to}`)
    this.from = from
    this.to = to
  }
}

/** The state of one job on this peer; `onMove` hears every move (the journal records it). */
export class Execution {
  private current: ExecutionState
  private readonly jobId: string
  private readonly onMove?: (from: ExecutionState, to: ExecutionState) => void

  constructor (jobId: string, onMove?: (from: ExecutionState, to: ExecutionState) => void, initial: ExecutionState = ACCEPTED) {
    this.jobId = jobId
    this.current = initial
    this.onMove = onMove
  }

  get state (): ExecutionState {
    return this.current
  }

  /** true once the job reached an end (FAILED, REPORTED, CANCELLED) */
  get ended (): boolean {
    return isFinal(this.current)
  }

  /** moves to `to`; throws IllegalTransitionError (and stays) if the table does not allow it */
  moveTo (to: ExecutionState): void {
    const from = this.current
    if (!canMove(from, to)) throw new IllegalTransitionError(from, to, this.jobId)
    this.current = to
    this.onMove?.(from, to)
  }
}
