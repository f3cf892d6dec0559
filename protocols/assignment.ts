import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface Assignment {
  jobId: string
  leaseId: string
  spec: Uint8Array<ArrayBuffer>
  modelDefinition: string
  paymentAmount: string
  acceptDeadlineMs: bigint
  resumeCheckpointUri: string
  resumeEpoch: number
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

        if ((obj.spec != null && obj.spec.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.spec)
        }

        if ((obj.modelDefinition != null && obj.modelDefinition !== '')) {
          w.uint32(34)
          w.string(obj.modelDefinition)
        }

        if ((obj.paymentAmount != null && obj.paymentAmount !== '')) {
          w.uint32(42)
          w.string(obj.paymentAmount)
        }

        if ((obj.acceptDeadlineMs != null && obj.acceptDeadlineMs !== 0n)) {
          w.uint32(49)
          w.fixed64(obj.acceptDeadlineMs)
        }

        if ((obj.resumeCheckpointUri != null && obj.resumeCheckpointUri !== '')) {
          w.uint32(58)
          w.string(obj.resumeCheckpointUri)
        }

        if ((obj.resumeEpoch != null && obj.resumeEpoch !== 0)) {
          w.uint32(64)
          w.uint32(obj.resumeEpoch)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          jobId: '',
          leaseId: '',
          spec: uint8ArrayAlloc(0),
          modelDefinition: '',
          paymentAmount: '',
          acceptDeadlineMs: 0n,
          resumeCheckpointUri: '',
          resumeEpoch: 0
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
              obj.spec = reader.bytes()
              break
            }
            case 4: {
              obj.modelDefinition = reader.string()
              break
            }
            case 5: {
              obj.paymentAmount = reader.string()
              break
            }
            case 6: {
              obj.acceptDeadlineMs = reader.fixed64()
              break
            }
            case 7: {
              obj.resumeCheckpointUri = reader.string()
              break
            }
            case 8: {
              obj.resumeEpoch = reader.uint32()
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
                field: `${prefix}.spec`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.modelDefinition`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.paymentAmount`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.acceptDeadlineMs`,
                value: reader.fixed64()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.resumeCheckpointUri`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.resumeEpoch`,
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

  export interface AssignmentJobIdFieldEvent {
    field: '$.jobId'
    value: string
  }

  export interface AssignmentLeaseIdFieldEvent {
    field: '$.leaseId'
    value: string
  }

  export interface AssignmentSpecFieldEvent {
    field: '$.spec'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AssignmentModelDefinitionFieldEvent {
    field: '$.modelDefinition'
    value: string
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

  export function encode (obj: Partial<Assignment>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Assignment.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Assignment>): Assignment {
    return decodeMessage(buf, Assignment.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Assignment>): Generator<AssignmentJobIdFieldEvent | AssignmentLeaseIdFieldEvent | AssignmentSpecFieldEvent | AssignmentModelDefinitionFieldEvent | AssignmentPaymentAmountFieldEvent | AssignmentAcceptDeadlineMsFieldEvent | AssignmentResumeCheckpointUriFieldEvent | AssignmentResumeEpochFieldEvent> {
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
