/**
 * Two fixes that make Helia move data at the speed the connection allows (measured by
 * scripts/bench/ipfs-transfer.ts: 64 MiB went from ~16 to ~50 MB/s between two processes):
 * - `WholeBlockFsBlockstore`: blockstore-fs yields a block file as 64 KiB read-stream chunks, and
 *   every Helia reader (the pin walker, the unixfs exporter, bitswap serving a want) joins them with
 *   it-to-buffer, which re-copies the whole buffer per chunk (~8.5 MiB copied per 1 MiB block, a full
 *   GC every ~60 ms). This one yields each block as one buffer.
 * - `parallelWalker`: Helia's pin walkers fetch one block at a time, so a pin of a 64-block file is
 *   64 bitswap round trips. This walker keeps up to `concurrency` blocks in flight; a pin does not
 *   care about the order blocks arrive in.
 */
import { FsBlockstore } from 'blockstore-fs'
import { createUnsafe } from 'multiformats/block'
import type { CID } from 'multiformats/cid'
import type { GraphNode, GraphWalkerFactory, WalkOptions } from 'helia'

export class WholeBlockFsBlockstore extends FsBlockstore {
  override async * get (...args: Parameters<FsBlockstore['get']>): ReturnType<FsBlockstore['get']> {
    const parts: Uint8Array[] = []
    for await (const part of super.get(...args)) parts.push(part)
    yield parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts)
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
