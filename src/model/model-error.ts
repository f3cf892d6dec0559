/**
 * The one error class of the model module. Every way a definition can be refused has its own code,
 * and where a single node is to blame its id rides along, so a builder UI can highlight it without
 * parsing the message.
 */
import { CyxwizError } from '../errors.js'

/** Every code a model definition can be refused with. */
export type ModelErrorCode =
  /** none of the accepted formats, not JSON, or structurally malformed (duplicate ids, shared layers) */
  | 'ERR_MODEL_FORMAT'
  /** over the JSON size, nesting depth, node count or per-tensor element caps */
  | 'ERR_MODEL_TOO_LARGE'
  /** the graph loops back on itself */
  | 'ERR_MODEL_CYCLE'
  /** an edge, inbound reference or declared input/output names a node that does not exist */
  | 'ERR_MODEL_DANGLING_EDGE'
  /** a node is not on any path from a model input to a model output */
  | 'ERR_MODEL_DISCONNECTED'
  /** no input layer, or a declared input that is not an InputLayer */
  | 'ERR_MODEL_NO_INPUT'
  /** no output layer, or an input layer declared as an output */
  | 'ERR_MODEL_NO_OUTPUT'
  /** a standard Keras layer that is not (yet) on the whitelist */
  | 'ERR_MODEL_UNKNOWN_LAYER'
  /** Lambda, a custom or registered class, or anything in a config that could carry code */
  | 'ERR_MODEL_FORBIDDEN_LAYER'
  /** a layer parameter is missing, of the wrong type, out of range or unsupported */
  | 'ERR_MODEL_PARAM'
  /** input shapes a layer cannot take (wrong rank, mismatched merge, bad reshape, unknown size) */
  | 'ERR_MODEL_SHAPE'
  /** more weights than `maxParams` */
  | 'ERR_MODEL_PARAMS_CAP'
  /** more forward FLOPs per sample than `maxFlopsPerSample` */
  | 'ERR_MODEL_FLOPS_CAP'
  /** more activation elements per sample than `maxActivationElementsPerSample` (training memory) */
  | 'ERR_MODEL_MEMORY_CAP'

/** Longest node id quoted in a message; ids come from hostile input and end up in logs. */
const MAX_QUOTED_ID = 64

/** Quote an id for a message, shortened and with control characters replaced. */
export function quoteId (id: string): string {
  const clean = id.replace(/[\p{Cc}]/gu, '?')
  return JSON.stringify(clean.length > MAX_QUOTED_ID ? `${clean.slice(0, MAX_QUOTED_ID)}…` : clean)
}

/**
 * A model definition was refused. Never retryable: the same definition fails the same way.
 * `nodeId` names the node at fault when there is one (for cap errors, the largest contributor).
 */
export class ModelValidationError extends CyxwizError {
  declare readonly code: ModelErrorCode
  readonly nodeId: string | undefined

  constructor (code: ModelErrorCode, message: string, nodeId?: string, cause?: unknown) {
    super(code, nodeId === undefined ? message : `node ${quoteId(nodeId)}: ${message}`, { retryable: false, cause })
    this.name = 'ModelValidationError'
    this.nodeId = nodeId
  }
}

/** Narrowing helper for catch blocks. */
export function isModelValidationError (err: unknown): err is ModelValidationError {
  return err instanceof ModelValidationError
}
