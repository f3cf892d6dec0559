import { expect } from 'chai'
import { toHardwareMetrics, type RawHardware } from '../../src/metrics/hardware.js'

const base: RawHardware = {
  load: { cpus: [{ load: 12.5 }, { load: 80 }] },
  temperature: { main: null, cores: [] },
  speed: { cores: [0, 0] },
  graphics: { controllers: [] },
  mem: { total: 8 * 2 ** 30, active: 2 * 2 ** 30, swaptotal: 0, swapused: 0 },
  network: [{ rx_bytes: 100, tx_bytes: 50 }, { rx_bytes: 1, tx_bytes: 2 }],
  connections: 7
}

describe('hardware metrics mapping', () => {
  it('reports missing sensors as absent, not zero', () => {
    const m = toHardwareMetrics({ ...base, network: null, connections: null }, 1)
    expect(m.cpuTemperatureC).to.equal(undefined)
    expect(m.cores[0]?.temperatureC).to.equal(undefined)
    expect(m.cores[0]?.frequencyMhz).to.equal(undefined)
    expect(m.netRxBytes).to.equal(undefined)
    expect(m.netConnections).to.equal(undefined)
  })

  it('keeps real readings, including a real zero swap and GPU utilisation', () => {
    const m = toHardwareMetrics({
      ...base,
      temperature: { main: 55, cores: [50, 60] },
      speed: { cores: [3.2, 2.8] },
      graphics: { controllers: [{ vendor: 'NVIDIA', model: 'RTX', utilizationGpu: 0, memoryUsed: 100, memoryTotal: 8192, temperatureGpu: 40, powerDraw: 30 }] }
    }, 42)
    expect(m.sampledAtMs).to.equal(42n)
    expect(m.cores.map(c => c.loadPercent)).to.deep.equal([12.5, 80])
    expect(m.cores.map(c => c.temperatureC)).to.deep.equal([50, 60])
    expect(m.cores.map(c => c.frequencyMhz)).to.deep.equal([3200, 2800])
    expect(m.cpuTemperatureC).to.equal(55)
    expect(m.swapTotalBytes).to.equal(0n)
    expect(m.netRxBytes).to.equal(101n)
    expect(m.netTxBytes).to.equal(52n)
    expect(m.netConnections).to.equal(7)
    expect(m.gpus[0]).to.deep.include({ utilizationPercent: 0, memoryUsedBytes: 100n * 1024n * 1024n, memoryTotalBytes: 8192n * 1024n * 1024n, temperatureC: 40, powerWatts: 30 })
  })

  it('leaves out a GPU reading the driver does not give', () => {
    const m = toHardwareMetrics({ ...base, graphics: { controllers: [{ vendor: 'Intel', model: 'UHD', utilizationGpu: null, memoryTotal: 0 }] } }, 1)
    expect(m.gpus[0]?.utilizationPercent).to.equal(undefined)
    expect(m.gpus[0]?.memoryTotalBytes).to.equal(undefined)
    expect(m.gpus[0]?.powerWatts).to.equal(undefined)
  })
})
