/**
 * Two fixes that make Helia move data at the speed the connection allows (measured by
 * scripts/bench/ipfs-transfer.ts: 64 MiB went from ~16 to ~50 MB/s between two processes):
 * - `WholeBlockFsBlockstore`: blockstore-fs yields a block file as 64 KiB read-stream chunks, and
 *   every Helia reader (the pin walker, the unixfs exporter, bitswap serving a want) joins them with
 *   it-to-buffer, which re-copies the whole buffer per chunk (~8.5 MiB copied per 1 MiB block, a full
 *   GC every ~60 ms). This one reads each block file with one `readFile` into one buffer: no read
 *   stream, no 16 thread-pool round trips and 16 chunk buffers per 1 MiB block (bitswap reads the
 *   blocks of a want list one after another before it sends any, so this is the sender's whole
 *   read phase; scripts/bench/ipfs-stages.ts times it). Its `put` skips blockstore-fs's `mkdir` per
 *   block, and `has` remembers the blocks it has seen instead of asking the disk each time.
 * - `parallelWalker`: Helia's pin walkers fetch one block at a time, so a pin of a 64-block file is
 *   64 bitswap round trips. This walker keeps up to `concurrency` blocks in flight; a pin does not
 *   care about the order blocks arrive in.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FsBlockstore, type FsBlockstoreInit } from 'blockstore-fs'
import { NextToLast, type ShardingStrategy } from 'blockstore-fs/sharding'
import type { AbortOptions } from '@libp2p/interface'
import { createUnsafe } from 'multiformats/block'
import type { CID } from 'multiformats/cid'
import type { GraphNode, GraphWalkerFactory, WalkOptions } from 'helia'

/** blocks `has` remembers at most (~100 bytes each) */
const KNOWN_BLOCKS = 100_000

export class WholeBlockFsBlockstore extends FsBlockstore {
  /** blockstore-fs keeps its own private: the same strategy, to find a block's file */
  private readonly sharding: ShardingStrategy
  /** block directories known to exist */
  private readonly dirs = new Set<string>()
  /**
   * files of blocks this store wrote, read or found: `has` answers for them without a syscall
   * (serving a block costs bitswap and Helia three `has` each). Forgotten on delete and when a
   * read finds one gone; cleared past `KNOWN_BLOCKS` entries.
   */
  private readonly known = new Set<string>()
  private writes = 0

  constructor (location: string, init: FsBlockstoreInit = {}) {
    const sharding = init.shardingStrategy ?? new NextToLast()
    super(location, { ...init, shardingStrategy: sharding })
    this.sharding = sharding
  }

  /**
   * Writes a block as blockstore-fs does (a temporary file renamed into place, so a reader never
   * sees half a block) without its `mkdir -p` of the block's directory on every put: a directory
   * is made once (there are at most 1,024), and again only if it went missing.
   */
  override async put (key: CID, val: Uint8Array, options?: AbortOptions): Promise<CID> {
    options?.signal?.throwIfAborted()
    const { dir, file } = this.sharding.encode(key)
    const folder = join(this.path, dir)
    // unique per write: two puts of one block at once must not share a temporary file
    const temp = join(folder, `.${file}.${process.pid}.${++this.writes}.tmp`)
    try {
      if (!this.dirs.has(dir)) await mkdir(folder, { recursive: true })
      this.dirs.add(dir)
      try {
        await writeFile(temp, val, { signal: options?.signal })
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
        this.dirs.delete(dir)
        await mkdir(folder, { recursive: true })
        await writeFile(temp, val, { signal: options?.signal })
      }
      await rename(temp, join(folder, file))
      this.remember(file)
      return key
    } catch (err) {
      await rm(temp, { force: true }).catch(() => {})
      throw err
    }
  }

  override async has (key: CID, options?: AbortOptions): Promise<boolean> {
    const { file } = this.sharding.encode(key)
    if (this.known.has(file)) return true
    const found = await super.has(key, options)
    if (found) this.remember(file)
    return found
  }

  override async delete (key: CID, options?: AbortOptions): Promise<void> {
    this.known.delete(this.sharding.encode(key).file)
    await super.delete(key, options)
  }

  private remember (file: string): void {
    if (this.known.size >= KNOWN_BLOCKS) this.known.clear()
    this.known.add(file)
  }

  override async * get (key: CID, options?: AbortOptions): ReturnType<FsBlockstore['get']> {
    options?.signal?.throwIfAborted()
    const { dir, file } = this.sharding.encode(key)
    let bytes: Buffer
    try {
      bytes = await readFile(join(this.path, dir, file), { signal: options?.signal })
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err
      this.known.delete(file)
      // a missing or unreadable block: blockstore-fs throws the NotFoundError Helia and bitswap expect
      yield * super.get(key, options)
      return
    }
    this.remember(file)
    yield bytes
  }
}

interface Step { cid: CID, depth: number, path: CID[] }

/** a graph walker for `helia.pins.add(cid, { walker })` with up to `concurrency` blocks loading at once */
export function parallelWalker (concurrency: number): GraphWalkerFactory {
  return ({ blockstore, getCodec }) => ({
    async * walk<T> (root: CID, options: WalkOptions<T> = {}): AsyncGenerator<GraphNode<T>> {
      const maxDepth = options.depth ?? Infinity
      const todo: Step[] = [{ cid: root, depth: 0, path: [root] }]
      const ready: Array<GraphNode<T>> = []
      const inflight = new Set<Promise<void>>()
      let failure: unknown
      const load = async (step: Step): Promise<void> => {
        const parts: Uint8Array[] = []
        for await (const part of blockstore.get(step.cid, options)) parts.push(part)
        const bytes = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts)
        const block = createUnsafe({ cid: step.cid, bytes, codec: await getCodec(step.cid.code) })
        ready.push({ block: block as unknown as GraphNode<T>['block'], depth: step.depth, path: step.path })
        if (step.depth >= maxDepth) return
        for (const [, link] of block.links()) {
          if (options.includeChild?.(link, block as unknown as GraphNode<T>['block']) === false) continue
          todo.push({ cid: link, depth: step.depth + 1, path: [...step.path, link] })
        }
      }
      while (todo.length > 0 || inflight.size > 0 || ready.length > 0) {
        if (failure != null) throw failure
        while (todo.length > 0 && inflight.size < concurrency) {
          const p: Promise<void> = load(todo.shift() as Step)
            .catch((err: unknown) => { failure ??= err })
            .finally(() => inflight.delete(p))
          inflight.add(p)
        }
        const next = ready.shift()
        if (next != null) yield next
        else if (inflight.size > 0) await Promise.race(inflight)
      }
      if (failure != null) throw failure
    }
  })
}
