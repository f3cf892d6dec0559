/**
 * `npm run bench:ipfs` — how fast a dataset moves between two OS processes on 127.0.0.1 through our
 * storage layer (IpfsStore: Helia + bitswap on createNode()'s libp2p node), next to the two floors
 * it is built on, measured in the same run between the same two processes:
 * - raw TCP: a node:net socket, the sender writes the whole buffer at once;
 * - libp2p stream: a bench-only protocol on the same kind of node (TCP + noise + yamux) that writes
 *   the buffer in `--chunk` KiB pieces, honouring back-pressure (`send` → `onDrain`);
 * - Helia: the sender `IpfsStore.addBytes` (its add rate is reported too), this process
 *   `IpfsStore.cat`s the CID (fetch by bitswap, the file copied out of the blocks as they arrive, then
 *   pinned from the blocks held in memory: exactly what a peer does with a job's dataset).
 * Printed per method: median MB/s and each run's, the ratio to raw TCP, the CPU and GC time of both
 * processes during the transfer (IpfsStore's block reads and pins: src/storage/fast-blocks.ts and
 * src/storage/held-blocks.ts).
 * This process receives; ipfs-transfer-child.ts sends. Every transfer carries fresh random bytes
 * (a new CID each time), so no blockstore, pin or page cache ever holds it beforehand. Received
 * bytes are checked against the sender's SHA-256 outside the timed span. Rows are interleaved
 * (tcp, stream, helia, tcp, …) so a slow patch of the machine hits all of them alike. Node flags
 * are passed on to the sender, e.g. `node --cpu-prof --import tsx scripts/bench/ipfs-transfer.ts`.
 *
 * Each size in `--size` (default 16 and 64 MiB) is measured and reported on its own, then the
 * Helia / libp2p stream ratio at each, to show how the cost grows with the bytes.
 * A benchmark, not a test: it prints numbers and asserts only that the bytes arrived intact.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { cpus, loadavg, tmpdir } from 'node:os'
import { PerformanceObserver } from 'node:perf_hooks'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { CID } from 'multiformats/cid'
import drain from 'it-drain'
import type { PeerId } from '@libp2p/interface'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore } from '../../src/storage/ipfs.js'
import type { ChildReply, ChildRequest } from './ipfs-transfer-child.js'

const CHILD = fileURLToPath(new URL('./ipfs-transfer-child.ts', import.meta.url))
const BLOB_PROTOCOL = '/cyxwiz-bench/blob/1.0.0'
const BITSWAP = '/ipfs/bitswap/1.2.0'
const MiB = 1024 * 1024

const opts = new Command()
  .option('--size <MiB,…>', 'dataset sizes per transfer, MiB, comma-separated (each reported on its own, then how the ratio moves between them)', '16,64')
  .option('--runs <n>', 'timed transfers per method (median reported), each with fresh content', '3')
  .option('--chunk <KiB>', 'write size of the raw libp2p stream, KiB', '256')
  .option('--timeout <s>', 'give up on one transfer after this long', '60')
  .option('--methods <list>', 'which transfers to run, comma-separated (e.g. `helia` alone under --cpu-prof)', 'tcp,stream,helia')
  .parse().opts<{ size: string, runs: string, chunk: string, timeout: string, methods: string }>()
const sizes = opts.size.split(',').map(v => Math.round(Number(v) * MiB))
const runs = Math.max(1, Number.parseInt(opts.runs, 10) || 3)
const chunk = Math.max(1, Math.round(Number(opts.chunk) * 1024))
const timeoutMs = Math.max(1, Number(opts.timeout)) * 1000
if (sizes.some(size => !Number.isFinite(size) || size <= 0)) throw new Error(`--size must be positive numbers of MiB, not ${opts.size}`)

const root = mkdtempSync(join(tmpdir(), 'cyxwiz-bench-ipfs-'))
let child: ChildProcess | undefined

// ---------------------------------------------------------------------------------------------
// the sender process

function startChild (): ChildProcess {
  const c = fork(CHILD, ['--dir', join(root, 'sender'), '--protocol', BLOB_PROTOCOL, '--orphan-cleanup', root], {
    // the parent's node flags (e.g. --cpu-prof, --trace-gc when investigating), plus the TS loader
    execArgv: process.execArgv.some(a => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  c.on('exit', () => { if (child === c) child = undefined })
  child = c
  return c
}

/** the next reply of `type` from the child, or an error after `ms` */
async function reply<T extends ChildReply['type']> (c: ChildProcess, type: T, ms = 120_000): Promise<Extract<ChildReply, { type: T }>> {
  return await new Promise((resolve, reject) => {
    const timer = setTimeout(() => { done(); reject(new Error(`no "${type}" from the sender within ${ms} ms`)) }, ms)
    const onMessage = (msg: ChildReply): void => {
      if (msg.type === 'failed') { done(); reject(new Error(`sender failed: ${msg.message}`)) }
      if (msg.type === type) { done(); resolve(msg as Extract<ChildReply, { type: T }>) }
    }
    const onExit = (): void => { done(); reject(new Error('the sender process exited')) }
    const done = (): void => { clearTimeout(timer); c.off('message', onMessage); c.off('exit', onExit) }
    c.on('message', onMessage)
    c.on('exit', onExit)
  })
}

