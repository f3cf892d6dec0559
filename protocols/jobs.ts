import { decodeMessage, encodeMessage, enumeration, MaxLengthError, MaxSizeError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum JobOp {
  SESSION_CHALLENGE = 'SESSION_CHALLENGE',
  SESSION_OPEN = 'SESSION_OPEN',
  ESTIMATE = 'ESTIMATE',
  SUBMIT = 'SUBMIT',
  CONFIRM_LOCK = 'CONFIRM_LOCK',
  GET = 'GET',
  LIST = 'LIST',
  CANCEL = 'CANCEL'
}

enum __JobOpValues {
  SESSION_CHALLENGE = 0,
  SESSION_OPEN = 1,
  ESTIMATE = 2,
  SUBMIT = 3,
  CONFIRM_LOCK = 4,
  GET = 5,
  LIST = 6,
  CANCEL = 7
}

export namespace JobOp {
  export const codec = (): Codec<JobOp> => {
    return enumeration<JobOp>(__JobOpValues)
  }
}

export enum JobType {
  TRAINING = 'TRAINING'
}

enum __JobTypeValues {
  TRAINING = 0
}

export namespace JobType {
  export const codec = (): Codec<JobType> => {
    return enumeration<JobType>(__JobTypeValues)
  }
}

export enum RequiredDevice {
  ANY = 'ANY',
  GPU = 'GPU',
  CPU = 'CPU'
}

enum __RequiredDeviceValues {
  ANY = 0,
  GPU = 1,
  CPU = 2
}

export namespace RequiredDevice {
  export const codec = (): Codec<RequiredDevice> => {
    return enumeration<RequiredDevice>(__RequiredDeviceValues)
  }
}

export enum JobState {
  PENDING_LOCK = 'PENDING_LOCK',
  QUEUED = 'QUEUED',
  ASSIGNED = 'ASSIGNED',
  RUNNING = 'RUNNING',
  VERIFYING = 'VERIFYING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELLED = 'CANCELLED'
}

enum __JobStateValues {
  PENDING_LOCK = 0,
  QUEUED = 1,
  ASSIGNED = 2,
  RUNNING = 3,
  VERIFYING = 4,
  COMPLETED = 5,
  FAILED = 6,
  CANCELLED = 7
}

export namespace JobState {
  export const codec = (): Codec<JobState> => {
    return enumeration<JobState>(__JobStateValues)
  }
}

export interface Hyperparameters {
  epochs: number
  batchSize: number
  learningRate: number
  optimizer: string
  validationSplit: number
  metrics: string[]
}

export namespace Hyperparameters {
  let _codec: Codec<Hyperparameters>

  export const codec = (): Codec<Hyperparameters> => {
    if (_codec == null) {
      _codec = message<Hyperparameters>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.epochs != null && obj.epochs !== 0)) {
          w.uint32(8)
          w.uint32(obj.epochs)
        }

        if ((obj.batchSize != null && obj.batchSize !== 0)) {
          w.uint32(16)
          w.uint32(obj.batchSize)
        }

        if ((obj.learningRate != null && obj.learningRate !== 0)) {
          w.uint32(25)
          w.double(obj.learningRate)
        }

        if ((obj.optimizer != null && obj.optimizer !== '')) {
          w.uint32(34)
          w.string(obj.optimizer)
        }

        if ((obj.validationSplit != null && obj.validationSplit !== 0)) {
          w.uint32(41)
          w.double(obj.validationSplit)
        }

        if (obj.metrics != null && obj.metrics.length > 0) {
          for (const value of obj.metrics) {
            w.uint32(50)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          epochs: 0,
          batchSize: 0,
          learningRate: 0,
          optimizer: '',
          validationSplit: 0,
          metrics: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.epochs = reader.uint32()
              break
            }
            case 2: {
              obj.batchSize = reader.uint32()
              break
            }
            case 3: {
              obj.learningRate = reader.double()
              break
            }
            case 4: {
              obj.optimizer = reader.string()
              break
            }
            case 5: {
              obj.validationSplit = reader.double()
              break
            }
            case 6: {
              if (opts.limits?.metrics != null && obj.metrics.length === opts.limits.metrics) {
                throw new MaxLengthError('Decode error - repeated field "metrics" had too many elements')
              }

              obj.metrics.push(reader.string())
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
                field: `${prefix}.epochs`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.batchSize`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.learningRate`,
                value: reader.double()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.optimizer`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.validationSplit`,
                value: reader.double()
              }
              break
            }
            case 6: {
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

  export interface HyperparametersEpochsFieldEvent {
    field: '$.epochs'
    value: number
  }

  export interface HyperparametersBatchSizeFieldEvent {
    field: '$.batchSize'
    value: number
  }

  export interface HyperparametersLearningRateFieldEvent {
    field: '$.learningRate'
    value: number
  }

  export interface HyperparametersOptimizerFieldEvent {
    field: '$.optimizer'
    value: string
  }

  export interface HyperparametersValidationSplitFieldEvent {
    field: '$.validationSplit'
    value: number
  }

  export interface HyperparametersMetricsFieldEvent {
    field: '$.metrics[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Hyperparameters>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Hyperparameters.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hyperparameters>): Hyperparameters {
    return decodeMessage(buf, Hyperparameters.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Hyperparameters>): Generator<HyperparametersEpochsFieldEvent | HyperparametersBatchSizeFieldEvent | HyperparametersLearningRateFieldEvent | HyperparametersOptimizerFieldEvent | HyperparametersValidationSplitFieldEvent | HyperparametersMetricsFieldEvent> {
    return streamMessage(buf, Hyperparameters.codec(), opts)
  }
}

export interface TrainingSpec {
  modelHash: string
  datasetUri: string
  datasetSamples: bigint
  hyperparameters?: Hyperparameters
  requiredDevice: RequiredDevice
  minMemoryBytes: bigint
}

export namespace TrainingSpec {
  let _codec: Codec<TrainingSpec>

  export const codec = (): Codec<TrainingSpec> => {
    if (_codec == null) {
      _codec = message<TrainingSpec>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.modelHash != null && obj.modelHash !== '')) {
          w.uint32(10)
          w.string(obj.modelHash)
        }

        if ((obj.datasetUri != null && obj.datasetUri !== '')) {
          w.uint32(18)
          w.string(obj.datasetUri)
        }

        if ((obj.datasetSamples != null && obj.datasetSamples !== 0n)) {
          w.uint32(25)
          w.fixed64(obj.datasetSamples)
        }

        if (obj.hyperparameters != null) {
          w.uint32(34)
          Hyperparameters.codec().encode(obj.hyperparameters, w)
        }

        if (obj.requiredDevice != null && __RequiredDeviceValues[obj.requiredDevice] !== 0) {
          w.uint32(40)
          RequiredDevice.codec().encode(obj.requiredDevice, w)
        }

        if ((obj.minMemoryBytes != null && obj.minMemoryBytes !== 0n)) {
          w.uint32(49)
          w.fixed64(obj.minMemoryBytes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          modelHash: '',
          datasetUri: '',
          datasetSamples: 0n,
          requiredDevice: RequiredDevice.ANY,
          minMemoryBytes: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.modelHash = reader.string()
              break
            }
            case 2: {
              obj.datasetUri = reader.string()
              break
            }
            case 3: {
              obj.datasetSamples = reader.fixed64()
              break
            }
            case 4: {
              obj.hyperparameters = Hyperparameters.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.hyperparameters
              })
              break
            }
            case 5: {
              obj.requiredDevice = RequiredDevice.codec().decode(reader)
              break
            }
            case 6: {
              obj.minMemoryBytes = reader.fixed64()
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
                field: `${prefix}.modelHash`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.datasetUri`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.datasetSamples`,
                value: reader.fixed64()
              }
              break
            }
            case 4: {
              yield * Hyperparameters.codec().stream(reader, reader.uint32(), `${prefix}.hyperparameters`, {
                limits: opts.limits?.hyperparameters
              })

              break
            }
            case 5: {
              yield {
                field: `${prefix}.requiredDevice`,
                value: RequiredDevice.codec().decode(reader)
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.minMemoryBytes`,
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

  export interface TrainingSpecModelHashFieldEvent {
    field: '$.modelHash'
    value: string
  }

  export interface TrainingSpecDatasetUriFieldEvent {
    field: '$.datasetUri'
    value: string
  }

  export interface TrainingSpecDatasetSamplesFieldEvent {
    field: '$.datasetSamples'
    value: bigint
  }

  export interface TrainingSpecHyperparametersEpochsFieldEvent {
    field: '$.hyperparameters.epochs'
    value: number
  }

  export interface TrainingSpecHyperparametersBatchSizeFieldEvent {
    field: '$.hyperparameters.batchSize'
    value: number
  }

  export interface TrainingSpecHyperparametersLearningRateFieldEvent {
    field: '$.hyperparameters.learningRate'
    value: number
  }

  export interface TrainingSpecHyperparametersOptimizerFieldEvent {
    field: '$.hyperparameters.optimizer'
    value: string
  }

  export interface TrainingSpecHyperparametersValidationSplitFieldEvent {
    field: '$.hyperparameters.validationSplit'
    value: number
  }

  export interface TrainingSpecHyperparametersMetricsFieldEvent {
    field: '$.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface TrainingSpecRequiredDeviceFieldEvent {
    field: '$.requiredDevice'
    value: RequiredDevice
  }

  export interface TrainingSpecMinMemoryBytesFieldEvent {
    field: '$.minMemoryBytes'
    value: bigint
  }

  export function encode (obj: Partial<TrainingSpec>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TrainingSpec.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TrainingSpec>): TrainingSpec {
    return decodeMessage(buf, TrainingSpec.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TrainingSpec>): Generator<TrainingSpecModelHashFieldEvent | TrainingSpecDatasetUriFieldEvent | TrainingSpecDatasetSamplesFieldEvent | TrainingSpecHyperparametersEpochsFieldEvent | TrainingSpecHyperparametersBatchSizeFieldEvent | TrainingSpecHyperparametersLearningRateFieldEvent | TrainingSpecHyperparametersOptimizerFieldEvent | TrainingSpecHyperparametersValidationSplitFieldEvent | TrainingSpecHyperparametersMetricsFieldEvent | TrainingSpecRequiredDeviceFieldEvent | TrainingSpecMinMemoryBytesFieldEvent> {
    return streamMessage(buf, TrainingSpec.codec(), opts)
  }
}

export interface SubmitJob {
  jobType: JobType
  modelDefinition: string
  datasetUri: string
  datasetSamples: bigint
  hyperparameters?: Hyperparameters
  paymentAmount: string
  requiredDevice: RequiredDevice
  minMemoryBytes: bigint
  wallet: string
}

export namespace SubmitJob {
  let _codec: Codec<SubmitJob>

  export const codec = (): Codec<SubmitJob> => {
    if (_codec == null) {
      _codec = message<SubmitJob>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.jobType != null && __JobTypeValues[obj.jobType] !== 0) {
          w.uint32(8)
          JobType.codec().encode(obj.jobType, w)
        }

        if ((obj.modelDefinition != null && obj.modelDefinition !== '')) {
          w.uint32(18)
          w.string(obj.modelDefinition)
        }

        if ((obj.datasetUri != null && obj.datasetUri !== '')) {
          w.uint32(26)
          w.string(obj.datasetUri)
        }

        if ((obj.datasetSamples != null && obj.datasetSamples !== 0n)) {
          w.uint32(33)
          w.fixed64(obj.datasetSamples)
        }

        if (obj.hyperparameters != null) {
          w.uint32(42)
          Hyperparameters.codec().encode(obj.hyperparameters, w)
        }

        if ((obj.paymentAmount != null && obj.paymentAmount !== '')) {
          w.uint32(50)
          w.string(obj.paymentAmount)
        }

        if (obj.requiredDevice != null && __RequiredDeviceValues[obj.requiredDevice] !== 0) {
          w.uint32(56)
          RequiredDevice.codec().encode(obj.requiredDevice, w)
        }

        if ((obj.minMemoryBytes != null && obj.minMemoryBytes !== 0n)) {
          w.uint32(65)
          w.fixed64(obj.minMemoryBytes)
        }

        if ((obj.wallet != null && obj.wallet !== '')) {
          w.uint32(74)
          w.string(obj.wallet)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobType: JobType.TRAINING,
          modelDefinition: '',
          datasetUri: '',
          datasetSamples: 0n,
          paymentAmount: '',
          requiredDevice: RequiredDevice.ANY,
          minMemoryBytes: 0n,
          wallet: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.jobType = JobType.codec().decode(reader)
              break
            }
            case 2: {
              obj.modelDefinition = reader.string()
              break
            }
            case 3: {
              obj.datasetUri = reader.string()
              break
            }
            case 4: {
              obj.datasetSamples = reader.fixed64()
              break
            }
            case 5: {
              obj.hyperparameters = Hyperparameters.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.hyperparameters
              })
              break
            }
            case 6: {
              obj.paymentAmount = reader.string()
              break
            }
            case 7: {
              obj.requiredDevice = RequiredDevice.codec().decode(reader)
              break
            }
            case 8: {
              obj.minMemoryBytes = reader.fixed64()
              break
            }
            case 9: {
              obj.wallet = reader.string()
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
                field: `${prefix}.jobType`,
                value: JobType.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.modelDefinition`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.datasetUri`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.datasetSamples`,
                value: reader.fixed64()
              }
              break
            }
            case 5: {
              yield * Hyperparameters.codec().stream(reader, reader.uint32(), `${prefix}.hyperparameters`, {
                limits: opts.limits?.hyperparameters
              })

              break
            }
            case 6: {
              yield {
                field: `${prefix}.paymentAmount`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.requiredDevice`,
                value: RequiredDevice.codec().decode(reader)
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.minMemoryBytes`,
                value: reader.fixed64()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.wallet`,
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

  export interface SubmitJobJobTypeFieldEvent {
    field: '$.jobType'
    value: JobType
  }

  export interface SubmitJobModelDefinitionFieldEvent {
    field: '$.modelDefinition'
    value: string
  }

  export interface SubmitJobDatasetUriFieldEvent {
    field: '$.datasetUri'
    value: string
  }

  export interface SubmitJobDatasetSamplesFieldEvent {
    field: '$.datasetSamples'
    value: bigint
  }

  export interface SubmitJobHyperparametersEpochsFieldEvent {
    field: '$.hyperparameters.epochs'
    value: number
  }

  export interface SubmitJobHyperparametersBatchSizeFieldEvent {
    field: '$.hyperparameters.batchSize'
    value: number
  }

  export interface SubmitJobHyperparametersLearningRateFieldEvent {
    field: '$.hyperparameters.learningRate'
    value: number
  }

  export interface SubmitJobHyperparametersOptimizerFieldEvent {
    field: '$.hyperparameters.optimizer'
    value: string
  }

  export interface SubmitJobHyperparametersValidationSplitFieldEvent {
    field: '$.hyperparameters.validationSplit'
    value: number
  }

  export interface SubmitJobHyperparametersMetricsFieldEvent {
    field: '$.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface SubmitJobPaymentAmountFieldEvent {
    field: '$.paymentAmount'
    value: string
  }

  export interface SubmitJobRequiredDeviceFieldEvent {
    field: '$.requiredDevice'
    value: RequiredDevice
  }

  export interface SubmitJobMinMemoryBytesFieldEvent {
    field: '$.minMemoryBytes'
    value: bigint
  }

  export interface SubmitJobWalletFieldEvent {
    field: '$.wallet'
    value: string
  }

  export function encode (obj: Partial<SubmitJob>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SubmitJob.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SubmitJob>): SubmitJob {
    return decodeMessage(buf, SubmitJob.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SubmitJob>): Generator<SubmitJobJobTypeFieldEvent | SubmitJobModelDefinitionFieldEvent | SubmitJobDatasetUriFieldEvent | SubmitJobDatasetSamplesFieldEvent | SubmitJobHyperparametersEpochsFieldEvent | SubmitJobHyperparametersBatchSizeFieldEvent | SubmitJobHyperparametersLearningRateFieldEvent | SubmitJobHyperparametersOptimizerFieldEvent | SubmitJobHyperparametersValidationSplitFieldEvent | SubmitJobHyperparametersMetricsFieldEvent | SubmitJobPaymentAmountFieldEvent | SubmitJobRequiredDeviceFieldEvent | SubmitJobMinMemoryBytesFieldEvent | SubmitJobWalletFieldEvent> {
    return streamMessage(buf, SubmitJob.codec(), opts)
  }
}

export interface JobRequest {
  op: JobOp
  session: string
  wallet: string
  signature: Uint8Array<ArrayBuffer>
  submit?: SubmitJob
  jobId: string
  signedTransaction: string
  idempotencyKey: string
}

export namespace JobRequest {
  let _codec: Codec<JobRequest>

  export const codec = (): Codec<JobRequest> => {
    if (_codec == null) {
      _codec = message<JobRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.op != null && __JobOpValues[obj.op] !== 0) {
          w.uint32(8)
          JobOp.codec().encode(obj.op, w)
        }

        if ((obj.session != null && obj.session !== '')) {
          w.uint32(18)
          w.string(obj.session)
        }

        if ((obj.wallet != null && obj.wallet !== '')) {
          w.uint32(26)
          w.string(obj.wallet)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.signature)
        }

        if (obj.submit != null) {
          w.uint32(42)
          SubmitJob.codec().encode(obj.submit, w)
        }

        if ((obj.jobId != null && obj.jobId !== '')) {
          w.uint32(50)
          w.string(obj.jobId)
        }

        if ((obj.signedTransaction != null && obj.signedTransaction !== '')) {
          w.uint32(58)
          w.string(obj.signedTransaction)
        }

        if ((obj.idempotencyKey != null && obj.idempotencyKey !== '')) {
          w.uint32(66)
          w.string(obj.idempotencyKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          op: JobOp.SESSION_CHALLENGE,
          session: '',
          wallet: '',
          signature: uint8ArrayAlloc(0),
          jobId: '',
          signedTransaction: '',
          idempotencyKey: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.op = JobOp.codec().decode(reader)
              break
            }
            case 2: {
              obj.session = reader.string()
              break
            }
            case 3: {
              obj.wallet = reader.string()
              break
            }
            case 4: {
              obj.signature = reader.bytes()
              break
            }
            case 5: {
              obj.submit = SubmitJob.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.submit
              })
              break
            }
            case 6: {
              obj.jobId = reader.string()
              break
            }
            case 7: {
              obj.signedTransaction = reader.string()
              break
            }
            case 8: {
              obj.idempotencyKey = reader.string()
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
                field: `${prefix}.op`,
                value: JobOp.codec().decode(reader)
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
                field: `${prefix}.wallet`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield * SubmitJob.codec().stream(reader, reader.uint32(), `${prefix}.submit`, {
                limits: opts.limits?.submit
              })

              break
            }
            case 6: {
              yield {
                field: `${prefix}.jobId`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.signedTransaction`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.idempotencyKey`,
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

  export interface JobRequestOpFieldEvent {
    field: '$.op'
    value: JobOp
  }

  export interface JobRequestSessionFieldEvent {
    field: '$.session'
    value: string
  }

  export interface JobRequestWalletFieldEvent {
    field: '$.wallet'
    value: string
  }

  export interface JobRequestSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobRequestSubmitJobTypeFieldEvent {
    field: '$.submit.jobType'
    value: JobType
  }

  export interface JobRequestSubmitModelDefinitionFieldEvent {
    field: '$.submit.modelDefinition'
    value: string
  }

  export interface JobRequestSubmitDatasetUriFieldEvent {
    field: '$.submit.datasetUri'
    value: string
  }

  export interface JobRequestSubmitDatasetSamplesFieldEvent {
    field: '$.submit.datasetSamples'
    value: bigint
  }

  export interface JobRequestSubmitHyperparametersEpochsFieldEvent {
    field: '$.submit.hyperparameters.epochs'
    value: number
  }

  export interface JobRequestSubmitHyperparametersBatchSizeFieldEvent {
    field: '$.submit.hyperparameters.batchSize'
    value: number
  }

  export interface JobRequestSubmitHyperparametersLearningRateFieldEvent {
    field: '$.submit.hyperparameters.learningRate'
    value: number
  }

  export interface JobRequestSubmitHyperparametersOptimizerFieldEvent {
    field: '$.submit.hyperparameters.optimizer'
    value: string
  }

  export interface JobRequestSubmitHyperparametersValidationSplitFieldEvent {
    field: '$.submit.hyperparameters.validationSplit'
    value: number
  }

  export interface JobRequestSubmitHyperparametersMetricsFieldEvent {
    field: '$.submit.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobRequestSubmitPaymentAmountFieldEvent {
    field: '$.submit.paymentAmount'
    value: string
  }

  export interface JobRequestSubmitRequiredDeviceFieldEvent {
    field: '$.submit.requiredDevice'
    value: RequiredDevice
  }

  export interface JobRequestSubmitMinMemoryBytesFieldEvent {
    field: '$.submit.minMemoryBytes'
    value: bigint
  }

  export interface JobRequestSubmitWalletFieldEvent {
    field: '$.submit.wallet'
    value: string
  }

  export interface JobRequestJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface JobRequestSignedTransactionFieldEvent {
    field: '$.signedTransaction'
    value: string
  }

  export interface JobRequestIdempotencyKeyFieldEvent {
    field: '$.idempotencyKey'
    value: string
  }

  export function encode (obj: Partial<JobRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobRequest>): JobRequest {
    return decodeMessage(buf, JobRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobRequest>): Generator<JobRequestOpFieldEvent | JobRequestSessionFieldEvent | JobRequestWalletFieldEvent | JobRequestSignatureFieldEvent | JobRequestSubmitJobTypeFieldEvent | JobRequestSubmitModelDefinitionFieldEvent | JobRequestSubmitDatasetUriFieldEvent | JobRequestSubmitDatasetSamplesFieldEvent | JobRequestSubmitHyperparametersEpochsFieldEvent | JobRequestSubmitHyperparametersBatchSizeFieldEvent | JobRequestSubmitHyperparametersLearningRateFieldEvent | JobRequestSubmitHyperparametersOptimizerFieldEvent | JobRequestSubmitHyperparametersValidationSplitFieldEvent | JobRequestSubmitHyperparametersMetricsFieldEvent | JobRequestSubmitPaymentAmountFieldEvent | JobRequestSubmitRequiredDeviceFieldEvent | JobRequestSubmitMinMemoryBytesFieldEvent | JobRequestSubmitWalletFieldEvent | JobRequestJobIdFieldEvent | JobRequestSignedTransactionFieldEvent | JobRequestIdempotencyKeyFieldEvent> {
    return streamMessage(buf, JobRequest.codec(), opts)
  }
}

export interface Estimate {
  flopsPerSample: bigint
  computeUnits: string
  pricePerUnit: string
  total: string
  parameters: bigint
}

export namespace Estimate {
  let _codec: Codec<Estimate>

  export const codec = (): Codec<Estimate> => {
    if (_codec == null) {
      _codec = message<Estimate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.flopsPerSample != null && obj.flopsPerSample !== 0n)) {
          w.uint32(9)
          w.fixed64(obj.flopsPerSample)
        }

        if ((obj.computeUnits != null && obj.computeUnits !== '')) {
          w.uint32(18)
          w.string(obj.computeUnits)
        }

        if ((obj.pricePerUnit != null && obj.pricePerUnit !== '')) {
          w.uint32(26)
          w.string(obj.pricePerUnit)
        }

        if ((obj.total != null && obj.total !== '')) {
          w.uint32(34)
          w.string(obj.total)
        }

        if ((obj.parameters != null && obj.parameters !== 0n)) {
          w.uint32(41)
          w.fixed64(obj.parameters)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          flopsPerSample: 0n,
          computeUnits: '',
          pricePerUnit: '',
          total: '',
          parameters: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.flopsPerSample = reader.fixed64()
              break
            }
            case 2: {
              obj.computeUnits = reader.string()
              break
            }
            case 3: {
              obj.pricePerUnit = reader.string()
              break
            }
            case 4: {
              obj.total = reader.string()
              break
            }
            case 5: {
              obj.parameters = reader.fixed64()
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
                field: `${prefix}.flopsPerSample`,
                value: reader.fixed64()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.computeUnits`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.pricePerUnit`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.total`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.parameters`,
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

  export interface EstimateFlopsPerSampleFieldEvent {
    field: '$.flopsPerSample'
    value: bigint
  }

  export interface EstimateComputeUnitsFieldEvent {
    field: '$.computeUnits'
    value: string
  }

  export interface EstimatePricePerUnitFieldEvent {
    field: '$.pricePerUnit'
    value: string
  }

  export interface EstimateTotalFieldEvent {
    field: '$.total'
    value: string
  }

  export interface EstimateParametersFieldEvent {
    field: '$.parameters'
    value: bigint
  }

  export function encode (obj: Partial<Estimate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Estimate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Estimate>): Estimate {
    return decodeMessage(buf, Estimate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Estimate>): Generator<EstimateFlopsPerSampleFieldEvent | EstimateComputeUnitsFieldEvent | EstimatePricePerUnitFieldEvent | EstimateTotalFieldEvent | EstimateParametersFieldEvent> {
    return streamMessage(buf, Estimate.codec(), opts)
  }
}

export interface ScoreTerm {
  name: string
  value: number
  weight: number
  weighted: number
}

export namespace ScoreTerm {
  let _codec: Codec<ScoreTerm>

  export const codec = (): Codec<ScoreTerm> => {
    if (_codec == null) {
      _codec = message<ScoreTerm>((obj, w, opts = {}) => {
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

        if ((obj.weight != null && obj.weight !== 0)) {
          w.uint32(25)
          w.double(obj.weight)
        }

        if ((obj.weighted != null && obj.weighted !== 0)) {
          w.uint32(33)
          w.double(obj.weighted)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          value: 0,
          weight: 0,
          weighted: 0
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
            case 3: {
              obj.weight = reader.double()
              break
            }
            case 4: {
              obj.weighted = reader.double()
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
            case 3: {
              yield {
                field: `${prefix}.weight`,
                value: reader.double()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.weighted`,
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

  export interface ScoreTermNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface ScoreTermValueFieldEvent {
    field: '$.value'
    value: number
  }

  export interface ScoreTermWeightFieldEvent {
    field: '$.weight'
    value: number
  }

  export interface ScoreTermWeightedFieldEvent {
    field: '$.weighted'
    value: number
  }

  export function encode (obj: Partial<ScoreTerm>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ScoreTerm.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ScoreTerm>): ScoreTerm {
    return decodeMessage(buf, ScoreTerm.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ScoreTerm>): Generator<ScoreTermNameFieldEvent | ScoreTermValueFieldEvent | ScoreTermWeightFieldEvent | ScoreTermWeightedFieldEvent> {
    return streamMessage(buf, ScoreTerm.codec(), opts)
  }
}

export interface WhyNot {
  nodeId: string
  code: string
  reason: string
}

export namespace WhyNot {
  let _codec: Codec<WhyNot>

  export const codec = (): Codec<WhyNot> => {
    if (_codec == null) {
      _codec = message<WhyNot>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.nodeId != null && obj.nodeId !== '')) {
          w.uint32(10)
          w.string(obj.nodeId)
        }

        if ((obj.code != null && obj.code !== '')) {
          w.uint32(18)
          w.string(obj.code)
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
          nodeId: '',
          code: '',
          reason: ''
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
              obj.code = reader.string()
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
                field: `${prefix}.nodeId`,
                value: reader.string()
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

  export interface WhyNotNodeIdFieldEvent {
    field: '$.nodeId'
    value: string
  }

  export interface WhyNotCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface WhyNotReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<WhyNot>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, WhyNot.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<WhyNot>): WhyNot {
    return decodeMessage(buf, WhyNot.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<WhyNot>): Generator<WhyNotNodeIdFieldEvent | WhyNotCodeFieldEvent | WhyNotReasonFieldEvent> {
    return streamMessage(buf, WhyNot.codec(), opts)
  }
}

export interface JobInfo {
  jobId: string
  state: JobState
  submitterPeer: string
  wallet: string
  request?: SubmitJob
  estimate?: Estimate
  assignedNode: string
  score: number
  scoreBreakdown: ScoreTerm[]
  whyNot: WhyNot[]
  progress: number
  currentEpoch: number
  message: string
  createdMs: bigint
  updatedMs: bigint
  estimatedStartMs: bigint
  escrow: string
  leaseId: string
  excludedNodes: string[]
  assignedMs: bigint
  backend: string
  queuedMs: bigint
  dataset?: DatasetInfo
  checkpointUri: string
  verifiedEpochs: number
  modelUri: string
  modelHash: string
  finalMetrics: Map<string, number>
  computeTimeMs: bigint
  payout?: Payout
  completion: Uint8Array<ArrayBuffer>
  leaseStartEpoch: number
  contributions: Contribution[]
  verifyingSinceMs: bigint
}

export namespace JobInfo {
  export interface JobInfo$finalMetricsEntry {
    key: string
    value: number
  }

  export namespace JobInfo$finalMetricsEntry {
    let _codec: Codec<JobInfo$finalMetricsEntry>

    export const codec = (): Codec<JobInfo$finalMetricsEntry> => {
      if (_codec == null) {
        _codec = message<JobInfo$finalMetricsEntry>((obj, w, opts = {}) => {
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

    export interface JobInfo$finalMetricsEntryKeyFieldEvent {
      field: '$.key'
      value: string
    }

    export interface JobInfo$finalMetricsEntryValueFieldEvent {
      field: '$.value'
      value: number
    }

    export function encode (obj: Partial<JobInfo$finalMetricsEntry>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, JobInfo$finalMetricsEntry.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobInfo$finalMetricsEntry>): JobInfo$finalMetricsEntry {
      return decodeMessage(buf, JobInfo$finalMetricsEntry.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobInfo$finalMetricsEntry>): Generator<JobInfo$finalMetricsEntryKeyFieldEvent | JobInfo$finalMetricsEntryValueFieldEvent> {
      return streamMessage(buf, JobInfo$finalMetricsEntry.codec(), opts)
    }
  }

  let _codec: Codec<JobInfo>

  export const codec = (): Codec<JobInfo> => {
    if (_codec == null) {
      _codec = message<JobInfo>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.jobId != null && obj.jobId !== '')) {
          w.uint32(10)
          w.string(obj.jobId)
        }

        if (obj.state != null && __JobStateValues[obj.state] !== 0) {
          w.uint32(16)
          JobState.codec().encode(obj.state, w)
        }

        if ((obj.submitterPeer != null && obj.submitterPeer !== '')) {
          w.uint32(26)
          w.string(obj.submitterPeer)
        }

        if ((obj.wallet != null && obj.wallet !== '')) {
          w.uint32(34)
          w.string(obj.wallet)
        }

        if (obj.request != null) {
          w.uint32(42)
          SubmitJob.codec().encode(obj.request, w)
        }

        if (obj.estimate != null) {
          w.uint32(50)
          Estimate.codec().encode(obj.estimate, w)
        }

        if ((obj.assignedNode != null && obj.assignedNode !== '')) {
          w.uint32(58)
          w.string(obj.assignedNode)
        }

        if ((obj.score != null && obj.score !== 0)) {
          w.uint32(65)
          w.double(obj.score)
        }

        if (obj.scoreBreakdown != null && obj.scoreBreakdown.length > 0) {
          for (const value of obj.scoreBreakdown) {
            w.uint32(74)
            ScoreTerm.codec().encode(value, w)
          }
        }

        if (obj.whyNot != null && obj.whyNot.length > 0) {
          for (const value of obj.whyNot) {
            w.uint32(82)
            WhyNot.codec().encode(value, w)
          }
        }

        if ((obj.progress != null && obj.progress !== 0)) {
          w.uint32(89)
          w.double(obj.progress)
        }

        if ((obj.currentEpoch != null && obj.currentEpoch !== 0)) {
          w.uint32(96)
          w.uint32(obj.currentEpoch)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(106)
          w.string(obj.message)
        }

        if ((obj.createdMs != null && obj.createdMs !== 0n)) {
          w.uint32(113)
          w.fixed64(obj.createdMs)
        }

        if ((obj.updatedMs != null && obj.updatedMs !== 0n)) {
          w.uint32(121)
          w.fixed64(obj.updatedMs)
        }

        if ((obj.estimatedStartMs != null && obj.estimatedStartMs !== 0n)) {
          w.uint32(129)
          w.fixed64(obj.estimatedStartMs)
        }

        if ((obj.escrow != null && obj.escrow !== '')) {
          w.uint32(138)
          w.string(obj.escrow)
        }

        if ((obj.leaseId != null && obj.leaseId !== '')) {
          w.uint32(146)
          w.string(obj.leaseId)
        }

        if (obj.excludedNodes != null && obj.excludedNodes.length > 0) {
          for (const value of obj.excludedNodes) {
            w.uint32(154)
            w.string(value)
          }
        }

        if ((obj.assignedMs != null && obj.assignedMs !== 0n)) {
          w.uint32(161)
          w.fixed64(obj.assignedMs)
        }

        if ((obj.backend != null && obj.backend !== '')) {
          w.uint32(170)
          w.string(obj.backend)
        }

        if ((obj.queuedMs != null && obj.queuedMs !== 0n)) {
          w.uint32(177)
          w.fixed64(obj.queuedMs)
        }

        if (obj.dataset != null) {
          w.uint32(186)
          DatasetInfo.codec().encode(obj.dataset, w)
        }

        if ((obj.checkpointUri != null && obj.checkpointUri !== '')) {
          w.uint32(194)
          w.string(obj.checkpointUri)
        }

        if ((obj.verifiedEpochs != null && obj.verifiedEpochs !== 0)) {
          w.uint32(200)
          w.uint32(obj.verifiedEpochs)
        }

        if ((obj.modelUri != null && obj.modelUri !== '')) {
          w.uint32(210)
          w.string(obj.modelUri)
        }

        if ((obj.modelHash != null && obj.modelHash !== '')) {
          w.uint32(218)
          w.string(obj.modelHash)
        }

        if (obj.finalMetrics != null && obj.finalMetrics.size > 0) {
          for (const [key, value] of obj.finalMetrics.entries()) {
            w.uint32(226)
            JobInfo.JobInfo$finalMetricsEntry.codec().encode({ key, value }, w)
          }
        }

        if ((obj.computeTimeMs != null && obj.computeTimeMs !== 0n)) {
          w.uint32(233)
          w.fixed64(obj.computeTimeMs)
        }

        if (obj.payout != null) {
          w.uint32(242)
          Payout.codec().encode(obj.payout, w)
        }

        if ((obj.completion != null && obj.completion.byteLength > 0)) {
          w.uint32(250)
          w.bytes(obj.completion)
        }

        if ((obj.leaseStartEpoch != null && obj.leaseStartEpoch !== 0)) {
          w.uint32(256)
          w.uint32(obj.leaseStartEpoch)
        }

        if (obj.contributions != null && obj.contributions.length > 0) {
          for (const value of obj.contributions) {
            w.uint32(266)
            Contribution.codec().encode(value, w)
          }
        }

        if ((obj.verifyingSinceMs != null && obj.verifyingSinceMs !== 0n)) {
          w.uint32(273)
          w.fixed64(obj.verifyingSinceMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          state: JobState.PENDING_LOCK,
          submitterPeer: '',
          wallet: '',
          assignedNode: '',
          score: 0,
          scoreBreakdown: [],
          whyNot: [],
          progress: 0,
          currentEpoch: 0,
          message: '',
          createdMs: 0n,
          updatedMs: 0n,
          estimatedStartMs: 0n,
          escrow: '',
          leaseId: '',
          excludedNodes: [],
          assignedMs: 0n,
          backend: '',
          queuedMs: 0n,
          checkpointUri: '',
          verifiedEpochs: 0,
          modelUri: '',
          modelHash: '',
          finalMetrics: new Map<string, number>(),
          computeTimeMs: 0n,
          completion: uint8ArrayAlloc(0),
          leaseStartEpoch: 0,
          contributions: [],
          verifyingSinceMs: 0n
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
              obj.state = JobState.codec().decode(reader)
              break
            }
            case 3: {
              obj.submitterPeer = reader.string()
              break
            }
            case 4: {
              obj.wallet = reader.string()
              break
            }
            case 5: {
              obj.request = SubmitJob.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.request
              })
              break
            }
            case 6: {
              obj.estimate = Estimate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.estimate
              })
              break
            }
            case 7: {
              obj.assignedNode = reader.string()
              break
            }
            case 8: {
              obj.score = reader.double()
              break
            }
            case 9: {
              if (opts.limits?.scoreBreakdown != null && obj.scoreBreakdown.length === opts.limits.scoreBreakdown) {
                throw new MaxLengthError('Decode error - repeated field "scoreBreakdown" had too many elements')
              }

              obj.scoreBreakdown.push(ScoreTerm.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.scoreBreakdown$
              }))
              break
            }
            case 10: {
              if (opts.limits?.whyNot != null && obj.whyNot.length === opts.limits.whyNot) {
                throw new MaxLengthError('Decode error - repeated field "whyNot" had too many elements')
              }

              obj.whyNot.push(WhyNot.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.whyNot$
              }))
              break
            }
            case 11: {
              obj.progress = reader.double()
              break
            }
            case 12: {
              obj.currentEpoch = reader.uint32()
              break
            }
            case 13: {
              obj.message = reader.string()
              break
            }
            case 14: {
              obj.createdMs = reader.fixed64()
              break
            }
            case 15: {
              obj.updatedMs = reader.fixed64()
              break
            }
            case 16: {
              obj.estimatedStartMs = reader.fixed64()
              break
            }
            case 17: {
              obj.escrow = reader.string()
              break
            }
            case 18: {
              obj.leaseId = reader.string()
              break
            }
            case 19: {
              if (opts.limits?.excludedNodes != null && obj.excludedNodes.length === opts.limits.excludedNodes) {
                throw new MaxLengthError('Decode error - repeated field "excludedNodes" had too many elements')
              }

              obj.excludedNodes.push(reader.string())
              break
            }
            case 20: {
              obj.assignedMs = reader.fixed64()
              break
            }
            case 21: {
              obj.backend = reader.string()
              break
            }
            case 22: {
              obj.queuedMs = reader.fixed64()
              break
            }
            case 23: {
              obj.dataset = DatasetInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.dataset
              })
              break
            }
            case 24: {
              obj.checkpointUri = reader.string()
              break
            }
            case 25: {
              obj.verifiedEpochs = reader.uint32()
              break
            }
            case 26: {
              obj.modelUri = reader.string()
              break
            }
            case 27: {
              obj.modelHash = reader.string()
              break
            }
            case 28: {
              if (opts.limits?.finalMetrics != null && obj.finalMetrics.size === opts.limits.finalMetrics) {
                throw new MaxSizeError('Decode error - map field "finalMetrics" had too many elements')
              }

              const entry = JobInfo.JobInfo$finalMetricsEntry.codec().decode(reader, reader.uint32(), {
                limits: {
                  value: opts.limits?.finalMetrics$value
                }
              })
              obj.finalMetrics.set(entry.key, entry.value)
              break
            }
            case 29: {
              obj.computeTimeMs = reader.fixed64()
              break
            }
            case 30: {
              obj.payout = Payout.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.payout
              })
              break
            }
            case 31: {
              obj.completion = reader.bytes()
              break
            }
            case 32: {
              obj.leaseStartEpoch = reader.uint32()
              break
            }
            case 33: {
              if (opts.limits?.contributions != null && obj.contributions.length === opts.limits.contributions) {
                throw new MaxLengthError('Decode error - repeated field "contributions" had too many elements')
              }

              obj.contributions.push(Contribution.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.contributions$
              }))
              break
            }
            case 34: {
              obj.verifyingSinceMs = reader.fixed64()
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
          scoreBreakdown: 0,
          whyNot: 0,
          excludedNodes: 0,
          finalMetrics: 0,
          contributions: 0
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
                field: `${prefix}.state`,
                value: JobState.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.submitterPeer`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.wallet`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield * SubmitJob.codec().stream(reader, reader.uint32(), `${prefix}.request`, {
                limits: opts.limits?.request
              })

              break
            }
            case 6: {
              yield * Estimate.codec().stream(reader, reader.uint32(), `${prefix}.estimate`, {
                limits: opts.limits?.estimate
              })

              break
            }
            case 7: {
              yield {
                field: `${prefix}.assignedNode`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.score`,
                value: reader.double()
              }
              break
            }
            case 9: {
              if (opts.limits?.scoreBreakdown != null && obj.scoreBreakdown === opts.limits.scoreBreakdown) {
                throw new MaxLengthError('Streaming decode error - repeated field "scoreBreakdown" had too many elements')
              }

              for (const evt of ScoreTerm.codec().stream(reader, reader.uint32(), `${prefix}.scoreBreakdown[]`, {
                limits: opts.limits?.scoreBreakdown$
              })) {
                yield {
                  ...evt,
                  index: obj.scoreBreakdown
                }
              }

              obj.scoreBreakdown++

              break
            }
            case 10: {
              if (opts.limits?.whyNot != null && obj.whyNot === opts.limits.whyNot) {
                throw new MaxLengthError('Streaming decode error - repeated field "whyNot" had too many elements')
              }

              for (const evt of WhyNot.codec().stream(reader, reader.uint32(), `${prefix}.whyNot[]`, {
                limits: opts.limits?.whyNot$
              })) {
                yield {
                  ...evt,
                  index: obj.whyNot
                }
              }

              obj.whyNot++

              break
            }
            case 11: {
              yield {
                field: `${prefix}.progress`,
                value: reader.double()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.currentEpoch`,
                value: reader.uint32()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.createdMs`,
                value: reader.fixed64()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.updatedMs`,
                value: reader.fixed64()
              }
              break
            }
            case 16: {
              yield {
                field: `${prefix}.estimatedStartMs`,
                value: reader.fixed64()
              }
              break
            }
            case 17: {
              yield {
                field: `${prefix}.escrow`,
                value: reader.string()
              }
              break
            }
            case 18: {
              yield {
                field: `${prefix}.leaseId`,
                value: reader.string()
              }
              break
            }
            case 19: {
              if (opts.limits?.excludedNodes != null && obj.excludedNodes === opts.limits.excludedNodes) {
                throw new MaxLengthError('Streaming decode error - repeated field "excludedNodes" had too many elements')
              }

              yield {
                field: `${prefix}.excludedNodes[]`,
                index: obj.excludedNodes,
                value: reader.string()
              }

              obj.excludedNodes++

              break
            }
            case 20: {
              yield {
                field: `${prefix}.assignedMs`,
                value: reader.fixed64()
              }
              break
            }
            case 21: {
              yield {
                field: `${prefix}.backend`,
                value: reader.string()
              }
              break
            }
            case 22: {
              yield {
                field: `${prefix}.queuedMs`,
                value: reader.fixed64()
              }
              break
            }
            case 23: {
              yield * DatasetInfo.codec().stream(reader, reader.uint32(), `${prefix}.dataset`, {
                limits: opts.limits?.dataset
              })

              break
            }
            case 24: {
              yield {
                field: `${prefix}.checkpointUri`,
                value: reader.string()
              }
              break
            }
            case 25: {
              yield {
                field: `${prefix}.verifiedEpochs`,
                value: reader.uint32()
              }
              break
            }
            case 26: {
              yield {
                field: `${prefix}.modelUri`,
                value: reader.string()
              }
              break
            }
            case 27: {
              yield {
                field: `${prefix}.modelHash`,
                value: reader.string()
              }
              break
            }
            case 28: {
              if (opts.limits?.finalMetrics != null && obj.finalMetrics === opts.limits.finalMetrics) {
                throw new MaxLengthError('Decode error - map field "finalMetrics" had too many elements')
              }

              yield * JobInfo.JobInfo$finalMetricsEntry.codec().stream(reader, reader.uint32(), `${prefix}.finalMetrics{}`, {
                limits: {
                  value: opts.limits?.finalMetrics$value
                }
              })

              obj.finalMetrics++

              break
            }
            case 29: {
              yield {
                field: `${prefix}.computeTimeMs`,
                value: reader.fixed64()
              }
              break
            }
            case 30: {
              yield * Payout.codec().stream(reader, reader.uint32(), `${prefix}.payout`, {
                limits: opts.limits?.payout
              })

              break
            }
            case 31: {
              yield {
                field: `${prefix}.completion`,
                value: reader.bytes()
              }
              break
            }
            case 32: {
              yield {
                field: `${prefix}.leaseStartEpoch`,
                value: reader.uint32()
              }
              break
            }
            case 33: {
              if (opts.limits?.contributions != null && obj.contributions === opts.limits.contributions) {
                throw new MaxLengthError('Streaming decode error - repeated field "contributions" had too many elements')
              }

              for (const evt of Contribution.codec().stream(reader, reader.uint32(), `${prefix}.contributions[]`, {
                limits: opts.limits?.contributions$
              })) {
                yield {
                  ...evt,
                  index: obj.contributions
                }
              }

              obj.contributions++

              break
            }
            case 34: {
              yield {
                field: `${prefix}.verifyingSinceMs`,
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

  export interface JobInfoJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface JobInfoStateFieldEvent {
    field: '$.state'
    value: JobState
  }

  export interface JobInfoSubmitterPeerFieldEvent {
    field: '$.submitterPeer'
    value: string
  }

  export interface JobInfoWalletFieldEvent {
    field: '$.wallet'
    value: string
  }

  export interface JobInfoRequestJobTypeFieldEvent {
    field: '$.request.jobType'
    value: JobType
  }

  export interface JobInfoRequestModelDefinitionFieldEvent {
    field: '$.request.modelDefinition'
    value: string
  }

  export interface JobInfoRequestDatasetUriFieldEvent {
    field: '$.request.datasetUri'
    value: string
  }

  export interface JobInfoRequestDatasetSamplesFieldEvent {
    field: '$.request.datasetSamples'
    value: bigint
  }

  export interface JobInfoRequestHyperparametersEpochsFieldEvent {
    field: '$.request.hyperparameters.epochs'
    value: number
  }

  export interface JobInfoRequestHyperparametersBatchSizeFieldEvent {
    field: '$.request.hyperparameters.batchSize'
    value: number
  }

  export interface JobInfoRequestHyperparametersLearningRateFieldEvent {
    field: '$.request.hyperparameters.learningRate'
    value: number
  }

  export interface JobInfoRequestHyperparametersOptimizerFieldEvent {
    field: '$.request.hyperparameters.optimizer'
    value: string
  }

  export interface JobInfoRequestHyperparametersValidationSplitFieldEvent {
    field: '$.request.hyperparameters.validationSplit'
    value: number
  }

  export interface JobInfoRequestHyperparametersMetricsFieldEvent {
    field: '$.request.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobInfoRequestPaymentAmountFieldEvent {
    field: '$.request.paymentAmount'
    value: string
  }

  export interface JobInfoRequestRequiredDeviceFieldEvent {
    field: '$.request.requiredDevice'
    value: RequiredDevice
  }

  export interface JobInfoRequestMinMemoryBytesFieldEvent {
    field: '$.request.minMemoryBytes'
    value: bigint
  }

  export interface JobInfoRequestWalletFieldEvent {
    field: '$.request.wallet'
    value: string
  }

  export interface JobInfoEstimateFlopsPerSampleFieldEvent {
    field: '$.estimate.flopsPerSample'
    value: bigint
  }

  export interface JobInfoEstimateComputeUnitsFieldEvent {
    field: '$.estimate.computeUnits'
    value: string
  }

  export interface JobInfoEstimatePricePerUnitFieldEvent {
    field: '$.estimate.pricePerUnit'
    value: string
  }

  export interface JobInfoEstimateTotalFieldEvent {
    field: '$.estimate.total'
    value: string
  }

  export interface JobInfoEstimateParametersFieldEvent {
    field: '$.estimate.parameters'
    value: bigint
  }

  export interface JobInfoAssignedNodeFieldEvent {
    field: '$.assignedNode'
    value: string
  }

  export interface JobInfoScoreFieldEvent {
    field: '$.score'
    value: number
  }

  export interface JobInfoScoreBreakdownNameFieldEvent {
    field: '$.scoreBreakdown[].name'
    value: string
    index: number
  }

  export interface JobInfoScoreBreakdownValueFieldEvent {
    field: '$.scoreBreakdown[].value'
    value: number
    index: number
  }

  export interface JobInfoScoreBreakdownWeightFieldEvent {
    field: '$.scoreBreakdown[].weight'
    value: number
    index: number
  }

  export interface JobInfoScoreBreakdownWeightedFieldEvent {
    field: '$.scoreBreakdown[].weighted'
    value: number
    index: number
  }

  export interface JobInfoWhyNotNodeIdFieldEvent {
    field: '$.whyNot[].nodeId'
    value: string
    index: number
  }

  export interface JobInfoWhyNotCodeFieldEvent {
    field: '$.whyNot[].code'
    value: string
    index: number
  }

  export interface JobInfoWhyNotReasonFieldEvent {
    field: '$.whyNot[].reason'
    value: string
    index: number
  }

  export interface JobInfoProgressFieldEvent {
    field: '$.progress'
    value: number
  }

  export interface JobInfoCurrentEpochFieldEvent {
    field: '$.currentEpoch'
    value: number
  }

  export interface JobInfoMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface JobInfoCreatedMsFieldEvent {
    field: '$.createdMs'
    value: bigint
  }

  export interface JobInfoUpdatedMsFieldEvent {
    field: '$.updatedMs'
    value: bigint
  }

  export interface JobInfoEstimatedStartMsFieldEvent {
    field: '$.estimatedStartMs'
    value: bigint
  }

  export interface JobInfoEscrowFieldEvent {
    field: '$.escrow'
    value: string
  }

  export interface JobInfoLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface JobInfoExcludedNodesFieldEvent {
    field: '$.excludedNodes[]'
    index: number
    value: string
  }

  export interface JobInfoAssignedMsFieldEvent {
    field: '$.assignedMs'
    value: bigint
  }

  export interface JobInfoBackendFieldEvent {
    field: '$.backend'
    value: string
  }

  export interface JobInfoQueuedMsFieldEvent {
    field: '$.queuedMs'
    value: bigint
  }

  export interface JobInfoDatasetSamplesFieldEvent {
    field: '$.dataset.samples'
    value: bigint
  }

  export interface JobInfoDatasetFeatureShapeFieldEvent {
    field: '$.dataset.featureShape[]'
    index: number
    value: number
  }

  export interface JobInfoDatasetLabelShapeFieldEvent {
    field: '$.dataset.labelShape[]'
    index: number
    value: number
  }

  export interface JobInfoDatasetBytesFieldEvent {
    field: '$.dataset.bytes'
    value: bigint
  }

  export interface JobInfoDatasetFormatFieldEvent {
    field: '$.dataset.format'
    value: string
  }

  export interface JobInfoCheckpointUriFieldEvent {
    field: '$.checkpointUri'
    value: string
  }

  export interface JobInfoVerifiedEpochsFieldEvent {
    field: '$.verifiedEpochs'
    value: number
  }

  export interface JobInfoModelUriFieldEvent {
    field: '$.modelUri'
    value: string
  }

  export interface JobInfoModelHashFieldEvent {
    field: '$.modelHash'
    value: string
  }

  export interface JobInfoFinalMetricsFieldEvent {
    field: '$.finalMetrics{}'
    key: string
    value: number
  }

  export interface JobInfoComputeTimeMsFieldEvent {
    field: '$.computeTimeMs'
    value: bigint
  }

  export interface JobInfoPayoutEarnedBpsFieldEvent {
    field: '$.payout.earnedBps'
    value: number
  }

  export interface JobInfoPayoutPeerWalletFieldEvent {
    field: '$.payout.peerWallet'
    value: string
  }

  export interface JobInfoPayoutPeerFieldEvent {
    field: '$.payout.peer'
    value: string
  }

  export interface JobInfoPayoutFeeFieldEvent {
    field: '$.payout.fee'
    value: string
  }

  export interface JobInfoPayoutRefundFieldEvent {
    field: '$.payout.refund'
    value: string
  }

  export interface JobInfoPayoutSignatureFieldEvent {
    field: '$.payout.signature'
    value: string
  }

  export interface JobInfoPayoutOutcomeFieldEvent {
    field: '$.payout.outcome'
    value: string
  }

  export interface JobInfoPayoutReasonFieldEvent {
    field: '$.payout.reason'
    value: string
  }

  export interface JobInfoPayoutSharesWalletFieldEvent {
    field: '$.payout.shares[].wallet'
    value: string
    index: number
  }

  export interface JobInfoPayoutSharesBpsFieldEvent {
    field: '$.payout.shares[].bps'
    value: number
    index: number
  }

  export interface JobInfoPayoutSharesAmountFieldEvent {
    field: '$.payout.shares[].amount'
    value: string
    index: number
  }

  export interface JobInfoCompletionFieldEvent {
    field: '$.completion'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobInfoLeaseStartEpochFieldEvent {
    field: '$.leaseStartEpoch'
    value: number
  }

  export interface JobInfoContributionsNodeFieldEvent {
    field: '$.contributions[].node'
    value: string
    index: number
  }

  export interface JobInfoContributionsWalletFieldEvent {
    field: '$.contributions[].wallet'
    value: string
    index: number
  }

  export interface JobInfoContributionsEpochsFieldEvent {
    field: '$.contributions[].epochs'
    value: number
    index: number
  }

  export interface JobInfoVerifyingSinceMsFieldEvent {
    field: '$.verifyingSinceMs'
    value: bigint
  }

  export function encode (obj: Partial<JobInfo>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobInfo.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobInfo>): JobInfo {
    return decodeMessage(buf, JobInfo.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobInfo>): Generator<JobInfoJobIdFieldEvent | JobInfoStateFieldEvent | JobInfoSubmitterPeerFieldEvent | JobInfoWalletFieldEvent | JobInfoRequestJobTypeFieldEvent | JobInfoRequestModelDefinitionFieldEvent | JobInfoRequestDatasetUriFieldEvent | JobInfoRequestDatasetSamplesFieldEvent | JobInfoRequestHyperparametersEpochsFieldEvent | JobInfoRequestHyperparametersBatchSizeFieldEvent | JobInfoRequestHyperparametersLearningRateFieldEvent | JobInfoRequestHyperparametersOptimizerFieldEvent | JobInfoRequestHyperparametersValidationSplitFieldEvent | JobInfoRequestHyperparametersMetricsFieldEvent | JobInfoRequestPaymentAmountFieldEvent | JobInfoRequestRequiredDeviceFieldEvent | JobInfoRequestMinMemoryBytesFieldEvent | JobInfoRequestWalletFieldEvent | JobInfoEstimateFlopsPerSampleFieldEvent | JobInfoEstimateComputeUnitsFieldEvent | JobInfoEstimatePricePerUnitFieldEvent | JobInfoEstimateTotalFieldEvent | JobInfoEstimateParametersFieldEvent | JobInfoAssignedNodeFieldEvent | JobInfoScoreFieldEvent | JobInfoScoreBreakdownNameFieldEvent | JobInfoScoreBreakdownValueFieldEvent | JobInfoScoreBreakdownWeightFieldEvent | JobInfoScoreBreakdownWeightedFieldEvent | JobInfoWhyNotNodeIdFieldEvent | JobInfoWhyNotCodeFieldEvent | JobInfoWhyNotReasonFieldEvent | JobInfoProgressFieldEvent | JobInfoCurrentEpochFieldEvent | JobInfoMessageFieldEvent | JobInfoCreatedMsFieldEvent | JobInfoUpdatedMsFieldEvent | JobInfoEstimatedStartMsFieldEvent | JobInfoEscrowFieldEvent | JobInfoLeaseIdFieldEvent | JobInfoExcludedNodesFieldEvent | JobInfoAssignedMsFieldEvent | JobInfoBackendFieldEvent | JobInfoQueuedMsFieldEvent | JobInfoDatasetSamplesFieldEvent | JobInfoDatasetFeatureShapeFieldEvent | JobInfoDatasetLabelShapeFieldEvent | JobInfoDatasetBytesFieldEvent | JobInfoDatasetFormatFieldEvent | JobInfoCheckpointUriFieldEvent | JobInfoVerifiedEpochsFieldEvent | JobInfoModelUriFieldEvent | JobInfoModelHashFieldEvent | JobInfoFinalMetricsFieldEvent | JobInfoComputeTimeMsFieldEvent | JobInfoPayoutEarnedBpsFieldEvent | JobInfoPayoutPeerWalletFieldEvent | JobInfoPayoutPeerFieldEvent | JobInfoPayoutFeeFieldEvent | JobInfoPayoutRefundFieldEvent | JobInfoPayoutSignatureFieldEvent | JobInfoPayoutOutcomeFieldEvent | JobInfoPayoutReasonFieldEvent | JobInfoPayoutSharesWalletFieldEvent | JobInfoPayoutSharesBpsFieldEvent | JobInfoPayoutSharesAmountFieldEvent | JobInfoCompletionFieldEvent | JobInfoLeaseStartEpochFieldEvent | JobInfoContributionsNodeFieldEvent | JobInfoContributionsWalletFieldEvent | JobInfoContributionsEpochsFieldEvent | JobInfoVerifyingSinceMsFieldEvent> {
    return streamMessage(buf, JobInfo.codec(), opts)
  }
}

export interface Contribution {
  node: string
  wallet: string
  epochs: number
}

export namespace Contribution {
  let _codec: Codec<Contribution>

  export const codec = (): Codec<Contribution> => {
    if (_codec == null) {
      _codec = message<Contribution>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.node != null && obj.node !== '')) {
          w.uint32(10)
          w.string(obj.node)
        }

        if ((obj.wallet != null && obj.wallet !== '')) {
          w.uint32(18)
          w.string(obj.wallet)
        }

        if ((obj.epochs != null && obj.epochs !== 0)) {
          w.uint32(24)
          w.uint32(obj.epochs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          node: '',
          wallet: '',
          epochs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.node = reader.string()
              break
            }
            case 2: {
              obj.wallet = reader.string()
              break
            }
            case 3: {
              obj.epochs = reader.uint32()
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
                field: `${prefix}.node`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.wallet`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.epochs`,
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

  export interface ContributionNodeFieldEvent {
    field: '$.node'
    value: string
  }

  export interface ContributionWalletFieldEvent {
    field: '$.wallet'
    value: string
  }

  export interface ContributionEpochsFieldEvent {
    field: '$.epochs'
    value: number
  }

  export function encode (obj: Partial<Contribution>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Contribution.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Contribution>): Contribution {
    return decodeMessage(buf, Contribution.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Contribution>): Generator<ContributionNodeFieldEvent | ContributionWalletFieldEvent | ContributionEpochsFieldEvent> {
    return streamMessage(buf, Contribution.codec(), opts)
  }
}

export interface DatasetInfo {
  samples: bigint
  featureShape: number[]
  labelShape: number[]
  bytes: bigint
  format: string
}

export namespace DatasetInfo {
  let _codec: Codec<DatasetInfo>

  export const codec = (): Codec<DatasetInfo> => {
    if (_codec == null) {
      _codec = message<DatasetInfo>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.samples != null && obj.samples !== 0n)) {
          w.uint32(9)
          w.fixed64(obj.samples)
        }

        if (obj.featureShape != null && obj.featureShape.length > 0) {
          for (const value of obj.featureShape) {
            w.uint32(16)
            w.uint32(value)
          }
        }

        if (obj.labelShape != null && obj.labelShape.length > 0) {
          for (const value of obj.labelShape) {
            w.uint32(24)
            w.uint32(value)
          }
        }

        if ((obj.bytes != null && obj.bytes !== 0n)) {
          w.uint32(33)
          w.fixed64(obj.bytes)
        }

        if ((obj.format != null && obj.format !== '')) {
          w.uint32(42)
          w.string(obj.format)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          samples: 0n,
          featureShape: [],
          labelShape: [],
          bytes: 0n,
          format: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.samples = reader.fixed64()
              break
            }
            case 2: {
              if (opts.limits?.featureShape != null && obj.featureShape.length === opts.limits.featureShape) {
                throw new MaxLengthError('Decode error - repeated field "featureShape" had too many elements')
              }

              obj.featureShape.push(reader.uint32())
              break
            }
            case 3: {
              if (opts.limits?.labelShape != null && obj.labelShape.length === opts.limits.labelShape) {
                throw new MaxLengthError('Decode error - repeated field "labelShape" had too many elements')
              }

              obj.labelShape.push(reader.uint32())
              break
            }
            case 4: {
              obj.bytes = reader.fixed64()
              break
            }
            case 5: {
              obj.format = reader.string()
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
          featureShape: 0,
          labelShape: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.samples`,
                value: reader.fixed64()
              }
              break
            }
            case 2: {
              if (opts.limits?.featureShape != null && obj.featureShape === opts.limits.featureShape) {
                throw new MaxLengthError('Streaming decode error - repeated field "featureShape" had too many elements')
              }

              yield {
                field: `${prefix}.featureShape[]`,
                index: obj.featureShape,
                value: reader.uint32()
              }

              obj.featureShape++

              break
            }
            case 3: {
              if (opts.limits?.labelShape != null && obj.labelShape === opts.limits.labelShape) {
                throw new MaxLengthError('Streaming decode error - repeated field "labelShape" had too many elements')
              }

              yield {
                field: `${prefix}.labelShape[]`,
                index: obj.labelShape,
                value: reader.uint32()
              }

              obj.labelShape++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.bytes`,
                value: reader.fixed64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.format`,
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

  export interface DatasetInfoSamplesFieldEvent {
    field: '$.samples'
    value: bigint
  }

  export interface DatasetInfoFeatureShapeFieldEvent {
    field: '$.featureShape[]'
    index: number
    value: number
  }

  export interface DatasetInfoLabelShapeFieldEvent {
    field: '$.labelShape[]'
    index: number
    value: number
  }

  export interface DatasetInfoBytesFieldEvent {
    field: '$.bytes'
    value: bigint
  }

  export interface DatasetInfoFormatFieldEvent {
    field: '$.format'
    value: string
  }

  export function encode (obj: Partial<DatasetInfo>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DatasetInfo.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DatasetInfo>): DatasetInfo {
    return decodeMessage(buf, DatasetInfo.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DatasetInfo>): Generator<DatasetInfoSamplesFieldEvent | DatasetInfoFeatureShapeFieldEvent | DatasetInfoLabelShapeFieldEvent | DatasetInfoBytesFieldEvent | DatasetInfoFormatFieldEvent> {
    return streamMessage(buf, DatasetInfo.codec(), opts)
  }
}

export interface Payout {
  earnedBps: number
  peerWallet: string
  peer: string
  fee: string
  refund: string
  signature: string
  outcome: string
  reason: string
  shares: Share[]
}

export namespace Payout {
  let _codec: Codec<Payout>

  export const codec = (): Codec<Payout> => {
    if (_codec == null) {
      _codec = message<Payout>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.earnedBps != null && obj.earnedBps !== 0)) {
          w.uint32(8)
          w.uint32(obj.earnedBps)
        }

        if ((obj.peerWallet != null && obj.peerWallet !== '')) {
          w.uint32(18)
          w.string(obj.peerWallet)
        }

        if ((obj.peer != null && obj.peer !== '')) {
          w.uint32(26)
          w.string(obj.peer)
        }

        if ((obj.fee != null && obj.fee !== '')) {
          w.uint32(34)
          w.string(obj.fee)
        }

        if ((obj.refund != null && obj.refund !== '')) {
          w.uint32(42)
          w.string(obj.refund)
        }

        if ((obj.signature != null && obj.signature !== '')) {
          w.uint32(50)
          w.string(obj.signature)
        }

        if ((obj.outcome != null && obj.outcome !== '')) {
          w.uint32(58)
          w.string(obj.outcome)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(66)
          w.string(obj.reason)
        }

        if (obj.shares != null && obj.shares.length > 0) {
          for (const value of obj.shares) {
            w.uint32(74)
            Share.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          earnedBps: 0,
          peerWallet: '',
          peer: '',
          fee: '',
          refund: '',
          signature: '',
          outcome: '',
          reason: '',
          shares: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.earnedBps = reader.uint32()
              break
            }
            case 2: {
              obj.peerWallet = reader.string()
              break
            }
            case 3: {
              obj.peer = reader.string()
              break
            }
            case 4: {
              obj.fee = reader.string()
              break
            }
            case 5: {
              obj.refund = reader.string()
              break
            }
            case 6: {
              obj.signature = reader.string()
              break
            }
            case 7: {
              obj.outcome = reader.string()
              break
            }
            case 8: {
              obj.reason = reader.string()
              break
            }
            case 9: {
              if (opts.limits?.shares != null && obj.shares.length === opts.limits.shares) {
                throw new MaxLengthError('Decode error - repeated field "shares" had too many elements')
              }

              obj.shares.push(Share.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.shares$
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
          shares: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.earnedBps`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.peerWallet`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.peer`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.fee`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.refund`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.signature`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.outcome`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 9: {
              if (opts.limits?.shares != null && obj.shares === opts.limits.shares) {
                throw new MaxLengthError('Streaming decode error - repeated field "shares" had too many elements')
              }

              for (const evt of Share.codec().stream(reader, reader.uint32(), `${prefix}.shares[]`, {
                limits: opts.limits?.shares$
              })) {
                yield {
                  ...evt,
                  index: obj.shares
                }
              }

              obj.shares++

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

  export interface PayoutEarnedBpsFieldEvent {
    field: '$.earnedBps'
    value: number
  }

  export interface PayoutPeerWalletFieldEvent {
    field: '$.peerWallet'
    value: string
  }

  export interface PayoutPeerFieldEvent {
    field: '$.peer'
    value: string
  }

  export interface PayoutFeeFieldEvent {
    field: '$.fee'
    value: string
  }

  export interface PayoutRefundFieldEvent {
    field: '$.refund'
    value: string
  }

  export interface PayoutSignatureFieldEvent {
    field: '$.signature'
    value: string
  }

  export interface PayoutOutcomeFieldEvent {
    field: '$.outcome'
    value: string
  }

  export interface PayoutReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface PayoutSharesWalletFieldEvent {
    field: '$.shares[].wallet'
    value: string
    index: number
  }

  export interface PayoutSharesBpsFieldEvent {
    field: '$.shares[].bps'
    value: number
    index: number
  }

  export interface PayoutSharesAmountFieldEvent {
    field: '$.shares[].amount'
    value: string
    index: number
  }

  export function encode (obj: Partial<Payout>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Payout.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Payout>): Payout {
    return decodeMessage(buf, Payout.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Payout>): Generator<PayoutEarnedBpsFieldEvent | PayoutPeerWalletFieldEvent | PayoutPeerFieldEvent | PayoutFeeFieldEvent | PayoutRefundFieldEvent | PayoutSignatureFieldEvent | PayoutOutcomeFieldEvent | PayoutReasonFieldEvent | PayoutSharesWalletFieldEvent | PayoutSharesBpsFieldEvent | PayoutSharesAmountFieldEvent> {
    return streamMessage(buf, Payout.codec(), opts)
  }
}

export interface Share {
  wallet: string
  bps: number
  amount: string
}

export namespace Share {
  let _codec: Codec<Share>

  export const codec = (): Codec<Share> => {
    if (_codec == null) {
      _codec = message<Share>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.wallet != null && obj.wallet !== '')) {
          w.uint32(10)
          w.string(obj.wallet)
        }

        if ((obj.bps != null && obj.bps !== 0)) {
          w.uint32(16)
          w.uint32(obj.bps)
        }

        if ((obj.amount != null && obj.amount !== '')) {
          w.uint32(26)
          w.string(obj.amount)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          wallet: '',
          bps: 0,
          amount: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.wallet = reader.string()
              break
            }
            case 2: {
              obj.bps = reader.uint32()
              break
            }
            case 3: {
              obj.amount = reader.string()
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
                field: `${prefix}.wallet`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.bps`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.amount`,
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

  export interface ShareWalletFieldEvent {
    field: '$.wallet'
    value: string
  }

  export interface ShareBpsFieldEvent {
    field: '$.bps'
    value: number
  }

  export interface ShareAmountFieldEvent {
    field: '$.amount'
    value: string
  }

  export function encode (obj: Partial<Share>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Share.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Share>): Share {
    return decodeMessage(buf, Share.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Share>): Generator<ShareWalletFieldEvent | ShareBpsFieldEvent | ShareAmountFieldEvent> {
    return streamMessage(buf, Share.codec(), opts)
  }
}

export interface JobResponse {
  code: string
  message: string
  challenge: string
  session: string
  sessionExpiresMs: bigint
  estimate?: Estimate
  lockTransaction: string
  escrowAuthority: string
  mint: string
  job?: JobInfo
  jobs: JobInfo[]
}

export namespace JobResponse {
  let _codec: Codec<JobResponse>

  export const codec = (): Codec<JobResponse> => {
    if (_codec == null) {
      _codec = message<JobResponse>((obj, w, opts = {}) => {
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

        if ((obj.challenge != null && obj.challenge !== '')) {
          w.uint32(26)
          w.string(obj.challenge)
        }

        if ((obj.session != null && obj.session !== '')) {
          w.uint32(34)
          w.string(obj.session)
        }

        if ((obj.sessionExpiresMs != null && obj.sessionExpiresMs !== 0n)) {
          w.uint32(41)
          w.fixed64(obj.sessionExpiresMs)
        }

        if (obj.estimate != null) {
          w.uint32(50)
          Estimate.codec().encode(obj.estimate, w)
        }

        if ((obj.lockTransaction != null && obj.lockTransaction !== '')) {
          w.uint32(58)
          w.string(obj.lockTransaction)
        }

        if ((obj.escrowAuthority != null && obj.escrowAuthority !== '')) {
          w.uint32(66)
          w.string(obj.escrowAuthority)
        }

        if ((obj.mint != null && obj.mint !== '')) {
          w.uint32(74)
          w.string(obj.mint)
        }

        if (obj.job != null) {
          w.uint32(82)
          JobInfo.codec().encode(obj.job, w)
        }

        if (obj.jobs != null && obj.jobs.length > 0) {
          for (const value of obj.jobs) {
            w.uint32(90)
            JobInfo.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: '',
          message: '',
          challenge: '',
          session: '',
          sessionExpiresMs: 0n,
          lockTransaction: '',
          escrowAuthority: '',
          mint: '',
          jobs: []
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
              obj.challenge = reader.string()
              break
            }
            case 4: {
              obj.session = reader.string()
              break
            }
            case 5: {
              obj.sessionExpiresMs = reader.fixed64()
              break
            }
            case 6: {
              obj.estimate = Estimate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.estimate
              })
              break
            }
            case 7: {
              obj.lockTransaction = reader.string()
              break
            }
            case 8: {
              obj.escrowAuthority = reader.string()
              break
            }
            case 9: {
              obj.mint = reader.string()
              break
            }
            case 10: {
              obj.job = JobInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.job
              })
              break
            }
            case 11: {
              if (opts.limits?.jobs != null && obj.jobs.length === opts.limits.jobs) {
                throw new MaxLengthError('Decode error - repeated field "jobs" had too many elements')
              }

              obj.jobs.push(JobInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.jobs$
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
          jobs: 0
        }

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
                field: `${prefix}.challenge`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.session`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sessionExpiresMs`,
                value: reader.fixed64()
              }
              break
            }
            case 6: {
              yield * Estimate.codec().stream(reader, reader.uint32(), `${prefix}.estimate`, {
                limits: opts.limits?.estimate
              })

              break
            }
            case 7: {
              yield {
                field: `${prefix}.lockTransaction`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.escrowAuthority`,
                value: reader.string()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.mint`,
                value: reader.string()
              }
              break
            }
            case 10: {
              yield * JobInfo.codec().stream(reader, reader.uint32(), `${prefix}.job`, {
                limits: opts.limits?.job
              })

              break
            }
            case 11: {
              if (opts.limits?.jobs != null && obj.jobs === opts.limits.jobs) {
                throw new MaxLengthError('Streaming decode error - repeated field "jobs" had too many elements')
              }

              for (const evt of JobInfo.codec().stream(reader, reader.uint32(), `${prefix}.jobs[]`, {
                limits: opts.limits?.jobs$
              })) {
                yield {
                  ...evt,
                  index: obj.jobs
                }
              }

              obj.jobs++

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

  export interface JobResponseCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface JobResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface JobResponseChallengeFieldEvent {
    field: '$.challenge'
    value: string
  }

  export interface JobResponseSessionFieldEvent {
    field: '$.session'
    value: string
  }

  export interface JobResponseSessionExpiresMsFieldEvent {
    field: '$.sessionExpiresMs'
    value: bigint
  }

  export interface JobResponseEstimateFlopsPerSampleFieldEvent {
    field: '$.estimate.flopsPerSample'
    value: bigint
  }

  export interface JobResponseEstimateComputeUnitsFieldEvent {
    field: '$.estimate.computeUnits'
    value: string
  }

  export interface JobResponseEstimatePricePerUnitFieldEvent {
    field: '$.estimate.pricePerUnit'
    value: string
  }

  export interface JobResponseEstimateTotalFieldEvent {
    field: '$.estimate.total'
    value: string
  }

  export interface JobResponseEstimateParametersFieldEvent {
    field: '$.estimate.parameters'
    value: bigint
  }

  export interface JobResponseLockTransactionFieldEvent {
    field: '$.lockTransaction'
    value: string
  }

  export interface JobResponseEscrowAuthorityFieldEvent {
    field: '$.escrowAuthority'
    value: string
  }

  export interface JobResponseMintFieldEvent {
    field: '$.mint'
    value: string
  }

  export interface JobResponseJobJobIdFieldEvent {
    field: '$.job.jobId'
    value: string
  }

  export interface JobResponseJobStateFieldEvent {
    field: '$.job.state'
    value: JobState
  }

  export interface JobResponseJobSubmitterPeerFieldEvent {
    field: '$.job.submitterPeer'
    value: string
  }

  export interface JobResponseJobWalletFieldEvent {
    field: '$.job.wallet'
    value: string
  }

  export interface JobResponseJobRequestJobTypeFieldEvent {
    field: '$.job.request.jobType'
    value: JobType
  }

  export interface JobResponseJobRequestModelDefinitionFieldEvent {
    field: '$.job.request.modelDefinition'
    value: string
  }

  export interface JobResponseJobRequestDatasetUriFieldEvent {
    field: '$.job.request.datasetUri'
    value: string
  }

  export interface JobResponseJobRequestDatasetSamplesFieldEvent {
    field: '$.job.request.datasetSamples'
    value: bigint
  }

  export interface JobResponseJobRequestHyperparametersEpochsFieldEvent {
    field: '$.job.request.hyperparameters.epochs'
    value: number
  }

  export interface JobResponseJobRequestHyperparametersBatchSizeFieldEvent {
    field: '$.job.request.hyperparameters.batchSize'
    value: number
  }

  export interface JobResponseJobRequestHyperparametersLearningRateFieldEvent {
    field: '$.job.request.hyperparameters.learningRate'
    value: number
  }

  export interface JobResponseJobRequestHyperparametersOptimizerFieldEvent {
    field: '$.job.request.hyperparameters.optimizer'
    value: string
  }

  export interface JobResponseJobRequestHyperparametersValidationSplitFieldEvent {
    field: '$.job.request.hyperparameters.validationSplit'
    value: number
  }

  export interface JobResponseJobRequestHyperparametersMetricsFieldEvent {
    field: '$.job.request.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobResponseJobRequestPaymentAmountFieldEvent {
    field: '$.job.request.paymentAmount'
    value: string
  }

  export interface JobResponseJobRequestRequiredDeviceFieldEvent {
    field: '$.job.request.requiredDevice'
    value: RequiredDevice
  }

  export interface JobResponseJobRequestMinMemoryBytesFieldEvent {
    field: '$.job.request.minMemoryBytes'
    value: bigint
  }

  export interface JobResponseJobRequestWalletFieldEvent {
    field: '$.job.request.wallet'
    value: string
  }

  export interface JobResponseJobEstimateFlopsPerSampleFieldEvent {
    field: '$.job.estimate.flopsPerSample'
    value: bigint
  }

  export interface JobResponseJobEstimateComputeUnitsFieldEvent {
    field: '$.job.estimate.computeUnits'
    value: string
  }

  export interface JobResponseJobEstimatePricePerUnitFieldEvent {
    field: '$.job.estimate.pricePerUnit'
    value: string
  }

  export interface JobResponseJobEstimateTotalFieldEvent {
    field: '$.job.estimate.total'
    value: string
  }

  export interface JobResponseJobEstimateParametersFieldEvent {
    field: '$.job.estimate.parameters'
    value: bigint
  }

  export interface JobResponseJobAssignedNodeFieldEvent {
    field: '$.job.assignedNode'
    value: string
  }

  export interface JobResponseJobScoreFieldEvent {
    field: '$.job.score'
    value: number
  }

  export interface JobResponseJobScoreBreakdownNameFieldEvent {
    field: '$.job.scoreBreakdown[].name'
    value: string
    index: number
  }

  export interface JobResponseJobScoreBreakdownValueFieldEvent {
    field: '$.job.scoreBreakdown[].value'
    value: number
    index: number
  }

  export interface JobResponseJobScoreBreakdownWeightFieldEvent {
    field: '$.job.scoreBreakdown[].weight'
    value: number
    index: number
  }

  export interface JobResponseJobScoreBreakdownWeightedFieldEvent {
    field: '$.job.scoreBreakdown[].weighted'
    value: number
    index: number
  }

  export interface JobResponseJobWhyNotNodeIdFieldEvent {
    field: '$.job.whyNot[].nodeId'
    value: string
    index: number
  }

  export interface JobResponseJobWhyNotCodeFieldEvent {
    field: '$.job.whyNot[].code'
    value: string
    index: number
  }

  export interface JobResponseJobWhyNotReasonFieldEvent {
    field: '$.job.whyNot[].reason'
    value: string
    index: number
  }

  export interface JobResponseJobProgressFieldEvent {
    field: '$.job.progress'
    value: number
  }

  export interface JobResponseJobCurrentEpochFieldEvent {
    field: '$.job.currentEpoch'
    value: number
  }

  export interface JobResponseJobMessageFieldEvent {
    field: '$.job.message'
    value: string
  }

  export interface JobResponseJobCreatedMsFieldEvent {
    field: '$.job.createdMs'
    value: bigint
  }

  export interface JobResponseJobUpdatedMsFieldEvent {
    field: '$.job.updatedMs'
    value: bigint
  }

  export interface JobResponseJobEstimatedStartMsFieldEvent {
    field: '$.job.estimatedStartMs'
    value: bigint
  }

  export interface JobResponseJobEscrowFieldEvent {
    field: '$.job.escrow'
    value: string
  }

  export interface JobResponseJobLeaseIdFieldEvent {
    field: '$.job.leaseId'
    value: string
  }

  export interface JobResponseJobExcludedNodesFieldEvent {
    field: '$.job.excludedNodes[]'
    index: number
    value: string
  }

  export interface JobResponseJobAssignedMsFieldEvent {
    field: '$.job.assignedMs'
    value: bigint
  }

  export interface JobResponseJobBackendFieldEvent {
    field: '$.job.backend'
    value: string
  }

  export interface JobResponseJobQueuedMsFieldEvent {
    field: '$.job.queuedMs'
    value: bigint
  }

  export interface JobResponseJobDatasetSamplesFieldEvent {
    field: '$.job.dataset.samples'
    value: bigint
  }

  export interface JobResponseJobDatasetFeatureShapeFieldEvent {
    field: '$.job.dataset.featureShape[]'
    index: number
    value: number
  }

  export interface JobResponseJobDatasetLabelShapeFieldEvent {
    field: '$.job.dataset.labelShape[]'
    index: number
    value: number
  }

  export interface JobResponseJobDatasetBytesFieldEvent {
    field: '$.job.dataset.bytes'
    value: bigint
  }

  export interface JobResponseJobDatasetFormatFieldEvent {
    field: '$.job.dataset.format'
    value: string
  }

  export interface JobResponseJobCheckpointUriFieldEvent {
    field: '$.job.checkpointUri'
    value: string
  }

  export interface JobResponseJobVerifiedEpochsFieldEvent {
    field: '$.job.verifiedEpochs'
    value: number
  }

  export interface JobResponseJobModelUriFieldEvent {
    field: '$.job.modelUri'
    value: string
  }

  export interface JobResponseJobModelHashFieldEvent {
    field: '$.job.modelHash'
    value: string
  }

  export interface JobResponseJobFinalMetricsFieldEvent {
    field: '$.job.finalMetrics{}'
    key: string
    value: number
  }

  export interface JobResponseJobComputeTimeMsFieldEvent {
    field: '$.job.computeTimeMs'
    value: bigint
  }

  export interface JobResponseJobPayoutEarnedBpsFieldEvent {
    field: '$.job.payout.earnedBps'
    value: number
  }

  export interface JobResponseJobPayoutPeerWalletFieldEvent {
    field: '$.job.payout.peerWallet'
    value: string
  }

  export interface JobResponseJobPayoutPeerFieldEvent {
    field: '$.job.payout.peer'
    value: string
  }

  export interface JobResponseJobPayoutFeeFieldEvent {
    field: '$.job.payout.fee'
    value: string
  }

  export interface JobResponseJobPayoutRefundFieldEvent {
    field: '$.job.payout.refund'
    value: string
  }

  export interface JobResponseJobPayoutSignatureFieldEvent {
    field: '$.job.payout.signature'
    value: string
  }

  export interface JobResponseJobPayoutOutcomeFieldEvent {
    field: '$.job.payout.outcome'
    value: string
  }

  export interface JobResponseJobPayoutReasonFieldEvent {
    field: '$.job.payout.reason'
    value: string
  }

  export interface JobResponseJobPayoutSharesWalletFieldEvent {
    field: '$.job.payout.shares[].wallet'
    value: string
    index: number
  }

  export interface JobResponseJobPayoutSharesBpsFieldEvent {
    field: '$.job.payout.shares[].bps'
    value: number
    index: number
  }

  export interface JobResponseJobPayoutSharesAmountFieldEvent {
    field: '$.job.payout.shares[].amount'
    value: string
    index: number
  }

  export interface JobResponseJobCompletionFieldEvent {
    field: '$.job.completion'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobResponseJobLeaseStartEpochFieldEvent {
    field: '$.job.leaseStartEpoch'
    value: number
  }

  export interface JobResponseJobContributionsNodeFieldEvent {
    field: '$.job.contributions[].node'
    value: string
    index: number
  }

  export interface JobResponseJobContributionsWalletFieldEvent {
    field: '$.job.contributions[].wallet'
    value: string
    index: number
  }

  export interface JobResponseJobContributionsEpochsFieldEvent {
    field: '$.job.contributions[].epochs'
    value: number
    index: number
  }

  export interface JobResponseJobVerifyingSinceMsFieldEvent {
    field: '$.job.verifyingSinceMs'
    value: bigint
  }

  export interface JobResponseJobsJobIdFieldEvent {
    field: '$.jobs[].jobId'
    value: string
    index: number
  }

  export interface JobResponseJobsStateFieldEvent {
    field: '$.jobs[].state'
    value: JobState
    index: number
  }

  export interface JobResponseJobsSubmitterPeerFieldEvent {
    field: '$.jobs[].submitterPeer'
    value: string
    index: number
  }

  export interface JobResponseJobsWalletFieldEvent {
    field: '$.jobs[].wallet'
    value: string
    index: number
  }

  export interface JobResponseJobsRequestJobTypeFieldEvent {
    field: '$.jobs[].request.jobType'
    value: JobType
    index: number
  }

  export interface JobResponseJobsRequestModelDefinitionFieldEvent {
    field: '$.jobs[].request.modelDefinition'
    value: string
    index: number
  }

  export interface JobResponseJobsRequestDatasetUriFieldEvent {
    field: '$.jobs[].request.datasetUri'
    value: string
    index: number
  }

  export interface JobResponseJobsRequestDatasetSamplesFieldEvent {
    field: '$.jobs[].request.datasetSamples'
    value: bigint
    index: number
  }

  export interface JobResponseJobsRequestHyperparametersEpochsFieldEvent {
    field: '$.jobs[].request.hyperparameters.epochs'
    value: number
    index: number
  }

  export interface JobResponseJobsRequestHyperparametersBatchSizeFieldEvent {
    field: '$.jobs[].request.hyperparameters.batchSize'
    value: number
    index: number
  }

  export interface JobResponseJobsRequestHyperparametersLearningRateFieldEvent {
    field: '$.jobs[].request.hyperparameters.learningRate'
    value: number
    index: number
  }

  export interface JobResponseJobsRequestHyperparametersOptimizerFieldEvent {
    field: '$.jobs[].request.hyperparameters.optimizer'
    value: string
    index: number
  }

  export interface JobResponseJobsRequestHyperparametersValidationSplitFieldEvent {
    field: '$.jobs[].request.hyperparameters.validationSplit'
    value: number
    index: number
  }

  export interface JobResponseJobsRequestHyperparametersMetricsFieldEvent {
    field: '$.jobs[].request.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobResponseJobsRequestPaymentAmountFieldEvent {
    field: '$.jobs[].request.paymentAmount'
    value: string
    index: number
  }

  export interface JobResponseJobsRequestRequiredDeviceFieldEvent {
    field: '$.jobs[].request.requiredDevice'
    value: RequiredDevice
    index: number
  }

  export interface JobResponseJobsRequestMinMemoryBytesFieldEvent {
    field: '$.jobs[].request.minMemoryBytes'
    value: bigint
    index: number
  }

  export interface JobResponseJobsRequestWalletFieldEvent {
    field: '$.jobs[].request.wallet'
    value: string
    index: number
  }

  export interface JobResponseJobsEstimateFlopsPerSampleFieldEvent {
    field: '$.jobs[].estimate.flopsPerSample'
    value: bigint
    index: number
  }

  export interface JobResponseJobsEstimateComputeUnitsFieldEvent {
    field: '$.jobs[].estimate.computeUnits'
    value: string
    index: number
  }

  export interface JobResponseJobsEstimatePricePerUnitFieldEvent {
    field: '$.jobs[].estimate.pricePerUnit'
    value: string
    index: number
  }

  export interface JobResponseJobsEstimateTotalFieldEvent {
    field: '$.jobs[].estimate.total'
    value: string
    index: number
  }

  export interface JobResponseJobsEstimateParametersFieldEvent {
    field: '$.jobs[].estimate.parameters'
    value: bigint
    index: number
  }

  export interface JobResponseJobsAssignedNodeFieldEvent {
    field: '$.jobs[].assignedNode'
    value: string
    index: number
  }

  export interface JobResponseJobsScoreFieldEvent {
    field: '$.jobs[].score'
    value: number
    index: number
  }

  export interface JobResponseJobsScoreBreakdownNameFieldEvent {
    field: '$.jobs[].scoreBreakdown[].name'
    value: string
    index: number
  }

  export interface JobResponseJobsScoreBreakdownValueFieldEvent {
    field: '$.jobs[].scoreBreakdown[].value'
    value: number
    index: number
  }

  export interface JobResponseJobsScoreBreakdownWeightFieldEvent {
    field: '$.jobs[].scoreBreakdown[].weight'
    value: number
    index: number
  }

  export interface JobResponseJobsScoreBreakdownWeightedFieldEvent {
    field: '$.jobs[].scoreBreakdown[].weighted'
    value: number
    index: number
  }

  export interface JobResponseJobsWhyNotNodeIdFieldEvent {
    field: '$.jobs[].whyNot[].nodeId'
    value: string
    index: number
  }

  export interface JobResponseJobsWhyNotCodeFieldEvent {
    field: '$.jobs[].whyNot[].code'
    value: string
    index: number
  }

  export interface JobResponseJobsWhyNotReasonFieldEvent {
    field: '$.jobs[].whyNot[].reason'
    value: string
    index: number
  }

  export interface JobResponseJobsProgressFieldEvent {
    field: '$.jobs[].progress'
    value: number
    index: number
  }

  export interface JobResponseJobsCurrentEpochFieldEvent {
    field: '$.jobs[].currentEpoch'
    value: number
    index: number
  }

  export interface JobResponseJobsMessageFieldEvent {
    field: '$.jobs[].message'
    value: string
    index: number
  }

  export interface JobResponseJobsCreatedMsFieldEvent {
    field: '$.jobs[].createdMs'
    value: bigint
    index: number
  }

  export interface JobResponseJobsUpdatedMsFieldEvent {
    field: '$.jobs[].updatedMs'
    value: bigint
    index: number
  }

  export interface JobResponseJobsEstimatedStartMsFieldEvent {
    field: '$.jobs[].estimatedStartMs'
    value: bigint
    index: number
  }

  export interface JobResponseJobsEscrowFieldEvent {
    field: '$.jobs[].escrow'
    value: string
    index: number
  }

  export interface JobResponseJobsLeaseIdFieldEvent {
    field: '$.jobs[].leaseId'
    value: string
    index: number
  }

  export interface JobResponseJobsExcludedNodesFieldEvent {
    field: '$.jobs[].excludedNodes[]'
    index: number
    value: string
  }

  export interface JobResponseJobsAssignedMsFieldEvent {
    field: '$.jobs[].assignedMs'
    value: bigint
    index: number
  }

  export interface JobResponseJobsBackendFieldEvent {
    field: '$.jobs[].backend'
    value: string
    index: number
  }

  export interface JobResponseJobsQueuedMsFieldEvent {
    field: '$.jobs[].queuedMs'
    value: bigint
    index: number
  }

  export interface JobResponseJobsDatasetSamplesFieldEvent {
    field: '$.jobs[].dataset.samples'
    value: bigint
    index: number
  }

  export interface JobResponseJobsDatasetFeatureShapeFieldEvent {
    field: '$.jobs[].dataset.featureShape[]'
    index: number
    value: number
  }

  export interface JobResponseJobsDatasetLabelShapeFieldEvent {
    field: '$.jobs[].dataset.labelShape[]'
    index: number
    value: number
  }

  export interface JobResponseJobsDatasetBytesFieldEvent {
    field: '$.jobs[].dataset.bytes'
    value: bigint
    index: number
  }

  export interface JobResponseJobsDatasetFormatFieldEvent {
    field: '$.jobs[].dataset.format'
    value: string
    index: number
  }

  export interface JobResponseJobsCheckpointUriFieldEvent {
    field: '$.jobs[].checkpointUri'
    value: string
    index: number
  }

  export interface JobResponseJobsVerifiedEpochsFieldEvent {
    field: '$.jobs[].verifiedEpochs'
    value: number
    index: number
  }

  export interface JobResponseJobsModelUriFieldEvent {
    field: '$.jobs[].modelUri'
    value: string
    index: number
  }

  export interface JobResponseJobsModelHashFieldEvent {
    field: '$.jobs[].modelHash'
    value: string
    index: number
  }

  export interface JobResponseJobsFinalMetricsFieldEvent {
    field: '$.jobs[].finalMetrics{}'
    key: string
    value: number
    index: number
  }

  export interface JobResponseJobsComputeTimeMsFieldEvent {
    field: '$.jobs[].computeTimeMs'
    value: bigint
    index: number
  }

  export interface JobResponseJobsPayoutEarnedBpsFieldEvent {
    field: '$.jobs[].payout.earnedBps'
    value: number
    index: number
  }

  export interface JobResponseJobsPayoutPeerWalletFieldEvent {
    field: '$.jobs[].payout.peerWallet'
    value: string
    index: number
  }

  export interface JobResponseJobsPayoutPeerFieldEvent {
    field: '$.jobs[].payout.peer'
    value: string
    index: number
  }

  export interface JobResponseJobsPayoutFeeFieldEvent {
    field: '$.jobs[].payout.fee'
    value: string
    index: number
  }

  export interface JobResponseJobsPayoutRefundFieldEvent {
    field: '$.jobs[].payout.refund'
    value: string
    index: number
  }

  export interface JobResponseJobsPayoutSignatureFieldEvent {
    field: '$.jobs[].payout.signature'
    value: string
    index: number
  }

  export interface JobResponseJobsPayoutOutcomeFieldEvent {
    field: '$.jobs[].payout.outcome'
    value: string
    index: number
  }

  export interface JobResponseJobsPayoutReasonFieldEvent {
    field: '$.jobs[].payout.reason'
    value: string
    index: number
  }

  export interface JobResponseJobsPayoutSharesWalletFieldEvent {
    field: '$.jobs[].payout.shares[].wallet'
    value: string
    index: number
  }

  export interface JobResponseJobsPayoutSharesBpsFieldEvent {
    field: '$.jobs[].payout.shares[].bps'
    value: number
    index: number
  }

  export interface JobResponseJobsPayoutSharesAmountFieldEvent {
    field: '$.jobs[].payout.shares[].amount'
    value: string
    index: number
  }

  export interface JobResponseJobsCompletionFieldEvent {
    field: '$.jobs[].completion'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface JobResponseJobsLeaseStartEpochFieldEvent {
    field: '$.jobs[].leaseStartEpoch'
    value: number
    index: number
  }

  export interface JobResponseJobsContributionsNodeFieldEvent {
    field: '$.jobs[].contributions[].node'
    value: string
    index: number
  }

  export interface JobResponseJobsContributionsWalletFieldEvent {
    field: '$.jobs[].contributions[].wallet'
    value: string
    index: number
  }

  export interface JobResponseJobsContributionsEpochsFieldEvent {
    field: '$.jobs[].contributions[].epochs'
    value: number
    index: number
  }

  export interface JobResponseJobsVerifyingSinceMsFieldEvent {
    field: '$.jobs[].verifyingSinceMs'
    value: bigint
    index: number
  }

  export function encode (obj: Partial<JobResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobResponse>): JobResponse {
    return decodeMessage(buf, JobResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobResponse>): Generator<JobResponseCodeFieldEvent | JobResponseMessageFieldEvent | JobResponseChallengeFieldEvent | JobResponseSessionFieldEvent | JobResponseSessionExpiresMsFieldEvent | JobResponseEstimateFlopsPerSampleFieldEvent | JobResponseEstimateComputeUnitsFieldEvent | JobResponseEstimatePricePerUnitFieldEvent | JobResponseEstimateTotalFieldEvent | JobResponseEstimateParametersFieldEvent | JobResponseLockTransactionFieldEvent | JobResponseEscrowAuthorityFieldEvent | JobResponseMintFieldEvent | JobResponseJobJobIdFieldEvent | JobResponseJobStateFieldEvent | JobResponseJobSubmitterPeerFieldEvent | JobResponseJobWalletFieldEvent | JobResponseJobRequestJobTypeFieldEvent | JobResponseJobRequestModelDefinitionFieldEvent | JobResponseJobRequestDatasetUriFieldEvent | JobResponseJobRequestDatasetSamplesFieldEvent | JobResponseJobRequestHyperparametersEpochsFieldEvent | JobResponseJobRequestHyperparametersBatchSizeFieldEvent | JobResponseJobRequestHyperparametersLearningRateFieldEvent | JobResponseJobRequestHyperparametersOptimizerFieldEvent | JobResponseJobRequestHyperparametersValidationSplitFieldEvent | JobResponseJobRequestHyperparametersMetricsFieldEvent | JobResponseJobRequestPaymentAmountFieldEvent | JobResponseJobRequestRequiredDeviceFieldEvent | JobResponseJobRequestMinMemoryBytesFieldEvent | JobResponseJobRequestWalletFieldEvent | JobResponseJobEstimateFlopsPerSampleFieldEvent | JobResponseJobEstimateComputeUnitsFieldEvent | JobResponseJobEstimatePricePerUnitFieldEvent | JobResponseJobEstimateTotalFieldEvent | JobResponseJobEstimateParametersFieldEvent | JobResponseJobAssignedNodeFieldEvent | JobResponseJobScoreFieldEvent | JobResponseJobScoreBreakdownNameFieldEvent | JobResponseJobScoreBreakdownValueFieldEvent | JobResponseJobScoreBreakdownWeightFieldEvent | JobResponseJobScoreBreakdownWeightedFieldEvent | JobResponseJobWhyNotNodeIdFieldEvent | JobResponseJobWhyNotCodeFieldEvent | JobResponseJobWhyNotReasonFieldEvent | JobResponseJobProgressFieldEvent | JobResponseJobCurrentEpochFieldEvent | JobResponseJobMessageFieldEvent | JobResponseJobCreatedMsFieldEvent | JobResponseJobUpdatedMsFieldEvent | JobResponseJobEstimatedStartMsFieldEvent | JobResponseJobEscrowFieldEvent | JobResponseJobLeaseIdFieldEvent | JobResponseJobExcludedNodesFieldEvent | JobResponseJobAssignedMsFieldEvent | JobResponseJobBackendFieldEvent | JobResponseJobQueuedMsFieldEvent | JobResponseJobDatasetSamplesFieldEvent | JobResponseJobDatasetFeatureShapeFieldEvent | JobResponseJobDatasetLabelShapeFieldEvent | JobResponseJobDatasetBytesFieldEvent | JobResponseJobDatasetFormatFieldEvent | JobResponseJobCheckpointUriFieldEvent | JobResponseJobVerifiedEpochsFieldEvent | JobResponseJobModelUriFieldEvent | JobResponseJobModelHashFieldEvent | JobResponseJobFinalMetricsFieldEvent | JobResponseJobComputeTimeMsFieldEvent | JobResponseJobPayoutEarnedBpsFieldEvent | JobResponseJobPayoutPeerWalletFieldEvent | JobResponseJobPayoutPeerFieldEvent | JobResponseJobPayoutFeeFieldEvent | JobResponseJobPayoutRefundFieldEvent | JobResponseJobPayoutSignatureFieldEvent | JobResponseJobPayoutOutcomeFieldEvent | JobResponseJobPayoutReasonFieldEvent | JobResponseJobPayoutSharesWalletFieldEvent | JobResponseJobPayoutSharesBpsFieldEvent | JobResponseJobPayoutSharesAmountFieldEvent | JobResponseJobCompletionFieldEvent | JobResponseJobLeaseStartEpochFieldEvent | JobResponseJobContributionsNodeFieldEvent | JobResponseJobContributionsWalletFieldEvent | JobResponseJobContributionsEpochsFieldEvent | JobResponseJobVerifyingSinceMsFieldEvent | JobResponseJobsJobIdFieldEvent | JobResponseJobsStateFieldEvent | JobResponseJobsSubmitterPeerFieldEvent | JobResponseJobsWalletFieldEvent | JobResponseJobsRequestJobTypeFieldEvent | JobResponseJobsRequestModelDefinitionFieldEvent | JobResponseJobsRequestDatasetUriFieldEvent | JobResponseJobsRequestDatasetSamplesFieldEvent | JobResponseJobsRequestHyperparametersEpochsFieldEvent | JobResponseJobsRequestHyperparametersBatchSizeFieldEvent | JobResponseJobsRequestHyperparametersLearningRateFieldEvent | JobResponseJobsRequestHyperparametersOptimizerFieldEvent | JobResponseJobsRequestHyperparametersValidationSplitFieldEvent | JobResponseJobsRequestHyperparametersMetricsFieldEvent | JobResponseJobsRequestPaymentAmountFieldEvent | JobResponseJobsRequestRequiredDeviceFieldEvent | JobResponseJobsRequestMinMemoryBytesFieldEvent | JobResponseJobsRequestWalletFieldEvent | JobResponseJobsEstimateFlopsPerSampleFieldEvent | JobResponseJobsEstimateComputeUnitsFieldEvent | JobResponseJobsEstimatePricePerUnitFieldEvent | JobResponseJobsEstimateTotalFieldEvent | JobResponseJobsEstimateParametersFieldEvent | JobResponseJobsAssignedNodeFieldEvent | JobResponseJobsScoreFieldEvent | JobResponseJobsScoreBreakdownNameFieldEvent | JobResponseJobsScoreBreakdownValueFieldEvent | JobResponseJobsScoreBreakdownWeightFieldEvent | JobResponseJobsScoreBreakdownWeightedFieldEvent | JobResponseJobsWhyNotNodeIdFieldEvent | JobResponseJobsWhyNotCodeFieldEvent | JobResponseJobsWhyNotReasonFieldEvent | JobResponseJobsProgressFieldEvent | JobResponseJobsCurrentEpochFieldEvent | JobResponseJobsMessageFieldEvent | JobResponseJobsCreatedMsFieldEvent | JobResponseJobsUpdatedMsFieldEvent | JobResponseJobsEstimatedStartMsFieldEvent | JobResponseJobsEscrowFieldEvent | JobResponseJobsLeaseIdFieldEvent | JobResponseJobsExcludedNodesFieldEvent | JobResponseJobsAssignedMsFieldEvent | JobResponseJobsBackendFieldEvent | JobResponseJobsQueuedMsFieldEvent | JobResponseJobsDatasetSamplesFieldEvent | JobResponseJobsDatasetFeatureShapeFieldEvent | JobResponseJobsDatasetLabelShapeFieldEvent | JobResponseJobsDatasetBytesFieldEvent | JobResponseJobsDatasetFormatFieldEvent | JobResponseJobsCheckpointUriFieldEvent | JobResponseJobsVerifiedEpochsFieldEvent | JobResponseJobsModelUriFieldEvent | JobResponseJobsModelHashFieldEvent | JobResponseJobsFinalMetricsFieldEvent | JobResponseJobsComputeTimeMsFieldEvent | JobResponseJobsPayoutEarnedBpsFieldEvent | JobResponseJobsPayoutPeerWalletFieldEvent | JobResponseJobsPayoutPeerFieldEvent | JobResponseJobsPayoutFeeFieldEvent | JobResponseJobsPayoutRefundFieldEvent | JobResponseJobsPayoutSignatureFieldEvent | JobResponseJobsPayoutOutcomeFieldEvent | JobResponseJobsPayoutReasonFieldEvent | JobResponseJobsPayoutSharesWalletFieldEvent | JobResponseJobsPayoutSharesBpsFieldEvent | JobResponseJobsPayoutSharesAmountFieldEvent | JobResponseJobsCompletionFieldEvent | JobResponseJobsLeaseStartEpochFieldEvent | JobResponseJobsContributionsNodeFieldEvent | JobResponseJobsContributionsWalletFieldEvent | JobResponseJobsContributionsEpochsFieldEvent | JobResponseJobsVerifyingSinceMsFieldEvent> {
    return streamMessage(buf, JobResponse.codec(), opts)
  }
}
