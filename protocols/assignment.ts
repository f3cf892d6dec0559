import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Assignment {
  jobId: string
  leaseId: string
  modelDefinition: string
  datasetUri: string
  datasetSamples: bigint
  epochs: number
  batchSize: number
  learningRate: number
  optimizer: string
  validationSplit: number
  metrics: string[]
  requiredDevice: string
  minMemoryBytes: bigint
  paymentAmount: string
  acceptDeadlineMs: bigint
  resumeCheckpointUri: string
  resumeEpoch: number
  cancel: boolean
}

export namespace Assignment {
  let _codec: Codec<Assignment>

  export const codec = (): Codec<Assignment> => {
    if (_codec == null) {
      _codec = message<Assignment>((obj, w, opts = {}) => {
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

        if ((obj.modelDefinition != null && obj.modelDefinition !== '')) {
          w.uint32(26)
          w.string(obj.modelDefinition)
        }

        if ((obj.datasetUri != null && obj.datasetUri !== '')) {
          w.uint32(34)
          w.string(obj.datasetUri)
        }

        if ((obj.datasetSamples != null && obj.datasetSamples !== 0n)) {
          w.uint32(41)
          w.fixed64(obj.datasetSamples)
        }

        if ((obj.epochs != null && obj.epochs !== 0)) {
          w.uint32(48)
          w.uint32(obj.epochs)
        }

        if ((obj.batchSize != null && obj.batchSize !== 0)) {
          w.uint32(56)
          w.uint32(obj.batchSize)
        }

        if ((obj.learningRate != null && obj.learningRate !== 0)) {
          w.uint32(65)
          w.double(obj.learningRate)
        }

        if ((obj.optimizer != null && obj.optimizer !== '')) {
          w.uint32(74)
          w.string(obj.optimizer)
        }

        if ((obj.validationSplit != null && obj.validationSplit !== 0)) {
          w.uint32(81)
          w.double(obj.validationSplit)
        }

        if (obj.metrics != null && obj.metrics.length > 0) {
          for (const value of obj.metrics) {
            w.uint32(90)
            w.string(value)
          }
        }

        if ((obj.requiredDevice != null && obj.requiredDevice !== '')) {
          w.uint32(98)
          w.string(obj.requiredDevice)
        }

        if ((obj.minMemoryBytes != null && obj.minMemoryBytes !== 0n)) {
          w.uint32(105)
          w.fixed64(obj.minMemoryBytes)
        }

        if ((obj.paymentAmount != null && obj.paymentAmount !== '')) {
          w.uint32(114)
          w.string(obj.paymentAmount)
        }

        if ((obj.acceptDeadlineMs != null && obj.acceptDeadlineMs !== 0n)) {
          w.uint32(121)
          w.fixed64(obj.acceptDeadlineMs)
        }

        if ((obj.resumeCheckpointUri != null && obj.resumeCheckpointUri !== '')) {
          w.uint32(130)
          w.string(obj.resumeCheckpointUri)
        }

        if ((obj.resumeEpoch != null && obj.resumeEpoch !== 0)) {
          w.uint32(136)
          w.uint32(obj.resumeEpoch)
        }

        if ((obj.cancel != null && obj.cancel !== false)) {
          w.uint32(144)
          w.bool(obj.cancel)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          leaseId: '',
          modelDefinition: '',
          datasetUri: '',
          datasetSamples: 0n,
          epochs: 0,
          batchSize: 0,
          learningRate: 0,
          optimizer: '',
          validationSplit: 0,
          metrics: [],
          requiredDevice: '',
          minMemoryBytes: 0n,
          paymentAmount: '',
          acceptDeadlineMs: 0n,
          resumeCheckpointUri: '',
          resumeEpoch: 0,
          cancel: false
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
              obj.modelDefinition = reader.string()
              break
            }
            case 4: {
              obj.datasetUri = reader.string()
              break
            }
            case 5: {
              obj.datasetSamples = reader.fixed64()
              break
            }
            case 6: {
              obj.epochs = reader.uint32()
              break
            }
            case 7: {
              obj.batchSize = reader.uint32()
              break
            }
            case 8: {
              obj.learningRate = reader.double()
              break
            }
            case 9: {
              obj.optimizer = reader.string()
              break
            }
            case 10: {
              obj.validationSplit = reader.double()
              break
            }
            case 11: {
              if (opts.limits?.metrics != null && obj.metrics.length === opts.limits.metrics) {
                throw new MaxLengthError('Decode error - repeated field "metrics" had too many elements')
              }

              obj.metrics.push(reader.string())
              break
            }
            case 12: {
              obj.requiredDevice = reader.string()
              break
            }
            case 13: {
              obj.minMemoryBytes = reader.fixed64()
              break
            }
            case 14: {
              obj.paymentAmount = reader.string()
              break
            }
            case 15: {
              obj.acceptDeadlineMs = reader.fixed64()
              break
            }
            case 16: {
              obj.resumeCheckpointUri = reader.string()
              break
            }
            case 17: {
              obj.resumeEpoch = reader.uint32()
              break
            }
            case 18: {
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
                field: `${prefix}.modelDefinition`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.datasetUri`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.datasetSamples`,
                value: reader.fixed64()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.epochs`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.batchSize`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.learningRate`,
                value: reader.double()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.optimizer`,
                value: reader.string()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.validationSplit`,
                value: reader.double()
              }
              break
            }
            case 11: {
              if (opts.limits?.metrics != null && obj.metrics === opts.limits.metrics) {
                throw new MaxLengthError('Streaming decode error - repeated field "metrics" had too many elements')
              }

              yield {
                field: `${prefix}.metrics[]`,
                index: obj.metrics,
                value: reader.string()
              }

              obj.metrics++

              break
            }
            case 12: {
              yield {
                field: `${prefix}.requiredDevice`,
                value: reader.string()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.minMemoryBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.paymentAmount`,
                value: reader.string()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.acceptDeadlineMs`,
                value: reader.fixed64()
              }
              break
            }
            case 16: {
              yield {
                field: `${prefix}.resumeCheckpointUri`,
                value: reader.string()
              }
              break
            }
            case 17: {
              yield {
                field: `${prefix}.resumeEpoch`,
                value: reader.uint32()
              }
              break
            }
            case 18: {
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

  export interface AssignmentJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface AssignmentLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface AssignmentModelDefinitionFieldEvent {
    field: '$.modelDefinition'
    value: string
  }

  export interface AssignmentDatasetUriFieldEvent {
    field: '$.datasetUri'
    value: string
  }

  export interface AssignmentDatasetSamplesFieldEvent {
    field: '$.datasetSamples'
    value: bigint
  }

  export interface AssignmentEpochsFieldEvent {
    field: '$.epochs'
    value: number
  }

  export interface AssignmentBatchSizeFieldEvent {
    field: '$.batchSize'
    value: number
  }

  export interface AssignmentLearningRateFieldEvent {
    field: '$.learningRate'
    value: number
  }

  export interface AssignmentOptimizerFieldEvent {
    field: '$.optimizer'
    value: string
  }

  export interface AssignmentValidationSplitFieldEvent {
    field: '$.validationSplit'
    value: number
  }

  export interface AssignmentMetricsFieldEvent {
    field: '$.metrics[]'
    index: number
    value: string
  }

  export interface AssignmentRequiredDeviceFieldEvent {
    field: '$.requiredDevice'
    value: string
  }

  export interface AssignmentMinMemoryBytesFieldEvent {
    field: '$.minMemoryBytes'
    value: bigint
  }

  export interface AssignmentPaymentAmountFieldEvent {
    field: '$.paymentAmount'
    value: string
  }

  export interface AssignmentAcceptDeadlineMsFieldEvent {
    field: '$.acceptDeadlineMs'
    value: bigint
  }

  export interface AssignmentResumeCheckpointUriFieldEvent {
    field: '$.resumeCheckpointUri'
    value: string
  }

  export interface AssignmentResumeEpochFieldEvent {
    field: '$.resumeEpoch'
    value: number
  }

  export interface AssignmentCancelFieldEvent {
    field: '$.cancel'
    value: boolean
  }

  export function encode (obj: Partial<Assignment>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Assignment.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Assignment>): Assignment {
    return decodeMessage(buf, Assignment.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Assignment>): Generator<AssignmentJobIdFieldEvent | AssignmentLeaseIdFieldEvent | AssignmentModelDefinitionFieldEvent | AssignmentDatasetUriFieldEvent | AssignmentDatasetSamplesFieldEvent | AssignmentEpochsFieldEvent | AssignmentBatchSizeFieldEvent | AssignmentLearningRateFieldEvent | AssignmentOptimizerFieldEvent | AssignmentValidationSplitFieldEvent | AssignmentMetricsFieldEvent | AssignmentRequiredDeviceFieldEvent | AssignmentMinMemoryBytesFieldEvent | AssignmentPaymentAmountFieldEvent | AssignmentAcceptDeadlineMsFieldEvent | AssignmentResumeCheckpointUriFieldEvent | AssignmentResumeEpochFieldEvent | AssignmentCancelFieldEvent> {
    return streamMessage(buf, Assignment.codec(), opts)
  }
}

export interface AssignmentResponse {
  accept: boolean
  reason: string
  backend: string
}

export namespace AssignmentResponse {
  let _codec: Codec<AssignmentResponse>

  export const codec = (): Codec<AssignmentResponse> => {
    if (_codec == null) {
      _codec = message<AssignmentResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.accept != null && obj.accept !== false)) {
          w.uint32(8)
          w.bool(obj.accept)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(18)
          w.string(obj.reason)
        }

        if ((obj.backend != null && obj.backend !== '')) {
          w.uint32(26)
          w.string(obj.backend)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          accept: false,
          reason: '',
          backend: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.accept = reader.bool()
              break
            }
            case 2: {
              obj.reason = reader.string()
              break
            }
            case 3: {
              obj.backend = reader.string()
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
                field: `${prefix}.accept`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.backend`,
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

  export interface AssignmentResponseAcceptFieldEvent {
    field: '$.accept'
    value: boolean
  }

  export interface AssignmentResponseReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface AssignmentResponseBackendFieldEvent {
    field: '$.backend'
    value: string
  }

  export function encode (obj: Partial<AssignmentResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AssignmentResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AssignmentResponse>): AssignmentResponse {
    return decodeMessage(buf, AssignmentResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AssignmentResponse>): Generator<AssignmentResponseAcceptFieldEvent | AssignmentResponseReasonFieldEvent | AssignmentResponseBackendFieldEvent> {
    return streamMessage(buf, AssignmentResponse.codec(), opts)
  }
}
