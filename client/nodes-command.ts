/**
 * `cyxwiz nodes`: asks the coordinator over the nodes protocol for its view of the network (each
 * node's liveness, last offer, heartbeat and hardware metrics) and prints a table or JSON.
 */
import type { Command } from 'commander'
import { multiaddr } from '@multiformats/multiaddr'
import { protocolIds } from '../protocols/ids.js'
import { Liveness, NodesRequest, NodesResponse, type NodeInfo } from '../protocols/nodes.js'
import { Heartbeat, WorkStatus, type HardwareMetrics } from '../protocols/heartbeat.js'
import { Availability, DeviceKind } from '../protocols/availability.js'
import { createClientNode } from '../src/network/node.js'
import { request } from '../src/network/stream.js'
import { ago, bytes, oneLine, out, table } from '../src/cli/output.js'
import { action } from '../src/cli/run.js'
import { multiaddrArg, networkArg, resolveCoordinator } from '../src/cli/options.js'
import { InvalidArgumentError, ProtocolError } from '../src/errors.js'

/** one page of the coordinator's answer: up to 500 nodes of ~1 KiB (at most ~20 KiB) each */
const MAX_RESPONSE = 16 * 1024 * 1024
/**
 * pages read at most: 400 pages of the coordinator's 500 is 200,000 nodes, ten times its default
 * registry cap; a coordinator handing out cursors forever is stopped here
 */
const MAX_PAGES = 400

export interface NodeView {
  node_id: string
  status: string
  first_seen: string
  last_seen: string
  last_seen_ms_ago: number
  offer?: Omit<Availability, 'nodeId'>
  heartbeat?: Omit<Heartbeat, 'nodeId' | 'metrics'>
  metrics?: HardwareMetrics
}

function decodeOr<T> (bytes: Uint8Array, decode: (b: Uint8Array) => T): T | undefined {
  if (bytes.byteLength === 0) return undefined
  try {
    return decode(bytes)
  } catch {
    return undefined
  }
}

export function toView (n: NodeInfo, nowMs: number): NodeView {
  const hb = decodeOr(n.heartbeat, b => Heartbeat.decode(b))
  const av = decodeOr(n.availability, b => Availability.decode(b))
  const { nodeId: _a, ...offer } = av ?? { nodeId: '' }
  const { nodeId: _b, metrics, ...beat } = hb ?? { nodeId: '', metrics: undefined }
  return {
    node_id: n.nodeId,
    status: n.status.toLowerCase(),
    first_seen: new Date(Number(n.firstSeenMs)).toISOString(),
    last_seen: n.lastSeenMs === 0n ? '' : new Date(Number(n.lastSeenMs)).toISOString(),
    last_seen_ms_ago: n.lastSeenMs === 0n ? -1 : nowMs - Number(n.lastSeenMs),
    ...(av != null ? { offer: offer as Omit<Availability, 'nodeId'> } : {}),
    ...(hb != null ? { heartbeat: beat as Omit<Heartbeat, 'nodeId' | 'metrics'> } : {}),
    ...(metrics != null ? { metrics } : {})
  }
}

/** Fetches the node list from a coordinator, page by page over one connection. */
export async function fetchNodes (coordinator: string, network = 'cyxwiz', status?: Liveness): Promise<NodesResponse> {
  const client = await createClientNode()
  try {
    const nodes: NodeInfo[] = []
    let after = ''
    for (let page = 0; page < MAX_PAGES; page++) {
      const res = await request<NodesRequest, NodesResponse>(client, multiaddr(coordinator), protocolIds(network).protocols.nodes,
        { value: { ...(status != null ? { status } : {}), after, limit: 0 }, codec: NodesRequest }, NodesResponse, { timeout: 15_000, maxSize: MAX_RESPONSE })
      if (res.code !== '') throw new ProtocolError(`coordinator answered ${res.code}: ${res.message}`)
      nodes.push(...res.nodes)
      if (res.next === '') return { ...res, nodes }
      // a cursor that does not move forward would repeat pages forever
      if (res.next <= after) throw new ProtocolError(`coordinator answered a cursor that does not move forward ("${res.next.slice(0, 64)}")`)
      after = res.next
    }
    throw new ProtocolError(`coordinator still had more nodes after ${MAX_PAGES} pages`)
  } finally {
    await client.stop()
  }
}

function row (v: NodeView): string[] {
  const m = v.metrics
  const load = m != null && m.cores.length > 0 ? `${(m.cores.reduce((s, c) => s + c.loadPercent, 0) / m.cores.length).toFixed(0)}%` : '-'
  const temp = m?.cpuTemperatureC != null ? `${m.cpuTemperatureC.toFixed(0)}°C` : '-'
  return [
    v.node_id.slice(-12),
    v.status,
    v.last_seen_ms_ago < 0 ? 'never' : ago(v.last_seen_ms_ago),
    v.heartbeat != null ? WorkStatus[v.heartbeat.status].toLowerCase() : '-',
    v.offer != null ? `${v.offer.deviceKind === DeviceKind.GPU ? 'GPU' : 'CPU'} ${oneLine(v.offer.deviceModel)}`.slice(0, 28) : '-',
    v.offer != null ? String(v.offer.cpuCores) : '-',
    v.offer != null ? bytes(v.offer.ramBytes) : '-',
    oneLine(v.offer?.backends.join(',') ?? '-'),
    v.offer?.pricePerUnit ?? '-',
    v.offer?.location === '' ? '-' : oneLine(v.offer?.location ?? '-'),
    load,
    temp,
    m != null ? `${bytes(m.ramUsedBytes)}/${bytes(m.ramTotalBytes)}` : '-'
  ]
}

async function showNodes (flags: { coordinator?: string, status?: string, json?: boolean, network?: string }): Promise<void> {
  let status: Liveness | undefined
  if (flags.status != null) {
    status = (Liveness as Record<string, unknown>)[flags.status.toUpperCase()] as Liveness | undefined
    if (typeof status !== 'string') throw new InvalidArgumentError(`--status must be online, stale or offline, not "${flags.status}"`)
  }
  const res = await fetchNodes(await resolveCoordinator(flags.coordinator), flags.network, status)
  const views = res.nodes.map(n => toView(n, Number(res.nowMs)))
  if (flags.json === true) {
    out.json(views)
    return
  }
  if (views.length === 0) {
    out.line('no nodes yet')
    return
  }
  out.line(table(['NODE', 'STATUS', 'LAST SEEN', 'WORK', 'DEVICE', 'CORES', 'RAM', 'BACKENDS', 'PRICE', 'LOCATION', 'CPU', 'TEMP', 'MEM USED'], views.map(row)))
  const count = (s: string): number => views.filter(v => v.status === s).length
  out.line(`\n${views.length} nodes: ${count('online')} online, ${count('stale')} stale, ${count('offline')} offline`)
}

export function nodesCommands (program: Command): void {
  program.command('nodes')
    .description('show the coordinator\'s view of the network')
    .option('--coordinator <multiaddr>', 'coordinator address (default: the local coordinator\'s multiaddrs file)', multiaddrArg)
    .option('--status <status>', 'only online, stale or offline nodes')
    .option('--network <name>', 'network name', networkArg, 'cyxwiz')
    .option('--json', 'print JSON')
    .action(action(showNodes))
}
