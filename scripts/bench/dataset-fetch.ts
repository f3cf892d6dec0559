/**
 * `npm run bench:dataset-fetch` — one fetch of a freshly published file between two IpfsStores in
 * one process over real libp2p on loopback (TCP, noise, yamux, bitswap): what the coordinator's
 * dataset gate does to the client's dataset while a job is submitted (IpfsStore.pin, with its size
 * check), and the peer to the training set after the assignment. Both ends share one event loop,
 * as they do in bench:submit.
 *
 * A fetch of a file is two bitswap round trips (its root, then its leaves at once), and before each
 * want list leaves, bitswap waits its want-list debounce. Measured in the same run, alternating which
 * goes first: stores with IpfsStore's default want-list debounce (0 ms) against the anchor, stores with
 * Helia's default (10 ms), at each `--size` (default 3.2 MB, the MNIST CYXT set bench:submit moves,
 * and 16 MiB). Printed: p50 / p90 ms of the fetch and the ratio to the anchor. A benchmark, not a test.
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore } from '../../src/storage/ipfs.js'

const opts = new Command()
  .option('--size <MB,…>', 'file sizes, MB (10^6 bytes), comma-separated', '3.2,16.777216')
  .option('--runs <n>', 'timed fetches per size and setting', '15')
  .parse().opts<{ size: string, runs: string }>()
const sizes = opts.size.split(',').map(v => Math.round(Number(v) * 1e6))
const runs = Math.max(1, Number.parseInt(opts.runs, 10) || 15)
if (sizes.some(s => !Number.isFinite(s) || s < 1)) throw new Error(`--size must be positive numbers, not ${opts.size}`)

interface Pair { name: string, a: IpfsStore, b: IpfsStore, nodes: CyxwizNode[] }

const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-bench-dataset-fetch-'))
async function pair (name: string, wantlistDebounce: number | undefined): Promise<Pair> {
  const na = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  const nb = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  const o = wantlistDebounce === undefined ? {} : { wantlistDebounce }
  const a = await IpfsStore.open(join(dir, name, 'a'), na, { persistentPins: false, ...o })
  const b = await IpfsStore.open(join(dir, name, 'b'), nb, o)
  await nb.dial(na.getMultiaddrs()[0] as never)
  return { name, a, b, nodes: [na, nb] }
}

const pct = (xs: number[], p: number): number => { const s = [...xs].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? Number.NaN }
const pairs: Pair[] = []
try {
  pairs.push(await pair('IpfsStore default (0 ms)', undefined), await pair('anchor: Helia default (10 ms)', 10))
  const rows: Record<string, Record<string, string>> = {}
  for (const size of sizes) {
    const times = new Map<string, number[]>(pairs.map(p => [p.name, []]))
    const fetchOnce = async (p: Pair): Promise<void> => {
      const cid = await p.a.addBytes(randomBytes(size))
      const t0 = performance.now()
      await p.b.pin(cid, { maxBytes: size * 2, timeout: 60_000, gateways: true })
      times.get(p.name)?.push(performance.now() - t0)
    }
    // one untimed fetch each first (module compilation, first streams)
    for (const p of pairs) await fetchOnce(p)
    for (const p of pairs) times.set(p.name, [])
    for (let i = 0; i < runs; i++) {
      for (const p of i % 2 === 0 ? pairs : [...pairs].reverse()) await fetchOnce(p)
    }
    const anchor = times.get(pairs[1]?.name ?? '') ?? []
    for (const p of pairs) {
      const t = times.get(p.name) ?? []
      rows[`${(size / 1e6).toFixed(1)} MB, ${p.name}`] = {
        'p50 ms': pct(t, 0.5).toFixed(1),
        'p90 ms': pct(t, 0.9).toFixed(1),
        'p50 / anchor': (pct(t, 0.5) / pct(anchor, 0.5)).toFixed(2),
        'p90 / anchor': (pct(t, 0.9) / pct(anchor, 0.9)).toFixed(2)
      }
    }
  }
  console.log(`one fetch (IpfsStore.pin) of a freshly published file between two stores in one process, loopback; ${runs} runs per row`)
  console.table(rows)
} finally {
  for (const p of pairs) { await p.a.stop(); await p.b.stop(); for (const n of p.nodes) await n.stop() }
  await rm(dir, { recursive: true, force: true })
}
