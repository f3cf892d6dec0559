/**
 * `npm run bench:ipfs-stages` — where the time of moving a DAG goes, one stage at a time, in one
 * process (no network): the stages bench:ipfs (ipfs-transfer.ts) strings together between two.
 * On fresh random bytes of each `--size` (default 16 and 64 MiB), 1 MiB blocks:
 * - anchor: one SHA-256 over the bytes (node:crypto), the least any CID check costs;
 * - sha-256 per block (multiformats, what Helia and bitswap run on every block they receive);
 * - import: IpfsStore.addBytes (unixfs chunking, hashing, blockstore writes, pin);
 * - blockstore put of every block, one at a time (what a receiver does per block), by blockstore-fs
 *   and by WholeBlockFsBlockstore (src/storage/fast-blocks.ts);
 * - blockstore get of every block, as blockstore-fs yields it (64 KiB read-stream chunks) and as
 *   WholeBlockFsBlockstore reads it, one block at a time as bitswap serves a want list.
 * Printed: median ms and MB/s of each stage, and its ratio to the anchor, measured in the same run.
 * The two blockstores take turns going first (the second write of a run meets the first's dirty pages).
 * A benchmark, not a test.
 */
import { createHash, randomFillSync } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { FsBlockstore } from 'blockstore-fs'
import { sha256 } from 'multiformats/hashes/sha2'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { createNode } from '../../src/network/node.js'
import { IpfsStore } from '../../src/storage/ipfs.js'
import { WholeBlockFsBlockstore } from '../../src/storage/fast-blocks.js'

const MiB = 1024 * 1024
const opts = new Command()
  .option('--size <MiB,…>', 'bytes per stage, MiB, comma-separated', '16,64')
  .option('--runs <n>', 'timed runs per stage (median reported)', '3')
  .parse().opts<{ size: string, runs: string }>()
const sizes = opts.size.split(',').map(v => Math.round(Number(v) * MiB))
const runs = Math.max(1, Number.parseInt(opts.runs, 10) || 3)
if (sizes.some(s => !Number.isFinite(s) || s < MiB)) throw new Error(`--size must be at least 1 MiB each, not ${opts.size}`)

const root = mkdtempSync(join(tmpdir(), 'cyxwiz-bench-stages-'))
const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[s.length >> 1] ?? Number.NaN }

async function time (body: () => Promise<void>): Promise<number> {
  const t0 = performance.now()
  await body()
  return performance.now() - t0
}

async function blocksOf (bytes: Uint8Array): Promise<Array<{ cid: CID, bytes: Uint8Array }>> {
  const out: Array<{ cid: CID, bytes: Uint8Array }> = []
  for (let at = 0; at < bytes.byteLength; at += MiB) {
    const b = bytes.subarray(at, at + MiB)
    out.push({ cid: CID.createV1(raw.code, await sha256.digest(b)), bytes: b })
  }
  return out
}

async function getAll (store: FsBlockstore, blocks: Array<{ cid: CID }>): Promise<void> {
  for (const { cid } of blocks) {
    const parts: Uint8Array[] = []
    for await (const p of store.get(cid)) parts.push(p)
    if (parts.length === 0) throw new Error(`no bytes for ${cid.toString()}`)
  }
}

async function main (): Promise<void> {
  console.log(`ipfs-stages: ${opts.size} MiB x ${runs} runs; Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map(l => l.toFixed(1)).join(' ')}`)
  const node = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  const ipfs = await IpfsStore.open(join(root, 'store'), node, { persistentPins: false })
  try {
    for (const size of sizes) {
      const t = new Map<string, number[]>()
      const add = (k: string, ms: number): void => { t.set(k, [...(t.get(k) ?? []), ms]) }
      for (let r = 0; r < runs; r++) {
        const bytes = randomFillSync(Buffer.allocUnsafe(size))
        add('anchor: one SHA-256 (node:crypto)', await time(async () => { createHash('sha256').update(bytes).digest() }))
        let blocks: Array<{ cid: CID, bytes: Uint8Array }> = []
        add('sha-256 per 1 MiB block (multiformats)', await time(async () => { blocks = await blocksOf(bytes) }))
        add('import: IpfsStore.addBytes', await time(async () => { await ipfs.addBytes(bytes) }))
        const plain = new FsBlockstore(join(root, `plain-${size}-${r}`))
        const whole = new WholeBlockFsBlockstore(join(root, `whole-${size}-${r}`))
        await plain.open()
        await whole.open()
        // the second of two 64 MiB writes meets the first's dirty pages: the order alternates by run
        const pair = async (a: [string, () => Promise<void>], b: [string, () => Promise<void>]): Promise<void> => {
          for (const [k, body] of r % 2 === 0 ? [a, b] : [b, a]) add(k, await time(body))
        }
        await pair(['blockstore-fs put', async () => { for (const b of blocks) await plain.put(b.cid, b.bytes) }],
          ['WholeBlockFsBlockstore put', async () => { for (const b of blocks) await whole.put(b.cid, b.bytes) }])
        await pair(['blockstore-fs get (64 KiB chunks)', async () => { await getAll(plain, blocks) }],
          ['WholeBlockFsBlockstore get', async () => { await getAll(whole, blocks) }])
        rmSync(join(root, `plain-${size}-${r}`), { recursive: true, force: true })
        rmSync(join(root, `whole-${size}-${r}`), { recursive: true, force: true })
      }
      const anchor = median(t.values().next().value ?? [])
      console.log(`\n${size / MiB} MiB, medians of ${runs}`)
      for (const [k, ms] of t) {
        const m = median(ms)
        console.log(`${k.padEnd(40)} ${m.toFixed(0).padStart(6)} ms ${(size / 1e6 / (m / 1000)).toFixed(0).padStart(6)} MB/s ${(m / anchor).toFixed(2).padStart(7)}x anchor time`)
      }
    }
  } finally {
    await ipfs.stop()
    await node.stop()
    rmSync(root, { recursive: true, force: true })
  }
}

main().catch((err: unknown) => { console.error(err); process.exitCode = 1 }).finally(() => process.exit())
