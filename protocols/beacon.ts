import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Beacon {
  coordinatorId: string
  seqno: bigint
  timestampMs: bigint
  heartbeatIntervalMs: bigint
  minPeerVersion: string
  onlineNodes: number
}

export namespace Beacon {
  let _codec: Codec<Beacon>

  export const codec = (): Codec<Beacon> => {
    if (_codec == null) {
      _codec = message<Beacon>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.coordinatorId != null && obj.coordinatorId !== '')) {
          w.uint32(10)
          w.string(obj.coordinatorId)
        }

        if ((obj.seqno != null && obj.seqno !== 0n)) {
          w.uint32(17)
          w.fixed64(obj.seqno)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0n)) {
          w.uint32(25)
          w.fixed64(obj.timestampMs)
        }

        if ((obj.heartbeatIntervalMs != null && obj.heartbeatIntervalMs !== 0n)) {
          w.uint32(33)
          w.fixed64(obj.heartbeatIntervalMs)
        }

        if ((obj.minPeerVersion != null && obj.minPeerVersion !== '')) {
          w.uint32(42)
          w.string(obj.minPeerVersion)
        }

        if ((obj.onlineNodes != null && obj.onlineNodes !== 0)) {
          w.uint32(48)
          w.uint32(obj.onlineNodes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          coordinatorId: '',
          seqno: 0n,
          timestampMs: 0n,
          heartbeatIntervalMs: 0n,
          minPeerVersion: '',
          onlineNodes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.coordinatorId = reader.string()
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
              obj.heartbeatIntervalMs = reader.fixed64()
              break
            }
            case 5: {
              obj.minPeerVersion = reader.string()
              break
            }
            case 6: {
              obj.onlineNodes = reader.uint32()
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
                field: `${prefix}.coordinatorId`,
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
                field: `${prefix}.heartbeatIntervalMs`,
                value: reader.fixed64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.minPeerVersion`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.onlineNodes`,
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

  export interface BeaconCoordinatorIdFieldEvent {
    field: '$.coordinatorId'
    value: string
  }

  export interface BeaconSeqnoFieldEvent {
    field: '$.seqno'
    value: bigint
  }

  export interface BeaconTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: bigint
  }

  export interface BeaconHeartbeatIntervalMsFieldEvent {
    field: '$.heartbeatIntervalMs'
    value: bigint
  }

  export interface BeaconMinPeerVersionFieldEvent {
    field: '$.minPeerVersion'
    value: string
  }

  export interface BeaconOnlineNodesFieldEvent {
    field: '$.onlineNodes'
    value: number
  }

  export function encode (obj: Partial<Beacon>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Beacon.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Beacon>): Beacon {
    return decodeMessage(buf, Beacon.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Beacon>): Generator<BeaconCoordinatorIdFieldEvent | BeaconSeqnoFieldEvent | BeaconTimestampMsFieldEvent | BeaconHeartbeatIntervalMsFieldEvent | BeaconMinPeerVersionFieldEvent | BeaconOnlineNodesFieldEvent> {
    return streamMessage(buf, Beacon.codec(), opts)
  }
}