async function ask<T extends ChildReply['type']> (c: ChildProcess, req: ChildRequest, type: T): Promise<Extract<ChildReply, { type: T }>> {
  const r = reply(c, type)
  c.send(req)
  return await r
}

async function stopChild (c: ChildProcess): Promise<void> {
  if (c.exitCode != null || c.signalCode != null) return
  const exited = new Promise(resolve => c.once('exit', resolve))
  if (c.connected) c.send({ type: 'stop' } satisfies ChildRequest)
  const timer = setTimeout(() => c.kill('SIGKILL'), 15_000)
  await exited
  clearTimeout(timer)
}

// ---------------------------------------------------------------------------------------------
// one transfer of each kind: wall time from the first byte asked for to the last byte held

interface Sample {
  ms: number
  /** CPU (user + system) of this process and of the sender during the transfer, ms */
  recvCpuMs: number
  sendCpuMs: number
  /** GC pause time (PerformanceObserver 'gc') of each process during the transfer, ms */
  recvGcMs: number
  sendGcMs: number
  /** the sender's IpfsStore.addBytes time (Helia rows only), ms */
  addMs?: number
}

interface Ctx {
  c: ChildProcess
  node: CyxwizNode
  store: IpfsStore
  peer: PeerId
  tcpPort: number
  bytes: number
}

const sha256 = (parts: Uint8Array[]): string => {
  const h = createHash('sha256')
  for (const p of parts) h.update(p)
  return h.digest('hex')
}

function check (what: string, parts: Uint8Array[], expected: string, bytes: number): void {
  const got = parts.reduce((s, p) => s + p.byteLength, 0)
  if (got !== bytes) throw new Error(`${what}: received ${got} bytes, expected ${bytes}`)
  if (sha256(parts) !== expected) throw new Error(`${what}: the received bytes differ from the sent ones`)
}

let gcMs = 0
new PerformanceObserver(list => { for (const e of list.getEntries()) gcMs += e.duration }).observe({ entryTypes: ['gc'] })

async function timed (x: Ctx, body: () => Promise<void>): Promise<Sample> {
  const send0 = await ask(x.c, { type: 'cpu' }, 'cpu')
  const recv0 = process.cpuUsage()
  const gc0 = gcMs
  const t0 = performance.now()
  await body()
  const ms = performance.now() - t0
  const recv = process.cpuUsage(recv0)
  // gc entries are delivered asynchronously: let the observer catch up before reading
  await new Promise(resolve => setImmediate(resolve))
  const recvGcMs = gcMs - gc0
  const send1 = await ask(x.c, { type: 'cpu' }, 'cpu')
  return {
    ms,
    recvCpuMs: (recv.user + recv.system) / 1000,
    sendCpuMs: (send1.micros - send0.micros) / 1000,
    recvGcMs,
    sendGcMs: send1.gcMs - send0.gcMs
  }
}

async function viaTcp (x: Ctx): Promise<Sample> {
  const { sha256: expected } = await ask(x.c, { type: 'prepare', size: x.bytes, chunk }, 'prepared')
  const parts: Buffer[] = []
  const s = await timed(x, async () => {
    await new Promise<void>((resolve, reject) => {
      const socket = connect(x.tcpPort, '127.0.0.1')
      const timer = setTimeout(() => socket.destroy(new Error('raw TCP transfer timed out')), timeoutMs)
      socket.on('data', (b: Buffer) => parts.push(b))
      socket.on('end', () => { clearTimeout(timer); socket.end(); resolve() })
      socket.on('error', (err) => { clearTimeout(timer); reject(err) })
    })
  })
  check('raw TCP', parts, expected, x.bytes)
  return s
}

