/**
 * Typed, checked access to one layer's config. Keys are read in snake_case whatever the writer
 * used (Keras and tfjs `toJSON` write snake_case, hand-written tfjs-style configs use camelCase);
 * `null` means "the default", as in Keras. Every bad value throws ERR_MODEL_PARAM naming the node.
 */
import { ModelValidationError } from './model-error.js'
import { ACTIVATIONS, type Activation } from './types.js'

/** tfjs shapes are int32; no real dimension comes near this. */
const MAX_DIM = 2 ** 31 - 1
/** Highest per-sample rank accepted; tfjs kernels stop at rank 6 for most ops. */
const MAX_RANK = 8

/** Activation spellings that mean a whitelisted one (tfjs camelCase, Keras 3 aliases). */
const ACTIVATION_ALIASES: Readonly<Record<string, Activation>> = { silu: 'swish', hardsigmoid: 'hard_sigmoid' }

/** A config value for a message: hostile values can be huge, so only the start is shown. */
function show (v: unknown): string {
  return (JSON.stringify(v) ?? String(v)).slice(0, 40)
}

/** `kernelSize` → `kernel_size`; snake_case keys pass through. */
export function toSnakeCase (key: string): string {
  return key.replace(/[A-Z]/g, c => `_${c.toLowerCase()}`)
}

/** Reads one layer's config; see the module comment. */
export class LayerConfig {
  private readonly values = new Map<string, unknown>()

  constructor (readonly nodeId: string, raw: Readonly<Record<string, unknown>>) {
    for (const [key, value] of Object.entries(raw)) {
      const snake = toSnakeCase(key)
      if (this.values.has(snake) && JSON.stringify(this.values.get(snake)) !== JSON.stringify(value)) {
        this.fail(`${show(snake)} is given twice (snake_case and camelCase) with different values`)
      }
      this.values.set(snake, value)
    }
  }

  /** Throw ERR_MODEL_PARAM for this node. */
  fail (message: string): never {
    throw new ModelValidationError('ERR_MODEL_PARAM', message, this.nodeId)
  }

  /** Throw ERR_MODEL_SHAPE for this node. */
  shapeFail (message: string): never {
    throw new ModelValidationError('ERR_MODEL_SHAPE', message, this.nodeId)
  }

  /** The raw value, `undefined` when absent or null. */
  get (key: string): unknown {
    const v = this.values.get(key)
    return v === null ? undefined : v
  }

  positiveInt (key: string, def?: number): number {
    const v = this.get(key) ?? def
    if (v === undefined) this.fail(`${key} is required`)
    if (!Number.isInteger(v) || (v as number) < 1 || (v as number) > MAX_DIM) this.fail(`${key} must be a positive integer, got ${show(v)}`)
    return v as number
  }

  int (key: string, def: number): number {
    const v = this.get(key) ?? def
    if (!Number.isSafeInteger(v)) this.fail(`${key} must be an integer, got ${show(v)}`)
    return v as number
  }

  number (key: string, def: number | undefined, min: number, max: number): number | undefined {
    const v = this.get(key) ?? def
    if (v === undefined) return undefined
    if (typeof v !== 'number' || !(v >= min && v <= max)) this.fail(`${key} must be a number in [${min}, ${max}], got ${show(v)}`)
    return v
  }

  bool (key: string, def: boolean): boolean {
    const v = this.get(key) ?? def
    if (typeof v !== 'boolean') this.fail(`${key} must be true or false, got ${show(v)}`)
    return v
  }

  oneOf<T extends string> (key: string, allowed: readonly T[], def: T): T {
    const v = this.get(key) ?? def
    if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
      this.fail(`${key} must be one of ${allowed.join(', ')}, got ${show(v)}`)
    }
    return v as T
  }

  /** A 2-D window size: `3` or `[3, 3]` (Keras writes lists, tfjs accepts both). */
  intPair (key: string, def?: readonly [number, number]): [number, number] {
    const v = this.get(key) ?? def
    if (v === undefined) this.fail(`${key} is required`)
    const pair = typeof v === 'number' ? [v, v] : v
    if (!Array.isArray(pair) || pair.length !== 2 || !pair.every(n => Number.isInteger(n) && n >= 1 && n <= MAX_DIM)) {
      this.fail(`${key} must be a positive integer or a pair of them, got ${show(v)}`)
    }
    return [pair[0] as number, pair[1] as number]
  }

  /** A whitelisted activation; absent means linear, as in Keras. */
  activation (key = 'activation', required = false): Activation {
    const v = this.get(key)
    if (v === undefined) {
      if (required) this.fail(`${key} is required`)
      return 'linear'
    }
    if (typeof v !== 'string') this.fail(`${key} must be an activation name`)
    const snake = toSnakeCase(v)
    const squashed = snake.replace(/_/g, '')
    const name = Object.hasOwn(ACTIVATION_ALIASES, squashed) ? ACTIVATION_ALIASES[squashed] as Activation : snake
    if (!(ACTIVATIONS as readonly string[]).includes(name)) {
      this.fail(`unknown activation ${show(v)} (allowed: ${ACTIVATIONS.join(', ')})`)
    }
    return name as Activation
  }

  /** Only channels_last is supported: it is what tfjs runs on every backend. */
  channelsLast (): void {
    this.oneOf('data_format', ['channels_last'], 'channels_last')
  }

  /**
   * A per-sample shape: positive integers, or with `allowWildcard` at most one -1 (Reshape).
   * A null (unknown) size is a shape error: FLOPs could not be bounded.
   */
  dims (value: unknown, what: string, allowWildcard = false): number[] {
    if (!Array.isArray(value) || value.length > MAX_RANK) this.fail(`${what} must be a list of at most ${MAX_RANK} sizes`)
    let wildcards = 0
    for (const d of value) {
      if (d === null) this.shapeFail(`${what} has an unknown size; every size except the batch must be known`)
      if (allowWildcard && d === -1 && ++wildcards === 1) continue
      if (!Number.isInteger(d) || d < 1 || d > MAX_DIM) this.fail(`${what} has an invalid size ${show(d)}`)
    }
    return value as number[]
  }

  /** Resolve an axis against a rank counting the batch dimension, as Keras does; returns the per-sample index. */
  axis (key: string, def: number, rankWithBatch: number): number {
    let v = this.get(key) ?? def
    // Keras 3 may write a one-element list
    if (Array.isArray(v) && v.length === 1) v = v[0]
    if (!Number.isInteger(v)) this.fail(`${key} must be an integer axis, got ${show(v)}`)
    const axis = (v as number) < 0 ? (v as number) + rankWithBatch : (v as number)
    if (axis < 1 || axis >= rankWithBatch) this.shapeFail(`${key}=${String(v)} is not a feature axis of a rank-${rankWithBatch} input`)
    return axis - 1
  }
}
