/**
 * The peer's execution states: the runner's paths through them are legal moves, everything else
 * throws IllegalTransitionError and leaves the state where it was, and the ends are ends.
 */
import { expect } from 'chai'
import { Execution, ExecutionState, IllegalTransitionError, TRANSITIONS, canMove, isFinal } from '../../peer/execution-state.js'

const { ACCEPTED, FETCHING_DATASET, TRAINING, UPLOADING, COMPLETED, REPORTED, FAILED, CANCELLED } = ExecutionState
const ALL = [ACCEPTED, FETCHING_DATASET, TRAINING, UPLOADING, COMPLETED, REPORTED, FAILED, CANCELLED]

describe('peer execution states', () => {
  it('lists every state in the transition table', () => {
    expect(Object.keys(TRANSITIONS).sort()).to.deep.equal([...ALL].sort())
  })

  it('walks the runner\'s paths: to REPORTED, to FAILED from every unfinished stage, to CANCELLED', () => {
    const path = (...states: ExecutionState[]): ExecutionState[] => {
      const seen: ExecutionState[] = []
      const e = new Execution('j', (_from, to) => { seen.push(to) })
      for (const s of states) e.moveTo(s)
      expect(e.state).to.equal(states.at(-1))
      return seen
    }
    expect(path(FETCHING_DATASET, TRAINING, UPLOADING, COMPLETED, REPORTED)).to.deep.equal([FETCHING_DATASET, TRAINING, UPLOADING, COMPLETED, REPORTED])
    expect(path(FAILED)).to.deep.equal([FAILED])
    expect(path(FETCHING_DATASET, FAILED)).to.have.length(2)
    expect(path(FETCHING_DATASET, TRAINING, FAILED)).to.have.length(3)
    expect(path(FETCHING_DATASET, TRAINING, UPLOADING, FAILED)).to.have.length(4)
    // taken away at any stage before the end, even after the completion was made
    for (const at of [[], [FETCHING_DATASET], [FETCHING_DATASET, TRAINING], [FETCHING_DATASET, TRAINING, UPLOADING], [FETCHING_DATASET, TRAINING, UPLOADING, COMPLETED]]) {
      expect(path(...at, CANCELLED).at(-1)).to.equal(CANCELLED)
    }
  })

  it('refuses a skipped stage, a step back and a move out of an end, with a named error, and stays put', () => {
    let heard = 0
    const e = new Execution('job-1', () => { heard++ })
    const illegal = (to: ExecutionState): IllegalTransitionError => {
      const before = e.state
      let caught: unknown
      try { e.moveTo(to) } catch (err) { caught = err }
      expect(caught, `${before} → ${to}`).to.be.instanceOf(IllegalTransitionError)
      expect(e.state).to.equal(before)
      return caught as IllegalTransitionError
    }
    const err = illegal(TRAINING)
    expect(err).to.include({ name: 'IllegalTransitionError', code: 'ERR_ILLEGAL_TRANSITION', from: ACCEPTED, to: TRAINING })
    expect(err.message).to.equal('job job-1 cannot move from ACCEPTED to TRAINING')
    illegal(COMPLETED)
    illegal(REPORTED)
    illegal(ACCEPTED)
    e.moveTo(FETCHING_DATASET)
    e.moveTo(TRAINING)
    illegal(FETCHING_DATASET)
    illegal(TRAINING)
    illegal(COMPLETED)
    e.moveTo(UPLOADING)
    e.moveTo(COMPLETED)
    illegal(FAILED)
    e.moveTo(REPORTED)
    expect(e.ended).to.equal(true)
    for (const to of ALL) illegal(to)
    expect(heard).to.equal(5)
  })

  it('has exactly three ends, and every other state can fail or be cancelled', () => {
    expect(ALL.filter(isFinal)).to.deep.equal([REPORTED, FAILED, CANCELLED])
    for (const s of ALL.filter(s => !isFinal(s))) {
      expect(canMove(s, CANCELLED), s).to.equal(true)
      expect(canMove(s, FAILED), s).to.equal(s !== COMPLETED)
    }
    // a job starts ACCEPTED; nothing moves back into it
    expect(ALL.some(s => canMove(s, ACCEPTED))).to.equal(false)
  })
})
