/**
 * First line of defence for a definition that may be hostile: bounded size, bounded nesting, plain
 * JSON data only. Runs before any format parsing, so everything after it can walk the value
 * without worrying about cycles, getters on exotic objects, or being made to do unbounded work.
 */
import { ModelValidationError } from './model-error.js'
import type { ModelOptions } from './caps.js'

type GuardCaps = Pick<ModelOptions, 'maxJsonBytes' | 'maxJsonDepth'>

/**
 * Turn a definition (JSON text or an already parsed value) into checked plain JSON data.
 * Throws ERR_MODEL_TOO_LARGE over the size or depth caps, ERR_MODEL_FORMAT for what is not JSON,
 * ERR_MODEL_FORBIDDEN_LAYER for functions (a definition never carries code).
 */
export function readDefinition (definition: unknown, caps: GuardCaps): unknown {
  let value = definition
  if (typeof definition === 'string') {
    // the length test is a cheap early exit; byte length is the real cap (UTF-8 can triple it)
    if (definition.length > caps.maxJsonBytes || Buffer.byteLength(definition, 'utf8') > caps.maxJsonBytes) {
      throw new ModelValidationError('ERR_MODEL_TOO_LARGE', `definition is over the ${caps.maxJsonBytes}-byte cap`)
    }
    try {
      value = JSON.parse(definition)
    } catch (err) {
      throw new ModelValidationError('ERR_MODEL_FORMAT', 'definition is not valid JSON', undefined, err)
    }
  } else if (definition instanceof Uint8Array) {
    throw new ModelValidationError('ERR_MODEL_FORMAT', 'definition must be JSON text or a parsed value, not bytes')
  }
  new JsonWalker(caps).walk(value, 1)
  return value
}

/** True for `{}`-style objects: no class instances, no exotic prototypes. */
export function isPlainObject (v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false
  const proto: unknown = Object.getPrototypeOf(v)
  return proto === Object.prototype || proto === null
}

/** Walks a value once, counting an estimate of its JSON size as it goes. */
class JsonWalker {
  private bytes = 0

  constructor (private readonly caps: GuardCaps) {}

  walk (v: unknown, depth: number): void {
    switch (typeof v) {
      case 'undefined':
        // an in-process caller may leave optional fields undefined; JSON would drop them
        return
      case 'boolean':
        return this.spend(5)
      case 'number':
        if (!Number.isFinite(v)) throw new ModelValidationError('ERR_MODEL_FORMAT', `non-finite number ${v} in definition`)
        return this.spend(String(v).length)
      case 'string':
        return this.spend(v.length + 2)
      case 'function':
        throw new ModelValidationError('ERR_MODEL_FORBIDDEN_LAYER', 'definition contains a function; a model never carries code')
      case 'object':
        if (v === null) return this.spend(4)
        break
      default:
        throw new ModelValidationError('ERR_MODEL_FORMAT', `definition contains a ${typeof v}, which JSON cannot hold`)
    }
    // an object graph with a cycle, or shared sub-objects repeated exponentially, trips one of these
    if (depth > this.caps.maxJsonDepth) {
      throw new ModelValidationError('ERR_MODEL_TOO_LARGE', `definition nests deeper than ${this.caps.maxJsonDepth} levels`)
    }
    if (Array.isArray(v)) {
      this.spend(2 + v.length)
      for (let i = 0; i < v.length; i++) this.walk(v[i], depth + 1)
      return
    }
    if (!isPlainObject(v)) {
      throw new ModelValidationError('ERR_MODEL_FORMAT', 'definition contains an object that is not plain JSON data')
    }
    const keys = Object.keys(v)
    this.spend(2 + keys.length)
    for (const key of keys) {
      this.spend(key.length + 3)
      this.walk(v[key], depth + 1)
    }
  }

  private spend (n: number): void {
    this.bytes += n
    if (this.bytes > this.caps.maxJsonBytes) {
      throw new ModelValidationError('ERR_MODEL_TOO_LARGE', `definition is over the ${this.caps.maxJsonBytes}-byte cap`)
    }
  }
}
