/**
 * The JSON the coordinator's dashboard API sends, one declaration for both ends: the coordinator
 * builds these views (coordinator/http/views.ts, dashboard-feed.ts) and the browser bundle (web/)
 * reads them. Types only, with no imports, so the browser's type check can include this file.
 */

/** one hardware sample: mean and per-core CPU load %, first GPU %, RAM used %, bytes received */
export interface HardwarePoint { t: number, cpu: number, cores: number[], gpu: number | null, ram: number, net: number | null }

export interface NodeView {
  id: string
  status: string
  lastSeenMs: number
  device: string
  model: string
  cores: number
  ramBytes: number
  gpuMemoryBytes: number
  backends: string[]
  price: string
  location: string
  wallet: string
  version: string
  queue: number
  reputation: number | null
  hardware: HardwarePoint | null
}


export interface JobView {
  id: string
  state: string
  wallet: string
  progress: number
  epoch: number
  epochs: number
  message: string
  createdMs: number
  updatedMs: number
  payment: string
  estimate: string
  backend: string
  node: string
  score: number
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

/** batch points: [epochs done (fractional), loss, accuracy]; epoch points: [epoch, loss, val loss, val accuracy] */
export interface Curves { batch: Array<[number, number | null, number | null]>, epoch: Array<[number, number | null, number | null, number | null]> }

/** what a viewer gets first: an operator sees every node, a wallet only its own jobs and no nodes */
export interface Snapshot { access: 'operator' | 'wallet', nodes: NodeView[], jobs: JobView[], money: MoneyView, sparks: Record<string, HardwarePoint[]> }
