/**
 * The sending side of `npm run bench:ipfs` (ipfs-transfer.ts), in its own OS process: one node from
 * createNode() on 127.0.0.1 with an IpfsStore on it, a raw-TCP server (node:net) and a handler for
 * a bench-only libp2p protocol that writes a buffer in fixed-size chunks. The parent asks over IPC
 * for fresh random content before each transfer, so nothing is ever served twice or from a cache.
 * Not a test: it exits when the parent says `stop` or goes away.
 */
import { createHash, randomFillSync } from 'node:crypto'
import { createServer, type Socket } from 'node:net'
import { rmSync } from 'node:fs'
import { PerformanceObserver } from 'node:perf_hooks'
import { Command } from 'commander'
import { CID } from 'multiformats/cid'
import drain from 'it-drain'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore } from '../../src/storage/ipfs.js'

export type ChildRequest =
  | { type: 'prepare', size: number, chunk: number }
  /** fresh bytes through IpfsStore.addBytes */
  | { type: 'add', size: number }
  | { type: 'drop', cid: string }
  | { type: 'cpu' }
  | { type: 'stop' }

export type ChildReply =
  | { type: 'ready', addrs: string[], peerId: string, tcpPort: number }
  | { type: 'prepared', sha256: string }
  | { type: 'added', cid: string, addMs: number, sha256: string }
  | { type: 'dropped' }
  /** CPU (user + system) and GC pause time of this process since it started */
  | { type: 'cpu', micros: number, gcMs: number }
  | { type: 'failed', message: string }

const opts = new Command()
  .requiredOption('--dir <path>', 'data directory of this process (removed on exit)')
  .requiredOption('--protocol <id>', 'the bench-only protocol: the sender writes the prepared buffer and closes; nothing is read')
  .option('--orphan-cleanup <path>', 'the parent\'s temp dir, removed too if the parent dies without stopping us')
  .parse().opts<{ dir: string, protocol: string, orphanCleanup?: string }>()

const send = (msg: ChildReply): void => { if (process.connected) process.send?.(msg) }
const sha256 = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex')

/** fresh incompressible bytes: a CID or a page cache never sees the same content twice */
function fresh (size: number): Buffer {
  return randomFillSync(Buffer.allocUnsafe(size))
}

let node: CyxwizNode | undefined
let store: IpfsStore | undefined
const server = createServer()
const sockets = new Set<Socket>()
/** what the next TCP connection or blob stream gets (one transfer at a time) */
let pending: { data: Buffer, chunk: number } | undefined
let stopping = false
let gcMs = 0
new PerformanceObserver(list => { for (const e of list.getEntries()) gcMs += e.duration }).observe({ entryTypes: ['gc'] })

function take (): { data: Buffer, chunk: number } {
  const p = pending
  pending = undefined
  if (p == null) throw new Error('nothing prepared for this transfer')
  return p
}

async function stop (code: number, orphaned = false): Promise<void> {
  if (stopping) return
  stopping = true
  const hard = setTimeout(() => process.exit(code), 10_000)
  try {
    for (const s of sockets) s.destroy()
    server.close()
    await store?.stop()
    await node?.stop()
  } catch {}
  clearTimeout(hard)
  rmSync(opts.dir, { recursive: true, force: true })
  if (orphaned && opts.orphanCleanup != null) rmSync(opts.orphanCleanup, { recursive: true, force: true })
  // libp2p and level leave timers behind after stop
  process.exit(code)
}

async function handle (req: ChildRequest): Promise<void> {
  switch (req.type) {
    case 'prepare': {
      const data = fresh(req.size)
      pending = { data, chunk: req.chunk }
      send({ type: 'prepared', sha256: sha256(data) })
      return
    }
    case 'add': {
      if (store == null) throw new Error('not started')
      const data = fresh(req.size)
      const t0 = performance.now()
      const cid = await store.addBytes(data)
      send({ type: 'added', cid: cid.toString(), addMs: performance.now() - t0, sha256: sha256(data) })
      return
    }
    case 'drop': {
      // unpin and collect so the sender's blockstore holds one dataset at a time
      if (store == null) throw new Error('not started')
      await drain(store.helia.pins.rm(CID.parse(req.cid)))
      await store.helia.gc()
      send({ type: 'dropped' })
      return
    }
    case 'cpu': {
      const u = process.cpuUsage()
      send({ type: 'cpu', micros: u.user + u.system, gcMs })
      return
    }
    case 'stop':
      await stop(0)
  }
}

process.on('message', (req: ChildRequest) => {
  handle(req).catch((err: unknown) => send({ type: 'failed', message: err instanceof Error ? err.message : String(err) }))
})
// the parent crashed or was killed: do not linger as an orphan
process.on('disconnect', () => { void stop(0, !stopping) })
process.on('SIGTERM', () => { void stop(143) })
process.on('SIGINT', () => { /* the parent handles ^C and tells us to stop */ })

try {
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => socket.destroy())
    try {
      // one write of the whole buffer: the kernel and libuv do the chunking, the fastest node:net can be
      socket.end(take().data)
    } catch (err) {
      socket.destroy(err as Error)
    }
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  node = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  store = await IpfsStore.open(opts.dir, node)
  await node.handle(opts.protocol, async (stream) => {
    try {
      const { data, chunk } = take()
      for (let off = 0; off < data.byteLength; off += chunk) {
        if (!stream.send(data.subarray(off, off + chunk))) await stream.onDrain({ signal: AbortSignal.timeout(30_000) })
      }
      await stream.close({ signal: AbortSignal.timeout(30_000) })
    } catch (err) {
      stream.abort(err as Error)
    }
  })
  const address = server.address()
  send({
    type: 'ready',
    addrs: node.getMultiaddrs().map(a => a.toString()),
    peerId: node.peerId.toString(),
    tcpPort: typeof address === 'object' && address != null ? address.port : 0
  })
} catch (err) {
  send({ type: 'failed', message: err instanceof Error ? err.message : String(err) })
  await stop(1)
}
