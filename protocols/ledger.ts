import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum LedgerOp {
  INFO = 'INFO',
  BALANCE = 'BALANCE',
  AIRDROP = 'AIRDROP'
}

enum __LedgerOpValues {
  INFO = 0,
  BALANCE = 1,
  AIRDROP = 2
}

export namespace LedgerOp {
  export const codec = (): Codec<LedgerOp> => {
    return enumeration<LedgerOp>(__LedgerOpValues)
  }
}

export interface LedgerRequest {
  op: LedgerOp
  address: string
  amount: string
  session: string
}

export namespace LedgerRequest {
  let _codec: Codec<LedgerRequest>

  export const codec = (): Codec<LedgerRequest> => {
    if (_codec == null) {
      _codec = message<LedgerRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.op != null && __LedgerOpValues[obj.op] !== 0) {
          w.uint32(8)
          LedgerOp.codec().encode(obj.op, w)
        }

        if ((obj.address != null && obj.address !== '')) {
          w.uint32(18)
          w.string(obj.address)
        }

        if ((obj.amount != null && obj.amount !== '')) {
          w.uint32(26)
          w.string(obj.amount)
        }

        if ((obj.session != null && obj.session !== '')) {
          w.uint32(34)
          w.string(obj.session)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          op: LedgerOp.INFO,
          address: '',
          amount: '',
          session: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.op = LedgerOp.codec().decode(reader)
              break
            }
            case 2: {
              obj.address = reader.string()
              break
            }
            case 3: {
              obj.amount = reader.string()
              break
            }
            case 4: {
              obj.session = reader.string()
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
                value: LedgerOp.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.address`,
                value: reader.string()
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
            case 4: {
              yield {
                field: `${prefix}.session`,
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

  export interface LedgerRequestOpFieldEvent {
    field: '$.op'
    value: LedgerOp
  }

  export interface LedgerRequestAddressFieldEvent {
    field: '$.address'
    value: string
  }

  export interface LedgerRequestAmountFieldEvent {
    field: '$.amount'
    value: string
  }

  export interface LedgerRequestSessionFieldEvent {
    field: '$.session'
    value: string
  }

  export function encode (obj: Partial<LedgerRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LedgerRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LedgerRequest>): LedgerRequest {
    return decodeMessage(buf, LedgerRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LedgerRequest>): Generator<LedgerRequestOpFieldEvent | LedgerRequestAddressFieldEvent | LedgerRequestAmountFieldEvent | LedgerRequestSessionFieldEvent> {
    return streamMessage(buf, LedgerRequest.codec(), opts)
  }
}

export interface LedgerResponse {
  code: string
  message: string
  cluster: string
  mint: string
  decimals: number
  rpcUrl: string
  tokenBalance: string
  solBalance: string
  signature: string
  feeAccount: string
  feeBps: number
  escrowAuthority: string
}

export namespace LedgerResponse {
  let _codec: Codec<LedgerResponse>

  export const codec = (): Codec<LedgerResponse> => {
    if (_codec == null) {
      _codec = message<LedgerResponse>((obj, w, opts = {}) => {
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

        if ((obj.cluster != null && obj.cluster !== '')) {
          w.uint32(26)
          w.string(obj.cluster)
        }

        if ((obj.mint != null && obj.mint !== '')) {
          w.uint32(34)
          w.string(obj.mint)
        }

        if ((obj.decimals != null && obj.decimals !== 0)) {
          w.uint32(40)
          w.uint32(obj.decimals)
        }

        if ((obj.rpcUrl != null && obj.rpcUrl !== '')) {
          w.uint32(50)
          w.string(obj.rpcUrl)
        }

        if ((obj.tokenBalance != null && obj.tokenBalance !== '')) {
          w.uint32(58)
          w.string(obj.tokenBalance)
        }

        if ((obj.solBalance != null && obj.solBalance !== '')) {
          w.uint32(66)
          w.string(obj.solBalance)
        }

        if ((obj.signature != null && obj.signature !== '')) {
          w.uint32(74)
          w.string(obj.signature)
        }

        if ((obj.feeAccount != null && obj.feeAccount !== '')) {
          w.uint32(82)
          w.string(obj.feeAccount)
        }

        if ((obj.feeBps != null && obj.feeBps !== 0)) {
          w.uint32(88)
          w.uint32(obj.feeBps)
        }

        if ((obj.escrowAuthority != null && obj.escrowAuthority !== '')) {
          w.uint32(98)
          w.string(obj.escrowAuthority)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          code: '',
          message: '',
          cluster: '',
          mint: '',
          decimals: 0,
          rpcUrl: '',
          tokenBalance: '',
          solBalance: '',
          signature: '',
          feeAccount: '',
          feeBps: 0,
          escrowAuthority: ''
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
              obj.cluster = reader.string()
              break
            }
            case 4: {
              obj.mint = reader.string()
              break
            }
            case 5: {
              obj.decimals = reader.uint32()
              break
            }
            case 6: {
              obj.rpcUrl = reader.string()
              break
            }
            case 7: {
              obj.tokenBalance = reader.string()
              break
            }
            case 8: {
              obj.solBalance = reader.string()
              break
            }
            case 9: {
              obj.signature = reader.string()
              break
            }
            case 10: {
              obj.feeAccount = reader.string()
              break
            }
            case 11: {
              obj.feeBps = reader.uint32()
              break
            }
            case 12: {
              obj.escrowAuthority = reader.string()
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
                field: `${prefix}.cluster`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.mint`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.decimals`,
                value: reader.uint32()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.rpcUrl`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.tokenBalance`,
                value: reader.string()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.solBalance`,
                value: reader.string()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.signature`,
                value: reader.string()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.feeAccount`,
                value: reader.string()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.feeBps`,
                value: reader.uint32()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.escrowAuthority`,
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

  export interface LedgerResponseCodeFieldEvent {
    field: '$.code'
    value: string
  }

  export interface LedgerResponseMessageFieldEvent {
    field: '$.message'
    value: string
  }

  export interface LedgerResponseClusterFieldEvent {
    field: '$.cluster'
    value: string
  }

  export interface LedgerResponseMintFieldEvent {
    field: '$.mint'
    value: string
  }

  export interface LedgerResponseDecimalsFieldEvent {
    field: '$.decimals'
    value: number
  }

  export interface LedgerResponseRpcUrlFieldEvent {
    field: '$.rpcUrl'
    value: string
  }

  export interface LedgerResponseTokenBalanceFieldEvent {
    field: '$.tokenBalance'
    value: string
  }

  export interface LedgerResponseSolBalanceFieldEvent {
    field: '$.solBalance'
    value: string
  }

  export interface LedgerResponseSignatureFieldEvent {
    field: '$.signature'
    value: string
  }

  export interface LedgerResponseFeeAccountFieldEvent {
    field: '$.feeAccount'
    value: string
  }

  export interface LedgerResponseFeeBpsFieldEvent {
    field: '$.feeBps'
    value: number
  }

  export interface LedgerResponseEscrowAuthorityFieldEvent {
    field: '$.escrowAuthority'
    value: string
  }

  export function encode (obj: Partial<LedgerResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LedgerResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LedgerResponse>): LedgerResponse {
    return decodeMessage(buf, LedgerResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LedgerResponse>): Generator<LedgerResponseCodeFieldEvent | LedgerResponseMessageFieldEvent | LedgerResponseClusterFieldEvent | LedgerResponseMintFieldEvent | LedgerResponseDecimalsFieldEvent | LedgerResponseRpcUrlFieldEvent | LedgerResponseTokenBalanceFieldEvent | LedgerResponseSolBalanceFieldEvent | LedgerResponseSignatureFieldEvent | LedgerResponseFeeAccountFieldEvent | LedgerResponseFeeBpsFieldEvent | LedgerResponseEscrowAuthorityFieldEvent> {
    return streamMessage(buf, LedgerResponse.codec(), opts)
  }
}