async function viaStream (x: Ctx): Promise<Sample> {
  const { sha256: expected } = await ask(x.c, { type: 'prepare', size: x.bytes, chunk }, 'prepared')
  const parts: Uint8Array[] = []
  const s = await timed(x, async () => {
    const signal = AbortSignal.timeout(timeoutMs)
    const stream = await x.node.dialProtocol(x.peer, BLOB_PROTOCOL, { signal })
    try {
      for await (const buf of stream) parts.push(buf instanceof Uint8Array ? buf : buf.subarray())
      await stream.close({ signal })
    } catch (err) {
      stream.abort(err as Error)
      throw err
    }
  })
  check('libp2p stream', parts, expected, x.bytes)
  return s
}

/** unpins and collects a dataset on both sides, so each blockstore holds one at a time */
async function drop (x: Ctx, cid: CID): Promise<void> {
  await ask(x.c, { type: 'drop', cid: cid.toString() }, 'dropped')
  try {
    await drain(x.store.helia.pins.rm(cid))
  } catch (err) {
    // a failed transfer leaves no pin (its blocks are still collected below)
    if ((err as Error).name !== 'NotFoundError') throw err
  }
  await x.store.helia.gc()
}

/** what a peer does with a job's dataset: IpfsStore.cat (stat + bitswap fetch, read while it arrives, pin) */
async function viaHelia (x: Ctx): Promise<Sample> {
  const added = await ask(x.c, { type: 'add', size: x.bytes }, 'added')
  const cid = CID.parse(added.cid)
  let bytes: Uint8Array = new Uint8Array()
  let ok = false
  try {
    const s = await timed(x, async () => { bytes = await x.store.cat(cid, { maxBytes: x.bytes, timeout: timeoutMs }) })
    check('Helia', [bytes], added.sha256, x.bytes)
    ok = true
    return { ...s, addMs: added.addMs }
  } finally {
    // after a failure, the transfer's own error is the one worth seeing
    await drop(x, cid).catch((err: unknown) => { if (ok) throw err })
  }
}

// ---------------------------------------------------------------------------------------------

interface Method { key: string, label: string, run: (x: Ctx) => Promise<Sample> }

const allMethods: Method[] = [
  { key: 'tcp', label: 'raw TCP (node:net)', run: viaTcp },
  { key: 'stream', label: `libp2p stream (${chunk / 1024} KiB writes)`, run: viaStream },
  { key: 'helia', label: 'Helia: IpfsStore.cat', run: viaHelia }
]
const chosen = opts.methods.split(',').map(m => m.trim())
const methods = allMethods.filter(m => chosen.includes(m.key))
if (methods.length !== chosen.length) throw new Error(`--methods takes ${allMethods.map(m => m.key).join(', ')}, not ${opts.methods}`)

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[m] ?? Number.NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2
}
const mbps = (bytes: number, ms: number): number => bytes / 1e6 / (ms / 1000)
const f = (v: number, digits = 0): string => Number.isFinite(v) ? v.toFixed(digits) : '-'

function table (header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)))
  const line = (cells: string[]): string => cells.map((c, i) => i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)).join('  ')
  console.log(line(header))
  console.log(widths.map(w => '-'.repeat(w)).join('  '))
  for (const r of rows) console.log(line(r))
}

