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
  seed: number
  commitEveryBatches: number
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

        if ((obj.seed != null && obj.seed !== 0)) {
          w.uint32(56)
          w.uint32(obj.seed)
        }

        if ((obj.commitEveryBatches != null && obj.commitEveryBatches !== 0)) {
          w.uint32(64)
          w.uint32(obj.commitEveryBatches)
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
          minMemoryBytes: 0n,
          seed: 0,
          commitEveryBatches: 0
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
            case 7: {
              obj.seed = reader.uint32()
              break
            }
            case 8: {
              obj.commitEveryBatches = reader.uint32()
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
            case 7: {
              yield {
                field: `${prefix}.seed`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.commitEveryBatches`,
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

  export interface TrainingSpecSeedFieldEvent {
    field: '$.seed'
    value: number
  }

  export interface TrainingSpecCommitEveryBatchesFieldEvent {
    field: '$.commitEveryBatches'
    value: number
  }

  export function encode (obj: Partial<TrainingSpec>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, TrainingSpec.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TrainingSpec>): TrainingSpec {
    return decodeMessage(buf, TrainingSpec.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<TrainingSpec>): Generator<TrainingSpecModelHashFieldEvent | TrainingSpecDatasetUriFieldEvent | TrainingSpecDatasetSamplesFieldEvent | TrainingSpecHyperparametersEpochsFieldEvent | TrainingSpecHyperparametersBatchSizeFieldEvent | TrainingSpecHyperparametersLearningRateFieldEvent | TrainingSpecHyperparametersOptimizerFieldEvent | TrainingSpecHyperparametersValidationSplitFieldEvent | TrainingSpecHyperparametersMetricsFieldEvent | TrainingSpecRequiredDeviceFieldEvent | TrainingSpecMinMemoryBytesFieldEvent | TrainingSpecSeedFieldEvent | TrainingSpecCommitEveryBatchesFieldEvent> {
    return streamMessage(buf, TrainingSpec.codec(), opts)
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

export interface Verification {
  segments: number
  segmentsChecked: number
  batchesReplayed: number
  batchesTotal: number
  maxDeviation: number
  tolerance: number
  replayMs: bigint
  evaluateMs: bigint
  heldOutSamples: number
  heldOutAccuracy: number
  heldOutLoss: number
  claimedAccuracy: number
  claimedLoss: number
  passed: boolean
  reason: string
  backend: string
}

export namespace Verification {
  let _codec: Codec<Verification>

  export const codec = (): Codec<Verification> => {
    if (_codec == null) {
      _codec = message<Verification>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.segments != null && obj.segments !== 0)) {
          w.uint32(8)
          w.uint32(obj.segments)
        }

        if ((obj.segmentsChecked != null && obj.segmentsChecked !== 0)) {
          w.uint32(16)
          w.uint32(obj.segmentsChecked)
        }

        if ((obj.batchesReplayed != null && obj.batchesReplayed !== 0)) {
          w.uint32(24)
          w.uint32(obj.batchesReplayed)
        }

        if ((obj.batchesTotal != null && obj.batchesTotal !== 0)) {
          w.uint32(32)
          w.uint32(obj.batchesTotal)
        }

        if ((obj.maxDeviation != null && obj.maxDeviation !== 0)) {
          w.uint32(41)
          w.double(obj.maxDeviation)
        }

        if ((obj.tolerance != null && obj.tolerance !== 0)) {
          w.uint32(49)
          w.double(obj.tolerance)
        }

        if ((obj.replayMs != null && obj.replayMs !== 0n)) {
          w.uint32(57)
          w.fixed64(obj.replayMs)
        }

        if ((obj.evaluateMs != null && obj.evaluateMs !== 0n)) {
          w.uint32(65)
          w.fixed64(obj.evaluateMs)
        }

        if ((obj.heldOutSamples != null && obj.heldOutSamples !== 0)) {
          w.uint32(72)
          w.uint32(obj.heldOutSamples)
        }

        if ((obj.heldOutAccuracy != null && obj.heldOutAccuracy !== 0)) {
          w.uint32(81)
          w.double(obj.heldOutAccuracy)
        }

        if ((obj.heldOutLoss != null && obj.heldOutLoss !== 0)) {
          w.uint32(89)
          w.double(obj.heldOutLoss)
        }

        if ((obj.claimedAccuracy != null && obj.claimedAccuracy !== 0)) {
          w.uint32(97)
          w.double(obj.claimedAccuracy)
        }

        if ((obj.claimedLoss != null && obj.claimedLoss !== 0)) {
          w.uint32(105)
          w.double(obj.claimedLoss)
        }

        if ((obj.passed != null && obj.passed !== false)) {
          w.uint32(112)
          w.bool(obj.passed)
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(122)
          w.string(obj.reason)
        }

        if ((obj.backend != null && obj.backend !== '')) {
          w.uint32(130)
          w.string(obj.backend)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          segments: 0,
          segmentsChecked: 0,
          batchesReplayed: 0,
          batchesTotal: 0,
          maxDeviation: 0,
          tolerance: 0,
          replayMs: 0n,
          evaluateMs: 0n,
          heldOutSamples: 0,
          heldOutAccuracy: 0,
          heldOutLoss: 0,
          claimedAccuracy: 0,
          claimedLoss: 0,
          passed: false,
          reason: '',
          backend: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.segments = reader.uint32()
              break
            }
            case 2: {
              obj.segmentsChecked = reader.uint32()
              break
            }
            case 3: {
              obj.batchesReplayed = reader.uint32()
              break
            }
            case 4: {
              obj.batchesTotal = reader.uint32()
              break
            }
            case 5: {
              obj.maxDeviation = reader.double()
              break
            }
            case 6: {
              obj.tolerance = reader.double()
              break
            }
            case 7: {
              obj.replayMs = reader.fixed64()
              break
            }
            case 8: {
              obj.evaluateMs = reader.fixed64()
              break
            }
            case 9: {
              obj.heldOutSamples = reader.uint32()
              break
            }
            case 10: {
              obj.heldOutAccuracy = reader.double()
              break
            }
            case 11: {
              obj.heldOutLoss = reader.double()
              break
            }
            case 12: {
              obj.claimedAccuracy = reader.double()
              break
            }
            case 13: {
              obj.claimedLoss = reader.double()
              break
            }
            case 14: {
              obj.passed = reader.bool()
              break
            }
            case 15: {
              obj.reason = reader.string()
              break
            }
            case 16: {
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
                field: `${prefix}.segments`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.segmentsChecked`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.batchesReplayed`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.batchesTotal`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.maxDeviation`,
                value: reader.double()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.tolerance`,
                value: reader.double()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.replayMs`,
                value: reader.fixed64()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.evaluateMs`,
                value: reader.fixed64()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.heldOutSamples`,
                value: reader.uint32()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.heldOutAccuracy`,
                value: reader.double()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.heldOutLoss`,
                value: reader.double()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.claimedAccuracy`,
                value: reader.double()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.claimedLoss`,
                value: reader.double()
              }
              break
            }
            case 14: {
              yield {
                field: `${prefix}.passed`,
                value: reader.bool()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.reason`,
                value: reader.string()
              }
              break
            }
            case 16: {
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

  export interface VerificationSegmentsFieldEvent {
    field: '$.segments'
    value: number
  }

  export interface VerificationSegmentsCheckedFieldEvent {
    field: '$.segmentsChecked'
    value: number
  }

  export interface VerificationBatchesReplayedFieldEvent {
    field: '$.batchesReplayed'
    value: number
  }

  export interface VerificationBatchesTotalFieldEvent {
    field: '$.batchesTotal'
    value: number
  }

  export interface VerificationMaxDeviationFieldEvent {
    field: '$.maxDeviation'
    value: number
  }

  export interface VerificationToleranceFieldEvent {
    field: '$.tolerance'
    value: number
  }

  export interface VerificationReplayMsFieldEvent {
    field: '$.replayMs'
    value: bigint
  }

  export interface VerificationEvaluateMsFieldEvent {
    field: '$.evaluateMs'
    value: bigint
  }

  export interface VerificationHeldOutSamplesFieldEvent {
    field: '$.heldOutSamples'
    value: number
  }

  export interface VerificationHeldOutAccuracyFieldEvent {
    field: '$.heldOutAccuracy'
    value: number
  }

  export interface VerificationHeldOutLossFieldEvent {
    field: '$.heldOutLoss'
    value: number
  }

  export interface VerificationClaimedAccuracyFieldEvent {
    field: '$.claimedAccuracy'
    value: number
  }

  export interface VerificationClaimedLossFieldEvent {
    field: '$.claimedLoss'
    value: number
  }

  export interface VerificationPassedFieldEvent {
    field: '$.passed'
    value: boolean
  }

  export interface VerificationReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export interface VerificationBackendFieldEvent {
    field: '$.backend'
    value: string
  }

  export function encode (obj: Partial<Verification>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Verification.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Verification>): Verification {
    return decodeMessage(buf, Verification.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Verification>): Generator<VerificationSegmentsFieldEvent | VerificationSegmentsCheckedFieldEvent | VerificationBatchesReplayedFieldEvent | VerificationBatchesTotalFieldEvent | VerificationMaxDeviationFieldEvent | VerificationToleranceFieldEvent | VerificationReplayMsFieldEvent | VerificationEvaluateMsFieldEvent | VerificationHeldOutSamplesFieldEvent | VerificationHeldOutAccuracyFieldEvent | VerificationHeldOutLossFieldEvent | VerificationClaimedAccuracyFieldEvent | VerificationClaimedLossFieldEvent | VerificationPassedFieldEvent | VerificationReasonFieldEvent | VerificationBackendFieldEvent> {
    return streamMessage(buf, Verification.codec(), opts)
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
  spec?: TrainingSpec
  verification?: Verification
  history: string[]
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

        if (obj.spec != null) {
          w.uint32(282)
          TrainingSpec.codec().encode(obj.spec, w)
        }

        if (obj.verification != null) {
          w.uint32(290)
          Verification.codec().encode(obj.verification, w)
        }

        if (obj.history != null && obj.history.length > 0) {
          for (const value of obj.history) {
            w.uint32(298)
            w.string(value)
          }
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
          verifyingSinceMs: 0n,
          history: []
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
            case 35: {
              obj.spec = TrainingSpec.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.spec
              })
              break
            }
            case 36: {
              obj.verification = Verification.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.verification
              })
              break
            }
            case 37: {
              if (opts.limits?.history != null && obj.history.length === opts.limits.history) {
                throw new MaxLengthError('Decode error - repeated field "history" had too many elements')
              }

              obj.history.push(reader.string())
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
          contributions: 0,
          history: 0
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
            case 35: {
              yield * TrainingSpec.codec().stream(reader, reader.uint32(), `${prefix}.spec`, {
                limits: opts.limits?.spec
              })

              break
            }
            case 36: {
              yield * Verification.codec().stream(reader, reader.uint32(), `${prefix}.verification`, {
                limits: opts.limits?.verification
              })

              break
            }
            case 37: {
              if (opts.limits?.history != null && obj.history === opts.limits.history) {
                throw new MaxLengthError('Streaming decode error - repeated field "history" had too many elements')
              }

              yield {
                field: `${prefix}.history[]`,
                index: obj.history,
                value: reader.string()
              }

              obj.history++

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

  export interface JobInfoSpecModelHashFieldEvent {
    field: '$.spec.modelHash'
    value: string
  }

  export interface JobInfoSpecDatasetUriFieldEvent {
    field: '$.spec.datasetUri'
    value: string
  }

  export interface JobInfoSpecDatasetSamplesFieldEvent {
    field: '$.spec.datasetSamples'
    value: bigint
  }

  export interface JobInfoSpecHyperparametersEpochsFieldEvent {
    field: '$.spec.hyperparameters.epochs'
    value: number
  }

  export interface JobInfoSpecHyperparametersBatchSizeFieldEvent {
    field: '$.spec.hyperparameters.batchSize'
    value: number
  }

  export interface JobInfoSpecHyperparametersLearningRateFieldEvent {
    field: '$.spec.hyperparameters.learningRate'
    value: number
  }

  export interface JobInfoSpecHyperparametersOptimizerFieldEvent {
    field: '$.spec.hyperparameters.optimizer'
    value: string
  }

  export interface JobInfoSpecHyperparametersValidationSplitFieldEvent {
    field: '$.spec.hyperparameters.validationSplit'
    value: number
  }

  export interface JobInfoSpecHyperparametersMetricsFieldEvent {
    field: '$.spec.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobInfoSpecRequiredDeviceFieldEvent {
    field: '$.spec.requiredDevice'
    value: RequiredDevice
  }

  export interface JobInfoSpecMinMemoryBytesFieldEvent {
    field: '$.spec.minMemoryBytes'
    value: bigint
  }

  export interface JobInfoSpecSeedFieldEvent {
    field: '$.spec.seed'
    value: number
  }

  export interface JobInfoSpecCommitEveryBatchesFieldEvent {
    field: '$.spec.commitEveryBatches'
    value: number
  }

  export interface JobInfoVerificationSegmentsFieldEvent {
    field: '$.verification.segments'
    value: number
  }

  export interface JobInfoVerificationSegmentsCheckedFieldEvent {
    field: '$.verification.segmentsChecked'
    value: number
  }

  export interface JobInfoVerificationBatchesReplayedFieldEvent {
    field: '$.verification.batchesReplayed'
    value: number
  }

  export interface JobInfoVerificationBatchesTotalFieldEvent {
    field: '$.verification.batchesTotal'
    value: number
  }

  export interface JobInfoVerificationMaxDeviationFieldEvent {
    field: '$.verification.maxDeviation'
    value: number
  }

  export interface JobInfoVerificationToleranceFieldEvent {
    field: '$.verification.tolerance'
    value: number
  }

  export interface JobInfoVerificationReplayMsFieldEvent {
    field: '$.verification.replayMs'
    value: bigint
  }

  export interface JobInfoVerificationEvaluateMsFieldEvent {
    field: '$.verification.evaluateMs'
    value: bigint
  }

  export interface JobInfoVerificationHeldOutSamplesFieldEvent {
    field: '$.verification.heldOutSamples'
    value: number
  }

  export interface JobInfoVerificationHeldOutAccuracyFieldEvent {
    field: '$.verification.heldOutAccuracy'
    value: number
  }

  export interface JobInfoVerificationHeldOutLossFieldEvent {
    field: '$.verification.heldOutLoss'
    value: number
  }

  export interface JobInfoVerificationClaimedAccuracyFieldEvent {
    field: '$.verification.claimedAccuracy'
    value: number
  }

  export interface JobInfoVerificationClaimedLossFieldEvent {
    field: '$.verification.claimedLoss'
    value: number
  }

  export interface JobInfoVerificationPassedFieldEvent {
    field: '$.verification.passed'
    value: boolean
  }

  export interface JobInfoVerificationReasonFieldEvent {
    field: '$.verification.reason'
    value: string
  }

  export interface JobInfoVerificationBackendFieldEvent {
    field: '$.verification.backend'
    value: string
  }

  export interface JobInfoHistoryFieldEvent {
    field: '$.history[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<JobInfo>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobInfo.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobInfo>): JobInfo {
    return decodeMessage(buf, JobInfo.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobInfo>): Generator<JobInfoJobIdFieldEvent | JobInfoStateFieldEvent | JobInfoSubmitterPeerFieldEvent | JobInfoWalletFieldEvent | JobInfoRequestJobTypeFieldEvent | JobInfoRequestModelDefinitionFieldEvent | JobInfoRequestDatasetUriFieldEvent | JobInfoRequestDatasetSamplesFieldEvent | JobInfoRequestHyperparametersEpochsFieldEvent | JobInfoRequestHyperparametersBatchSizeFieldEvent | JobInfoRequestHyperparametersLearningRateFieldEvent | JobInfoRequestHyperparametersOptimizerFieldEvent | JobInfoRequestHyperparametersValidationSplitFieldEvent | JobInfoRequestHyperparametersMetricsFieldEvent | JobInfoRequestPaymentAmountFieldEvent | JobInfoRequestRequiredDeviceFieldEvent | JobInfoRequestMinMemoryBytesFieldEvent | JobInfoRequestWalletFieldEvent | JobInfoEstimateFlopsPerSampleFieldEvent | JobInfoEstimateComputeUnitsFieldEvent | JobInfoEstimatePricePerUnitFieldEvent | JobInfoEstimateTotalFieldEvent | JobInfoEstimateParametersFieldEvent | JobInfoAssignedNodeFieldEvent | JobInfoScoreFieldEvent | JobInfoScoreBreakdownNameFieldEvent | JobInfoScoreBreakdownValueFieldEvent | JobInfoScoreBreakdownWeightFieldEvent | JobInfoScoreBreakdownWeightedFieldEvent | JobInfoWhyNotNodeIdFieldEvent | JobInfoWhyNotCodeFieldEvent | JobInfoWhyNotReasonFieldEvent | JobInfoProgressFieldEvent | JobInfoCurrentEpochFieldEvent | JobInfoMessageFieldEvent | JobInfoCreatedMsFieldEvent | JobInfoUpdatedMsFieldEvent | JobInfoEstimatedStartMsFieldEvent | JobInfoEscrowFieldEvent | JobInfoLeaseIdFieldEvent | JobInfoExcludedNodesFieldEvent | JobInfoAssignedMsFieldEvent | JobInfoBackendFieldEvent | JobInfoQueuedMsFieldEvent | JobInfoDatasetSamplesFieldEvent | JobInfoDatasetFeatureShapeFieldEvent | JobInfoDatasetLabelShapeFieldEvent | JobInfoDatasetBytesFieldEvent | JobInfoDatasetFormatFieldEvent | JobInfoCheckpointUriFieldEvent | JobInfoVerifiedEpochsFieldEvent | JobInfoModelUriFieldEvent | JobInfoModelHashFieldEvent | JobInfoFinalMetricsFieldEvent | JobInfoComputeTimeMsFieldEvent | JobInfoPayoutEarnedBpsFieldEvent | JobInfoPayoutPeerWalletFieldEvent | JobInfoPayoutPeerFieldEvent | JobInfoPayoutFeeFieldEvent | JobInfoPayoutRefundFieldEvent | JobInfoPayoutSignatureFieldEvent | JobInfoPayoutOutcomeFieldEvent | JobInfoPayoutReasonFieldEvent | JobInfoPayoutSharesWalletFieldEvent | JobInfoPayoutSharesBpsFieldEvent | JobInfoPayoutSharesAmountFieldEvent | JobInfoCompletionFieldEvent | JobInfoLeaseStartEpochFieldEvent | JobInfoContributionsNodeFieldEvent | JobInfoContributionsWalletFieldEvent | JobInfoContributionsEpochsFieldEvent | JobInfoVerifyingSinceMsFieldEvent | JobInfoSpecModelHashFieldEvent | JobInfoSpecDatasetUriFieldEvent | JobInfoSpecDatasetSamplesFieldEvent | JobInfoSpecHyperparametersEpochsFieldEvent | JobInfoSpecHyperparametersBatchSizeFieldEvent | JobInfoSpecHyperparametersLearningRateFieldEvent | JobInfoSpecHyperparametersOptimizerFieldEvent | JobInfoSpecHyperparametersValidationSplitFieldEvent | JobInfoSpecHyperparametersMetricsFieldEvent | JobInfoSpecRequiredDeviceFieldEvent | JobInfoSpecMinMemoryBytesFieldEvent | JobInfoSpecSeedFieldEvent | JobInfoSpecCommitEveryBatchesFieldEvent | JobInfoVerificationSegmentsFieldEvent | JobInfoVerificationSegmentsCheckedFieldEvent | JobInfoVerificationBatchesReplayedFieldEvent | JobInfoVerificationBatchesTotalFieldEvent | JobInfoVerificationMaxDeviationFieldEvent | JobInfoVerificationToleranceFieldEvent | JobInfoVerificationReplayMsFieldEvent | JobInfoVerificationEvaluateMsFieldEvent | JobInfoVerificationHeldOutSamplesFieldEvent | JobInfoVerificationHeldOutAccuracyFieldEvent | JobInfoVerificationHeldOutLossFieldEvent | JobInfoVerificationClaimedAccuracyFieldEvent | JobInfoVerificationClaimedLossFieldEvent | JobInfoVerificationPassedFieldEvent | JobInfoVerificationReasonFieldEvent | JobInfoVerificationBackendFieldEvent | JobInfoHistoryFieldEvent> {
    return streamMessage(buf, JobInfo.codec(), opts)
  }
}

export interface Lease {
  id: string
  node: string
  assignedMs: bigint
  startEpoch: number
  startUri: string
  trajectory: StatePoint[]
  pending: StatePoint[]
  score: number
  scoreBreakdown: ScoreTerm[]
}

export namespace Lease {
  let _codec: Codec<Lease>

  export const codec = (): Codec<Lease> => {
    if (_codec == null) {
      _codec = message<Lease>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== '')) {
          w.uint32(10)
          w.string(obj.id)
        }

        if ((obj.node != null && obj.node !== '')) {
          w.uint32(18)
          w.string(obj.node)
        }

        if ((obj.assignedMs != null && obj.assignedMs !== 0n)) {
          w.uint32(25)
          w.fixed64(obj.assignedMs)
        }

        if ((obj.startEpoch != null && obj.startEpoch !== 0)) {
          w.uint32(32)
          w.uint32(obj.startEpoch)
        }

        if ((obj.startUri != null && obj.startUri !== '')) {
          w.uint32(58)
          w.string(obj.startUri)
        }

        if (obj.trajectory != null && obj.trajectory.length > 0) {
          for (const value of obj.trajectory) {
            w.uint32(66)
            StatePoint.codec().encode(value, w)
          }
        }

        if (obj.pending != null && obj.pending.length > 0) {
          for (const value of obj.pending) {
            w.uint32(74)
            StatePoint.codec().encode(value, w)
          }
        }

        if ((obj.score != null && obj.score !== 0)) {
          w.uint32(41)
          w.double(obj.score)
        }

        if (obj.scoreBreakdown != null && obj.scoreBreakdown.length > 0) {
          for (const value of obj.scoreBreakdown) {
            w.uint32(50)
            ScoreTerm.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: '',
          node: '',
          assignedMs: 0n,
          startEpoch: 0,
          startUri: '',
          trajectory: [],
          pending: [],
          score: 0,
          scoreBreakdown: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.string()
              break
            }
            case 2: {
              obj.node = reader.string()
              break
            }
            case 3: {
              obj.assignedMs = reader.fixed64()
              break
            }
            case 4: {
              obj.startEpoch = reader.uint32()
              break
            }
            case 7: {
              obj.startUri = reader.string()
              break
            }
            case 8: {
              if (opts.limits?.trajectory != null && obj.trajectory.length === opts.limits.trajectory) {
                throw new MaxLengthError('Decode error - repeated field "trajectory" had too many elements')
              }

              obj.trajectory.push(StatePoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.trajectory$
              }))
              break
            }
            case 9: {
              if (opts.limits?.pending != null && obj.pending.length === opts.limits.pending) {
                throw new MaxLengthError('Decode error - repeated field "pending" had too many elements')
              }

              obj.pending.push(StatePoint.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.pending$
              }))
              break
            }
            case 5: {
              obj.score = reader.double()
              break
            }
            case 6: {
              if (opts.limits?.scoreBreakdown != null && obj.scoreBreakdown.length === opts.limits.scoreBreakdown) {
                throw new MaxLengthError('Decode error - repeated field "scoreBreakdown" had too many elements')
              }

              obj.scoreBreakdown.push(ScoreTerm.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.scoreBreakdown$
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
          trajectory: 0,
          pending: 0,
          scoreBreakdown: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.id`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.node`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.assignedMs`,
                value: reader.fixed64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.startEpoch`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.startUri`,
                value: reader.string()
              }
              break
            }
            case 8: {
              if (opts.limits?.trajectory != null && obj.trajectory === opts.limits.trajectory) {
                throw new MaxLengthError('Streaming decode error - repeated field "trajectory" had too many elements')
              }

              for (const evt of StatePoint.codec().stream(reader, reader.uint32(), `${prefix}.trajectory[]`, {
                limits: opts.limits?.trajectory$
              })) {
                yield {
                  ...evt,
                  index: obj.trajectory
                }
              }

              obj.trajectory++

              break
            }
            case 9: {
              if (opts.limits?.pending != null && obj.pending === opts.limits.pending) {
                throw new MaxLengthError('Streaming decode error - repeated field "pending" had too many elements')
              }

              for (const evt of StatePoint.codec().stream(reader, reader.uint32(), `${prefix}.pending[]`, {
                limits: opts.limits?.pending$
              })) {
                yield {
                  ...evt,
                  index: obj.pending
                }
              }

              obj.pending++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.score`,
                value: reader.double()
              }
              break
            }
            case 6: {
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

  export interface LeaseIdFieldEvent {
    field: '$.id'
    value: string
  }

  export interface LeaseNodeFieldEvent {
    field: '$.node'
    value: string
  }

  export interface LeaseAssignedMsFieldEvent {
    field: '$.assignedMs'
    value: bigint
  }

  export interface LeaseStartEpochFieldEvent {
    field: '$.startEpoch'
    value: number
  }

  export interface LeaseStartUriFieldEvent {
    field: '$.startUri'
    value: string
  }

  export interface LeaseTrajectoryEpochFieldEvent {
    field: '$.trajectory[].epoch'
    value: number
    index: number
  }

  export interface LeaseTrajectoryBatchFieldEvent {
    field: '$.trajectory[].batch'
    value: number
    index: number
  }

  export interface LeaseTrajectoryUriFieldEvent {
    field: '$.trajectory[].uri'
    value: string
    index: number
  }

  export interface LeasePendingEpochFieldEvent {
    field: '$.pending[].epoch'
    value: number
    index: number
  }

  export interface LeasePendingBatchFieldEvent {
    field: '$.pending[].batch'
    value: number
    index: number
  }

  export interface LeasePendingUriFieldEvent {
    field: '$.pending[].uri'
    value: string
    index: number
  }

  export interface LeaseScoreFieldEvent {
    field: '$.score'
    value: number
  }

  export interface LeaseScoreBreakdownNameFieldEvent {
    field: '$.scoreBreakdown[].name'
    value: string
    index: number
  }

  export interface LeaseScoreBreakdownValueFieldEvent {
    field: '$.scoreBreakdown[].value'
    value: number
    index: number
  }

  export interface LeaseScoreBreakdownWeightFieldEvent {
    field: '$.scoreBreakdown[].weight'
    value: number
    index: number
  }

  export interface LeaseScoreBreakdownWeightedFieldEvent {
    field: '$.scoreBreakdown[].weighted'
    value: number
    index: number
  }

  export function encode (obj: Partial<Lease>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Lease.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Lease>): Lease {
    return decodeMessage(buf, Lease.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Lease>): Generator<LeaseIdFieldEvent | LeaseNodeFieldEvent | LeaseAssignedMsFieldEvent | LeaseStartEpochFieldEvent | LeaseStartUriFieldEvent | LeaseTrajectoryEpochFieldEvent | LeaseTrajectoryBatchFieldEvent | LeaseTrajectoryUriFieldEvent | LeasePendingEpochFieldEvent | LeasePendingBatchFieldEvent | LeasePendingUriFieldEvent | LeaseScoreFieldEvent | LeaseScoreBreakdownNameFieldEvent | LeaseScoreBreakdownValueFieldEvent | LeaseScoreBreakdownWeightFieldEvent | LeaseScoreBreakdownWeightedFieldEvent> {
    return streamMessage(buf, Lease.codec(), opts)
  }
}

export interface VerifiedModel {
  uri: string
  hash: string
  finalMetrics: Map<string, number>
  computeTimeMs: bigint
}

export namespace VerifiedModel {
  export interface VerifiedModel$finalMetricsEntry {
    key: string
    value: number
  }

  export namespace VerifiedModel$finalMetricsEntry {
    let _codec: Codec<VerifiedModel$finalMetricsEntry>

    export const codec = (): Codec<VerifiedModel$finalMetricsEntry> => {
      if (_codec == null) {
        _codec = message<VerifiedModel$finalMetricsEntry>((obj, w, opts = {}) => {
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

    export interface VerifiedModel$finalMetricsEntryKeyFieldEvent {
      field: '$.key'
      value: string
    }

    export interface VerifiedModel$finalMetricsEntryValueFieldEvent {
      field: '$.value'
      value: number
    }

    export function encode (obj: Partial<VerifiedModel$finalMetricsEntry>): Uint8Array<ArrayBuffer> {
      return encodeMessage(obj, VerifiedModel$finalMetricsEntry.codec())
    }

    export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VerifiedModel$finalMetricsEntry>): VerifiedModel$finalMetricsEntry {
      return decodeMessage(buf, VerifiedModel$finalMetricsEntry.codec(), opts)
    }

    export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VerifiedModel$finalMetricsEntry>): Generator<VerifiedModel$finalMetricsEntryKeyFieldEvent | VerifiedModel$finalMetricsEntryValueFieldEvent> {
      return streamMessage(buf, VerifiedModel$finalMetricsEntry.codec(), opts)
    }
  }

  let _codec: Codec<VerifiedModel>

  export const codec = (): Codec<VerifiedModel> => {
    if (_codec == null) {
      _codec = message<VerifiedModel>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.uri != null && obj.uri !== '')) {
          w.uint32(10)
          w.string(obj.uri)
        }

        if ((obj.hash != null && obj.hash !== '')) {
          w.uint32(18)
          w.string(obj.hash)
        }

        if (obj.finalMetrics != null && obj.finalMetrics.size > 0) {
          for (const [key, value] of obj.finalMetrics.entries()) {
            w.uint32(26)
            VerifiedModel.VerifiedModel$finalMetricsEntry.codec().encode({ key, value }, w)
          }
        }

        if ((obj.computeTimeMs != null && obj.computeTimeMs !== 0n)) {
          w.uint32(33)
          w.fixed64(obj.computeTimeMs)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          uri: '',
          hash: '',
          finalMetrics: new Map<string, number>(),
          computeTimeMs: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.uri = reader.string()
              break
            }
            case 2: {
              obj.hash = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.finalMetrics != null && obj.finalMetrics.size === opts.limits.finalMetrics) {
                throw new MaxSizeError('Decode error - map field "finalMetrics" had too many elements')
              }

              const entry = VerifiedModel.VerifiedModel$finalMetricsEntry.codec().decode(reader, reader.uint32(), {
                limits: {
                  value: opts.limits?.finalMetrics$value
                }
              })
              obj.finalMetrics.set(entry.key, entry.value)
              break
            }
            case 4: {
              obj.computeTimeMs = reader.fixed64()
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
                field: `${prefix}.uri`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.hash`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.finalMetrics != null && obj.finalMetrics === opts.limits.finalMetrics) {
                throw new MaxLengthError('Decode error - map field "finalMetrics" had too many elements')
              }

              yield * VerifiedModel.VerifiedModel$finalMetricsEntry.codec().stream(reader, reader.uint32(), `${prefix}.finalMetrics{}`, {
                limits: {
                  value: opts.limits?.finalMetrics$value
                }
              })

              obj.finalMetrics++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.computeTimeMs`,
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

  export interface VerifiedModelUriFieldEvent {
    field: '$.uri'
    value: string
  }

  export interface VerifiedModelHashFieldEvent {
    field: '$.hash'
    value: string
  }

  export interface VerifiedModelFinalMetricsFieldEvent {
    field: '$.finalMetrics{}'
    key: string
    value: number
  }

  export interface VerifiedModelComputeTimeMsFieldEvent {
    field: '$.computeTimeMs'
    value: bigint
  }

  export function encode (obj: Partial<VerifiedModel>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, VerifiedModel.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VerifiedModel>): VerifiedModel {
    return decodeMessage(buf, VerifiedModel.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<VerifiedModel>): Generator<VerifiedModelUriFieldEvent | VerifiedModelHashFieldEvent | VerifiedModelFinalMetricsFieldEvent | VerifiedModelComputeTimeMsFieldEvent> {
    return streamMessage(buf, VerifiedModel.codec(), opts)
  }
}

export interface JobRecord {
  jobId: string
  state: JobState
  submitterPeer: string
  wallet: string
  request?: SubmitJob
  spec?: TrainingSpec
  estimate?: Estimate
  dataset?: DatasetInfo
  escrow: string
  lease?: Lease
  whyNot: WhyNot[]
  excludedNodes: string[]
  contributions: Contribution[]
  progress: number
  currentEpoch: number
  backend: string
  message: string
  createdMs: bigint
  updatedMs: bigint
  estimatedStartMs: bigint
  queuedMs: bigint
  checkpointUri: string
  verifiedEpochs: number
  model?: VerifiedModel
  completion: Uint8Array<ArrayBuffer>
  verifyingSinceMs: bigint
  payout?: Payout
  verification?: Verification
  history: string[]
  heldOutKey: string
  heldOut?: DatasetInfo
}

export namespace JobRecord {
  let _codec: Codec<JobRecord>

  export const codec = (): Codec<JobRecord> => {
    if (_codec == null) {
      _codec = message<JobRecord>((obj, w, opts = {}) => {
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

        if (obj.spec != null) {
          w.uint32(50)
          TrainingSpec.codec().encode(obj.spec, w)
        }

        if (obj.estimate != null) {
          w.uint32(58)
          Estimate.codec().encode(obj.estimate, w)
        }

        if (obj.dataset != null) {
          w.uint32(66)
          DatasetInfo.codec().encode(obj.dataset, w)
        }

        if ((obj.escrow != null && obj.escrow !== '')) {
          w.uint32(74)
          w.string(obj.escrow)
        }

        if (obj.lease != null) {
          w.uint32(82)
          Lease.codec().encode(obj.lease, w)
        }

        if (obj.whyNot != null && obj.whyNot.length > 0) {
          for (const value of obj.whyNot) {
            w.uint32(90)
            WhyNot.codec().encode(value, w)
          }
        }

        if (obj.excludedNodes != null && obj.excludedNodes.length > 0) {
          for (const value of obj.excludedNodes) {
            w.uint32(98)
            w.string(value)
          }
        }

        if (obj.contributions != null && obj.contributions.length > 0) {
          for (const value of obj.contributions) {
            w.uint32(106)
            Contribution.codec().encode(value, w)
          }
        }

        if ((obj.progress != null && obj.progress !== 0)) {
          w.uint32(113)
          w.double(obj.progress)
        }

        if ((obj.currentEpoch != null && obj.currentEpoch !== 0)) {
          w.uint32(120)
          w.uint32(obj.currentEpoch)
        }

        if ((obj.backend != null && obj.backend !== '')) {
          w.uint32(130)
          w.string(obj.backend)
        }

        if ((obj.message != null && obj.message !== '')) {
          w.uint32(138)
          w.string(obj.message)
        }

        if ((obj.createdMs != null && obj.createdMs !== 0n)) {
          w.uint32(145)
          w.fixed64(obj.createdMs)
        }

        if ((obj.updatedMs != null && obj.updatedMs !== 0n)) {
          w.uint32(153)
          w.fixed64(obj.updatedMs)
        }

        if ((obj.estimatedStartMs != null && obj.estimatedStartMs !== 0n)) {
          w.uint32(161)
          w.fixed64(obj.estimatedStartMs)
        }

        if ((obj.queuedMs != null && obj.queuedMs !== 0n)) {
          w.uint32(169)
          w.fixed64(obj.queuedMs)
        }

        if ((obj.checkpointUri != null && obj.checkpointUri !== '')) {
          w.uint32(178)
          w.string(obj.checkpointUri)
        }

        if ((obj.verifiedEpochs != null && obj.verifiedEpochs !== 0)) {
          w.uint32(184)
          w.uint32(obj.verifiedEpochs)
        }

        if (obj.model != null) {
          w.uint32(194)
          VerifiedModel.codec().encode(obj.model, w)
        }

        if ((obj.completion != null && obj.completion.byteLength > 0)) {
          w.uint32(202)
          w.bytes(obj.completion)
        }

        if ((obj.verifyingSinceMs != null && obj.verifyingSinceMs !== 0n)) {
          w.uint32(209)
          w.fixed64(obj.verifyingSinceMs)
        }

        if (obj.payout != null) {
          w.uint32(218)
          Payout.codec().encode(obj.payout, w)
        }

        if (obj.verification != null) {
          w.uint32(226)
          Verification.codec().encode(obj.verification, w)
        }

        if (obj.history != null && obj.history.length > 0) {
          for (const value of obj.history) {
            w.uint32(234)
            w.string(value)
          }
        }

        if ((obj.heldOutKey != null && obj.heldOutKey !== '')) {
          w.uint32(242)
          w.string(obj.heldOutKey)
        }

        if (obj.heldOut != null) {
          w.uint32(250)
          DatasetInfo.codec().encode(obj.heldOut, w)
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
          escrow: '',
          whyNot: [],
          excludedNodes: [],
          contributions: [],
          progress: 0,
          currentEpoch: 0,
          backend: '',
          message: '',
          createdMs: 0n,
          updatedMs: 0n,
          estimatedStartMs: 0n,
          queuedMs: 0n,
          checkpointUri: '',
          verifiedEpochs: 0,
          completion: uint8ArrayAlloc(0),
          verifyingSinceMs: 0n,
          history: [],
          heldOutKey: ''
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
              obj.spec = TrainingSpec.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.spec
              })
              break
            }
            case 7: {
              obj.estimate = Estimate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.estimate
              })
              break
            }
            case 8: {
              obj.dataset = DatasetInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.dataset
              })
              break
            }
            case 9: {
              obj.escrow = reader.string()
              break
            }
            case 10: {
              obj.lease = Lease.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lease
              })
              break
            }
            case 11: {
              if (opts.limits?.whyNot != null && obj.whyNot.length === opts.limits.whyNot) {
                throw new MaxLengthError('Decode error - repeated field "whyNot" had too many elements')
              }

              obj.whyNot.push(WhyNot.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.whyNot$
              }))
              break
            }
            case 12: {
              if (opts.limits?.excludedNodes != null && obj.excludedNodes.length === opts.limits.excludedNodes) {
                throw new MaxLengthError('Decode error - repeated field "excludedNodes" had too many elements')
              }

              obj.excludedNodes.push(reader.string())
              break
            }
            case 13: {
              if (opts.limits?.contributions != null && obj.contributions.length === opts.limits.contributions) {
                throw new MaxLengthError('Decode error - repeated field "contributions" had too many elements')
              }

              obj.contributions.push(Contribution.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.contributions$
              }))
              break
            }
            case 14: {
              obj.progress = reader.double()
              break
            }
            case 15: {
              obj.currentEpoch = reader.uint32()
              break
            }
            case 16: {
              obj.backend = reader.string()
              break
            }
            case 17: {
              obj.message = reader.string()
              break
            }
            case 18: {
              obj.createdMs = reader.fixed64()
              break
            }
            case 19: {
              obj.updatedMs = reader.fixed64()
              break
            }
            case 20: {
              obj.estimatedStartMs = reader.fixed64()
              break
            }
            case 21: {
              obj.queuedMs = reader.fixed64()
              break
            }
            case 22: {
              obj.checkpointUri = reader.string()
              break
            }
            case 23: {
              obj.verifiedEpochs = reader.uint32()
              break
            }
            case 24: {
              obj.model = VerifiedModel.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.model
              })
              break
            }
            case 25: {
              obj.completion = reader.bytes()
              break
            }
            case 26: {
              obj.verifyingSinceMs = reader.fixed64()
              break
            }
            case 27: {
              obj.payout = Payout.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.payout
              })
              break
            }
            case 28: {
              obj.verification = Verification.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.verification
              })
              break
            }
            case 29: {
              if (opts.limits?.history != null && obj.history.length === opts.limits.history) {
                throw new MaxLengthError('Decode error - repeated field "history" had too many elements')
              }

              obj.history.push(reader.string())
              break
            }
            case 30: {
              obj.heldOutKey = reader.string()
              break
            }
            case 31: {
              obj.heldOut = DatasetInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.heldOut
              })
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
          whyNot: 0,
          excludedNodes: 0,
          contributions: 0,
          history: 0
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
              yield * TrainingSpec.codec().stream(reader, reader.uint32(), `${prefix}.spec`, {
                limits: opts.limits?.spec
              })

              break
            }
            case 7: {
              yield * Estimate.codec().stream(reader, reader.uint32(), `${prefix}.estimate`, {
                limits: opts.limits?.estimate
              })

              break
            }
            case 8: {
              yield * DatasetInfo.codec().stream(reader, reader.uint32(), `${prefix}.dataset`, {
                limits: opts.limits?.dataset
              })

              break
            }
            case 9: {
              yield {
                field: `${prefix}.escrow`,
                value: reader.string()
              }
              break
            }
            case 10: {
              yield * Lease.codec().stream(reader, reader.uint32(), `${prefix}.lease`, {
                limits: opts.limits?.lease
              })

              break
            }
            case 11: {
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
            case 12: {
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
            case 13: {
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
            case 14: {
              yield {
                field: `${prefix}.progress`,
                value: reader.double()
              }
              break
            }
            case 15: {
              yield {
                field: `${prefix}.currentEpoch`,
                value: reader.uint32()
              }
              break
            }
            case 16: {
              yield {
                field: `${prefix}.backend`,
                value: reader.string()
              }
              break
            }
            case 17: {
              yield {
                field: `${prefix}.message`,
                value: reader.string()
              }
              break
            }
            case 18: {
              yield {
                field: `${prefix}.createdMs`,
                value: reader.fixed64()
              }
              break
            }
            case 19: {
              yield {
                field: `${prefix}.updatedMs`,
                value: reader.fixed64()
              }
              break
            }
            case 20: {
              yield {
                field: `${prefix}.estimatedStartMs`,
                value: reader.fixed64()
              }
              break
            }
            case 21: {
              yield {
                field: `${prefix}.queuedMs`,
                value: reader.fixed64()
              }
              break
            }
            case 22: {
              yield {
                field: `${prefix}.checkpointUri`,
                value: reader.string()
              }
              break
            }
            case 23: {
              yield {
                field: `${prefix}.verifiedEpochs`,
                value: reader.uint32()
              }
              break
            }
            case 24: {
              yield * VerifiedModel.codec().stream(reader, reader.uint32(), `${prefix}.model`, {
                limits: opts.limits?.model
              })

              break
            }
            case 25: {
              yield {
                field: `${prefix}.completion`,
                value: reader.bytes()
              }
              break
            }
            case 26: {
              yield {
                field: `${prefix}.verifyingSinceMs`,
                value: reader.fixed64()
              }
              break
            }
            case 27: {
              yield * Payout.codec().stream(reader, reader.uint32(), `${prefix}.payout`, {
                limits: opts.limits?.payout
              })

              break
            }
            case 28: {
              yield * Verification.codec().stream(reader, reader.uint32(), `${prefix}.verification`, {
                limits: opts.limits?.verification
              })

              break
            }
            case 29: {
              if (opts.limits?.history != null && obj.history === opts.limits.history) {
                throw new MaxLengthError('Streaming decode error - repeated field "history" had too many elements')
              }

              yield {
                field: `${prefix}.history[]`,
                index: obj.history,
                value: reader.string()
              }

              obj.history++

              break
            }
            case 30: {
              yield {
                field: `${prefix}.heldOutKey`,
                value: reader.string()
              }
              break
            }
            case 31: {
              yield * DatasetInfo.codec().stream(reader, reader.uint32(), `${prefix}.heldOut`, {
                limits: opts.limits?.heldOut
              })

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

  export interface JobRecordJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface JobRecordStateFieldEvent {
    field: '$.state'
    value: JobState
  }

  export interface JobRecordSubmitterPeerFieldEvent {
    field: '$.submitterPeer'
    value: string
  }

  export interface JobRecordWalletFieldEvent {
    field: '$.wallet'
    value: string
  }

  export interface JobRecordRequestJobTypeFieldEvent {
    field: '$.request.jobType'
    value: JobType
  }

  export interface JobRecordRequestModelDefinitionFieldEvent {
    field: '$.request.modelDefinition'
    value: string
  }

  export interface JobRecordRequestDatasetUriFieldEvent {
    field: '$.request.datasetUri'
    value: string
  }

  export interface JobRecordRequestDatasetSamplesFieldEvent {
    field: '$.request.datasetSamples'
    value: bigint
  }

  export interface JobRecordRequestHyperparametersEpochsFieldEvent {
    field: '$.request.hyperparameters.epochs'
    value: number
  }

  export interface JobRecordRequestHyperparametersBatchSizeFieldEvent {
    field: '$.request.hyperparameters.batchSize'
    value: number
  }

  export interface JobRecordRequestHyperparametersLearningRateFieldEvent {
    field: '$.request.hyperparameters.learningRate'
    value: number
  }

  export interface JobRecordRequestHyperparametersOptimizerFieldEvent {
    field: '$.request.hyperparameters.optimizer'
    value: string
  }

  export interface JobRecordRequestHyperparametersValidationSplitFieldEvent {
    field: '$.request.hyperparameters.validationSplit'
    value: number
  }

  export interface JobRecordRequestHyperparametersMetricsFieldEvent {
    field: '$.request.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobRecordRequestPaymentAmountFieldEvent {
    field: '$.request.paymentAmount'
    value: string
  }

  export interface JobRecordRequestRequiredDeviceFieldEvent {
    field: '$.request.requiredDevice'
    value: RequiredDevice
  }

  export interface JobRecordRequestMinMemoryBytesFieldEvent {
    field: '$.request.minMemoryBytes'
    value: bigint
  }

  export interface JobRecordRequestWalletFieldEvent {
    field: '$.request.wallet'
    value: string
  }

  export interface JobRecordSpecModelHashFieldEvent {
    field: '$.spec.modelHash'
    value: string
  }

  export interface JobRecordSpecDatasetUriFieldEvent {
    field: '$.spec.datasetUri'
    value: string
  }

  export interface JobRecordSpecDatasetSamplesFieldEvent {
    field: '$.spec.datasetSamples'
    value: bigint
  }

  export interface JobRecordSpecHyperparametersEpochsFieldEvent {
    field: '$.spec.hyperparameters.epochs'
    value: number
  }

  export interface JobRecordSpecHyperparametersBatchSizeFieldEvent {
    field: '$.spec.hyperparameters.batchSize'
    value: number
  }

  export interface JobRecordSpecHyperparametersLearningRateFieldEvent {
    field: '$.spec.hyperparameters.learningRate'
    value: number
  }

  export interface JobRecordSpecHyperparametersOptimizerFieldEvent {
    field: '$.spec.hyperparameters.optimizer'
    value: string
  }

  export interface JobRecordSpecHyperparametersValidationSplitFieldEvent {
    field: '$.spec.hyperparameters.validationSplit'
    value: number
  }

  export interface JobRecordSpecHyperparametersMetricsFieldEvent {
    field: '$.spec.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobRecordSpecRequiredDeviceFieldEvent {
    field: '$.spec.requiredDevice'
    value: RequiredDevice
  }

  export interface JobRecordSpecMinMemoryBytesFieldEvent {
    field: '$.spec.minMemoryBytes'
    value: bigint
  }

  export interface JobRecordSpecSeedFieldEvent {
    field: '$.spec.seed'
    value: number
  }

  export interface JobRecordSpecCommitEveryBatchesFieldEvent {
    field: '$.spec.commitEveryBatches'
    value: number
  }

  export interface JobRecordEstimateFlopsPerSampleFieldEvent {
    field: '$.estimate.flopsPerSample'
    value: bigint
  }

  export interface JobRecordEstimateComputeUnitsFieldEvent {
    field: '$.estimate.computeUnits'
    value: string
  }

  export interface JobRecordEstimatePricePerUnitFieldEvent {
    field: '$.estimate.pricePerUnit'
    value: string
  }

  export interface JobRecordEstimateTotalFieldEvent {
    field: '$.estimate.total'
    value: string
  }

  export interface JobRecordEstimateParametersFieldEvent {
    field: '$.estimate.parameters'
    value: bigint
  }

  export interface JobRecordDatasetSamplesFieldEvent {
    field: '$.dataset.samples'
    value: bigint
  }

  export interface JobRecordDatasetFeatureShapeFieldEvent {
    field: '$.dataset.featureShape[]'
    index: number
    value: number
  }

  export interface JobRecordDatasetLabelShapeFieldEvent {
    field: '$.dataset.labelShape[]'
    index: number
    value: number
  }

  export interface JobRecordDatasetBytesFieldEvent {
    field: '$.dataset.bytes'
    value: bigint
  }

  export interface JobRecordDatasetFormatFieldEvent {
    field: '$.dataset.format'
    value: string
  }

  export interface JobRecordEscrowFieldEvent {
    field: '$.escrow'
    value: string
  }

  export interface JobRecordLeaseIdFieldEvent {
    field: '$.lease.id'
    value: string
  }

  export interface JobRecordLeaseNodeFieldEvent {
    field: '$.lease.node'
    value: string
  }

  export interface JobRecordLeaseAssignedMsFieldEvent {
    field: '$.lease.assignedMs'
    value: bigint
  }

  export interface JobRecordLeaseStartEpochFieldEvent {
    field: '$.lease.startEpoch'
    value: number
  }

  export interface JobRecordLeaseStartUriFieldEvent {
    field: '$.lease.startUri'
    value: string
  }

  export interface JobRecordLeaseTrajectoryEpochFieldEvent {
    field: '$.lease.trajectory[].epoch'
    value: number
    index: number
  }

  export interface JobRecordLeaseTrajectoryBatchFieldEvent {
    field: '$.lease.trajectory[].batch'
    value: number
    index: number
  }

  export interface JobRecordLeaseTrajectoryUriFieldEvent {
    field: '$.lease.trajectory[].uri'
    value: string
    index: number
  }

  export interface JobRecordLeasePendingEpochFieldEvent {
    field: '$.lease.pending[].epoch'
    value: number
    index: number
  }

  export interface JobRecordLeasePendingBatchFieldEvent {
    field: '$.lease.pending[].batch'
    value: number
    index: number
  }

  export interface JobRecordLeasePendingUriFieldEvent {
    field: '$.lease.pending[].uri'
    value: string
    index: number
  }

  export interface JobRecordLeaseScoreFieldEvent {
    field: '$.lease.score'
    value: number
  }

  export interface JobRecordLeaseScoreBreakdownNameFieldEvent {
    field: '$.lease.scoreBreakdown[].name'
    value: string
    index: number
  }

  export interface JobRecordLeaseScoreBreakdownValueFieldEvent {
    field: '$.lease.scoreBreakdown[].value'
    value: number
    index: number
  }

  export interface JobRecordLeaseScoreBreakdownWeightFieldEvent {
    field: '$.lease.scoreBreakdown[].weight'
    value: number
    index: number
  }

  export interface JobRecordLeaseScoreBreakdownWeightedFieldEvent {
    field: '$.lease.scoreBreakdown[].weighted'
    value: number
    index: number
  }

  export interface JobRecordWhyNotNodeIdFieldEvent {
    field: '$.whyNot[].nodeId'
    value: string
    index: number
  }

  export interface JobRecordWhyNotCodeFieldEvent {
    field: '$.whyNot[].code'
    value: string
    index: number
  }

  export interface JobRecordWhyNotReasonFieldEvent {
    field: '$.whyNot[].reason'
    value: string
    index: number
  }

  export interface JobRecordExcludedNodesFieldEvent {
    field: '$.excludedNodes[]'
    index: number
    value: string
  }

  export interface JobRecordContributionsNodeFieldEvent {
    field: '$.contributions[].node'
    value: string
    index: number
  }

  export interface JobRecordContributionsWalletFieldEvent {
    field: '$.contributions[].wallet'
    value: string
    index: number
  }

  export interface JobRecordContributionsEpochsFieldEvent {
    field: '$.contributions[].epochs'
    value: number
    index: number
  }

  export interface JobRecordProgressFieldEvent {
    field: '$.progress'
    value: number
  }

  export interface JobRecordCurrentEpochFieldEvent {
    field: '$.currentEpoch'
    value: number
  }

  export interface JobRecordBackendFieldEvent {
    field: '$.backend'
    value: string
  }

  export interface JobRecordMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface JobRecordCreatedMsFieldEvent {
    field: '$.createdMs'
    value: bigint
  }

  export interface JobRecordUpdatedMsFieldEvent {
    field: '$.updatedMs'
    value: bigint
  }

  export interface JobRecordEstimatedStartMsFieldEvent {
    field: '$.estimatedStartMs'
    value: bigint
  }

  export interface JobRecordQueuedMsFieldEvent {
    field: '$.queuedMs'
    value: bigint
  }

  export interface JobRecordCheckpointUriFieldEvent {
    field: '$.checkpointUri'
    value: string
  }

  export interface JobRecordVerifiedEpochsFieldEvent {
    field: '$.verifiedEpochs'
    value: number
  }

  export interface JobRecordModelUriFieldEvent {
    field: '$.model.uri'
    value: string
  }

  export interface JobRecordModelHashFieldEvent {
    field: '$.model.hash'
    value: string
  }

  export interface JobRecordModelFinalMetricsFieldEvent {
    field: '$.model.finalMetrics{}'
    key: string
    value: number
  }

  export interface JobRecordModelComputeTimeMsFieldEvent {
    field: '$.model.computeTimeMs'
    value: bigint
  }

  export interface JobRecordCompletionFieldEvent {
    field: '$.completion'
    value: Uint8Array<ArrayBuffer>
  }

  export interface JobRecordVerifyingSinceMsFieldEvent {
    field: '$.verifyingSinceMs'
    value: bigint
  }

  export interface JobRecordPayoutEarnedBpsFieldEvent {
    field: '$.payout.earnedBps'
    value: number
  }

  export interface JobRecordPayoutPeerWalletFieldEvent {
    field: '$.payout.peerWallet'
    value: string
  }

  export interface JobRecordPayoutPeerFieldEvent {
    field: '$.payout.peer'
    value: string
  }

  export interface JobRecordPayoutFeeFieldEvent {
    field: '$.payout.fee'
    value: string
  }

  export interface JobRecordPayoutRefundFieldEvent {
    field: '$.payout.refund'
    value: string
  }

  export interface JobRecordPayoutSignatureFieldEvent {
    field: '$.payout.signature'
    value: string
  }

  export interface JobRecordPayoutOutcomeFieldEvent {
    field: '$.payout.outcome'
    value: string
  }

  export interface JobRecordPayoutReasonFieldEvent {
    field: '$.payout.reason'
    value: string
  }

  export interface JobRecordPayoutSharesWalletFieldEvent {
    field: '$.payout.shares[].wallet'
    value: string
    index: number
  }

  export interface JobRecordPayoutSharesBpsFieldEvent {
    field: '$.payout.shares[].bps'
    value: number
    index: number
  }

  export interface JobRecordPayoutSharesAmountFieldEvent {
    field: '$.payout.shares[].amount'
    value: string
    index: number
  }

  export interface JobRecordVerificationSegmentsFieldEvent {
    field: '$.verification.segments'
    value: number
  }

  export interface JobRecordVerificationSegmentsCheckedFieldEvent {
    field: '$.verification.segmentsChecked'
    value: number
  }

  export interface JobRecordVerificationBatchesReplayedFieldEvent {
    field: '$.verification.batchesReplayed'
    value: number
  }

  export interface JobRecordVerificationBatchesTotalFieldEvent {
    field: '$.verification.batchesTotal'
    value: number
  }

  export interface JobRecordVerificationMaxDeviationFieldEvent {
    field: '$.verification.maxDeviation'
    value: number
  }

  export interface JobRecordVerificationToleranceFieldEvent {
    field: '$.verification.tolerance'
    value: number
  }

  export interface JobRecordVerificationReplayMsFieldEvent {
    field: '$.verification.replayMs'
    value: bigint
  }

  export interface JobRecordVerificationEvaluateMsFieldEvent {
    field: '$.verification.evaluateMs'
    value: bigint
  }

  export interface JobRecordVerificationHeldOutSamplesFieldEvent {
    field: '$.verification.heldOutSamples'
    value: number
  }

  export interface JobRecordVerificationHeldOutAccuracyFieldEvent {
    field: '$.verification.heldOutAccuracy'
    value: number
  }

  export interface JobRecordVerificationHeldOutLossFieldEvent {
    field: '$.verification.heldOutLoss'
    value: number
  }

  export interface JobRecordVerificationClaimedAccuracyFieldEvent {
    field: '$.verification.claimedAccuracy'
    value: number
  }

  export interface JobRecordVerificationClaimedLossFieldEvent {
    field: '$.verification.claimedLoss'
    value: number
  }

  export interface JobRecordVerificationPassedFieldEvent {
    field: '$.verification.passed'
    value: boolean
  }

  export interface JobRecordVerificationReasonFieldEvent {
    field: '$.verification.reason'
    value: string
  }

  export interface JobRecordVerificationBackendFieldEvent {
    field: '$.verification.backend'
    value: string
  }

  export interface JobRecordHistoryFieldEvent {
    field: '$.history[]'
    index: number
    value: string
  }

  export interface JobRecordHeldOutKeyFieldEvent {
    field: '$.heldOutKey'
    value: string
  }

  export interface JobRecordHeldOutSamplesFieldEvent {
    field: '$.heldOut.samples'
    value: bigint
  }

  export interface JobRecordHeldOutFeatureShapeFieldEvent {
    field: '$.heldOut.featureShape[]'
    index: number
    value: number
  }

  export interface JobRecordHeldOutLabelShapeFieldEvent {
    field: '$.heldOut.labelShape[]'
    index: number
    value: number
  }

  export interface JobRecordHeldOutBytesFieldEvent {
    field: '$.heldOut.bytes'
    value: bigint
  }

  export interface JobRecordHeldOutFormatFieldEvent {
    field: '$.heldOut.format'
    value: string
  }

  export function encode (obj: Partial<JobRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobRecord>): JobRecord {
    return decodeMessage(buf, JobRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobRecord>): Generator<JobRecordJobIdFieldEvent | JobRecordStateFieldEvent | JobRecordSubmitterPeerFieldEvent | JobRecordWalletFieldEvent | JobRecordRequestJobTypeFieldEvent | JobRecordRequestModelDefinitionFieldEvent | JobRecordRequestDatasetUriFieldEvent | JobRecordRequestDatasetSamplesFieldEvent | JobRecordRequestHyperparametersEpochsFieldEvent | JobRecordRequestHyperparametersBatchSizeFieldEvent | JobRecordRequestHyperparametersLearningRateFieldEvent | JobRecordRequestHyperparametersOptimizerFieldEvent | JobRecordRequestHyperparametersValidationSplitFieldEvent | JobRecordRequestHyperparametersMetricsFieldEvent | JobRecordRequestPaymentAmountFieldEvent | JobRecordRequestRequiredDeviceFieldEvent | JobRecordRequestMinMemoryBytesFieldEvent | JobRecordRequestWalletFieldEvent | JobRecordSpecModelHashFieldEvent | JobRecordSpecDatasetUriFieldEvent | JobRecordSpecDatasetSamplesFieldEvent | JobRecordSpecHyperparametersEpochsFieldEvent | JobRecordSpecHyperparametersBatchSizeFieldEvent | JobRecordSpecHyperparametersLearningRateFieldEvent | JobRecordSpecHyperparametersOptimizerFieldEvent | JobRecordSpecHyperparametersValidationSplitFieldEvent | JobRecordSpecHyperparametersMetricsFieldEvent | JobRecordSpecRequiredDeviceFieldEvent | JobRecordSpecMinMemoryBytesFieldEvent | JobRecordSpecSeedFieldEvent | JobRecordSpecCommitEveryBatchesFieldEvent | JobRecordEstimateFlopsPerSampleFieldEvent | JobRecordEstimateComputeUnitsFieldEvent | JobRecordEstimatePricePerUnitFieldEvent | JobRecordEstimateTotalFieldEvent | JobRecordEstimateParametersFieldEvent | JobRecordDatasetSamplesFieldEvent | JobRecordDatasetFeatureShapeFieldEvent | JobRecordDatasetLabelShapeFieldEvent | JobRecordDatasetBytesFieldEvent | JobRecordDatasetFormatFieldEvent | JobRecordEscrowFieldEvent | JobRecordLeaseIdFieldEvent | JobRecordLeaseNodeFieldEvent | JobRecordLeaseAssignedMsFieldEvent | JobRecordLeaseStartEpochFieldEvent | JobRecordLeaseStartUriFieldEvent | JobRecordLeaseTrajectoryEpochFieldEvent | JobRecordLeaseTrajectoryBatchFieldEvent | JobRecordLeaseTrajectoryUriFieldEvent | JobRecordLeasePendingEpochFieldEvent | JobRecordLeasePendingBatchFieldEvent | JobRecordLeasePendingUriFieldEvent | JobRecordLeaseScoreFieldEvent | JobRecordLeaseScoreBreakdownNameFieldEvent | JobRecordLeaseScoreBreakdownValueFieldEvent | JobRecordLeaseScoreBreakdownWeightFieldEvent | JobRecordLeaseScoreBreakdownWeightedFieldEvent | JobRecordWhyNotNodeIdFieldEvent | JobRecordWhyNotCodeFieldEvent | JobRecordWhyNotReasonFieldEvent | JobRecordExcludedNodesFieldEvent | JobRecordContributionsNodeFieldEvent | JobRecordContributionsWalletFieldEvent | JobRecordContributionsEpochsFieldEvent | JobRecordProgressFieldEvent | JobRecordCurrentEpochFieldEvent | JobRecordBackendFieldEvent | JobRecordMessageFieldEvent | JobRecordCreatedMsFieldEvent | JobRecordUpdatedMsFieldEvent | JobRecordEstimatedStartMsFieldEvent | JobRecordQueuedMsFieldEvent | JobRecordCheckpointUriFieldEvent | JobRecordVerifiedEpochsFieldEvent | JobRecordModelUriFieldEvent | JobRecordModelHashFieldEvent | JobRecordModelFinalMetricsFieldEvent | JobRecordModelComputeTimeMsFieldEvent | JobRecordCompletionFieldEvent | JobRecordVerifyingSinceMsFieldEvent | JobRecordPayoutEarnedBpsFieldEvent | JobRecordPayoutPeerWalletFieldEvent | JobRecordPayoutPeerFieldEvent | JobRecordPayoutFeeFieldEvent | JobRecordPayoutRefundFieldEvent | JobRecordPayoutSignatureFieldEvent | JobRecordPayoutOutcomeFieldEvent | JobRecordPayoutReasonFieldEvent | JobRecordPayoutSharesWalletFieldEvent | JobRecordPayoutSharesBpsFieldEvent | JobRecordPayoutSharesAmountFieldEvent | JobRecordVerificationSegmentsFieldEvent | JobRecordVerificationSegmentsCheckedFieldEvent | JobRecordVerificationBatchesReplayedFieldEvent | JobRecordVerificationBatchesTotalFieldEvent | JobRecordVerificationMaxDeviationFieldEvent | JobRecordVerificationToleranceFieldEvent | JobRecordVerificationReplayMsFieldEvent | JobRecordVerificationEvaluateMsFieldEvent | JobRecordVerificationHeldOutSamplesFieldEvent | JobRecordVerificationHeldOutAccuracyFieldEvent | JobRecordVerificationHeldOutLossFieldEvent | JobRecordVerificationClaimedAccuracyFieldEvent | JobRecordVerificationClaimedLossFieldEvent | JobRecordVerificationPassedFieldEvent | JobRecordVerificationReasonFieldEvent | JobRecordVerificationBackendFieldEvent | JobRecordHistoryFieldEvent | JobRecordHeldOutKeyFieldEvent | JobRecordHeldOutSamplesFieldEvent | JobRecordHeldOutFeatureShapeFieldEvent | JobRecordHeldOutLabelShapeFieldEvent | JobRecordHeldOutBytesFieldEvent | JobRecordHeldOutFormatFieldEvent> {
    return streamMessage(buf, JobRecord.codec(), opts)
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

  export interface JobResponseJobSpecModelHashFieldEvent {
    field: '$.job.spec.modelHash'
    value: string
  }

  export interface JobResponseJobSpecDatasetUriFieldEvent {
    field: '$.job.spec.datasetUri'
    value: string
  }

  export interface JobResponseJobSpecDatasetSamplesFieldEvent {
    field: '$.job.spec.datasetSamples'
    value: bigint
  }

  export interface JobResponseJobSpecHyperparametersEpochsFieldEvent {
    field: '$.job.spec.hyperparameters.epochs'
    value: number
  }

  export interface JobResponseJobSpecHyperparametersBatchSizeFieldEvent {
    field: '$.job.spec.hyperparameters.batchSize'
    value: number
  }

  export interface JobResponseJobSpecHyperparametersLearningRateFieldEvent {
    field: '$.job.spec.hyperparameters.learningRate'
    value: number
  }

  export interface JobResponseJobSpecHyperparametersOptimizerFieldEvent {
    field: '$.job.spec.hyperparameters.optimizer'
    value: string
  }

  export interface JobResponseJobSpecHyperparametersValidationSplitFieldEvent {
    field: '$.job.spec.hyperparameters.validationSplit'
    value: number
  }

  export interface JobResponseJobSpecHyperparametersMetricsFieldEvent {
    field: '$.job.spec.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobResponseJobSpecRequiredDeviceFieldEvent {
    field: '$.job.spec.requiredDevice'
    value: RequiredDevice
  }

  export interface JobResponseJobSpecMinMemoryBytesFieldEvent {
    field: '$.job.spec.minMemoryBytes'
    value: bigint
  }

  export interface JobResponseJobSpecSeedFieldEvent {
    field: '$.job.spec.seed'
    value: number
  }

  export interface JobResponseJobSpecCommitEveryBatchesFieldEvent {
    field: '$.job.spec.commitEveryBatches'
    value: number
  }

  export interface JobResponseJobVerificationSegmentsFieldEvent {
    field: '$.job.verification.segments'
    value: number
  }

  export interface JobResponseJobVerificationSegmentsCheckedFieldEvent {
    field: '$.job.verification.segmentsChecked'
    value: number
  }

  export interface JobResponseJobVerificationBatchesReplayedFieldEvent {
    field: '$.job.verification.batchesReplayed'
    value: number
  }

  export interface JobResponseJobVerificationBatchesTotalFieldEvent {
    field: '$.job.verification.batchesTotal'
    value: number
  }

  export interface JobResponseJobVerificationMaxDeviationFieldEvent {
    field: '$.job.verification.maxDeviation'
    value: number
  }

  export interface JobResponseJobVerificationToleranceFieldEvent {
    field: '$.job.verification.tolerance'
    value: number
  }

  export interface JobResponseJobVerificationReplayMsFieldEvent {
    field: '$.job.verification.replayMs'
    value: bigint
  }

  export interface JobResponseJobVerificationEvaluateMsFieldEvent {
    field: '$.job.verification.evaluateMs'
    value: bigint
  }

  export interface JobResponseJobVerificationHeldOutSamplesFieldEvent {
    field: '$.job.verification.heldOutSamples'
    value: number
  }

  export interface JobResponseJobVerificationHeldOutAccuracyFieldEvent {
    field: '$.job.verification.heldOutAccuracy'
    value: number
  }

  export interface JobResponseJobVerificationHeldOutLossFieldEvent {
    field: '$.job.verification.heldOutLoss'
    value: number
  }

  export interface JobResponseJobVerificationClaimedAccuracyFieldEvent {
    field: '$.job.verification.claimedAccuracy'
    value: number
  }

  export interface JobResponseJobVerificationClaimedLossFieldEvent {
    field: '$.job.verification.claimedLoss'
    value: number
  }

  export interface JobResponseJobVerificationPassedFieldEvent {
    field: '$.job.verification.passed'
    value: boolean
  }

  export interface JobResponseJobVerificationReasonFieldEvent {
    field: '$.job.verification.reason'
    value: string
  }

  export interface JobResponseJobVerificationBackendFieldEvent {
    field: '$.job.verification.backend'
    value: string
  }

  export interface JobResponseJobHistoryFieldEvent {
    field: '$.job.history[]'
    index: number
    value: string
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

  export interface JobResponseJobsSpecModelHashFieldEvent {
    field: '$.jobs[].spec.modelHash'
    value: string
    index: number
  }

  export interface JobResponseJobsSpecDatasetUriFieldEvent {
    field: '$.jobs[].spec.datasetUri'
    value: string
    index: number
  }

  export interface JobResponseJobsSpecDatasetSamplesFieldEvent {
    field: '$.jobs[].spec.datasetSamples'
    value: bigint
    index: number
  }

  export interface JobResponseJobsSpecHyperparametersEpochsFieldEvent {
    field: '$.jobs[].spec.hyperparameters.epochs'
    value: number
    index: number
  }

  export interface JobResponseJobsSpecHyperparametersBatchSizeFieldEvent {
    field: '$.jobs[].spec.hyperparameters.batchSize'
    value: number
    index: number
  }

  export interface JobResponseJobsSpecHyperparametersLearningRateFieldEvent {
    field: '$.jobs[].spec.hyperparameters.learningRate'
    value: number
    index: number
  }

  export interface JobResponseJobsSpecHyperparametersOptimizerFieldEvent {
    field: '$.jobs[].spec.hyperparameters.optimizer'
    value: string
    index: number
  }

  export interface JobResponseJobsSpecHyperparametersValidationSplitFieldEvent {
    field: '$.jobs[].spec.hyperparameters.validationSplit'
    value: number
    index: number
  }

  export interface JobResponseJobsSpecHyperparametersMetricsFieldEvent {
    field: '$.jobs[].spec.hyperparameters.metrics[]'
    index: number
    value: string
  }

  export interface JobResponseJobsSpecRequiredDeviceFieldEvent {
    field: '$.jobs[].spec.requiredDevice'
    value: RequiredDevice
    index: number
  }

  export interface JobResponseJobsSpecMinMemoryBytesFieldEvent {
    field: '$.jobs[].spec.minMemoryBytes'
    value: bigint
    index: number
  }

  export interface JobResponseJobsSpecSeedFieldEvent {
    field: '$.jobs[].spec.seed'
    value: number
    index: number
  }

  export interface JobResponseJobsSpecCommitEveryBatchesFieldEvent {
    field: '$.jobs[].spec.commitEveryBatches'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationSegmentsFieldEvent {
    field: '$.jobs[].verification.segments'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationSegmentsCheckedFieldEvent {
    field: '$.jobs[].verification.segmentsChecked'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationBatchesReplayedFieldEvent {
    field: '$.jobs[].verification.batchesReplayed'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationBatchesTotalFieldEvent {
    field: '$.jobs[].verification.batchesTotal'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationMaxDeviationFieldEvent {
    field: '$.jobs[].verification.maxDeviation'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationToleranceFieldEvent {
    field: '$.jobs[].verification.tolerance'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationReplayMsFieldEvent {
    field: '$.jobs[].verification.replayMs'
    value: bigint
    index: number
  }

  export interface JobResponseJobsVerificationEvaluateMsFieldEvent {
    field: '$.jobs[].verification.evaluateMs'
    value: bigint
    index: number
  }

  export interface JobResponseJobsVerificationHeldOutSamplesFieldEvent {
    field: '$.jobs[].verification.heldOutSamples'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationHeldOutAccuracyFieldEvent {
    field: '$.jobs[].verification.heldOutAccuracy'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationHeldOutLossFieldEvent {
    field: '$.jobs[].verification.heldOutLoss'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationClaimedAccuracyFieldEvent {
    field: '$.jobs[].verification.claimedAccuracy'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationClaimedLossFieldEvent {
    field: '$.jobs[].verification.claimedLoss'
    value: number
    index: number
  }

  export interface JobResponseJobsVerificationPassedFieldEvent {
    field: '$.jobs[].verification.passed'
    value: boolean
    index: number
  }

  export interface JobResponseJobsVerificationReasonFieldEvent {
    field: '$.jobs[].verification.reason'
    value: string
    index: number
  }

  export interface JobResponseJobsVerificationBackendFieldEvent {
    field: '$.jobs[].verification.backend'
    value: string
    index: number
  }

  export interface JobResponseJobsHistoryFieldEvent {
    field: '$.jobs[].history[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<JobResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, JobResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobResponse>): JobResponse {
    return decodeMessage(buf, JobResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<JobResponse>): Generator<JobResponseCodeFieldEvent | JobResponseMessageFieldEvent | JobResponseChallengeFieldEvent | JobResponseSessionFieldEvent | JobResponseSessionExpiresMsFieldEvent | JobResponseEstimateFlopsPerSampleFieldEvent | JobResponseEstimateComputeUnitsFieldEvent | JobResponseEstimatePricePerUnitFieldEvent | JobResponseEstimateTotalFieldEvent | JobResponseEstimateParametersFieldEvent | JobResponseLockTransactionFieldEvent | JobResponseEscrowAuthorityFieldEvent | JobResponseMintFieldEvent | JobResponseJobJobIdFieldEvent | JobResponseJobStateFieldEvent | JobResponseJobSubmitterPeerFieldEvent | JobResponseJobWalletFieldEvent | JobResponseJobRequestJobTypeFieldEvent | JobResponseJobRequestModelDefinitionFieldEvent | JobResponseJobRequestDatasetUriFieldEvent | JobResponseJobRequestDatasetSamplesFieldEvent | JobResponseJobRequestHyperparametersEpochsFieldEvent | JobResponseJobRequestHyperparametersBatchSizeFieldEvent | JobResponseJobRequestHyperparametersLearningRateFieldEvent | JobResponseJobRequestHyperparametersOptimizerFieldEvent | JobResponseJobRequestHyperparametersValidationSplitFieldEvent | JobResponseJobRequestHyperparametersMetricsFieldEvent | JobResponseJobRequestPaymentAmountFieldEvent | JobResponseJobRequestRequiredDeviceFieldEvent | JobResponseJobRequestMinMemoryBytesFieldEvent | JobResponseJobRequestWalletFieldEvent | JobResponseJobEstimateFlopsPerSampleFieldEvent | JobResponseJobEstimateComputeUnitsFieldEvent | JobResponseJobEstimatePricePerUnitFieldEvent | JobResponseJobEstimateTotalFieldEvent | JobResponseJobEstimateParametersFieldEvent | JobResponseJobAssignedNodeFieldEvent | JobResponseJobScoreFieldEvent | JobResponseJobScoreBreakdownNameFieldEvent | JobResponseJobScoreBreakdownValueFieldEvent | JobResponseJobScoreBreakdownWeightFieldEvent | JobResponseJobScoreBreakdownWeightedFieldEvent | JobResponseJobWhyNotNodeIdFieldEvent | JobResponseJobWhyNotCodeFieldEvent | JobResponseJobWhyNotReasonFieldEvent | JobResponseJobProgressFieldEvent | JobResponseJobCurrentEpochFieldEvent | JobResponseJobMessageFieldEvent | JobResponseJobCreatedMsFieldEvent | JobResponseJobUpdatedMsFieldEvent | JobResponseJobEstimatedStartMsFieldEvent | JobResponseJobEscrowFieldEvent | JobResponseJobLeaseIdFieldEvent | JobResponseJobExcludedNodesFieldEvent | JobResponseJobAssignedMsFieldEvent | JobResponseJobBackendFieldEvent | JobResponseJobQueuedMsFieldEvent | JobResponseJobDatasetSamplesFieldEvent | JobResponseJobDatasetFeatureShapeFieldEvent | JobResponseJobDatasetLabelShapeFieldEvent | JobResponseJobDatasetBytesFieldEvent | JobResponseJobDatasetFormatFieldEvent | JobResponseJobCheckpointUriFieldEvent | JobResponseJobVerifiedEpochsFieldEvent | JobResponseJobModelUriFieldEvent | JobResponseJobModelHashFieldEvent | JobResponseJobFinalMetricsFieldEvent | JobResponseJobComputeTimeMsFieldEvent | JobResponseJobPayoutEarnedBpsFieldEvent | JobResponseJobPayoutPeerWalletFieldEvent | JobResponseJobPayoutPeerFieldEvent | JobResponseJobPayoutFeeFieldEvent | JobResponseJobPayoutRefundFieldEvent | JobResponseJobPayoutSignatureFieldEvent | JobResponseJobPayoutOutcomeFieldEvent | JobResponseJobPayoutReasonFieldEvent | JobResponseJobPayoutSharesWalletFieldEvent | JobResponseJobPayoutSharesBpsFieldEvent | JobResponseJobPayoutSharesAmountFieldEvent | JobResponseJobCompletionFieldEvent | JobResponseJobLeaseStartEpochFieldEvent | JobResponseJobContributionsNodeFieldEvent | JobResponseJobContributionsWalletFieldEvent | JobResponseJobContributionsEpochsFieldEvent | JobResponseJobVerifyingSinceMsFieldEvent | JobResponseJobSpecModelHashFieldEvent | JobResponseJobSpecDatasetUriFieldEvent | JobResponseJobSpecDatasetSamplesFieldEvent | JobResponseJobSpecHyperparametersEpochsFieldEvent | JobResponseJobSpecHyperparametersBatchSizeFieldEvent | JobResponseJobSpecHyperparametersLearningRateFieldEvent | JobResponseJobSpecHyperparametersOptimizerFieldEvent | JobResponseJobSpecHyperparametersValidationSplitFieldEvent | JobResponseJobSpecHyperparametersMetricsFieldEvent | JobResponseJobSpecRequiredDeviceFieldEvent | JobResponseJobSpecMinMemoryBytesFieldEvent | JobResponseJobSpecSeedFieldEvent | JobResponseJobSpecCommitEveryBatchesFieldEvent | JobResponseJobVerificationSegmentsFieldEvent | JobResponseJobVerificationSegmentsCheckedFieldEvent | JobResponseJobVerificationBatchesReplayedFieldEvent | JobResponseJobVerificationBatchesTotalFieldEvent | JobResponseJobVerificationMaxDeviationFieldEvent | JobResponseJobVerificationToleranceFieldEvent | JobResponseJobVerificationReplayMsFieldEvent | JobResponseJobVerificationEvaluateMsFieldEvent | JobResponseJobVerificationHeldOutSamplesFieldEvent | JobResponseJobVerificationHeldOutAccuracyFieldEvent | JobResponseJobVerificationHeldOutLossFieldEvent | JobResponseJobVerificationClaimedAccuracyFieldEvent | JobResponseJobVerificationClaimedLossFieldEvent | JobResponseJobVerificationPassedFieldEvent | JobResponseJobVerificationReasonFieldEvent | JobResponseJobVerificationBackendFieldEvent | JobResponseJobHistoryFieldEvent | JobResponseJobsJobIdFieldEvent | JobResponseJobsStateFieldEvent | JobResponseJobsSubmitterPeerFieldEvent | JobResponseJobsWalletFieldEvent | JobResponseJobsRequestJobTypeFieldEvent | JobResponseJobsRequestModelDefinitionFieldEvent | JobResponseJobsRequestDatasetUriFieldEvent | JobResponseJobsRequestDatasetSamplesFieldEvent | JobResponseJobsRequestHyperparametersEpochsFieldEvent | JobResponseJobsRequestHyperparametersBatchSizeFieldEvent | JobResponseJobsRequestHyperparametersLearningRateFieldEvent | JobResponseJobsRequestHyperparametersOptimizerFieldEvent | JobResponseJobsRequestHyperparametersValidationSplitFieldEvent | JobResponseJobsRequestHyperparametersMetricsFieldEvent | JobResponseJobsRequestPaymentAmountFieldEvent | JobResponseJobsRequestRequiredDeviceFieldEvent | JobResponseJobsRequestMinMemoryBytesFieldEvent | JobResponseJobsRequestWalletFieldEvent | JobResponseJobsEstimateFlopsPerSampleFieldEvent | JobResponseJobsEstimateComputeUnitsFieldEvent | JobResponseJobsEstimatePricePerUnitFieldEvent | JobResponseJobsEstimateTotalFieldEvent | JobResponseJobsEstimateParametersFieldEvent | JobResponseJobsAssignedNodeFieldEvent | JobResponseJobsScoreFieldEvent | JobResponseJobsScoreBreakdownNameFieldEvent | JobResponseJobsScoreBreakdownValueFieldEvent | JobResponseJobsScoreBreakdownWeightFieldEvent | JobResponseJobsScoreBreakdownWeightedFieldEvent | JobResponseJobsWhyNotNodeIdFieldEvent | JobResponseJobsWhyNotCodeFieldEvent | JobResponseJobsWhyNotReasonFieldEvent | JobResponseJobsProgressFieldEvent | JobResponseJobsCurrentEpochFieldEvent | JobResponseJobsMessageFieldEvent | JobResponseJobsCreatedMsFieldEvent | JobResponseJobsUpdatedMsFieldEvent | JobResponseJobsEstimatedStartMsFieldEvent | JobResponseJobsEscrowFieldEvent | JobResponseJobsLeaseIdFieldEvent | JobResponseJobsExcludedNodesFieldEvent | JobResponseJobsAssignedMsFieldEvent | JobResponseJobsBackendFieldEvent | JobResponseJobsQueuedMsFieldEvent | JobResponseJobsDatasetSamplesFieldEvent | JobResponseJobsDatasetFeatureShapeFieldEvent | JobResponseJobsDatasetLabelShapeFieldEvent | JobResponseJobsDatasetBytesFieldEvent | JobResponseJobsDatasetFormatFieldEvent | JobResponseJobsCheckpointUriFieldEvent | JobResponseJobsVerifiedEpochsFieldEvent | JobResponseJobsModelUriFieldEvent | JobResponseJobsModelHashFieldEvent | JobResponseJobsFinalMetricsFieldEvent | JobResponseJobsComputeTimeMsFieldEvent | JobResponseJobsPayoutEarnedBpsFieldEvent | JobResponseJobsPayoutPeerWalletFieldEvent | JobResponseJobsPayoutPeerFieldEvent | JobResponseJobsPayoutFeeFieldEvent | JobResponseJobsPayoutRefundFieldEvent | JobResponseJobsPayoutSignatureFieldEvent | JobResponseJobsPayoutOutcomeFieldEvent | JobResponseJobsPayoutReasonFieldEvent | JobResponseJobsPayoutSharesWalletFieldEvent | JobResponseJobsPayoutSharesBpsFieldEvent | JobResponseJobsPayoutSharesAmountFieldEvent | JobResponseJobsCompletionFieldEvent | JobResponseJobsLeaseStartEpochFieldEvent | JobResponseJobsContributionsNodeFieldEvent | JobResponseJobsContributionsWalletFieldEvent | JobResponseJobsContributionsEpochsFieldEvent | JobResponseJobsVerifyingSinceMsFieldEvent | JobResponseJobsSpecModelHashFieldEvent | JobResponseJobsSpecDatasetUriFieldEvent | JobResponseJobsSpecDatasetSamplesFieldEvent | JobResponseJobsSpecHyperparametersEpochsFieldEvent | JobResponseJobsSpecHyperparametersBatchSizeFieldEvent | JobResponseJobsSpecHyperparametersLearningRateFieldEvent | JobResponseJobsSpecHyperparametersOptimizerFieldEvent | JobResponseJobsSpecHyperparametersValidationSplitFieldEvent | JobResponseJobsSpecHyperparametersMetricsFieldEvent | JobResponseJobsSpecRequiredDeviceFieldEvent | JobResponseJobsSpecMinMemoryBytesFieldEvent | JobResponseJobsSpecSeedFieldEvent | JobResponseJobsSpecCommitEveryBatchesFieldEvent | JobResponseJobsVerificationSegmentsFieldEvent | JobResponseJobsVerificationSegmentsCheckedFieldEvent | JobResponseJobsVerificationBatchesReplayedFieldEvent | JobResponseJobsVerificationBatchesTotalFieldEvent | JobResponseJobsVerificationMaxDeviationFieldEvent | JobResponseJobsVerificationToleranceFieldEvent | JobResponseJobsVerificationReplayMsFieldEvent | JobResponseJobsVerificationEvaluateMsFieldEvent | JobResponseJobsVerificationHeldOutSamplesFieldEvent | JobResponseJobsVerificationHeldOutAccuracyFieldEvent | JobResponseJobsVerificationHeldOutLossFieldEvent | JobResponseJobsVerificationClaimedAccuracyFieldEvent | JobResponseJobsVerificationClaimedLossFieldEvent | JobResponseJobsVerificationPassedFieldEvent | JobResponseJobsVerificationReasonFieldEvent | JobResponseJobsVerificationBackendFieldEvent | JobResponseJobsHistoryFieldEvent> {
    return streamMessage(buf, JobResponse.codec(), opts)
  }
}
