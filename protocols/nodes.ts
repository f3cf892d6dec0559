import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum Liveness {
  ONLINE = 'ONLINE',
  STALE = 'STALE',
  OFFLINE = 'OFFLINE'
}

enum __LivenessValues {
  ONLINE = 0,
  STALE = 1,
  OFFLINE = 2
}

export namespace Liveness {
  export const codec = (): Codec<Liveness> => {
    return enumeration<Liveness>(__LivenessValues)
  }
}

export interface NodesRequest {
  status?: Liveness
  after: string
  limit: number
}

export namespace NodesRequest {
  let _codec: Codec<NodesRequest>

  export const codec = (): Codec<NodesRequest> => {
    if (_codec == null) {
      _codec = message<NodesRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null) {
          w.uint32(8)
          Liveness.codec().encode(obj.status, w)
        }

        if ((obj.after != null && obj.after !== '')) {
          w.uint32(18)
          w.string(obj.after)
        }

        if ((obj.limit != null && obj.limit !== 0)) {
          w.uint32(24)
          w.uint32(obj.limit)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          after: '',
          limit: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = Liveness.codec().decode(reader)
              break
            }
            case 2: {
              obj.after = reader.string()
              break
            }
            case 3: {
              obj.limit = reader.uint32()
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
                field: `${prefix}.status`,
                value: Liveness.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.after`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.limit`,
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

  export interface NodesRequestStatusFieldEvent {
    field: '$.status'
    value: Liveness
  }

  export interface NodesRequestAfterFieldEvent {
    field: '$.after'
    value: string
  }

  export interface NodesRequestLimitFieldEvent {
    field: '$.limit'
    value: number
  }

  export function encode (obj: Partial<NodesRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NodesRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodesRequest>): NodesRequest {
    return decodeMessage(buf, NodesRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodesRequest>): Generator<NodesRequestStatusFieldEvent | NodesRequestAfterFieldEvent | NodesRequestLimitFieldEvent> {
    return streamMessage(buf, NodesRequest.codec(), opts)
  }
}

export interface NodeInfo {
  nodeId: string
  status: Liveness
  firstSeenMs: bigint
  lastSeenMs: bigint
  heartbeat: Uint8Array<ArrayBuffer>
  availability: Uint8Array<ArrayBuffer>
}

export namespace NodeInfo {
  let _codec: Codec<NodeInfo>

  export const codec = (): Codec<NodeInfo> => {
    if (_codec == null) {
      _codec = message<NodeInfo>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.nodeId != null && obj.nodeId !== '')) {
          w.uint32(10)
          w.string(obj.nodeId)
        }

        if (obj.status != null && __LivenessValues[obj.status] !== 0) {
          w.uint32(16)
          Liveness.codec().encode(obj.status, w)
        }

        if ((obj.firstSeenMs != null && obj.firstSeenMs !== 0n)) {
          w.uint32(25)
          w.fixed64(obj.firstSeenMs)
        }

        if ((obj.lastSeenMs != null && obj.lastSeenMs !== 0n)) {
          w.uint32(33)
          w.fixed64(obj.lastSeenMs)
        }

        if ((obj.heartbeat != null && obj.heartbeat.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.heartbeat)
        }

        if ((obj.availability != null && obj.availability.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.availability)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          nodeId: '',
          status: Liveness.ONLINE,
          firstSeenMs: 0n,
          lastSeenMs: 0n,
          heartbeat: uint8ArrayAlloc(0),
          availability: uint8ArrayAlloc(0)
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
              obj.status = Liveness.codec().decode(reader)
              break
            }
            case 3: {
              obj.firstSeenMs = reader.fixed64()
              break
            }
            case 4: {
              obj.lastSeenMs = reader.fixed64()
              break
            }
            case 5: {
              obj.heartbeat = reader.bytes()
              break
            }
            case 6: {
              obj.availability = reader.bytes()
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
                field: `${prefix}.status`,
                value: Liveness.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.firstSeenMs`,
                value: reader.fixed64()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.lastSeenMs`,
                value: reader.fixed64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.heartbeat`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.availability`,
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

  export interface NodeInfoNodeIdFieldEvent {
    field: '$.nodeId'
    value: string
  }

  export interface NodeInfoStatusFieldEvent {
    field: '$.status'
    value: Liveness
  }

  export interface NodeInfoFirstSeenMsFieldEvent {
    field: '$.firstSeenMs'
    value: bigint
  }

  export interface NodeInfoLastSeenMsFieldEvent {
    field: '$.lastSeenMs'
    value: bigint
  }

  export interface NodeInfoHeartbeatFieldEvent {
    field: '$.heartbeat'
    value: Uint8Array<ArrayBuffer>
  }

  export interface NodeInfoAvailabilityFieldEvent {
    field: '$.availability'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<NodeInfo>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NodeInfo.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodeInfo>): NodeInfo {
    return decodeMessage(buf, NodeInfo.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodeInfo>): Generator<NodeInfoNodeIdFieldEvent | NodeInfoStatusFieldEvent | NodeInfoFirstSeenMsFieldEvent | NodeInfoLastSeenMsFieldEvent | NodeInfoHeartbeatFieldEvent | NodeInfoAvailabilityFieldEvent> {
    return streamMessage(buf, NodeInfo.codec(), opts)
  }
}

export interface NodesResponse {
  code: string
  message: string
  nodes: NodeInfo[]
  nowMs: bigint
  next: string
}

export namespace NodesResponse {
  let _codec: Codec<NodesResponse>

  export const codec = (): Codec<NodesResponse> => {
    if (_codec == null) {
      _codec = message<NodesResponse>((obj, w, opts = {}) => {
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

        if (obj.nodes != null && obj.nodes.length > 0) {
          for (const value of obj.nodes) {
            w.uint32(26)
            NodeInfo.codec().encode(value, w)
          }
        }

        if ((obj.nowMs != null && obj.nowMs !== 0n)) {
          w.uint32(33)
          w.fixed64(obj.nowMs)
        }

        if ((obj.next != null && obj.next !== '')) {
          w.uint32(42)
          w.string(obj.next)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: '',
          message: '',
          nodes: [],
          nowMs: 0n,
          next: ''
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
              if (opts.limits?.nodes != null && obj.nodes.length === opts.limits.nodes) {
                throw new MaxLengthError('Decode error - repeated field "nodes" had too many elements')
              }

              obj.nodes.push(NodeInfo.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.nodes$
              }))
              break
            }
            case 4: {
              obj.nowMs = reader.fixed64()
              break
            }
            case 5: {
              obj.next = reader.string()
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
          nodes: 0
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
              if (opts.limits?.nodes != null && obj.nodes === opts.limits.nodes) {
                throw new MaxLengthError('Streaming decode error - repeated field "nodes" had too many elements')
              }

              for (const evt of NodeInfo.codec().stream(reader, reader.uint32(), `${prefix}.nodes[]`, {
                limits: opts.limits?.nodes$
              })) {
                yield {
                  ...evt,
                  index: obj.nodes
                }
              }

              obj.nodes++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.nowMs`,
                value: reader.fixed64()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.next`,
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

  export interface NodesResponseCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface NodesResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface NodesResponseNodesNodeIdFieldEvent {
    field: '$.nodes[].nodeId'
    value: string
    index: number
  }

  export interface NodesResponseNodesStatusFieldEvent {
    field: '$.nodes[].status'
    value: Liveness
    index: number
  }

  export interface NodesResponseNodesFirstSeenMsFieldEvent {
    field: '$.nodes[].firstSeenMs'
    value: bigint
    index: number
  }

  export interface NodesResponseNodesLastSeenMsFieldEvent {
    field: '$.nodes[].lastSeenMs'
    value: bigint
    index: number
  }

  export interface NodesResponseNodesHeartbeatFieldEvent {
    field: '$.nodes[].heartbeat'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface NodesResponseNodesAvailabilityFieldEvent {
    field: '$.nodes[].availability'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface NodesResponseNowMsFieldEvent {
    field: '$.nowMs'
    value: bigint
  }

  export interface NodesResponseNextFieldEvent {
    field: '$.next'
    value: string
  }

  export function encode (obj: Partial<NodesResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, NodesResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodesResponse>): NodesResponse {
    return decodeMessage(buf, NodesResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<NodesResponse>): Generator<NodesResponseCodeFieldEvent | NodesResponseMessageFieldEvent | NodesResponseNodesNodeIdFieldEvent | NodesResponseNodesStatusFieldEvent | NodesResponseNodesFirstSeenMsFieldEvent | NodesResponseNodesLastSeenMsFieldEvent | NodesResponseNodesHeartbeatFieldEvent | NodesResponseNodesAvailabilityFieldEvent | NodesResponseNowMsFieldEvent | NodesResponseNextFieldEvent> {
    return streamMessage(buf, NodesResponse.codec(), opts)
  }
}
