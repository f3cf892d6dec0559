/**
 * Reads the model builder's node-graph format, `{nodes: [{id, op, params}], edges: [[from, to]]}`,
 * into a raw graph. `op` uses the same layer class names as Keras; edges are listed in argument
 * order, which matters for Concatenate. Graph inputs are the Input nodes; outputs are the nodes
 * listed in an optional `outputs` field, or else every node nothing reads from.
 */
import { isPlainObject } from './json-guard.js'
import { ModelValidationError, quoteId } from './model-error.js'
import type { RawGraph, RawNode } from './types.js'

const INPUT_OPS: readonly string[] = ['Input', 'InputLayer']

function formatError (message: string, nodeId?: string): ModelValidationError {
  return new ModelValidationError('ERR_MODEL_FORMAT', message, nodeId)
}

/** True when a value looks like a node-graph definition (so format detection can pick it). */
export function isNodeGraph (value: Record<string, unknown>): boolean {
  return Array.isArray(value.nodes) && !('class_name' in value)
}

/** Builder ids may be strings or integers; both become strings. */
function readId (v: unknown, where: string): string {
  if (typeof v === 'string') return v
  if (Number.isSafeInteger(v)) return String(v)
  throw formatError(`${where}: id must be a string or an integer`)
}

/** `[from, to]`, or `{from, to}` / `{source, target}` as graph UIs often write edges. */
function readEdge (edge: unknown, i: number): [string, string] {
  const where = `edge #${i}`
  if (Array.isArray(edge) && edge.length === 2) return [readId(edge[0], where), readId(edge[1], where)]
  if (isPlainObject(edge)) return [readId(edge.from ?? edge.source, where), readId(edge.to ?? edge.target, where)]
  throw formatError(`${where} is neither [from, to] nor {from, to}`)
}

/** Parse the builder format; structural checks beyond "every edge end exists" come later. */
export function parseNodeGraph (value: Record<string, unknown>, maxNodes: number): RawGraph {
  const list = value.nodes as unknown[]
  if (list.length > maxNodes) {
    throw new ModelValidationError('ERR_MODEL_TOO_LARGE', `${list.length} nodes, over the cap of ${maxNodes}`)
  }
  if (!Array.isArray(value.edges)) throw formatError('node graph has no edges list')
  const entries = list.map((n, i) => {
    if (!isPlainObject(n)) throw formatError(`node #${i} is not an object`)
    const id = readId(n.id, `node #${i}`)
    if (typeof n.op !== 'string') throw formatError('node has no op', id)
    const params = n.params ?? {}
    if (!isPlainObject(params)) throw formatError('params is not an object', id)
    return { id, op: n.op, params }
  })
  const inputsOf = new Map<string, string[]>()
  for (const e of entries) {
    if (inputsOf.has(e.id)) throw formatError('duplicate node id', e.id)
    inputsOf.set(e.id, [])
  }
  const hasOutgoing = new Set<string>()
  value.edges.forEach((edge, i) => {
    const [from, to] = readEdge(edge, i)
    for (const end of [from, to]) {
      if (!inputsOf.has(end)) {
        throw new ModelValidationError('ERR_MODEL_DANGLING_EDGE', `edge ${quoteId(from)} → ${quoteId(to)} points at a node that does not exist`, end)
      }
    }
    inputsOf.get(to)?.push(from)
    hasOutgoing.add(from)
  })
  const nodes = entries.map((e): RawNode => ({ id: e.id, className: e.op, config: e.params, inputs: inputsOf.get(e.id) ?? [] }))
  const isInput = (n: RawNode): boolean => INPUT_OPS.includes(n.className)
  let outputs: string[]
  if (value.outputs !== undefined) {
    if (!Array.isArray(value.outputs)) throw formatError('outputs is not a list')
    outputs = value.outputs.map((o, i) => readId(o, `output #${i}`))
  } else {
    // an Input that feeds nothing is left out, so it shows up as disconnected rather than as an output
    outputs = nodes.filter(n => !hasOutgoing.has(n.id) && !isInput(n)).map(n => n.id)
  }
  return {
    format: 'node-graph',
    name: typeof value.name === 'string' ? value.name : undefined,
    nodes,
    inputs: nodes.filter(isInput).map(n => n.id),
    outputs
  }
}
