/**
 * A child process of the heartbeat-propagation bench: runs `--count` real peer daemons that
 * bootstrap from `--coordinator`, each with its own data dir under `--dir`. One process
 * carries about 20 libp2p nodes at 1 Hz before timers slip, so the bench forks one of these per
 * ~20 peers. It talks to its parent over the IPC channel (SwarmRequest / SwarmReply) and exits when
 * told to, or when the parent goes away (the channel disconnects).
 */
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks'
import { Command } from 'commander'
import { PeerDaemon } from '../../peer/daemon.js'
import { protocolIds } from '../../protocols/ids.js'
import { Heartbeat } from '../../protocols/heartbeat.js'
import type { RawHardware } from '../../src/metrics/hardware.js'

/** parent → child */
export type SwarmRequest =
  | { type: 'window-start' }
  /** the window as the parent's clock saw it: a lagging child gets these messages late */
  | { type: 'window-end', fromMs: number, toMs: number }
  | { type: 'stop' }

/** what a child measured over one window */
export interface SwarmWindow {
  /** heartbeats its daemons handed to gossipsub whose timestampMs lies in [fromMs, toMs) */
  sent: number
  /** user + system CPU of the whole child between its window-start and window-end, µs */
  cpuMicros: number
  /** wall time between the child receiving window-start and window-end, ms */
  elapsedMs: number
  /** event-loop delay of the child beyond the 10 ms sampling period, ms */
  loopDelayP99Ms: number
  loopDelayMaxMs: number
  /** longest garbage-collection pause, ms: one candidate cause of timer slip */
  gcMaxMs: number
  /** open connections per daemon at the end of the window (the coordinator, plus peers found via the DHT) */
  connectionsPerPeer: number
}

/** child → parent */
export type SwarmReply =
  | { type: 'ready', peerIds: string[] }
  | { type: 'failed', message: string }
  | ({ type: 'window' } & SwarmWindow)

/**
 * Fixed sensor readings: 100 daemons running systeminformation would measure systeminformation.
 * A 2 GiB swap total once made ~40% of heartbeats undecodable (protons-runtime's uint64 varint bug,
 * see test/unit/wire-codecs.test.ts); the .proto files now use fixed64, so any size is fine.
 */
export const FIXED_HARDWARE: RawHardware = {
  load: { cpus: Array.from({ length: 8 }, (_, i) => ({ load: 10 + i })) },
  temperature: { main: 55, cores: Array.from({ length: 8 }, () => 54) },
  speed: { cores: Array.from({ length: 8 }, () => 3.2) },
  graphics: { controllers: [{ vendor: 'NVIDIA', model: 'GeForce RTX 3080', utilizationGpu: 0, memoryUsed: 512, memoryTotal: 10_240, temperatureGpu: 45, powerDraw: 30 }] },
  mem: { total: 16 * 1024 ** 3, active: 6 * 1024 ** 3, swaptotal: 2 * 1024 ** 3, swapused: 0 },
  network: [{ rx_bytes: 1_000_000, tx_bytes: 2_000_000 }],
  connections: 42
}

function send (reply: SwarmReply): void {
  process.send?.(reply)
}

async function main (): Promise<void> {
  const o = new Command()
    .requiredOption('--coordinator <multiaddr>', 'bootstrap address of the coordinator')
    .requiredOption('--count <n>', 'peer daemons in this process', Number)
    .requiredOption('--dir <path>', 'directory for the daemons\' data dirs')
    .requiredOption('--interval <ms>', 'heartbeat interval', Number)
    .parse().opts<{ coordinator: string, count: number, dir: string, interval: number }>()
  const heartbeatTopic = protocolIds().topics.heartbeat
  const daemons: PeerDaemon[] = []
  /** timestampMs of every heartbeat published, so the parent's window can be applied afterwards */
  let sentAt: number[] = []
  let stopping = false

  const stop = async (): Promise<void> => {
    if (stopping) return
    stopping = true
    const all = Promise.allSettled(daemons.map(async d => { await d.stop() }))
    await Promise.race([all, new Promise(resolve => setTimeout(resolve, 10_000).unref())])
    rmSync(o.dir, { recursive: true, force: true })
    process.exit(0)
  }
  // the parent died or closed the channel: nobody will ever ask us to stop
  process.on('disconnect', () => { void stop() })
  process.on('SIGINT', () => { void stop() })
  process.on('SIGTERM', () => { void stop() })

  // the histogram records the whole timer period, so the 10 ms resolution is subtracted below
  const loop = monitorEventLoopDelay({ resolution: 10 })
  loop.enable()
  let cpuAtStart = process.cpuUsage()
  let startedAt = performance.now()
  let gcMaxMs = 0
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) gcMaxMs = Math.max(gcMaxMs, e.duration)
  }).observe({ entryTypes: ['gc'] })
  process.on('message', (msg: SwarmRequest) => {
    if (msg.type === 'window-start') {
      startedAt = performance.now()
      cpuAtStart = process.cpuUsage()
      loop.reset()
      gcMaxMs = 0
    } else if (msg.type === 'window-end') {
      const cpu = process.cpuUsage(cpuAtStart)
      sentAt = sentAt.filter(t => t >= msg.fromMs)
      send({
        type: 'window',
        sent: sentAt.filter(t => t < msg.toMs).length,
        cpuMicros: cpu.user + cpu.system,
        elapsedMs: performance.now() - startedAt,
        loopDelayP99Ms: Math.max(0, loop.percentile(99) / 1e6 - 10),
        loopDelayMaxMs: Math.max(0, loop.max / 1e6 - 10),
        gcMaxMs,
        connectionsPerPeer: daemons.reduce((sum, d) => sum + d.node.getConnections().length, 0) / Math.max(1, daemons.length)
      })
    } else if (msg.type === 'stop') {
      void stop()
    }
  })

  try {
    mkdirSync(o.dir, { recursive: true })
    // started a few at a time: 20 simultaneous noise handshakes on 2 cores delay the first beats
    for (let i = 0; i < o.count && !stopping; i += 5) {
      const batch = Array.from({ length: Math.min(5, o.count - i) }, async (_, j) => await PeerDaemon.start({
        dataDir: join(o.dir, `peer-${i + j}`),
        bootstrap: [o.coordinator],
        listen: ['/ip4/127.0.0.1/tcp/0'],
        heartbeatInterval: o.interval,
        metricsInterval: 5_000,
        readHardware: async () => FIXED_HARDWARE,
        // these peers never train: a loaded spare worker each would only load the machine
        runner: { warmWorker: false }
      }))
      daemons.push(...await Promise.all(batch))
    }
  } catch (err) {
    send({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
    await stop()
    return
  }
  // counts what the Publisher hands to gossipsub, so lost beats can be told from beats never sent
  for (const d of daemons) {
    const pubsub = d.node.services.pubsub
    const publish = pubsub.publish.bind(pubsub)
    pubsub.publish = async (topic, data) => {
      if (topic === heartbeatTopic && data != null) sentAt.push(Number(Heartbeat.decode(data).timestampMs))
      return await publish(topic, data)
    }
  }

  send({ type: 'ready', peerIds: daemons.map(d => d.node.peerId.toString()) })
}

void main()
