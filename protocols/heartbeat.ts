import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum WorkStatus {
  IDLE = 'IDLE',
  BUSY = 'BUSY',
  DRAINING = 'DRAINING',
  LEAVING = 'LEAVING'
}

enum __WorkStatusValues {
  IDLE = 0,
  BUSY = 1,
  DRAINING = 2,
  LEAVING = 3
}

export namespace WorkStatus {
  export const codec = (): Codec<WorkStatus> => {
    return enumeration<WorkStatus>(__WorkStatusValues)
  }
}

export interface CpuCore {
  loadPercent: number
  temperatureC?: number
  frequencyMhz?: number
}

export namespace CpuCore {
  let _codec: Codec<CpuCore>

  export const codec = (): Codec<CpuCore> => {
    if (_codec == null) {
      _codec = message<CpuCore>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.loadPercent != null && obj.loadPercent !== 0)) {
          w.uint32(9)
          w.double(obj.loadPercent)
        }

        if (obj.temperatureC != null) {
          w.uint32(17)
          w.double(obj.temperatureC)
        }

        if (obj.frequencyMhz != null) {
          w.uint32(25)
          w.double(obj.frequencyMhz)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          loadPercent: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.loadPercent = reader.double()
              break
            }
            case 2: {
              obj.temperatureC = reader.double()
              break
            }
            case 3: {
              obj.frequencyMhz = reader.double()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.loadPercent`,
                value: reader.double()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.temperatureC`,
                value: reader.double()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.frequencyMhz`,
                value: reader.double()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface CpuCoreLoadPercentFieldEvent {
    field: '$.loadPercent'
    value: number
  }

  export interface CpuCoreTemperatureCFieldEvent {
    field: '$.temperatureC'
    value: number
  }

  export interface CpuCoreFrequencyMhzFieldEvent {
    field: '$.frequencyMhz'
    value: number
  }

  export function encode (obj: Partial<CpuCore>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CpuCore.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CpuCore>): CpuCore {
    return decodeMessage(buf, CpuCore.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CpuCore>): Generator<CpuCoreLoadPercentFieldEvent | CpuCoreTemperatureCFieldEvent | CpuCoreFrequencyMhzFieldEvent> {
    return streamMessage(buf, CpuCore.codec(), opts)
  }
}

export interface Gpu {
  vendor: string
  model: string
  utilizationPercent?: number
  memoryUsedBytes?: bigint
  memoryTotalBytes?: bigint
  temperatureC?: number
  powerWatts?: number
}

export namespace Gpu {
  let _codec: Codec<Gpu>

  export const codec = (): Codec<Gpu> => {
    if (_codec == null) {
      _codec = message<Gpu>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.vendor != null && obj.vendor !== '')) {
          w.uint32(10)
          w.string(obj.vendor)
        }

        if ((obj.model != null && obj.model !== '')) {
          w.uint32(18)
          w.string(obj.model)
        }

        if (obj.utilizationPercent != null) {
          w.uint32(25)
          w.double(obj.utilizationPercent)
        }

        if (obj.memoryUsedBytes != null) {
          w.uint32(33)
          w.fixed64(obj.memoryUsedBytes)
        }

        if (obj.memoryTotalBytes != null) {
          w.uint32(41)
          w.fixed64(obj.memoryTotalBytes)
        }

        if (obj.temperatureC != null) {
          w.uint32(49)
          w.double(obj.temperatureC)
        }

        if (obj.powerWatts != null) {
          w.uint32(57)
          w.double(obj.powerWatts)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          vendor: '',
          model: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.vendor = reader.string()
              break
            }
            case 2: {
              obj.model = reader.string()
              break
            }
            case 3: {
              obj.utilizationPercent = reader.double()
              break
            }
            case 4: {
              obj.memoryUsedBytes = reader.fixed64()
              break
            }
            case 5: {
              obj.memoryTotalBytes = reader.fixed64()
              break
            }
            case 6: {
              obj.temperatureC = reader.double()
              break
            }
            case 7: {
              obj.powerWatts = reader.double()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.vendor`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.model`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.utilizationPercent`,
                value: reader.double()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.memoryUsedBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.memoryTotalBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.temperatureC`,
                value: reader.double()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.powerWatts`,
                value: reader.double()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface GpuVendorFieldEvent {
    field: '$.vendor'
    value: string
  }

  export interface GpuModelFieldEvent {
    field: '$.model'
    value: string
  }

  export interface GpuUtilizationPercentFieldEvent {
    field: '$.utilizationPercent'
    value: number
  }

  export interface GpuMemoryUsedBytesFieldEvent {
    field: '$.memoryUsedBytes'
    value: bigint
  }

  export interface GpuMemoryTotalBytesFieldEvent {
    field: '$.memoryTotalBytes'
    value: bigint
  }

  export interface GpuTemperatureCFieldEvent {
    field: '$.temperatureC'
    value: number
  }

  export interface GpuPowerWattsFieldEvent {
    field: '$.powerWatts'
    value: number
  }

  export function encode (obj: Partial<Gpu>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Gpu.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Gpu>): Gpu {
    return decodeMessage(buf, Gpu.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Gpu>): Generator<GpuVendorFieldEvent | GpuModelFieldEvent | GpuUtilizationPercentFieldEvent | GpuMemoryUsedBytesFieldEvent | GpuMemoryTotalBytesFieldEvent | GpuTemperatureCFieldEvent | GpuPowerWattsFieldEvent> {
    return streamMessage(buf, Gpu.codec(), opts)
  }
}

export interface HardwareMetrics {
  sampledAtMs: bigint
  cores: CpuCore[]
  cpuTemperatureC?: number
  gpus: Gpu[]
  ramUsedBytes: bigint
  ramTotalBytes: bigint
  swapUsedBytes?: bigint
  swapTotalBytes?: bigint
  netRxBytes?: bigint
  netTxBytes?: bigint
  netConnections?: number
}

export namespace HardwareMetrics {
  let _codec: Codec<HardwareMetrics>

  export const codec = (): Codec<HardwareMetrics> => {
    if (_codec == null) {
      _codec = message<HardwareMetrics>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.sampledAtMs != null && obj.sampledAtMs !== 0n)) {
          w.uint32(9)
          w.fixed64(obj.sampledAtMs)
        }

        if (obj.cores != null && obj.cores.length > 0) {
          for (const value of obj.cores) {
            w.uint32(18)
            CpuCore.codec().encode(value, w)
          }
        }

        if (obj.cpuTemperatureC != null) {
          w.uint32(25)
          w.double(obj.cpuTemperatureC)
        }

        if (obj.gpus != null && obj.gpus.length > 0) {
          for (const value of obj.gpus) {
            w.uint32(34)
            Gpu.codec().encode(value, w)
          }
        }

        if ((obj.ramUsedBytes != null && obj.ramUsedBytes !== 0n)) {
          w.uint32(41)
          w.fixed64(obj.ramUsedBytes)
        }

        if ((obj.ramTotalBytes != null && obj.ramTotalBytes !== 0n)) {
          w.uint32(49)
          w.fixed64(obj.ramTotalBytes)
        }

        if (obj.swapUsedBytes != null) {
          w.uint32(57)
          w.fixed64(obj.swapUsedBytes)
        }

        if (obj.swapTotalBytes != null) {
          w.uint32(65)
          w.fixed64(obj.swapTotalBytes)
        }

        if (obj.netRxBytes != null) {
          w.uint32(73)
          w.fixed64(obj.netRxBytes)
        }

        if (obj.netTxBytes != null) {
          w.uint32(81)
          w.fixed64(obj.netTxBytes)
        }

        if (obj.netConnections != null) {
          w.uint32(88)
          w.uint32(obj.netConnections)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          sampledAtMs: 0n,
          cores: [],
          gpus: [],
          ramUsedBytes: 0n,
          ramTotalBytes: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.sampledAtMs = reader.fixed64()
              break
            }
            case 2: {
              if (opts.limits?.cores != null && obj.cores.length === opts.limits.cores) {
                throw new MaxLengthError('Decode error - repeated field "cores" had too many elements')
              }

              obj.cores.push(CpuCore.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.cores$
              }))
              break
            }
            case 3: {
              obj.cpuTemperatureC = reader.double()
              break
            }
            case 4: {
              if (opts.limits?.gpus != null && obj.gpus.length === opts.limits.gpus) {
                throw new MaxLengthError('Decode error - repeated field "gpus" had too many elements')
              }

              obj.gpus.push(Gpu.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.gpus$
              }))
              break
            }
            case 5: {
              obj.ramUsedBytes = reader.fixed64()
              break
            }
            case 6: {
              obj.ramTotalBytes = reader.fixed64()
              break
            }
            case 7: {
              obj.swapUsedBytes = reader.fixed64()
              break
            }
            case 8: {
              obj.swapTotalBytes = reader.fixed64()
              break
            }
            case 9: {
              obj.netRxBytes = reader.fixed64()
              break
            }
            case 10: {
              obj.netTxBytes = reader.fixed64()
              break
            }
            case 11: {
              obj.netConnections = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          cores: 0,
          gpus: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.sampledAtMs`,
                value: reader.fixed64()
              }
              break
            }
            case 2: {
              if (opts.limits?.cores != null && obj.cores === opts.limits.cores) {
                throw new MaxLengthError('Streaming decode error - repeated field "cores" had too many elements')
              }

              for (const evt of CpuCore.codec().stream(reader, reader.uint32(), `${prefix}.cores[]`, {
                limits: opts.limits?.cores$
              })) {
                yield {
                  ...evt,
                  index: obj.cores
                }
              }

              obj.cores++

              break
            }
            case 3: {
              yield {
                field: `${prefix}.cpuTemperatureC`,
                value: reader.double()
              }
              break
            }
            case 4: {
              if (opts.limits?.gpus != null && obj.gpus === opts.limits.gpus) {
                throw new MaxLengthError('Streaming decode error - repeated field "gpus" had too many elements')
              }

              for (const evt of Gpu.codec().stream(reader, reader.uint32(), `${prefix}.gpus[]`, {
                limits: opts.limits?.gpus$
              })) {
                yield {
                  ...evt,
                  index: obj.gpus
                }
              }

              obj.gpus++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.ramUsedBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.ramTotalBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.swapUsedBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.swapTotalBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.netRxBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.netTxBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.netConnections`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface HardwareMetricsSampledAtMsFieldEvent {
    field: '$.sampledAtMs'
    value: bigint
  }

  export interface HardwareMetricsCoresLoadPercentFieldEvent {
    field: '$.cores[].loadPercent'
    value: number
    index: number
  }

  export interface HardwareMetricsCoresTemperatureCFieldEvent {
    field: '$.cores[].temperatureC'
    value: number
    index: number
  }

  export interface HardwareMetricsCoresFrequencyMhzFieldEvent {
    field: '$.cores[].frequencyMhz'
    value: number
    index: number
  }

  export interface HardwareMetricsCpuTemperatureCFieldEvent {
    field: '$.cpuTemperatureC'
    value: number
  }

  export interface HardwareMetricsGpusVendorFieldEvent {
    field: '$.gpus[].vendor'
    value: string
    index: number
  }

  export interface HardwareMetricsGpusModelFieldEvent {
    field: '$.gpus[].model'
    value: string
    index: number
  }

  export interface HardwareMetricsGpusUtilizationPercentFieldEvent {
    field: '$.gpus[].utilizationPercent'
    value: number
    index: number
  }

  export interface HardwareMetricsGpusMemoryUsedBytesFieldEvent {
    field: '$.gpus[].memoryUsedBytes'
    value: bigint
    index: number
  }

  export interface HardwareMetricsGpusMemoryTotalBytesFieldEvent {
    field: '$.gpus[].memoryTotalBytes'
    value: bigint
    index: number
  }

  export interface HardwareMetricsGpusTemperatureCFieldEvent {
    field: '$.gpus[].temperatureC'
    value: number
    index: number
  }

  export interface HardwareMetricsGpusPowerWattsFieldEvent {
    field: '$.gpus[].powerWatts'
    value: number
    index: number
  }

  export interface HardwareMetricsRamUsedBytesFieldEvent {
    field: '$.ramUsedBytes'
    value: bigint
  }

  export interface HardwareMetricsRamTotalBytesFieldEvent {
    field: '$.ramTotalBytes'
    value: bigint
  }

  export interface HardwareMetricsSwapUsedBytesFieldEvent {
    field: '$.swapUsedBytes'
    value: bigint
  }

  export interface HardwareMetricsSwapTotalBytesFieldEvent {
    field: '$.swapTotalBytes'
    value: bigint
  }

  export interface HardwareMetricsNetRxBytesFieldEvent {
    field: '$.netRxBytes'
    value: bigint
  }

  export interface HardwareMetricsNetTxBytesFieldEvent {
    field: '$.netTxBytes'
    value: bigint
  }

  export interface HardwareMetricsNetConnectionsFieldEvent {
    field: '$.netConnections'
    value: number
  }

  export function encode (obj: Partial<HardwareMetrics>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HardwareMetrics.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HardwareMetrics>): HardwareMetrics {
    return decodeMessage(buf, HardwareMetrics.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HardwareMetrics>): Generator<HardwareMetricsSampledAtMsFieldEvent | HardwareMetricsCoresLoadPercentFieldEvent | HardwareMetricsCoresTemperatureCFieldEvent | HardwareMetricsCoresFrequencyMhzFieldEvent | HardwareMetricsCpuTemperatureCFieldEvent | HardwareMetricsGpusVendorFieldEvent | HardwareMetricsGpusModelFieldEvent | HardwareMetricsGpusUtilizationPercentFieldEvent | HardwareMetricsGpusMemoryUsedBytesFieldEvent | HardwareMetricsGpusMemoryTotalBytesFieldEvent | HardwareMetricsGpusTemperatureCFieldEvent | HardwareMetricsGpusPowerWattsFieldEvent | HardwareMetricsRamUsedBytesFieldEvent | HardwareMetricsRamTotalBytesFieldEvent | HardwareMetricsSwapUsedBytesFieldEvent | HardwareMetricsSwapTotalBytesFieldEvent | HardwareMetricsNetRxBytesFieldEvent | HardwareMetricsNetTxBytesFieldEvent | HardwareMetricsNetConnectionsFieldEvent> {
    return streamMessage(buf, HardwareMetrics.codec(), opts)
  }
}

export interface Heartbeat {
  nodeId: string
  status: WorkStatus
  seqno: bigint
  timestampMs: bigint
  queueLength: number
  availableMemoryBytes: bigint
  metrics?: HardwareMetrics
  softwareVersion: string
}

export namespace Heartbeat {
  let _codec: Codec<Heartbeat>

  export const codec = (): Codec<Heartbeat> => {
    if (_codec == null) {
      _codec = message<Heartbeat>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.nodeId != null && obj.nodeId !== '')) {
          w.uint32(10)
          w.string(obj.nodeId)
        }

        if (obj.status != null && __WorkStatusValues[obj.status] !== 0) {
          w.uint32(16)
          WorkStatus.codec().encode(obj.status, w)
        }

        if ((obj.seqno != null && obj.seqno !== 0n)) {
          w.uint32(25)
          w.fixed64(obj.seqno)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0n)) {
          w.uint32(33)
          w.fixed64(obj.timestampMs)
        }

        if ((obj.queueLength != null && obj.queueLength !== 0)) {
          w.uint32(40)
          w.uint32(obj.queueLength)
        }

        if ((obj.availableMemoryBytes != null && obj.availableMemoryBytes !== 0n)) {
          w.uint32(49)
          w.fixed64(obj.availableMemoryBytes)
        }

        if (obj.metrics != null) {
          w.uint32(58)
          HardwareMetrics.codec().encode(obj.metrics, w)
        }

        if ((obj.softwareVersion != null && obj.softwareVersion !== '')) {
          w.uint32(66)
          w.string(obj.softwareVersion)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          nodeId: '',
          status: WorkStatus.IDLE,
          seqno: 0n,
          timestampMs: 0n,
          queueLength: 0,
          availableMemoryBytes: 0n,
          softwareVersion: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.nodeId = reader.string()
              break
            }
            case 2: {
              obj.status = WorkStatus.codec().decode(reader)
              break
            }
            case 3: {
              obj.seqno = reader.fixed64()
              break
            }
            case 4: {
              obj.timestampMs = reader.fixed64()
              break
            }
            case 5: {
              obj.queueLength = reader.uint32()
              break
            }
            case 6: {
              obj.availableMemoryBytes = reader.fixed64()
              break
            }
            case 7: {
              obj.metrics = HardwareMetrics.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.metrics
              })
              break
            }
            case 8: {
              obj.softwareVersion = reader.string()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.nodeId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.status`,
                value: WorkStatus.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.seqno`,
                value: reader.fixed64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.timestampMs`,
                value: reader.fixed64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.queueLength`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.availableMemoryBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 7: {
              yield * HardwareMetrics.codec().stream(reader, reader.uint32(), `${prefix}.metrics`, {
                limits: opts.limits?.metrics
              })

              break
            }
            case 8: {
              yield {
                field: `${prefix}.softwareVersion`,
                value: reader.string()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface HeartbeatNodeIdFieldEvent {
    field: '$.nodeId'
    value: string
  }

  export interface HeartbeatStatusFieldEvent {
    field: '$.status'
    value: WorkStatus
  }

  export interface HeartbeatSeqnoFieldEvent {
    field: '$.seqno'
    value: bigint
  }

  export interface HeartbeatTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: bigint
  }

  export interface HeartbeatQueueLengthFieldEvent {
    field: '$.queueLength'
    value: number
  }

  export interface HeartbeatAvailableMemoryBytesFieldEvent {
    field: '$.availableMemoryBytes'
    value: bigint
  }

  export interface HeartbeatMetricsSampledAtMsFieldEvent {
    field: '$.metrics.sampledAtMs'
    value: bigint
  }

  export interface HeartbeatMetricsCoresLoadPercentFieldEvent {
    field: '$.metrics.cores[].loadPercent'
    value: number
    index: number
  }

  export interface HeartbeatMetricsCoresTemperatureCFieldEvent {
    field: '$.metrics.cores[].temperatureC'
    value: number
    index: number
  }

  export interface HeartbeatMetricsCoresFrequencyMhzFieldEvent {
    field: '$.metrics.cores[].frequencyMhz'
    value: number
    index: number
  }

  export interface HeartbeatMetricsCpuTemperatureCFieldEvent {
    field: '$.metrics.cpuTemperatureC'
    value: number
  }

  export interface HeartbeatMetricsGpusVendorFieldEvent {
    field: '$.metrics.gpus[].vendor'
    value: string
    index: number
  }

  export interface HeartbeatMetricsGpusModelFieldEvent {
    field: '$.metrics.gpus[].model'
    value: string
    index: number
  }

  export interface HeartbeatMetricsGpusUtilizationPercentFieldEvent {
    field: '$.metrics.gpus[].utilizationPercent'
    value: number
    index: number
  }

  export interface HeartbeatMetricsGpusMemoryUsedBytesFieldEvent {
    field: '$.metrics.gpus[].memoryUsedBytes'
    value: bigint
    index: number
  }

  export interface HeartbeatMetricsGpusMemoryTotalBytesFieldEvent {
    field: '$.metrics.gpus[].memoryTotalBytes'
    value: bigint
    index: number
  }

  export interface HeartbeatMetricsGpusTemperatureCFieldEvent {
    field: '$.metrics.gpus[].temperatureC'
    value: number
    index: number
  }

  export interface HeartbeatMetricsGpusPowerWattsFieldEvent {
    field: '$.metrics.gpus[].powerWatts'
    value: number
    index: number
  }

  export interface HeartbeatMetricsRamUsedBytesFieldEvent {
    field: '$.metrics.ramUsedBytes'
    value: bigint
  }

  export interface HeartbeatMetricsRamTotalBytesFieldEvent {
    field: '$.metrics.ramTotalBytes'
    value: bigint
  }

  export interface HeartbeatMetricsSwapUsedBytesFieldEvent {
    field: '$.metrics.swapUsedBytes'
    value: bigint
  }

  export interface HeartbeatMetricsSwapTotalBytesFieldEvent {
    field: '$.metrics.swapTotalBytes'
    value: bigint
  }

  export interface HeartbeatMetricsNetRxBytesFieldEvent {
    field: '$.metrics.netRxBytes'
    value: bigint
  }

  export interface HeartbeatMetricsNetTxBytesFieldEvent {
    field: '$.metrics.netTxBytes'
    value: bigint
  }

  export interface HeartbeatMetricsNetConnectionsFieldEvent {
    field: '$.metrics.netConnections'
    value: number
  }

  export interface HeartbeatSoftwareVersionFieldEvent {
    field: '$.softwareVersion'
    value: string
  }

  export function encode (obj: Partial<Heartbeat>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Heartbeat.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Heartbeat>): Heartbeat {
    return decodeMessage(buf, Heartbeat.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Heartbeat>): Generator<HeartbeatNodeIdFieldEvent | HeartbeatStatusFieldEvent | HeartbeatSeqnoFieldEvent | HeartbeatTimestampMsFieldEvent | HeartbeatQueueLengthFieldEvent | HeartbeatAvailableMemoryBytesFieldEvent | HeartbeatMetricsSampledAtMsFieldEvent | HeartbeatMetricsCoresLoadPercentFieldEvent | HeartbeatMetricsCoresTemperatureCFieldEvent | HeartbeatMetricsCoresFrequencyMhzFieldEvent | HeartbeatMetricsCpuTemperatureCFieldEvent | HeartbeatMetricsGpusVendorFieldEvent | HeartbeatMetricsGpusModelFieldEvent | HeartbeatMetricsGpusUtilizationPercentFieldEvent | HeartbeatMetricsGpusMemoryUsedBytesFieldEvent | HeartbeatMetricsGpusMemoryTotalBytesFieldEvent | HeartbeatMetricsGpusTemperatureCFieldEvent | HeartbeatMetricsGpusPowerWattsFieldEvent | HeartbeatMetricsRamUsedBytesFieldEvent | HeartbeatMetricsRamTotalBytesFieldEvent | HeartbeatMetricsSwapUsedBytesFieldEvent | HeartbeatMetricsSwapTotalBytesFieldEvent | HeartbeatMetricsNetRxBytesFieldEvent | HeartbeatMetricsNetTxBytesFieldEvent | HeartbeatMetricsNetConnectionsFieldEvent | HeartbeatSoftwareVersionFieldEvent> {
    return streamMessage(buf, Heartbeat.codec(), opts)
  }
}
