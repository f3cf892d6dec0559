/**
 * Structural checks on a raw graph, format-independent: ids usable, every edge end present, inputs
 * and outputs declared, no cycle, and every node on some input → output path. Returns a
 * topological order so later stages can infer shapes in one pass.
 */
import { ModelValidationError, quoteId } from './model-error.js'
import type { RawGraph, RawNode } from './types.js'

/** Longest id accepted; Keras names are short, builder ids are UUIDs at most. */
const MAX_ID_LENGTH = 256

const isInputClass = (n: RawNode): boolean => n.className === 'InputLayer' || n.className === 'Input'

function checkIds (graph: RawGraph, maxNodes: number): Map<string, RawNode> {
  if (graph.nodes.length > maxNodes) {
    throw new ModelValidationError('ERR_MODEL_TOO_LARGE', `${graph.nodes.length} nodes, over the cap of ${maxNodes}`)
  }
  const byId = new Map<string, RawNode>()
  for (const node of graph.nodes) {
    if (node.id.length === 0 || node.id.length > MAX_ID_LENGTH || /[\p{Cc}]/u.test(node.id)) {
      throw new ModelValidationError('ERR_MODEL_FORMAT', `node id must be 1–${MAX_ID_LENGTH} printable characters`, node.id)
    }
    if (byId.has(node.id)) throw new ModelValidationError('ERR_MODEL_FORMAT', 'two nodes share this id', node.id)
    byId.set(node.id, node)
  }
  return byId
}

function checkEnds (graph: RawGraph, byId: ReadonlyMap<string, RawNode>): void {
  for (const node of graph.nodes) {
    for (const from of node.inputs) {
      if (!byId.has(from)) {
        throw new ModelValidationError('ERR_MODEL_DANGLING_EDGE', `edge ${quoteId(from)} → ${quoteId(node.id)} starts at a node that does not exist`, from)
      }
    }
  }
  for (const [list, what] of [[graph.inputs, 'input'], [graph.outputs, 'output']] as const) {
    for (const id of list) {
      if (!byId.has(id)) throw new ModelValidationError('ERR_MODEL_DANGLING_EDGE', `model ${what} names a node that does not exist`, id)
    }
  }
  if (graph.inputs.length === 0) throw new ModelValidationError('ERR_MODEL_NO_INPUT', 'model declares no input layer')
  if (graph.outputs.length === 0) throw new ModelValidationError('ERR_MODEL_NO_OUTPUT', 'model declares no output layer')
  for (const id of graph.inputs) {
    if (!isInputClass(byId.get(id) as RawNode)) {
      throw new ModelValidationError('ERR_MODEL_NO_INPUT', 'declared as a model input but is not an InputLayer', id)
    }
  }
  for (const id of graph.outputs) {
    if (isInputClass(byId.get(id) as RawNode)) {
      throw new ModelValidationError('ERR_MODEL_NO_OUTPUT', 'an input layer cannot be a model output; outputs must compute something', id)
    }
  }
}

/** For each node, the nodes reading it (once per edge, so Add(x, x) counts twice). */
function consumersOf (graph: RawGraph): Map<string, string[]> {
  const consumers = new Map<string, string[]>()
  for (const node of graph.nodes) {
    for (const from of node.inputs) {
      const list = consumers.get(from)
      if (list === undefined) consumers.set(from, [node.id])
      else list.push(node.id)
    }
  }
  return consumers
}

/** Kahn's algorithm in listing order (stable), or the cycle that stops it. */
function topologicalOrder (graph: RawGraph, byId: ReadonlyMap<string, RawNode>): string[] {
  const pending = new Map<string, number>()
  for (const node of graph.nodes) pending.set(node.id, node.inputs.length)
  const consumers = consumersOf(graph)
  const ready = graph.nodes.filter(n => n.inputs.length === 0).map(n => n.id)
  const order: string[] = []
  for (let i = 0; i < ready.length; i++) {
    const id = ready[i] as string
    order.push(id)
    for (const next of consumers.get(id) ?? []) {
      const left = (pending.get(next) as number) - 1
      pending.set(next, left)
      if (left === 0) ready.push(next)
    }
  }
  if (order.length === graph.nodes.length) return order
  // every node left over has an input that is also left over, so walking inputs must loop
  const left = new Set(graph.nodes.map(n => n.id).filter(id => (pending.get(id) as number) > 0))
  const seen: string[] = []
  let at = left.values().next().value as string
  while (!seen.includes(at)) {
    seen.push(at)
    at = (byId.get(at) as RawNode).inputs.find(i => left.has(i)) as string
  }
  // `seen` runs against the edges (consumer before producer); print the loop the way data flows
  const loop = seen.slice(seen.indexOf(at))
  const path = [at, ...loop.slice(1).reverse(), at]
  throw new ModelValidationError('ERR_MODEL_CYCLE', `is on a cycle: ${path.map(quoteId).join(' → ')}`, at)
}

function reach (starts: readonly string[], next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set(starts)
  const stack = [...starts]
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    for (const n of next(id)) {
      if (!seen.has(n)) {
        seen.add(n)
        stack.push(n)
      }
    }
  }
  return seen
}

function checkConnected (graph: RawGraph, byId: ReadonlyMap<string, RawNode>): void {
  const consumers = consumersOf(graph)
  const fromInputs = reach(graph.inputs, id => consumers.get(id) ?? [])
  const toOutputs = reach(graph.outputs, id => (byId.get(id) as RawNode).inputs)
  for (const node of graph.nodes) {
    if (!fromInputs.has(node.id)) {
      throw new ModelValidationError('ERR_MODEL_DISCONNECTED', 'is not reached from any model input', node.id)
    }
    if (!toOutputs.has(node.id)) {
      throw new ModelValidationError('ERR_MODEL_DISCONNECTED', 'does not lead to any model output', node.id)
    }
  }
}

/**
 * Run every structural check and return node ids in topological order. Order of checks: caps and
 * ids, edge ends, inputs/outputs, cycles, connectivity — so each error is the most basic one.
 */
export function checkGraph (graph: RawGraph, maxNodes: number): string[] {
  const byId = checkIds(graph, maxNodes)
  checkEnds(graph, byId)
  const order = topologicalOrder(graph, byId)
  checkConnected(graph, byId)
  return order
}
