/**
 * What this peer offers the market: device, memory, backends, price, location, payout wallet and
 * software version, detected from the machine and the operator's flags. Compared field by field so
 * the availability publisher can tell a real change from a timer tick.
 */
import os from 'node:os'
import si from 'systeminformation'
import { DeviceKind, type Availability } from '../protocols/availability.js'
import { detectBackends, type Backend } from '../src/training/backends.js'
import { SOFTWARE_VERSION } from '../src/version.js'

/** the operator-set part of an offer */
export interface OfferOptions {
  /** CYXWIZ base units per compute unit, as a u64 decimal string */
  price: string
  location: string
  walletAddress: string
  maxQueueLength: number
  /**
   * What the operator declares instead of what was detected: a device kind (e.g. a GPU the
   * detection cannot see), its memory, or less RAM than the machine has. The coordinator cannot
   * check a declaration; results are verified when jobs complete.
   */
  declare?: { device?: 'cpu' | 'gpu', gpuMemoryBytes?: bigint, ramBytes?: bigint }
}

export type Offer = Omit<Availability, 'nodeId' | 'seqno' | 'timestampMs'>

/** Reads the machine once (CPU, RAM, GPUs, backends) and combines it with the operator's options. */
export async function detectOffer (o: OfferOptions, backends: Backend[] = detectBackends()): Promise<Offer> {
  const [cpu, graphics] = await Promise.all([
    si.cpu().catch(() => undefined),
    si.graphics().catch(() => ({ controllers: [] }))
  ])
  // a GPU is offered only when a GPU backend can run on it; otherwise it is just hardware
  const gpu = backends.includes('tensorflow-gpu')
    ? graphics.controllers.find(g => (g.vram ?? 0) > 0)
    : undefined
  const cpuModel = cpu == null ? os.cpus()[0]?.model ?? 'unknown cpu' : `${cpu.manufacturer} ${cpu.brand}`.trim()
  const d = o.declare ?? {}
  const asGpu = d.device === 'gpu' || (d.device == null && gpu != null)
  const gpuName = gpu != null ? `${gpu.vendor} ${gpu.model}` : 'declared GPU'
  return {
    deviceKind: asGpu ? DeviceKind.GPU : DeviceKind.CPU,
    deviceModel: (asGpu ? gpuName : cpuModel).slice(0, 128),
    gpuMemoryBytes: !asGpu ? 0n : d.gpuMemoryBytes ?? (gpu != null ? BigInt(gpu.vram ?? 0) * 1024n * 1024n : 0n),
    cpuCores: Math.max(1, os.availableParallelism()),
    ramBytes: d.ramBytes ?? BigInt(os.totalmem()),
    backends,
    pricePerUnit: o.price,
    location: o.location,
    walletAddress: o.walletAddress,
    softwareVersion: SOFTWARE_VERSION,
    maxQueueLength: o.maxQueueLength
  }
}

export function sameOffer (a: Offer, b: Offer): boolean {
  return a.deviceKind === b.deviceKind && a.deviceModel === b.deviceModel &&
    a.gpuMemoryBytes === b.gpuMemoryBytes && a.cpuCores === b.cpuCores && a.ramBytes === b.ramBytes &&
    a.backends.join() === b.backends.join() && a.pricePerUnit === b.pricePerUnit &&
    a.location === b.location && a.walletAddress === b.walletAddress &&
    a.softwareVersion === b.softwareVersion && a.maxQueueLength === b.maxQueueLength
}
