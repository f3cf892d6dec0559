import { expect } from 'chai'
import { JobState } from '../../protocols/jobs.js'
import { TRANSITIONS, FINAL } from '../../coordinator/jobs/job-store.js'

describe('job state machine', () => {
  it('lets a job only move forward along the documented path, or back to the queue', () => {
    expect(TRANSITIONS[JobState.QUEUED]).to.include(JobState.ASSIGNED)
    expect(TRANSITIONS[JobState.ASSIGNED]).to.include.members([JobState.RUNNING, JobState.QUEUED])
    expect(TRANSITIONS[JobState.RUNNING]).to.include.members([JobState.VERIFYING, JobState.QUEUED])
    expect(TRANSITIONS[JobState.VERIFYING]).to.have.members([JobState.COMPLETED, JobState.FAILED])
    expect(TRANSITIONS[JobState.QUEUED]).to.not.include(JobState.RUNNING)
    expect(TRANSITIONS[JobState.VERIFYING]).to.not.include(JobState.CANCELLED)
  })

  it('ends in COMPLETED, FAILED or CANCELLED and never leaves them', () => {
    for (const s of FINAL) expect(TRANSITIONS[s]).to.deep.equal([])
    expect([...FINAL].sort()).to.deep.equal([JobState.CANCELLED, JobState.COMPLETED, JobState.FAILED].sort())
  })
})
