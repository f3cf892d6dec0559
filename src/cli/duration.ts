/**
 * Durations on the command line read as `10s`, `500ms`, `2m` (the `ms` package); a bare number is
 * milliseconds. Anything else, zero, or a negative value is an InvalidArgumentError.
 */
import ms, { type StringValue } from 'ms'
import { InvalidArgumentError } from '../errors.js'

export function parseDuration (text: string, { min = 1, max = 24 * 3600_000 }: { min?: number, max?: number } = {}): number {
  const trimmed = text.trim()
  let value: number | undefined
  try {
    value = /^\d+$/.test(trimmed) ? Number(trimmed) : ms(trimmed as StringValue)
  } catch {} // ms throws on an empty string
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError(`"${text}" is not a duration (use e.g. 10s, 500ms, 2m)`, 'ERR_INVALID_DURATION')
  }
  if (value < min || value > max) {
    throw new InvalidArgumentError(`duration "${text}" must be between ${ms(min)} and ${ms(max)}`, 'ERR_INVALID_DURATION')
  }
  return Math.round(value)
}
