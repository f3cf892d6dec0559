/**
 * The CLI's error boundary and daemon lifecycle: a named error becomes a one-line message and a
 * non-zero exit code; SIGINT/SIGTERM stop a daemon cleanly (a second signal exits at once).
 */
import { CyxwizError, isCyxwizError } from '../errors.js'
import { out } from './output.js'

/** exit codes: 1 unexpected, 2 bad usage, 3 unreachable/remote, 4 refused by the coordinator, 5 local state, 6 money refused or failed */
export function exitCodeOf (err: unknown): number {
  if (!isCyxwizError(err)) return 1
  // every model-definition error (ERR_MODEL_*) is bad input
  if (err.code.startsWith('ERR_MODEL_')) return 2
  switch (err.code) {
    case 'ERR_INVALID_ARGUMENT':
    case 'ERR_INVALID_DURATION':
    case 'ERR_INVALID_MULTIADDR':
    case 'ERR_INVALID_JOB':
    case 'ERR_DATASET':
    case 'ERR_DATASET_MISMATCH':
    case 'ERR_PAYMENT_BELOW_ESTIMATE':
    case 'ERR_JOB_NOT_FOUND':
      return 2
    case 'ERR_COORDINATOR_UNREACHABLE':
    case 'ERR_PROTOCOL':
    case 'ERR_CONTENT_NOT_FOUND':
    case 'ERR_IPFS':
      return 3
    case 'ERR_PEER_BANNED':
    case 'ERR_PEER_INCOMPATIBLE':
    case 'ERR_SESSION':
      return 4
    case 'ERR_INSUFFICIENT_BALANCE':
    case 'ERR_ESCROW_EXISTS':
    case 'ERR_ESCROW_NOT_FOUND':
    case 'ERR_ESCROW_STATE':
    case 'ERR_LOCK_REJECTED':
    case 'ERR_TX_FAILED':
    case 'ERR_TX_EXPIRED':
    case 'ERR_AIRDROP_REFUSED':
    case 'ERR_AIRDROP_LIMIT':
    case 'ERR_LEDGER':
      return 6
    default:
      return 5
  }
}

export function reportError (err: unknown): number {
  if (err instanceof CyxwizError) {
    out.error(`cyxwiz: ${err.message} [${err.code}]`)
  } else {
    out.error(`cyxwiz: unexpected error: ${(err as Error)?.stack ?? String(err)}`)
  }
  return exitCodeOf(err)
}

/** Wraps a command action: errors are reported and set the exit code. */
export function action<A extends unknown[]> (fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args)
    } catch (err) {
      process.exitCode = reportError(err)
    }
  }
}

/**
 * Keeps a daemon running until SIGINT/SIGTERM or `fatal` rejects, then stops it. Resolves with the
 * exit code.
 */
export async function runDaemon (stop: () => Promise<void>, fatal: Promise<never>): Promise<number> {
  let signals = 0
  const stopped = new Promise<number>((resolve) => {
    const onSignal = (sig: NodeJS.Signals): void => {
      signals++
      if (signals > 1) process.exit(130)
      out.event(`${sig}: stopping (again to force)`)
      resolve(0)
    }
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  })
  const code = await Promise.race([stopped, fatal.catch(err => reportError(err))])
  await stop()
  return code
}
