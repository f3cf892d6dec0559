/**
 * The JSON the coordinator's dashboard API sends (coordinator/http/views.ts builds it); declared
 * again here because the browser bundle does not import the daemon's code.
 */
export interface HardwarePoint { t: number, cpu: number, cores: number[], gpu: number | null, ram: number, net: number | null }

export interface NodeView {
  id: string, status: string, lastSeenMs: number, device: string, model: string, cores: number, ramBytes: number, gpuMemoryBytes: number,
  backends: string[], price: string, location: string, wallet: string, version: string, queue: number, reputation: number | null, hardware: HardwarePoint | null
}

export interface JobView {
  id: string, state: string, wallet: string, progress: number, epoch: number, epochs: number, message: string, createdMs: number, updatedMs: number,
  payment: string, estimate: string, backend: string, node: string, score: number,
  breakdown: Array<{ name: string, value: number, weight: number, weighted: number }>
  whyNot: Array<{ node: string, code: string, reason: string }>
  verifiedEpochs: number
  verification: null | { passed: boolean, reason: string, segments: number, checked: number, maxDeviation: number, tolerance: number, heldOutSamples: number, heldOutAccuracy: number | null, claimedAccuracy: number | null }
  payout: null | { outcome: string, reason: string, peer: string, fee: string, refund: string, signature: string, earnedBps: number }
  modelUri: string
  history: string[]
  contributions: Array<{ node: string, epochs: number }>
}

export interface MoneyView { locked: string, paid: string, refunded: string, fees: string }

export interface Curves { batch: Array<[number, number | null, number | null]>, epoch: Array<[number, number | null, number | null, number | null]> }

export interface Snapshot { access: 'operator' | 'wallet', nodes: NodeView[], jobs: JobView[], money: MoneyView, sparks: Record<string, HardwarePoint[]> }
