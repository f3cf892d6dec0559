/**
 * Named errors with a typed code. Tests and callers branch on `code`, never on the message text;
 * `retryable` says whether trying the same call again later can succeed.
 */

import type { ModelErrorCode } from './model/model-error.js'

export type ErrorCode =
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_INVALID_DURATION'
  | 'ERR_INVALID_MULTIADDR'
  | 'ERR_KEY_FILE'
  | 'ERR_DATA_DIR'
  | 'ERR_STORE_VERSION'
  | 'ERR_COORDINATOR_UNREACHABLE'
  | 'ERR_PROTOCOL'
  | 'ERR_PEER_BANNED'
  | 'ERR_PEER_INCOMPATIBLE'
  | 'ERR_WALLET'
  | 'ERR_INSUFFICIENT_BALANCE'
  | 'ERR_ESCROW_EXISTS'
  | 'ERR_ESCROW_NOT_FOUND'
  | 'ERR_ESCROW_STATE'
  | 'ERR_LOCK_REJECTED'
  | 'ERR_TX_FAILED'
  | 'ERR_TX_EXPIRED'
  | 'ERR_AIRDROP_REFUSED'
  | 'ERR_LEDGER'
  | ModelErrorCode
  | 'ERR_JOB_STATE'
  | 'ERR_STALE_LEASE'
  | 'ERR_RATE_LIMITED'
  | 'ERR_JOB_NOT_FOUND'
  | 'ERR_SESSION'
  | 'ERR_PAYMENT_BELOW_ESTIMATE'
  | 'ERR_INVALID_JOB'
  | 'ERR_DATASET'
  | 'ERR_DATASET_MISMATCH'
  | 'ERR_IPFS'
  | 'ERR_CONTENT_NOT_FOUND'
  | 'ERR_BACKEND'
  | 'ERR_TRAINING'
  | 'ERR_TRAINING_DIVERGED'
  | 'ERR_CANCELLED'
  | 'ERR_BAD_SIGNATURE'
  | 'ERR_HASH_MISMATCH'
  | 'ERR_COMPLETION'
  | 'ERR_VERIFICATION'
  | 'ERR_INVALID_ADDRESS'
  | 'ERR_LOCK_UNCERTAIN'
  | 'ERR_CHALLENGE_REJECTED'
  | 'ERR_REGISTRY_FULL'
  | 'ERR_OUT_OF_MEMORY'
  | 'ERR_TRAINING_CRASHED'
  | 'ERR_TOO_LARGE'
  | 'ERR_QUOTA'
  | 'ERR_AIRDROP_LIMIT'
  | 'ERR_UNAUTHORIZED'
  | 'ERR_HTTP'

export class CyxwizError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean

  constructor (code: ErrorCode, message: string, options: { retryable?: boolean, cause?: unknown } = {}) {
    super(message, { cause: options.cause })
    this.name = 'CyxwizError'
    this.code = code
    this.retryable = options.retryable ?? false
  }
}

/** A command-line argument or option that cannot be used. */
export class InvalidArgumentError extends CyxwizError {
  constructor (message: string, code: ErrorCode = 'ERR_INVALID_ARGUMENT') {
    super(code, message)
    this.name = 'InvalidArgumentError'
  }
}

/** The coordinator could not be dialled or did not answer in time. */
export class CoordinatorUnreachableError extends CyxwizError {
  constructor (message: string, cause?: unknown) {
    super('ERR_COORDINATOR_UNREACHABLE', message, { retryable: true, cause })
    this.name = 'CoordinatorUnreachableError'
  }
}

/** A remote answered with something that breaks the protocol, or with an error code. */
export class ProtocolError extends CyxwizError {
  constructor (message: string, cause?: unknown) {
    super('ERR_PROTOCOL', message, { cause })
    this.name = 'ProtocolError'
  }
}

/** The coordinator told this peer it is not welcome (banned or incompatible). */
export class PeerRefusedError extends CyxwizError {
  constructor (code: 'ERR_PEER_BANNED' | 'ERR_PEER_INCOMPATIBLE', reason: string) {
    super(code, `the coordinator refused this peer: ${reason}`)
    this.name = 'PeerRefusedError'
  }
}

/** Anything the money layer refuses or fails at; `code` says which. */
export class LedgerError extends CyxwizError {
  constructor (code: ErrorCode, message: string, options: { retryable?: boolean, cause?: unknown } = {}) {
    super(code, message, options)
    this.name = 'LedgerError'
  }
}

/** Narrowing helper for catch blocks. */
export function isCyxwizError (err: unknown): err is CyxwizError {
  return err instanceof CyxwizError
}
