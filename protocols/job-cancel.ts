import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface CancelJob {
  jobId: string
  leaseId: string
  reason: string
}

export namespace CancelJob {
  let _codec: Codec<CancelJob>

  export const codec = (): Codec<CancelJob> => {
    if (_codec == null) {
      _codec = message<CancelJob>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId !== '')) {
          w.uint32(10)
          w.string(obj.jobId)
        }

        if ((obj.leaseId != null && obj.leaseId !== '')) {
          w.uint32(18)
          w.string(obj.leaseId)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(26)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          leaseId: '',
          reason: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobId = reader.string()
              break
            }
            case 2: {
              obj.leaseId = reader.string()
              break
            }
            case 3: {
              obj.reason = reader.string()
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
                field: `${prefix}.jobId`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.leaseId`,
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

  export interface CancelJobJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface CancelJobLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface CancelJobReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<CancelJob>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CancelJob.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CancelJob>): CancelJob {
    return decodeMessage(buf, CancelJob.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CancelJob>): Generator<CancelJobJobIdFieldEvent | CancelJobLeaseIdFieldEvent | CancelJobReasonFieldEvent> {
    return streamMessage(buf, CancelJob.codec(), opts)
  }
}

export interface CancelAck {
  stopped: boolean
}

export namespace CancelAck {
  let _codec: Codec<CancelAck>

  export const codec = (): Codec<CancelAck> => {
    if (_codec == null) {
      _codec = message<CancelAck>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.stopped != null && obj.stopped !== false)) {
          w.uint32(8)
          w.bool(obj.stopped)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          stopped: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.stopped = reader.bool()
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
                field: `${prefix}.stopped`,
                value: reader.bool()
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

  export interface CancelAckStoppedFieldEvent {
    field: '$.stopped'
    value: boolean
  }

  export function encode (obj: Partial<CancelAck>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CancelAck.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CancelAck>): CancelAck {
    return decodeMessage(buf, CancelAck.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CancelAck>): Generator<CancelAckStoppedFieldEvent> {
    return streamMessage(buf, CancelAck.codec(), opts)
  }
}
