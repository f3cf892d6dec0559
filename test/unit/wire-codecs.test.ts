/**
 * protons-runtime 7.1.2 (and 8.0.1) encode a uint64 varint between 2^31 and 2^32-1 wrongly (the
 * low word is kept signed, so 4 of the 5 reserved bytes are never written): 2 GiB of free memory
 * arrived as garbage or as an undecodable frame. Our .proto files use fixed64 instead; these tests
 * keep it that way and prove the values that broke now survive the trip.
 */
import { expect } from 'chai'
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { Availability, DeviceKind } from '../../protocols/availability.js'

const dir = fileURLToPath(new URL('../../protocols/', import.meta.url))
const edges = [0n, 1n, 2n ** 31n - 1n, 2n ** 31n, 2242230136n, 2n ** 32n - 1n, 2n ** 32n, 25_276_514_304n, 2n ** 53n + 1n, 2n ** 63n - 1n]

describe('wire codecs', () => {
  it('use no varint 64-bit types (the protons uint64 bug)', () => {
    for (const f of readdirSync(dir).filter(n => n.endsWith('.proto'))) {
      const text = readFileSync(join(dir, f), 'utf8').replace(/\/\/.*$/gm, '')
      expect(text, f).to.not.match(/\b(u|s)?int64\b/)
    }
  })

  it('carry every 64-bit value below 2^63 exactly', () => {
    for (const v of edges) {
      const hb = Heartbeat.decode(Heartbeat.encode({
        nodeId: 'n', status: WorkStatus.IDLE, seqno: v, timestampMs: v, queueLength: 0, availableMemoryBytes: v, softwareVersion: '0.1.0',
        metrics: { sampledAtMs: v, cores: [], gpus: [{ vendor: '', model: '', memoryTotalBytes: v }], ramUsedBytes: v, ramTotalBytes: v, swapTotalBytes: v, netRxBytes: v }
      }))
      expect([hb.seqno, hb.availableMemoryBytes, hb.metrics?.ramTotalBytes, hb.metrics?.gpus[0]?.memoryTotalBytes, hb.metrics?.netRxBytes], v.toString())
        .to.deep.equal([v, v, v, v, v])
      const av = Availability.decode(Availability.encode({
        nodeId: 'n', seqno: v, timestampMs: v, deviceKind: DeviceKind.GPU, deviceModel: '', gpuMemoryBytes: v, cpuCores: 1, ramBytes: v,
        backends: [], pricePerUnit: '1', location: '', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 1
      }))
      expect([av.gpuMemoryBytes, av.ramBytes]).to.deep.equal([v, v])
    }
  })
})
