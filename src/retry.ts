/**
 * The retry schedule for outbound calls that can fail for a transient reason: try, then
 * retry after 1, 2, 4, 8 and 16 s (p-retry, no jitter so the schedule is the documented one), and
 * only for retryable errors — a named error says whether it is (`CyxwizError.retryable`); anything
 * else that escapes a call (a reset stream, a refused dial) is a transport failure and is retried.
 * `base` scales the whole schedule (tests run it 10× faster).
 */
import pRetry from 'p-retry'
import { isCyxwizError } from './errors.js'

/** the delays before each retry, at base 1000 ms */
export const RETRY_SCHEDULE_MS: readonly number[] = [1000, 2000, 4000, 8000, 16000]

export interface RetryOptions {
  /** the first delay, ms; each next one doubles (default 1000: retries after 1, 2, 4, 8, 16 s) */
  base?: number
  signal?: AbortSignal
  /** called before each retry with the attempt that failed (1-based) and the delay that follows */
  onRetry?: (attempt: number, delayMs: number, error: Error) => void
}

export const isRetryable = (err: unknown): boolean => !isCyxwizError(err) || err.retryable

/** runs `fn` with the schedule; the last error is thrown once every retry has failed */
export async function withRetries<T> (fn: () => Promise<T>, o: RetryOptions = {}): Promise<T> {
  const base = o.base ?? 1000
  return await pRetry(fn, {
    retries: RETRY_SCHEDULE_MS.length,
    factor: 2,
    minTimeout: base,
    maxTimeout: base * 2 ** (RETRY_SCHEDULE_MS.length - 1),
    randomize: false,
    ...(o.signal != null ? { signal: o.signal } : {}),
    shouldRetry: ({ error }) => isRetryable(error),
    onFailedAttempt: ({ error, attemptNumber, retriesLeft, retryDelay }) => {
      if (retriesLeft > 0 && isRetryable(error)) o.onRetry?.(attemptNumber, retryDelay, error)
    }
  })
}
