/**
 * Hardware sampling with systeminformation, every 5 s by default . The mapping
 * is pure and tested on its own: a sensor that does not exist (null, NaN, or the 0 / -1 that
 * systeminformation uses for "unknown") is left absent in the snapshot, never reported as zero.
 */
import si from 'systeminformation'
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface'
import type { CpuCore, Gpu, HardwareMetrics } from '../../protocols/heartbeat.js'

/** The raw readings, shaped as systeminformation returns them (only what we use). */
export interface RawHardware {
  load: { cpus: Array<{ load: number }> }
  temperature: { main: number | null, cores: number[] }
  speed: { cores: number[] }
  graphics: { controllers: Array<{ vendor: string, model: string, utilizationGpu?: number | null, memoryUsed?: number | null, memoryTotal?: number | null, temperatureGpu?: number | null, powerDraw?: number | null }> }
  mem: { total: number, active: number, swaptotal: number, swapused: number }
  network: Array<{ rx_bytes: number, tx_bytes: number }> | null
  connections: number | null
}

/** a reading that exists: a finite number, and not systeminformation's 0/-1 for "no sensor" */
function sensor (v: number | null | undefined, zeroMeansAbsent = true): number | undefined {
  if (v == null || !Number.isFinite(v) || v < 0) return undefined
  if (zeroMeansAbsent && v === 0) return undefined
  return v
}

const MIB = 1024n * 1024n
const mib = (v: number | undefined): bigint | undefined => v == null ? undefined : BigInt(Math.round(v)) * MIB
const u64 = (v: number): bigint => BigInt(Math.max(0, Math.round(v)))

export function toHardwareMetrics (raw: RawHardware, now: number): HardwareMetrics {
  const cores: CpuCore[] = raw.load.cpus.map((c, i) => ({
    loadPercent: Math.min(100, Math.max(0, c.load)),
    temperatureC: sensor(raw.temperature.cores[i]),
    // systeminformation reports GHz; 0 means the kernel exposes no frequency
    frequencyMhz: sensor(raw.speed.cores[i]) != null ? Math.round((raw.speed.cores[i] ?? 0) * 1000) : undefined
  }))
  const gpus: Gpu[] = raw.graphics.controllers.map(g => ({
    vendor: g.vendor ?? '',
    model: g.model ?? '',
    // utilisation 0 is a real reading on an idle GPU, so it is kept when the driver reports it
    utilizationPercent: sensor(g.utilizationGpu, false),
    memoryUsedBytes: mib(sensor(g.memoryUsed, false)),
    memoryTotalBytes: mib(sensor(g.memoryTotal)),
    temperatureC: sensor(g.temperatureGpu),
    powerWatts: sensor(g.powerDraw, false)
  }))
  const net = raw.network
  return {
    sampledAtMs: BigInt(now),
    cores,
    cpuTemperatureC: sensor(raw.temperature.main),
    gpus,
    ramUsedBytes: u64(raw.mem.active),
    ramTotalBytes: u64(raw.mem.total),
    swapUsedBytes: u64(raw.mem.swapused),
    swapTotalBytes: u64(raw.mem.swaptotal),
    netRxBytes: net == null ? undefined : net.reduce((s, n) => s + u64(n.rx_bytes), 0n),
    netTxBytes: net == null ? undefined : net.reduce((s, n) => s + u64(n.tx_bytes), 0n),
    netConnections: raw.connections ?? undefined
  }
}

/** Reads every sensor; a call that fails leaves its part absent instead of failing the sample. */
export async function readHardware (): Promise<RawHardware> {
  const safe = async <T>(p: Promise<T>, fallback: T): Promise<T> => await p.catch(() => fallback)
  const [load, temperature, speed, graphics, mem, network, connections] = await Promise.all([
    safe<RawHardware['load']>(si.currentLoad(), { cpus: [] }),
    safe<RawHardware['temperature']>(si.cpuTemperature(), { main: null, cores: [] }),
    safe<RawHardware['speed']>(si.cpuCurrentSpeed(), { cores: [] }),
    safe<RawHardware['graphics']>(si.graphics(), { controllers: [] }),
    safe<RawHardware['mem']>(si.mem(), { total: 0, active: 0, swaptotal: 0, swapused: 0 }),
    safe<RawHardware['network']>(si.networkStats('*'), null),
    safe<RawHardware['connections']>(si.networkConnections().then(c => c.length), null)
  ])
  return { load, temperature, speed, graphics, mem, network, connections }
}

export interface HardwareSamplerInit {
  /** sampling period, ms (default every 5 s) */
  interval: number
  /** reads the sensors; tests substitute recorded readings */
  read: () => Promise<RawHardware>
}

export interface HardwareSampler extends Startable {
  /** the latest snapshot, undefined until the first sample completes */
  latest(): HardwareMetrics | undefined
}

class DefaultHardwareSampler implements HardwareSampler {
  private readonly init: HardwareSamplerInit
  private readonly log: Logger
  private timer?: NodeJS.Timeout
  private last?: HardwareMetrics
  private sampling = false

  constructor (init: HardwareSamplerInit, components: { logger: ComponentLogger }) {
    this.init = init
    this.log = components.logger.forComponent('cyxwiz:metrics:hardware')
  }

  async start (): Promise<void> {
    await this.sample()
    this.timer = setInterval(() => { void this.sample() }, this.init.interval)
    this.timer.unref()
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
  }

  latest (): HardwareMetrics | undefined {
    return this.last
  }

  private async sample (): Promise<void> {
    if (this.sampling) return // a slow sensor (nvidia-smi on a busy GPU) must not pile up samples
    this.sampling = true
    try {
      this.last = toHardwareMetrics(await this.init.read(), Date.now())
    } catch (err) {
      this.log.error('hardware sample failed: %e', err)
    } finally {
      this.sampling = false
    }
  }
}

export function hardwareSampler (init: Partial<HardwareSamplerInit> = {}): (components: { logger: ComponentLogger }) => HardwareSampler {
  // 5 s: half the heartbeat interval, so every heartbeat carries a fresh sample
  return (components) => new DefaultHardwareSampler({ interval: 5_000, read: readHardware, ...init }, components)
}
