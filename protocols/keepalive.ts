import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface KeepAlive {
  keepAlive: boolean
  code: string
  reason: string
  timestampMs: bigint
}

export namespace KeepAlive {
  let _codec: Codec<KeepAlive>

  export const codec = (): Codec<KeepAlive> => {
    if (_codec == null) {
      _codec = message<KeepAlive>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.keepAlive != null && obj.keepAlive !== false)) {
          w.uint32(8)
          w.bool(obj.keepAlive)
        }

        if ((obj.code != null && obj.code !== '')) {
          w.uint32(18)
          w.string(obj.code)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0n)) {
          w.uint32(33)
          w.fixed64(obj.timestampMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          keepAlive: false,
          code: '',
          reason: '',
          timestampMs: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.keepAlive = reader.bool()
              break
            }
            case 2: {
              obj.code = reader.string()
              break
            }
            case 3: {
              obj.reason = reader.string()
              break
            }
            case 4: {
              obj.timestampMs = reader.fixed64()
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
                field: `${prefix}.keepAlive`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.code`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
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

  export interface KeepAliveKeepAliveFieldEvent {
    field: '$.keepAlive'
    value: boolean
  }

  export interface KeepAliveCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface KeepAliveReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface KeepAliveTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: bigint
  }

  export function encode (obj: Partial<KeepAlive>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, KeepAlive.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeepAlive>): KeepAlive {
    return decodeMessage(buf, KeepAlive.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeepAlive>): Generator<KeepAliveKeepAliveFieldEvent | KeepAliveCodeFieldEvent | KeepAliveReasonFieldEvent | KeepAliveTimestampMsFieldEvent> {
    return streamMessage(buf, KeepAlive.codec(), opts)
  }
}
