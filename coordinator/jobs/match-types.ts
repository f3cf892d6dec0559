/**
 * What the scheduler needs from the matcher (coordinator/matching): the job and candidate shapes and
 * one tick's result. Kept as its own small contract so the loop and the scoring evolve apart.
 */
import type { Availability } from '../../protocols/availability.js'
import type { Heartbeat } from '../../protocols/heartbeat.js'

export interface JobRequirements {
  jobId: string
  requiredDevice: 'GPU' | 'CPU' | 'ANY'
  minMemoryBytes: bigint
  backends?: string[]
  maxPricePerUnit: bigint
  preferredLocation?: string
  excludeNodes?: string[]
}

export interface Candidate {
  nodeId: string
  liveness: 'ONLINE' | 'STALE' | 'OFFLINE'
  offer: Availability
  heartbeat?: Heartbeat
  reputation: number
  activeJobs: number
}

export interface MatchResult {
  assignments: Array<{ jobId: string, nodeId: string, score: number, breakdown: Record<string, { value: number, weight: number, weighted: number }> }>
  unmatched: Array<{ jobId: string, reasons: Array<{ nodeId: string, code: string, reason: string }> }>
}

export type MatchFn = (jobs: JobRequirements[], candidates: Candidate[]) => MatchResult
