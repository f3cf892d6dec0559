import { decodeMessage, encodeMessage, enumeration, MaxLengthError, MaxSizeError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum ExecutionState {
  ACCEPTED = 'ACCEPTED',
  FETCHING_DATASET = 'FETCHING_DATASET',
  TRAINING = 'TRAINING',
  UPLOADING = 'UPLOADING',
  COMPLETED = 'COMPLETED',
  REPORTED = 'REPORTED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED'
}

enum __ExecutionStateValues {
  ACCEPTED = 0,
  FETCHING_DATASET = 1,
  TRAINING = 2,
  UPLOADING = 3,
  COMPLETED = 4,
  REPORTED = 5,
  FAILED = 6,
  CANCELLED = 7
}

export namespace ExecutionState {
  export const codec = (): Codec<ExecutionState> => {
    return enumeration<ExecutionState>(__ExecutionStateValues)
  }
}

export interface JobReport {
  jobId: string
  leaseId: string
  state: ExecutionState
  progress: number
  currentEpoch: number
  metrics: Map<string, number>
  message: string
  timestampMs: bigint
  checkpointUri: string
  checkpointEpoch: number
  completion?: Completion
  backend: string
  queuedMs: bigint
  states: StatePoint[]
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

        if (obj.state != null && __ExecutionStateValues[obj.state] !== 0) {
          w.uint32(24)
          ExecutionState.codec().encode(obj.state, w)
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

        if ((obj.checkpointUri != null && obj.checkpointUri !== '')) {
          w.uint32(74)
          w.string(obj.checkpointUri)
        }

        if ((obj.checkpointEpoch != null && obj.checkpointEpoch !== 0)) {
          w.uint32(80)
          w.uint32(obj.checkpointEpoch)
        }

        if (obj.completion != null) {
          w.uint32(90)
          Completion.codec().encode(obj.completion, w)
        }

        if ((obj.backend != null && obj.backend !== '')) {
          w.uint32(98)
          w.string(obj.backend)
        }

        if ((obj.queuedMs != null && obj.queuedMs !== 0n)) {
          w.uint32(105)
          w.fixed64(obj.queuedMs)
        }

        if (obj.states != null && obj.states.length > 0) {
          for (const value of obj.states) {
            w.uint32(114)
            StatePoint.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          leaseId: '',
          state: ExecutionState.ACCEPTED,
          progress: 0,
          currentEpoch: 0,
          metrics: new Map<string, number>(),
          message: '',
          timestampMs: 0n,
          checkpointUri: '',
          checkpointEpoch: 0,
          backend: '',
          queuedMs: 0n,
          states: []
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
              obj.state = ExecutionState.codec().decode(reader)
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
            case 9: {
              obj.checkpointUri = reader.string()
              break
            }
            case 10: {
              obj.checkpointEpoch = reader.uint32()
              break
            }
            case 11: {
              obj.completion = Completion.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.completion
              })
              break
            }
            case 12: {
              obj.backend = reader.string()
              break
            }
            case 13: {
              obj.queuedMs = reader.fixed64()
              break
            }
            case 14: {
              if (opts.limits?.states != null && obj.states.length === opts.limits.states) {
                throw new MaxLengthError('Decode error - repeated field "states" had too many elements')
              }

              obj.states.push(StatePoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.states$
              }))
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
          metrics: 0,
          states: 0
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
                value: ExecutionState.codec().decode(reader)
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
            case 9: {
              yield {
                field: `${prefix}.checkpointUri`,
                value: reader.string()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.checkpointEpoch`,
                value: reader.uint32()
              }
              break
            }
            case 11: {
              yield * Completion.codec().stream(reader, reader.uint32(), `${prefix}.completion`, {
                limits: opts.limits?.completion
              })

              break
            }
            case 12: {
              yield {
                field: `${prefix}.backend`,
                value: reader.string()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.queuedMs`,
                value: reader.fixed64()
              }
              break
            }
            case 14: {
              if (opts.limits?.states != null && obj.states === opts.limits.states) {
                throw new MaxLengthError('Streaming decode error - repeated field "states" had too many elements')
              }

              for (const evt of StatePoint.codec().stream(reader, reader.uint32(), `${prefix}.states[]`, {
                limits: opts.limits?.states$
              })) {
                yield {
                  ...evt,
                  index: obj.states
                }
              }

              obj.states++

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
    value: ExecutionState
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

  export interface JobReportCheckpointUriFieldEvent {
    field: '$.checkpointUri'
    value: string
  }

  export interface JobReportCheckpointEpochFieldEvent {
    field: '$.checkpointEpoch'
    value: number
  }

  export interface JobReportCompletionFinalStatusFieldEvent {
    field: '$.completion.finalStatus'
    value: string
  }

  export interface JobReportCompletionModelWeightsUriFieldEvent {
    field: '$.completion.modelWeightsUri'
    value: string
  }

  export interface JobReportCompletionModelWeightsHashFieldEvent {
    field: '$.completion.modelWeightsHash'
    value: string
  }

  export interface JobReportCompletionFinalMetricsFieldEvent {
    field: '$.completion.finalMetrics{}'
    key: string
    value: number
  }

  export interface JobReportCompletionTotalComputeTimeMsFieldEvent {
    field: '$.completion.totalComputeTimeMs'
    value: bigint
  }

  export interface JobReportCompletionSignatureFieldEvent {
    field: '$.completion.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobReportBackendFieldEvent {
    field: '$.backend'
    value: string
  }

  export interface JobReportQueuedMsFieldEvent {
    field: '$.queuedMs'
    value: bigint
  }

  export interface JobReportStatesEpochFieldEvent {
    field: '$.states[].epoch'
    value: number
    index: number
  }

  export interface JobReportStatesBatchFieldEvent {
    field: '$.states[].batch'
    value: number
    index: number
  }

  export interface JobReportStatesUriFieldEvent {
    field: '$.states[].uri'
    value: string
    index: number
  }

  export function encode (obj: Partial<JobReport>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobReport.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobReport>): JobReport {
    return decodeMessage(buf, JobReport.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobReport>): Generator<JobReportJobIdFieldEvent | JobReportLeaseIdFieldEvent | JobReportStateFieldEvent | JobReportProgressFieldEvent | JobReportCurrentEpochFieldEvent | JobReportMetricsFieldEvent | JobReportMessageFieldEvent | JobReportTimestampMsFieldEvent | JobReportCheckpointUriFieldEvent | JobReportCheckpointEpochFieldEvent | JobReportCompletionFinalStatusFieldEvent | JobReportCompletionModelWeightsUriFieldEvent | JobReportCompletionModelWeightsHashFieldEvent | JobReportCompletionFinalMetricsFieldEvent | JobReportCompletionTotalComputeTimeMsFieldEvent | JobReportCompletionSignatureFieldEvent | JobReportBackendFieldEvent | JobReportQueuedMsFieldEvent | JobReportStatesEpochFieldEvent | JobReportStatesBatchFieldEvent | JobReportStatesUriFieldEvent> {
    return streamMessage(buf, JobReport.codec(), opts)
  }
}

export interface StatePoint {
  epoch: number
  batch: number
  uri: string
}

export namespace StatePoint {
  let _codec: Codec<StatePoint>

  export const codec = (): Codec<StatePoint> => {
    if (_codec == null) {
      _codec = message<StatePoint>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(8)
          w.uint32(obj.epoch)
        }

        if ((obj.batch != null && obj.batch !== 0)) {
          w.uint32(16)
          w.uint32(obj.batch)
        }

        if ((obj.uri != null && obj.uri !== '')) {
          w.uint32(26)
          w.string(obj.uri)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          epoch: 0,
          batch: 0,
          uri: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.epoch = reader.uint32()
              break
            }
            case 2: {
              obj.batch = reader.uint32()
              break
            }
            case 3: {
              obj.uri = reader.string()
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
                field: `${prefix}.epoch`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.batch`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.uri`,
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

  export interface StatePointEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface StatePointBatchFieldEvent {
    field: '$.batch'
    value: number
  }

  export interface StatePointUriFieldEvent {
    field: '$.uri'
    value: string
  }

  export function encode (obj: Partial<StatePoint>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, StatePoint.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatePoint>): StatePoint {
    return decodeMessage(buf, StatePoint.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<StatePoint>): Generator<StatePointEpochFieldEvent | StatePointBatchFieldEvent | StatePointUriFieldEvent> {
    return streamMessage(buf, StatePoint.codec(), opts)
  }
}

export interface Completion {
  finalStatus: string
  modelWeightsUri: string
  modelWeightsHash: string
  finalMetrics: Map<string, number>
  totalComputeTimeMs: bigint
  signature: Uint8Array<ArrayBuffer>
}

export namespace Completion {
  export interface Completion$finalMetricsEntry {
    key: string
    value: number
  }

  export namespace Completion$finalMetricsEntry {
    let _codec: Codec<Completion$finalMetricsEntry>

    export const codec = (): Codec<Completion$finalMetricsEntry> => {
      if (_codec == null) {
        _codec = message<Completion$finalMetricsEntry>((obj, w, opts = {}) => {
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

    export interface Completion$finalMetricsEntryKeyFieldEvent {
      field: '$.key'
      value: string
    }

    export interface Completion$finalMetricsEntryValueFieldEvent {
      field: '$.value'
      value: number
    }

    export function encode (obj: Partial<Completion$finalMetricsEntry>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, Completion$finalMetricsEntry.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Completion$finalMetricsEntry>): Completion$finalMetricsEntry {
      return decodeMessage(buf, Completion$finalMetricsEntry.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Completion$finalMetricsEntry>): Generator<Completion$finalMetricsEntryKeyFieldEvent | Completion$finalMetricsEntryValueFieldEvent> {
      return streamMessage(buf, Completion$finalMetricsEntry.codec(), opts)
    }
  }

  let _codec: Codec<Completion>

  export const codec = (): Codec<Completion> => {
    if (_codec == null) {
      _codec = message<Completion>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.finalStatus != null && obj.finalStatus !== '')) {
          w.uint32(10)
          w.string(obj.finalStatus)
        }

        if ((obj.modelWeightsUri != null && obj.modelWeightsUri !== '')) {
          w.uint32(18)
          w.string(obj.modelWeightsUri)
        }

        if ((obj.modelWeightsHash != null && obj.modelWeightsHash !== '')) {
          w.uint32(26)
          w.string(obj.modelWeightsHash)
        }

        if (obj.finalMetrics != null && obj.finalMetrics.size > 0) {
          for (const [key, value] of obj.finalMetrics.entries()) {
            w.uint32(34)
            Completion.Completion$finalMetricsEntry.codec().encode({ key, value }, w)
          }
        }

        if ((obj.totalComputeTimeMs != null && obj.totalComputeTimeMs !== 0n)) {
          w.uint32(41)
          w.fixed64(obj.totalComputeTimeMs)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          finalStatus: '',
          modelWeightsUri: '',
          modelWeightsHash: '',
          finalMetrics: new Map<string, number>(),
          totalComputeTimeMs: 0n,
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.finalStatus = reader.string()
              break
            }
            case 2: {
              obj.modelWeightsUri = reader.string()
              break
            }
            case 3: {
              obj.modelWeightsHash = reader.string()
              break
            }
            case 4: {
              if (opts.limits?.finalMetrics != null && obj.finalMetrics.size === opts.limits.finalMetrics) {
                throw new MaxSizeError('Decode error - map field "finalMetrics" had too many elements')
              }

              const entry = Completion.Completion$finalMetricsEntry.codec().decode(reader, reader.uint32(), {
                limits: {
                  value: opts.limits?.finalMetrics$value
                }
              })
              obj.finalMetrics.set(entry.key, entry.value)
              break
            }
            case 5: {
              obj.totalComputeTimeMs = reader.fixed64()
              break
            }
            case 6: {
              obj.signature = reader.bytes()
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
          finalMetrics: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.finalStatus`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.modelWeightsUri`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.modelWeightsHash`,
                value: reader.string()
              }
              break
            }
            case 4: {
              if (opts.limits?.finalMetrics != null && obj.finalMetrics === opts.limits.finalMetrics) {
                throw new MaxLengthError('Decode error - map field "finalMetrics" had too many elements')
              }

              yield * Completion.Completion$finalMetricsEntry.codec().stream(reader, reader.uint32(), `${prefix}.finalMetrics{}`, {
                limits: {
                  value: opts.limits?.finalMetrics$value
                }
              })

              obj.finalMetrics++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.totalComputeTimeMs`,
                value: reader.fixed64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
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

  export interface CompletionFinalStatusFieldEvent {
    field: '$.finalStatus'
    value: string
  }

  export interface CompletionModelWeightsUriFieldEvent {
    field: '$.modelWeightsUri'
    value: string
  }

  export interface CompletionModelWeightsHashFieldEvent {
    field: '$.modelWeightsHash'
    value: string
  }

  export interface CompletionFinalMetricsFieldEvent {
    field: '$.finalMetrics{}'
    key: string
    value: number
  }

  export interface CompletionTotalComputeTimeMsFieldEvent {
    field: '$.totalComputeTimeMs'
    value: bigint
  }

  export interface CompletionSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Completion>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Completion.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Completion>): Completion {
    return decodeMessage(buf, Completion.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Completion>): Generator<CompletionFinalStatusFieldEvent | CompletionModelWeightsUriFieldEvent | CompletionModelWeightsHashFieldEvent | CompletionFinalMetricsFieldEvent | CompletionTotalComputeTimeMsFieldEvent | CompletionSignatureFieldEvent> {
    return streamMessage(buf, Completion.codec(), opts)
  }
}

export interface CompletionProof {
  jobId: string
  leaseId: string
  finalStatus: string
  modelWeightsUri: string
  modelWeightsHash: string
  finalMetrics: Metric[]
  totalComputeTimeMs: bigint
}

export namespace CompletionProof {
  let _codec: Codec<CompletionProof>

  export const codec = (): Codec<CompletionProof> => {
    if (_codec == null) {
      _codec = message<CompletionProof>((obj, w, opts = {}) => {
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

        if ((obj.finalStatus != null && obj.finalStatus !== '')) {
          w.uint32(26)
          w.string(obj.finalStatus)
        }

        if ((obj.modelWeightsUri != null && obj.modelWeightsUri !== '')) {
          w.uint32(34)
          w.string(obj.modelWeightsUri)
        }

        if ((obj.modelWeightsHash != null && obj.modelWeightsHash !== '')) {
          w.uint32(42)
          w.string(obj.modelWeightsHash)
        }

        if (obj.finalMetrics != null && obj.finalMetrics.length > 0) {
          for (const value of obj.finalMetrics) {
            w.uint32(50)
            Metric.codec().encode(value, w)
          }
        }

        if ((obj.totalComputeTimeMs != null && obj.totalComputeTimeMs !== 0n)) {
          w.uint32(57)
          w.fixed64(obj.totalComputeTimeMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          leaseId: '',
          finalStatus: '',
          modelWeightsUri: '',
          modelWeightsHash: '',
          finalMetrics: [],
          totalComputeTimeMs: 0n
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
              obj.finalStatus = reader.string()
              break
            }
            case 4: {
              obj.modelWeightsUri = reader.string()
              break
            }
            case 5: {
              obj.modelWeightsHash = reader.string()
              break
            }
            case 6: {
              if (opts.limits?.finalMetrics != null && obj.finalMetrics.length === opts.limits.finalMetrics) {
                throw new MaxLengthError('Decode error - repeated field "finalMetrics" had too many elements')
              }

              obj.finalMetrics.push(Metric.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.finalMetrics$
              }))
              break
            }
            case 7: {
              obj.totalComputeTimeMs = reader.fixed64()
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
          finalMetrics: 0
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
                field: `${prefix}.finalStatus`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.modelWeightsUri`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.modelWeightsHash`,
                value: reader.string()
              }
              break
            }
            case 6: {
              if (opts.limits?.finalMetrics != null && obj.finalMetrics === opts.limits.finalMetrics) {
                throw new MaxLengthError('Streaming decode error - repeated field "finalMetrics" had too many elements')
              }

              for (const evt of Metric.codec().stream(reader, reader.uint32(), `${prefix}.finalMetrics[]`, {
                limits: opts.limits?.finalMetrics$
              })) {
                yield {
                  ...evt,
                  index: obj.finalMetrics
                }
              }

              obj.finalMetrics++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.totalComputeTimeMs`,
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

  export interface CompletionProofJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface CompletionProofLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface CompletionProofFinalStatusFieldEvent {
    field: '$.finalStatus'
    value: string
  }

  export interface CompletionProofModelWeightsUriFieldEvent {
    field: '$.modelWeightsUri'
    value: string
  }

  export interface CompletionProofModelWeightsHashFieldEvent {
    field: '$.modelWeightsHash'
    value: string
  }

  export interface CompletionProofFinalMetricsNameFieldEvent {
    field: '$.finalMetrics[].name'
    value: string
    index: number
  }

  export interface CompletionProofFinalMetricsValueFieldEvent {
    field: '$.finalMetrics[].value'
    value: number
    index: number
  }

  export interface CompletionProofTotalComputeTimeMsFieldEvent {
    field: '$.totalComputeTimeMs'
    value: bigint
  }

  export function encode (obj: Partial<CompletionProof>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, CompletionProof.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CompletionProof>): CompletionProof {
    return decodeMessage(buf, CompletionProof.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<CompletionProof>): Generator<CompletionProofJobIdFieldEvent | CompletionProofLeaseIdFieldEvent | CompletionProofFinalStatusFieldEvent | CompletionProofModelWeightsUriFieldEvent | CompletionProofModelWeightsHashFieldEvent | CompletionProofFinalMetricsNameFieldEvent | CompletionProofFinalMetricsValueFieldEvent | CompletionProofTotalComputeTimeMsFieldEvent> {
    return streamMessage(buf, CompletionProof.codec(), opts)
  }
}

export interface Metric {
  name: string
  value: number
}

export namespace Metric {
  let _codec: Codec<Metric>

  export const codec = (): Codec<Metric> => {
    if (_codec == null) {
      _codec = message<Metric>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
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
          name: '',
          value: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
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
                field: `${prefix}.name`,
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

  export interface MetricNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface MetricValueFieldEvent {
    field: '$.value'
    value: number
  }

  export function encode (obj: Partial<Metric>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Metric.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Metric>): Metric {
    return decodeMessage(buf, Metric.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Metric>): Generator<MetricNameFieldEvent | MetricValueFieldEvent> {
    return streamMessage(buf, Metric.codec(), opts)
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
