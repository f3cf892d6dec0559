import { decodeMessage, encodeMessage, MaxLengthError, MaxSizeError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface JobUpdatesRequest {
  jobId: string
  session: string
  afterSeq: bigint
}

export namespace JobUpdatesRequest {
  let _codec: Codec<JobUpdatesRequest>

  export const codec = (): Codec<JobUpdatesRequest> => {
    if (_codec == null) {
      _codec = message<JobUpdatesRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId !== '')) {
          w.uint32(10)
          w.string(obj.jobId)
        }

        if ((obj.session != null && obj.session !== '')) {
          w.uint32(18)
          w.string(obj.session)
        }

        if ((obj.afterSeq != null && obj.afterSeq !== 0n)) {
          w.uint32(25)
          w.fixed64(obj.afterSeq)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          session: '',
          afterSeq: 0n
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
              obj.session = reader.string()
              break
            }
            case 3: {
              obj.afterSeq = reader.fixed64()
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
                field: `${prefix}.session`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.afterSeq`,
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

  export interface JobUpdatesRequestJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface JobUpdatesRequestSessionFieldEvent {
    field: '$.session'
    value: string
  }

  export interface JobUpdatesRequestAfterSeqFieldEvent {
    field: '$.afterSeq'
    value: bigint
  }

  export function encode (obj: Partial<JobUpdatesRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobUpdatesRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobUpdatesRequest>): JobUpdatesRequest {
    return decodeMessage(buf, JobUpdatesRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobUpdatesRequest>): Generator<JobUpdatesRequestJobIdFieldEvent | JobUpdatesRequestSessionFieldEvent | JobUpdatesRequestAfterSeqFieldEvent> {
    return streamMessage(buf, JobUpdatesRequest.codec(), opts)
  }
}

export interface JobUpdate {
  jobId: string
  seq: bigint
  state: string
  progress: number
  metrics: Map<string, number>
  currentEpoch: number
  message: string
  timestampMs: bigint
  final: boolean
  code: string
  checkpointUri: string
}

export namespace JobUpdate {
  export interface JobUpdate$metricsEntry {
    key: string
    value: number
  }

  export namespace JobUpdate$metricsEntry {
    let _codec: Codec<JobUpdate$metricsEntry>

    export const codec = (): Codec<JobUpdate$metricsEntry> => {
      if (_codec == null) {
        _codec = message<JobUpdate$metricsEntry>((obj, w, opts = {}) => {
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

    export interface JobUpdate$metricsEntryKeyFieldEvent {
      field: '$.key'
      value: string
    }

    export interface JobUpdate$metricsEntryValueFieldEvent {
      field: '$.value'
      value: number
    }

    export function encode (obj: Partial<JobUpdate$metricsEntry>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, JobUpdate$metricsEntry.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobUpdate$metricsEntry>): JobUpdate$metricsEntry {
      return decodeMessage(buf, JobUpdate$metricsEntry.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobUpdate$metricsEntry>): Generator<JobUpdate$metricsEntryKeyFieldEvent | JobUpdate$metricsEntryValueFieldEvent> {
      return streamMessage(buf, JobUpdate$metricsEntry.codec(), opts)
    }
  }

  let _codec: Codec<JobUpdate>

  export const codec = (): Codec<JobUpdate> => {
    if (_codec == null) {
      _codec = message<JobUpdate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId !== '')) {
          w.uint32(10)
          w.string(obj.jobId)
        }

        if ((obj.seq != null && obj.seq !== 0n)) {
          w.uint32(17)
          w.fixed64(obj.seq)
        }

        if ((obj.state != null && obj.state !== '')) {
          w.uint32(26)
          w.string(obj.state)
        }

        if ((obj.progress != null && obj.progress !== 0)) {
          w.uint32(33)
          w.double(obj.progress)
        }

        if (obj.metrics != null && obj.metrics.size > 0) {
          for (const [key, value] of obj.metrics.entries()) {
            w.uint32(42)
            JobUpdate.JobUpdate$metricsEntry.codec().encode({ key, value }, w)
          }
        }

        if ((obj.currentEpoch != null && obj.currentEpoch !== 0)) {
          w.uint32(48)
          w.uint32(obj.currentEpoch)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(58)
          w.string(obj.message)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0n)) {
          w.uint32(65)
          w.fixed64(obj.timestampMs)
        }

        if ((obj.final != null && obj.final !== false)) {
          w.uint32(72)
          w.bool(obj.final)
        }

        if ((obj.code != null && obj.code !== '')) {
          w.uint32(82)
          w.string(obj.code)
        }

        if ((obj.checkpointUri != null && obj.checkpointUri !== '')) {
          w.uint32(90)
          w.string(obj.checkpointUri)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          seq: 0n,
          state: '',
          progress: 0,
          metrics: new Map<string, number>(),
          currentEpoch: 0,
          message: '',
          timestampMs: 0n,
          final: false,
          code: '',
          checkpointUri: ''
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
              obj.seq = reader.fixed64()
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
              if (opts.limits?.metrics != null && obj.metrics.size === opts.limits.metrics) {
                throw new MaxSizeError('Decode error - map field "metrics" had too many elements')
              }

              const entry = JobUpdate.JobUpdate$metricsEntry.codec().decode(reader, reader.uint32(), {
                limits: {
                  value: opts.limits?.metrics$value
                }
              })
              obj.metrics.set(entry.key, entry.value)
              break
            }
            case 6: {
              obj.currentEpoch = reader.uint32()
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
            case 9: {
              obj.final = reader.bool()
              break
            }
            case 10: {
              obj.code = reader.string()
              break
            }
            case 11: {
              obj.checkpointUri = reader.string()
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
                field: `${prefix}.seq`,
                value: reader.fixed64()
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
              if (opts.limits?.metrics != null && obj.metrics === opts.limits.metrics) {
                throw new MaxLengthError('Decode error - map field "metrics" had too many elements')
              }

              yield * JobUpdate.JobUpdate$metricsEntry.codec().stream(reader, reader.uint32(), `${prefix}.metrics{}`, {
                limits: {
                  value: opts.limits?.metrics$value
                }
              })

              obj.metrics++

              break
            }
            case 6: {
              yield {
                field: `${prefix}.currentEpoch`,
                value: reader.uint32()
              }
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
            case 9: {
              yield {
                field: `${prefix}.final`,
                value: reader.bool()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.code`,
                value: reader.string()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.checkpointUri`,
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

  export interface JobUpdateJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface JobUpdateSeqFieldEvent {
    field: '$.seq'
    value: bigint
  }

  export interface JobUpdateStateFieldEvent {
    field: '$.state'
    value: string
  }

  export interface JobUpdateProgressFieldEvent {
    field: '$.progress'
    value: number
  }

  export interface JobUpdateMetricsFieldEvent {
    field: '$.metrics{}'
    key: string
    value: number
  }

  export interface JobUpdateCurrentEpochFieldEvent {
    field: '$.currentEpoch'
    value: number
  }

  export interface JobUpdateMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface JobUpdateTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: bigint
  }

  export interface JobUpdateFinalFieldEvent {
    field: '$.final'
    value: boolean
  }

  export interface JobUpdateCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface JobUpdateCheckpointUriFieldEvent {
    field: '$.checkpointUri'
    value: string
  }

  export function encode (obj: Partial<JobUpdate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobUpdate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobUpdate>): JobUpdate {
    return decodeMessage(buf, JobUpdate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobUpdate>): Generator<JobUpdateJobIdFieldEvent | JobUpdateSeqFieldEvent | JobUpdateStateFieldEvent | JobUpdateProgressFieldEvent | JobUpdateMetricsFieldEvent | JobUpdateCurrentEpochFieldEvent | JobUpdateMessageFieldEvent | JobUpdateTimestampMsFieldEvent | JobUpdateFinalFieldEvent | JobUpdateCodeFieldEvent | JobUpdateCheckpointUriFieldEvent> {
    return streamMessage(buf, JobUpdate.codec(), opts)
  }
}
