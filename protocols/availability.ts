import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum DeviceKind {
  CPU = 'CPU',
  GPU = 'GPU'
}

enum __DeviceKindValues {
  CPU = 0,
  GPU = 1
}

export namespace DeviceKind {
  export const codec = (): Codec<DeviceKind> => {
    return enumeration<DeviceKind>(__DeviceKindValues)
  }
}

export interface Availability {
  nodeId: string
  seqno: bigint
  timestampMs: bigint
  deviceKind: DeviceKind
  deviceModel: string
  gpuMemoryBytes: bigint
  cpuCores: number
  ramBytes: bigint
  backends: string[]
  pricePerUnit: string
  location: string
  walletAddress: string
  softwareVersion: string
  maxQueueLength: number
}

export namespace Availability {
  let _codec: Codec<Availability>

  export const codec = (): Codec<Availability> => {
    if (_codec == null) {
      _codec = message<Availability>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.nodeId != null && obj.nodeId !== '')) {
          w.uint32(10)
          w.string(obj.nodeId)
        }

        if ((obj.seqno != null && obj.seqno !== 0n)) {
          w.uint32(17)
          w.fixed64(obj.seqno)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0n)) {
          w.uint32(25)
          w.fixed64(obj.timestampMs)
        }

        if (obj.deviceKind != null && __DeviceKindValues[obj.deviceKind] !== 0) {
          w.uint32(32)
          DeviceKind.codec().encode(obj.deviceKind, w)
        }

        if ((obj.deviceModel != null && obj.deviceModel !== '')) {
          w.uint32(42)
          w.string(obj.deviceModel)
        }

        if ((obj.gpuMemoryBytes != null && obj.gpuMemoryBytes !== 0n)) {
          w.uint32(49)
          w.fixed64(obj.gpuMemoryBytes)
        }

        if ((obj.cpuCores != null && obj.cpuCores !== 0)) {
          w.uint32(56)
          w.uint32(obj.cpuCores)
        }

        if ((obj.ramBytes != null && obj.ramBytes !== 0n)) {
          w.uint32(65)
          w.fixed64(obj.ramBytes)
        }

        if (obj.backends != null && obj.backends.length > 0) {
          for (const value of obj.backends) {
            w.uint32(74)
            w.string(value)
          }
        }

        if ((obj.pricePerUnit != null && obj.pricePerUnit !== '')) {
          w.uint32(82)
          w.string(obj.pricePerUnit)
        }

        if ((obj.location != null && obj.location !== '')) {
          w.uint32(90)
          w.string(obj.location)
        }

        if ((obj.walletAddress != null && obj.walletAddress !== '')) {
          w.uint32(98)
          w.string(obj.walletAddress)
        }

        if ((obj.softwareVersion != null && obj.softwareVersion !== '')) {
          w.uint32(106)
          w.string(obj.softwareVersion)
        }

        if ((obj.maxQueueLength != null && obj.maxQueueLength !== 0)) {
          w.uint32(112)
          w.uint32(obj.maxQueueLength)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          nodeId: '',
          seqno: 0n,
          timestampMs: 0n,
          deviceKind: DeviceKind.CPU,
          deviceModel: '',
          gpuMemoryBytes: 0n,
          cpuCores: 0,
          ramBytes: 0n,
          backends: [],
          pricePerUnit: '',
          location: '',
          walletAddress: '',
          softwareVersion: '',
          maxQueueLength: 0
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
              obj.seqno = reader.fixed64()
              break
            }
            case 3: {
              obj.timestampMs = reader.fixed64()
              break
            }
            case 4: {
              obj.deviceKind = DeviceKind.codec().decode(reader)
              break
            }
            case 5: {
              obj.deviceModel = reader.string()
              break
            }
            case 6: {
              obj.gpuMemoryBytes = reader.fixed64()
              break
            }
            case 7: {
              obj.cpuCores = reader.uint32()
              break
            }
            case 8: {
              obj.ramBytes = reader.fixed64()
              break
            }
            case 9: {
              if (opts.limits?.backends != null && obj.backends.length === opts.limits.backends) {
                throw new MaxLengthError('Decode error - repeated field "backends" had too many elements')
              }

              obj.backends.push(reader.string())
              break
            }
            case 10: {
              obj.pricePerUnit = reader.string()
              break
            }
            case 11: {
              obj.location = reader.string()
              break
            }
            case 12: {
              obj.walletAddress = reader.string()
              break
            }
            case 13: {
              obj.softwareVersion = reader.string()
              break
            }
            case 14: {
              obj.maxQueueLength = reader.uint32()
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
          backends: 0
        }

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
                field: `${prefix}.seqno`,
                value: reader.fixed64()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.timestampMs`,
                value: reader.fixed64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.deviceKind`,
                value: DeviceKind.codec().decode(reader)
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.deviceModel`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.gpuMemoryBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.cpuCores`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.ramBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 9: {
              if (opts.limits?.backends != null && obj.backends === opts.limits.backends) {
                throw new MaxLengthError('Streaming decode error - repeated field "backends" had too many elements')
              }

              yield {
                field: `${prefix}.backends[]`,
                index: obj.backends,
                value: reader.string()
              }

              obj.backends++

              break
            }
            case 10: {
              yield {
                field: `${prefix}.pricePerUnit`,
                value: reader.string()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.location`,
                value: reader.string()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.walletAddress`,
                value: reader.string()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.softwareVersion`,
                value: reader.string()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.maxQueueLength`,
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

  export interface AvailabilityNodeIdFieldEvent {
    field: '$.nodeId'
    value: string
  }

  export interface AvailabilitySeqnoFieldEvent {
    field: '$.seqno'
    value: bigint
  }

  export interface AvailabilityTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: bigint
  }

  export interface AvailabilityDeviceKindFieldEvent {
    field: '$.deviceKind'
    value: DeviceKind
  }

  export interface AvailabilityDeviceModelFieldEvent {
    field: '$.deviceModel'
    value: string
  }

  export interface AvailabilityGpuMemoryBytesFieldEvent {
    field: '$.gpuMemoryBytes'
    value: bigint
  }

  export interface AvailabilityCpuCoresFieldEvent {
    field: '$.cpuCores'
    value: number
  }

  export interface AvailabilityRamBytesFieldEvent {
    field: '$.ramBytes'
    value: bigint
  }

  export interface AvailabilityBackendsFieldEvent {
    field: '$.backends[]'
    index: number
    value: string
  }

  export interface AvailabilityPricePerUnitFieldEvent {
    field: '$.pricePerUnit'
    value: string
  }

  export interface AvailabilityLocationFieldEvent {
    field: '$.location'
    value: string
  }

  export interface AvailabilityWalletAddressFieldEvent {
    field: '$.walletAddress'
    value: string
  }

  export interface AvailabilitySoftwareVersionFieldEvent {
    field: '$.softwareVersion'
    value: string
  }

  export interface AvailabilityMaxQueueLengthFieldEvent {
    field: '$.maxQueueLength'
    value: number
  }

  export function encode (obj: Partial<Availability>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Availability.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Availability>): Availability {
    return decodeMessage(buf, Availability.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Availability>): Generator<AvailabilityNodeIdFieldEvent | AvailabilitySeqnoFieldEvent | AvailabilityTimestampMsFieldEvent | AvailabilityDeviceKindFieldEvent | AvailabilityDeviceModelFieldEvent | AvailabilityGpuMemoryBytesFieldEvent | AvailabilityCpuCoresFieldEvent | AvailabilityRamBytesFieldEvent | AvailabilityBackendsFieldEvent | AvailabilityPricePerUnitFieldEvent | AvailabilityLocationFieldEvent | AvailabilityWalletAddressFieldEvent | AvailabilitySoftwareVersionFieldEvent | AvailabilityMaxQueueLengthFieldEvent> {
    return streamMessage(buf, Availability.codec(), opts)
  }
}
