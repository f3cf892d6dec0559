/**
 * `npm run bench:heartbeat` — how heartbeats reach the coordinator at 20, 50 and 100 peers.
 *
 * The coordinator runs in this process; the peers are real PeerDaemons in child processes
 * (peer-swarm.ts, ~20 per process) on 127.0.0.1. For each size: a fresh coordinator and
 * fresh peers, wait until every peer is online in the registry, warm up, then measure a window:
 * - latency: coordinator receive time (Date.now() when gossipsub emits the accepted message) minus
 *   the heartbeat's timestampMs (Date.now() of the sender, same host clock, 1 ms resolution);
 * - coordinator CPU: process.cpuUsage() of this process over the window, per 1,000 heartbeats;
 * - delivery: heartbeats received vs expected (peers × seconds at 1 Hz) and vs actually sent.
 * A benchmark, not a test: it prints numbers and asserts nothing.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { Command } from 'commander'
import type { Message } from '@libp2p/gossipsub'
import { Coordinator } from '../../coordinator/coordinator.js'
import { Heartbeat } from '../../protocols/heartbeat.js'
import { protocolIds } from '../../protocols/ids.js'
import { Liveness } from '../../protocols/nodes.js'
import type { SwarmReply, SwarmRequest, SwarmWindow } from './peer-swarm.js'

const SWARM = fileURLToPath(new URL('./peer-swarm.ts', import.meta.url))
const opts = new Command()
  .option('--sizes <list>', 'peer counts, comma-separated', '20,50,100')
  .option('--seconds <n>', 'measured window per size', '20')
  .option('--warmup <n>', 'seconds between all-online and the window', '5')
  .option('--interval <ms>', 'heartbeat interval of the bench network', '1000')
  .option('--per-process <n>', 'peer daemons per child process', '20')
  .parse().opts<{ sizes: string, seconds: string, warmup: string, interval: string, perProcess: string }>()
const sizes = opts.sizes.split(',').map(Number).filter(n => Number.isInteger(n) && n > 0)
const seconds = Number(opts.seconds)
const warmup = Number(opts.warmup)
const interval = Number(opts.interval)
const perProcess = Number(opts.perProcess)
const root = mkdtempSync(join(tmpdir(), 'cyxwiz-bench-hb-'))
const swarms = new Set<ChildProcess>()
const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

interface Row {
  peers: number
  received: number
  expected: number
  /** heartbeats the peers published with a timestampMs inside the window */
  sent: number
  /** of those, how many reached the coordinator (allowing 3 intervals after the window) */
  delivered: number
  p50: number
  p99: number
  max: number
  cpuPer1k: number
  /** coordinator CPU, fraction of one core */
  cpuCore: number
  loopP99: number
  swarmCore: number
  swarmLoopP99: number
  swarmLoopMax: number
  swarmGcMax: number
  connectionsPerPeer: number
  gapP99: number
  setupS: number
  /** heartbeats the coordinator's validators refused in the window, by action:code */
  refused: Map<string, number>
}

/** nearest-rank percentile of a sorted array */
function pct (sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] ?? Number.NaN
}

function startSwarm (index: number, count: number, coordinator: string, dir: string): ChildProcess {
  const child = fork(SWARM, ['--coordinator', coordinator, '--count', String(count), '--dir', join(dir, `swarm-${index}`), '--interval', String(interval)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  swarms.add(child)
  child.on('exit', () => swarms.delete(child))
  return child
}

/** the next reply of `type` from a child, or an error after `ms` */
async function reply<T extends SwarmReply['type']> (child: ChildProcess, type: T, ms: number): Promise<Extract<SwarmReply, { type: T }>> {
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { done(); reject(new Error(`no "${type}" from swarm ${child.pid} within ${ms} ms`)) }, ms)
    const onMessage = (msg: SwarmReply): void => {
      if (msg.type === 'failed') { done(); reject(new Error(`swarm ${child.pid} failed: ${msg.message}`)) }
      if (msg.type === type) { done(); resolve(msg as Extract<SwarmReply, { type: T }>) }
    }
    const onExit = (): void => { done(); reject(new Error(`swarm ${child.pid} exited`)) }
    const done = (): void => { clearTimeout(timer); child.off('message', onMessage); child.off('exit', onExit) }
    child.on('message', onMessage)
    child.on('exit', onExit)
  })
}

function tell (child: ChildProcess, msg: SwarmRequest): void {
  if (child.connected) child.send(msg)
}

