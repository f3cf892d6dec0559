/**
 * The blocks one `IpfsStore` call has just fetched, kept in memory for the length of that call so
 * that what follows the transfer does not read each block back from the fs blockstore: the pin walk
 * reads them from here, and a `cat` reads the file out of them while they arrive (measured by
 * scripts/bench/ipfs-transfer.ts).
 *
 * Only blocks a walk over Helia's blockstore yielded go in, so each was checked against its CID on
 * the way in (fetched) or is one we stored ourselves; how many bytes go in is bounded by that
 * fetch's byte budget. A reader over `following` never asks the network for anything: it waits for
 * the fetch to bring a block, and once the fetch has ended it reads only what is stored locally.
 */
import type { CID } from 'multiformats/cid'
import type { Blocks, GraphWalkerComponents, GraphWalkerFactory } from 'helia'
import { parallelWalker } from './fast-blocks.js'

type Blockstore = GraphWalkerComponents['blockstore']

interface Waiter { resolve: (bytes: Uint8Array | undefined) => void, reject: (err: unknown) => void }

export class HeldBlocks {
  private readonly blocks = new Map<string, Uint8Array>()
  private readonly waiting = new Map<string, Waiter[]>()
  /** set once no more blocks will come: `{}` when the fetch ended well, `{ error }` when it failed */
  private ended?: { error?: unknown }

  add (cid: CID, bytes: Uint8Array): void {
    if (this.ended?.error !== undefined) return // a refused fetch holds nothing, even what comes late
    const key = HeldBlocks.key(cid)
    this.blocks.set(key, bytes)
    for (const w of this.waiting.get(key) ?? []) w.resolve(bytes)
    this.waiting.delete(key)
  }

  /**
   * No more blocks will come. After a failed or refused fetch (`error`) every block is let go of
   * and every wait fails with that error; otherwise a block still waited for is looked for in the
   * local blockstore only.
   */
  end (error?: unknown): void {
    if (this.ended != null) return
    this.ended = error === undefined ? {} : { error }
    if (error !== undefined) this.blocks.clear()
    const waiters = [...this.waiting.values()].flat()
    this.waiting.clear()
    for (const w of waiters) {
      if (error === undefined) w.resolve(undefined)
      else w.reject(error)
    }
  }

  /** `store`, except that a held block is answered from memory */
  over (store: Blockstore): Blockstore {
    return HeldBlocks.proxy(store, (cid, options) => store.get(cid, options), this)
  }

  /**
   * `store` for a reader that runs beside the fetch: a block not held yet is waited for until the
   * fetch brings it; once the fetch has ended, it is read from `store` offline (never fetched).
   */
  following (store: Blocks): Blocks {
    const wait = async (cid: CID): Promise<Uint8Array | undefined> => {
      if (this.ended?.error !== undefined) throw this.ended.error
      if (this.ended != null) return undefined
      const key = HeldBlocks.key(cid)
      return await new Promise((resolve, reject) => {
        this.waiting.set(key, [...(this.waiting.get(key) ?? []), { resolve, reject }])
      })
    }
    return HeldBlocks.proxy(store, async function * (this: void, cid, options) {
      const bytes = await wait(cid)
      if (bytes != null) yield bytes
      else yield * store.get(cid, { ...options, offline: true })
    }, this)
  }

  /** `parallelWalker(concurrency)` over `over(blockstore)`: a pin walk that reads held blocks from memory */
  walker (concurrency: number): GraphWalkerFactory {
    return (components) => parallelWalker(concurrency)({ ...components, blockstore: this.over(components.blockstore) })
  }

  private static proxy<S extends Blockstore> (store: S, missing: S['get'], held: HeldBlocks): S {
    const get: S['get'] = async function * (cid, options) {
      const bytes = held.blocks.get(HeldBlocks.key(cid))
      if (bytes != null) yield bytes
      else yield * missing(cid, options)
    }
    return new Proxy(store, {
      get (target, prop) {
        if (prop === 'get') return get
        const value: unknown = Reflect.get(target, prop, target)
        return typeof value === 'function' ? value.bind(target) : value
      }
    })
  }

  private static key (cid: CID): string {
    return Buffer.from(cid.multihash.bytes).toString('base64')
  }
}