async function waitForBitswap (node: CyxwizNode, peer: PeerId): Promise<void> {
  const deadline = Date.now() + 10_000
  for (;;) {
    try {
      if ((await node.peerStore.get(peer)).protocols.includes(BITSWAP)) return
    } catch {}
    if (Date.now() > deadline) throw new Error('identify never reported bitswap on the sender')
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** prints one size's table; returns its Helia / libp2p stream ratio */
function report (samples: Map<string, Sample[]>, size: number): number {
  const rate = (key: string): number => median((samples.get(key) ?? []).map(s => mbps(size, s.ms)))
  const tcp = rate('tcp')
  console.log(`\n${size / MiB} MiB per transfer, ${runs} timed runs per method (fresh random content each), MB = 10^6 bytes; medians`)
  table(['method', 'MB/s', 'runs MB/s', 'x raw TCP', 'ms', 'recv CPU / GC ms', 'send CPU / GC ms', 'sender add MB/s'],
    methods.map(m => {
      const ss = samples.get(m.key) ?? []
      const med = rate(m.key)
      const mid = (pick: (s: Sample) => number): string => f(median(ss.map(pick)))
      const adds = ss.filter(s => s.addMs != null).map(s => mbps(size, s.addMs ?? Number.NaN))
      return [m.label, f(med, 1), ss.map(s => f(mbps(size, s.ms), 0)).join(' / '), m.key === 'tcp' ? '1' : f(med / tcp, 3),
        mid(s => s.ms), `${mid(s => s.recvCpuMs)} / ${mid(s => s.recvGcMs)}`, `${mid(s => s.sendCpuMs)} / ${mid(s => s.sendGcMs)}`,
        adds.length > 0 ? f(median(adds), 0) : '']
    }))
  const helia = rate('helia')
  const stream = rate('stream')
  console.log(`\n${size / MiB} MiB: Helia / raw TCP: ${f(helia / tcp, 3)}   libp2p stream / raw TCP: ${f(stream / tcp, 3)}   Helia / libp2p stream: ${f(helia / stream, 3)}`)
  const adds = (samples.get('helia') ?? []).map(s => s.addMs ?? Number.NaN)
  console.log(`sender add (IpfsStore.addBytes: 1 MiB chunks, sha-256, fs blockstore, then pin) of ${size / MiB} MiB: ` +
    `median ${f(mbps(size, median(adds)), 0)} MB/s (${f(median(adds))} ms; runs ${adds.map(a => f(mbps(size, a), 0)).join(' / ')} MB/s)`)
  console.log('CPU: user + system of the receiving (this) and the sending process during the transfer (2 cores: at most 2x the wall time in all); ' +
    'GC: pause time reported by PerformanceObserver(\'gc\') in that span')
  return helia / stream
}

async function main (): Promise<void> {
  const started = performance.now()
  console.log(`ipfs-transfer: ${opts.size} MiB x ${runs} runs per method between two processes on 127.0.0.1; ` +
    `Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map(l => l.toFixed(1)).join(' ')}`)
  const c = startChild()
  const ready = await reply(c, 'ready', 60_000)
  const node = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  let store: IpfsStore | undefined
  try {
    store = await IpfsStore.open(join(root, 'receiver'), node)
    const peer = peerIdFromString(ready.peerId)
    const addr = ready.addrs.find(a => a.includes('/tcp/'))
    if (addr == null) throw new Error('the sender has no TCP address')
    await node.dial(multiaddr(addr.includes('/p2p/') ? addr : `${addr}/p2p/${ready.peerId}`))
    await waitForBitswap(node, peer)
    const ctx: Ctx = { c, node, store, peer, tcpPort: ready.tcpPort, bytes: Math.min(...sizes, 4 * MiB) }
    // warm-up: JIT, yamux windows, bitswap sessions; not counted
    for (const m of methods) await m.run(ctx)
    const ratios: number[] = []
    for (const size of sizes) {
      ctx.bytes = size
      const samples = new Map<string, Sample[]>(methods.map(m => [m.key, []]))
      for (let r = 1; r <= runs; r++) {
        const line: string[] = []
        for (const m of methods) {
          const s = await m.run(ctx)
          samples.get(m.key)?.push(s)
          line.push(`${m.key} ${f(mbps(size, s.ms), 0)}`)
        }
        console.log(`${size / MiB} MiB run ${r}/${runs}: ${line.join(', ')} MB/s`)
      }
      ratios.push(report(samples, size))
    }
    if (sizes.length > 1) {
      console.log(`\nHelia / libp2p stream by size: ${sizes.map((size, i) => `${size / MiB} MiB ${f(ratios[i] ?? Number.NaN, 3)}`).join(', ')}` +
        ` (last / first: ${f((ratios.at(-1) ?? Number.NaN) / (ratios[0] ?? Number.NaN), 2)}x for ${f((sizes.at(-1) ?? 0) / (sizes[0] ?? 1), 1)}x the bytes)`)
    }
    console.log(`\ntotal ${f((performance.now() - started) / 1000, 1)} s; load average now ${loadavg().map(l => l.toFixed(1)).join(' ')} (other processes on the machine compete for its ${cpus().length} cores)`)
  } finally {
    await stopChild(c)
    await store?.stop()
    await node.stop()
  }
}

function cleanup (): void {
  child?.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
}

process.on('SIGINT', () => {
  console.log('\ninterrupted: stopping the sender process')
  cleanup()
  process.exit(130)
})

main().catch((err: unknown) => {
  console.error(err)
  process.exitCode = 1
}).finally(() => {
  cleanup()
  // libp2p and level leave timers behind after stop; a bench must end by itself
  process.exit()
})