async function stopSwarm (child: ChildProcess): Promise<void> {
  if (child.exitCode != null || child.signalCode != null) return
  const exited = new Promise(resolve => child.once('exit', resolve))
  tell(child, { type: 'stop' })
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

async function waitOnline (coordinator: Coordinator, n: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms
  while (coordinator.registry.counts()[Liveness.ONLINE] < n) {
    if (Date.now() > deadline) throw new Error(`only ${coordinator.registry.counts()[Liveness.ONLINE]} of ${n} peers online after ${ms / 1000} s`)
    await sleep(200)
  }
}

/** heartbeat validation outcomes other than accept, by `action:code` (the coordinator's counter) */
async function refusals (coordinator: Coordinator): Promise<Map<string, number>> {
  const out = new Map<string, number>()
  for (const v of (await coordinator.metrics.gossipValidation.get()).values) {
    if (v.labels.topic === 'heartbeat' && v.labels.action !== 'accept') out.set(`${v.labels.action}:${v.labels.code}`, v.value)
  }
  return out
}

async function runSize (n: number): Promise<Row> {
  const dir = join(root, `peers-${n}`)
  const setupStart = Date.now()
  const coordinator = await Coordinator.start({ dataDir: join(dir, 'coordinator'), listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: interval })
  const children: ChildProcess[] = []
  const topic = protocolIds().topics.heartbeat
  const latencies: number[] = []
  const beats = new Map<string, number[]>()
  let recording = false
  // the window on the senders' clock, for delivery: beats stamped in it, however late they arrive
  let fromMs = Number.POSITIVE_INFINITY
  let toMs = Number.POSITIVE_INFINITY
  let delivered = 0
  const onMessage = (evt: CustomEvent<Message>): void => {
    if (evt.detail.topic !== topic) return
    const now = Date.now()
    const hb = Heartbeat.decode(evt.detail.data)
    const stamped = Number(hb.timestampMs)
    if (stamped >= fromMs && stamped < toMs) delivered++
    if (!recording) return
    latencies.push(now - stamped)
    const list = beats.get(hb.nodeId) ?? []
    list.push(stamped)
    beats.set(hb.nodeId, list)
  }
  const pubsub = coordinator.node.services.pubsub
  pubsub.addEventListener('message', onMessage)
  try {
    const base = coordinator.multiaddrs()[0]
    if (base == null) throw new Error('the coordinator has no address')
    const addr = base.getComponents().some(c => c.name === 'p2p') ? base.toString() : `${base.toString()}/p2p/${coordinator.node.peerId.toString()}`
    const k = Math.ceil(n / perProcess)
    for (let i = 0; i < k; i++) children.push(startSwarm(i, Math.floor(n / k) + (i < n % k ? 1 : 0), addr, dir))
    await Promise.all(children.map(async c => await reply(c, 'ready', 180_000)))
    await waitOnline(coordinator, n, 120_000)
    const setupS = (Date.now() - setupStart) / 1000
    await sleep(warmup * 1000)

    const loop = monitorEventLoopDelay({ resolution: 10 })
    loop.enable()
    for (const c of children) tell(c, { type: 'window-start' })
    const refusedBefore = await refusals(coordinator)
    const cpuStart = process.cpuUsage()
    const t0 = performance.now()
    fromMs = Date.now()
    recording = true
    await sleep(seconds * 1000)
    recording = false
    toMs = Date.now()
    const cpu = process.cpuUsage(cpuStart)
    const elapsed = (performance.now() - t0) / 1000
    loop.disable()
    for (const c of children) tell(c, { type: 'window-end', fromMs, toMs })
    const windows: SwarmWindow[] = await Promise.all(children.map(async c => await reply(c, 'window', 30_000)))
    // beats stamped just before toMs may still be on their way; older than 3 intervals they are refused anyway
    await sleep(3 * interval)
    const refused = await refusals(coordinator)
    for (const [k, v] of refused) refused.set(k, v - (refusedBefore.get(k) ?? 0))

    latencies.sort((a, b) => a - b)
    const gaps: number[] = []
    for (const list of beats.values()) {
      list.sort((x, y) => x - y) // a beat relayed through another peer can overtake the previous one
      for (let i = 1; i < list.length; i++) gaps.push((list[i] ?? 0) - (list[i - 1] ?? 0))
    }
    gaps.sort((a, b) => a - b)
    const cpuMs = (cpu.user + cpu.system) / 1000
    return {
      peers: n,
      received: latencies.length,
      expected: n * elapsed * 1000 / interval,
      sent: windows.reduce((s, w) => s + w.sent, 0),
      delivered,
      p50: pct(latencies, 50),
      p99: pct(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      cpuPer1k: cpuMs / latencies.length * 1000,
      cpuCore: cpuMs / 1000 / elapsed,
      // the histogram records the whole 10 ms sampling period, not just the lag beyond it
      loopP99: Math.max(0, loop.percentile(99) / 1e6 - 10),
      swarmCore: windows.reduce((s, w) => s + w.cpuMicros / 1000 / w.elapsedMs, 0),
      swarmLoopP99: Math.max(...windows.map(w => w.loopDelayP99Ms)),
      swarmLoopMax: Math.max(...windows.map(w => w.loopDelayMaxMs)),
      swarmGcMax: Math.max(...windows.map(w => w.gcMaxMs)),
      connectionsPerPeer: windows.reduce((sum, w) => sum + w.connectionsPerPeer, 0) / Math.max(1, windows.length),
      gapP99: pct(gaps, 99),
      setupS,
      refused
    }
  } finally {
    pubsub.removeEventListener('message', onMessage)
    await Promise.all(children.map(stopSwarm))
    await coordinator.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

const f = (v: number, digits = 0): string => Number.isFinite(v) ? v.toFixed(digits) : '-'
const ratio = (v: number, b: number): string => Number.isFinite(v / b) ? `${(v / b).toFixed(2)}x` : '-'

function table (header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ')
  console.log(line(header))
  console.log(widths.map(w => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

function report (rows: Row[]): void {
  const b = rows[0]
  if (b == null) return
  console.log(`\nHeartbeat propagation to the coordinator (${seconds} s window per size, ratios vs the ${b.peers}-peer row)`)
  table(['peers', 'heartbeats', 'expected', 'delivery %', 'recv/sent %', 'p50 ms', 'p99 ms', 'max ms', 'coord CPU ms/1k hb', 'peers x', 'p50 x', 'p99 x', 'CPU/1k x'],
    rows.map(r => [String(r.peers), String(r.received), f(r.expected), f(100 * r.received / r.expected, 1), f(100 * r.delivered / r.sent, 1),
      f(r.p50), f(r.p99), f(r.max), f(r.cpuPer1k, 1), ratio(r.peers, b.peers), ratio(r.p50, b.p50), ratio(r.p99, b.p99), ratio(r.cpuPer1k, b.cpuPer1k)]))
  console.log('\nLoad and timer slip during the window')
  table(['peers', 'coord CPU % core', 'coord loop-lag p99 ms', 'peer procs', 'peer procs CPU % core (sum)', 'worst peer-proc loop-lag p99 / max ms', 'peer-proc GC max ms', 'conns per peer', 'send-gap p99 ms', 'setup s'],
    rows.map(r => [String(r.peers), f(100 * r.cpuCore, 1), f(r.loopP99, 1), String(Math.ceil(r.peers / perProcess)), f(100 * r.swarmCore, 1),
      `${f(r.swarmLoopP99, 1)} / ${f(r.swarmLoopMax, 1)}`, f(r.swarmGcMax, 1), f(r.connectionsPerPeer, 1), f(r.gapP99), f(r.setupS, 1)]))
  for (const r of rows) {
    const refused = [...r.refused].filter(([, v]) => v > 0).map(([k, v]) => `${k} ${v}`)
    if (refused.length > 0) console.log(`${r.peers} peers: heartbeats refused by the coordinator's validators in the window: ${refused.join(', ')}`)
  }
  console.log(`\nlatency: Date.now() at the coordinator's gossipsub 'message' event minus the sender's timestampMs (same clock, 1 ms resolution, so p50 0-1 ms means "under a millisecond")`)
  console.log('delivery: heartbeats received in the window / (peers x seconds); recv/sent: of the beats the peers published with a timestamp in the window, the share that reached the coordinator')
  console.log(`send-gap: sender-clock time between consecutive received beats of one peer; ${interval} ms when neither a timer slipped nor a beat was lost`)
  console.log('loop-lag: event-loop delay beyond a 10 ms timer (monitorEventLoopDelay), the timer slip a heartbeat timer would see')
  console.log('coordinator CPU includes everything in its process: gossipsub, signature checks, validation, level writes, and this bench\'s own decode')
}

function cleanup (): void {
  for (const c of swarms) c.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
}

process.on('SIGINT', () => {
  console.log('\ninterrupted: stopping the peer processes')
  cleanup()
  process.exit(130)
})

async function main (): Promise<void> {
  console.log(`heartbeat-propagation: sizes ${sizes.join(', ')}; ${seconds} s window after ${warmup} s warm-up; heartbeat interval ${interval} ms; ` +
    `${perProcess} peers per child process; Node ${process.version}, ${cpus().length} cores; 127.0.0.1 only`)
  console.log('peers use FIXED hardware readings (readHardware stub, 8-core/1-GPU snapshot), not systeminformation')
  const rows: Row[] = []
  for (const n of sizes) {
    console.log(`\n[${n} peers] starting ${Math.ceil(n / perProcess)} peer process(es)...`)
    try {
      const row = await runSize(n)
      rows.push(row)
      console.log(`[${n} peers] online after ${f(row.setupS, 1)} s; ${row.received} heartbeats in the window, p50 ${f(row.p50)} ms, p99 ${f(row.p99)} ms`)
    } catch (err) {
      console.log(`[${n} peers] skipped: ${err instanceof Error ? err.message : String(err)}`)
    }
  }
  report(rows)
}

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
}).finally(() => {
  cleanup()
  // libp2p and level leave timers behind after stop; a bench must end by itself
  process.exit()
})
