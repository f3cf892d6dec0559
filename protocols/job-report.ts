import { decodeMessage, encodeMessage, MaxLengthError, MaxSizeError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface JobReport {
  jobId: string
  leaseId: string
  state: string
  progress: number
  currentEpoch: number
  metrics: Map<string, number>
  message: string
  timestampMs: bigint
}

export namespace JobReport {
  export interface JobReport$metricsEntry {
    key: string
    value: number
  }

  export namespace JobReport$metricsEntry {
    let _codec: Codec<JobReport$metricsEntry>

    export const codec = (): Codec<JobReport$metricsEntry> => {
      if (_codec == null) {
        _codec = message<JobReport$metricsEntry>((obj, w, opts = {}) => {
          if (opts.lengthDelimited !== false) {
            w.fork()
          }

          if ((obj.key != null && obj.key !== '')) {
            w.uint32(10)
            w.string(obj.key)
          }

          if ((obj.value != null && obj.value !== 0)) {
            w.uint32(17)
            w.double(obj.value)
          }

          if (opts.lengthDelimited !== false) {
            w.ldelim()
          }
        }, (reader, length, opts = {}) => {
          const obj: any = {
            key: '',
            value: 0
          }

          const end = length == null ? reader.len : reader.pos + length

          while (reader.pos < end) {
            const tag = reader.uint32()

            switch (tag >>> 3) {
              case 1: {
                obj.key = reader.string()
                break
              }
              case 2: {
                obj.value = reader.double()
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
                  field: `${prefix}.key`,
                  value: reader.string()
                }
                break
              }
              case 2: {
                yield {
                  field: `${prefix}.value`,
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

    export interface JobReport$metricsEntryKeyFieldEvent {
      field: '$.key'
      value: string
    }

    export interface JobReport$metricsEntryValueFieldEvent {
      field: '$.value'
      value: number
    }

    export function encode (obj: Partial<JobReport$metricsEntry>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, JobReport$metricsEntry.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobReport$metricsEntry>): JobReport$metricsEntry {
      return decodeMessage(buf, JobReport$metricsEntry.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobReport$metricsEntry>): Generator<JobReport$metricsEntryKeyFieldEvent | JobReport$metricsEntryValueFieldEvent> {
      return streamMessage(buf, JobReport$metricsEntry.codec(), opts)
    }
  }

  let _codec: Codec<JobReport>

  export const codec = (): Codec<JobReport> => {
    if (_codec == null) {
      _codec = message<JobReport>((obj, w, opts = {}) => {
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

        if ((obj.state != null && obj.state !== '')) {
          w.uint32(26)
          w.string(obj.state)
        }

        if ((obj.progress != null && obj.progress !== 0)) {
          w.uint32(33)
          w.double(obj.progress)
        }

        if ((obj.currentEpoch != null && obj.currentEpoch !== 0)) {
          w.uint32(40)
          w.uint32(obj.currentEpoch)
        }

        if (obj.metrics != null && obj.metrics.size > 0) {
          for (const [key, value] of obj.metrics.entries()) {
            w.uint32(50)
            JobReport.JobReport$metricsEntry.codec().encode({ key, value }, w)
          }
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(58)
          w.string(obj.message)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0n)) {
          w.uint32(65)
          w.fixed64(obj.timestampMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          leaseId: '',
          state: '',
          progress: 0,
          currentEpoch: 0,
          metrics: new Map<string, number>(),
          message: '',
          timestampMs: 0n
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
              obj.state = reader.string()
              break
            }
            case 4: {
              obj.progress = reader.double()
              break
            }
            case 5: {
              obj.currentEpoch = reader.uint32()
              break
            }
            case 6: {
              if (opts.limits?.metrics != null && obj.metrics.size === opts.limits.metrics) {
                throw new MaxSizeError('Decode error - map field "metrics" had too many elements')
              }

              const entry = JobReport.JobReport$metricsEntry.codec().decode(reader, reader.uint32(), {
                limits: {
                  value: opts.limits?.metrics$value
                }
              })
              obj.metrics.set(entry.key, entry.value)
              break
            }
            case 7: {
              obj.message = reader.string()
              break
            }
            case 8: {
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
        const obj = {
          metrics: 0
        }

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
                field: `${prefix}.state`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.progress`,
                value: reader.double()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.currentEpoch`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              if (opts.limits?.metrics != null && obj.metrics === opts.limits.metrics) {
                throw new MaxLengthError('Decode error - map field "metrics" had too many elements')
              }

              yield * JobReport.JobReport$metricsEntry.codec().stream(reader, reader.uint32(), `${prefix}.metrics{}`, {
                limits: {
                  value: opts.limits?.metrics$value
                }
              })

              obj.metrics++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 8: {
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

  export interface JobReportJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface JobReportLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface JobReportStateFieldEvent {
    field: '$.state'
    value: string
  }

  export interface JobReportProgressFieldEvent {
    field: '$.progress'
    value: number
  }

  export interface JobReportCurrentEpochFieldEvent {
    field: '$.currentEpoch'
    value: number
  }

  export interface JobReportMetricsFieldEvent {
    field: '$.metrics{}'
    key: string
    value: number
  }

  export interface JobReportMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface JobReportTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: bigint
  }

  export function encode (obj: Partial<JobReport>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobReport.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobReport>): JobReport {
    return decodeMessage(buf, JobReport.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobReport>): Generator<JobReportJobIdFieldEvent | JobReportLeaseIdFieldEvent | JobReportStateFieldEvent | JobReportProgressFieldEvent | JobReportCurrentEpochFieldEvent | JobReportMetricsFieldEvent | JobReportMessageFieldEvent | JobReportTimestampMsFieldEvent> {
    return streamMessage(buf, JobReport.codec(), opts)
  }
}

export interface JobReportAck {
  code: string
  message: string
  cancel: boolean
}

export namespace JobReportAck {
  let _codec: Codec<JobReportAck>

  export const codec = (): Codec<JobReportAck> => {
    if (_codec == null) {
      _codec = message<JobReportAck>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.code != null && obj.code !== '')) {
          w.uint32(10)
          w.string(obj.code)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(18)
          w.string(obj.message)
        }

        if ((obj.cancel != null && obj.cancel !== false)) {
          w.uint32(24)
          w.bool(obj.cancel)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: '',
          message: '',
          cancel: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.code = reader.string()
              break
            }
            case 2: {
              obj.message = reader.string()
              break
            }
            case 3: {
              obj.cancel = reader.bool()
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
                field: `${prefix}.code`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.cancel`,
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

  export interface JobReportAckCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface JobReportAckMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface JobReportAckCancelFieldEvent {
    field: '$.cancel'
    value: boolean
  }

  export function encode (obj: Partial<JobReportAck>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobReportAck.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobReportAck>): JobReportAck {
    return decodeMessage(buf, JobReportAck.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobReportAck>): Generator<JobReportAckCodeFieldEvent | JobReportAckMessageFieldEvent | JobReportAckCancelFieldEvent> {
    return streamMessage(buf, JobReportAck.codec(), opts)
  }
}
