/**
 * Content-addressed storage of a role: a Helia node on the role's own libp2p node (one identity,
 * one set of connections), a filesystem blockstore and a level datastore (pins) under
 * `<data-dir>/ipfs`. Blocks move by bitswap between connected peers; every block fetched is checked
 * against its CID by Helia before it is stored, so whatever `cat`/`pin` return is what the CID names.
 *
 * Datasets are single files (`addBytes`); trained models and checkpoints are directories of files
 * (`addFiles`). Everything we add or fetch is pinned, so it survives a garbage collection and stays
 * available to others (the coordinator keeps a job's dataset for the peer that trains it).
 */
import { join } from 'node:path'
import { mkdir } from 'node:fs/promises'
import { createHeliaLight, type Helia, type WalkOptions } from 'helia'
import { withBitswap } from '@helia/bitswap'
import { unixfs, type UnixFS } from '@helia/unixfs'
import { WholeBlockFsBlockstore, parallelWalker } from './fast-blocks.js'
import { HeldBlocks } from './held-blocks.js'
import { ASK_GATEWAYS, INVALID_BLOCK, NamedPeers, addGateways, type ContentSourcesInit } from './content-sources.js'
import { LevelDatastore } from 'datastore-level'
import { MemoryDatastore } from 'datastore-core'
import { CID } from 'multiformats/cid'
import drain from 'it-drain'
import type { Libp2p } from '@libp2p/interface'
import { CyxwizError } from '../errors.js'
import { KeyedMutex } from '../keyed-mutex.js'

export interface FetchOptions {
  /** refuse content larger than this many bytes */
  maxBytes: number
  /** a directory's entry may hold at most this many bytes (by its name; default `maxBytes`) */
  entryMaxBytes?: (name: string) => number
  /** give up after this long (ms) */
  timeout?: number
  signal?: AbortSignal
  /**
   * content that may live on IPFS beyond our network (a submitted dataset): the configured
   * gateways are asked too (content-sources.ts). Default false: checkpoints, models and training
   * splits are not asked of a gateway.
   */
  gateways?: boolean
}

/** blocks fetched at once while pinning (see fast-blocks.ts; 16 reached ~50 MB/s on loopback) */
const PIN_CONCURRENCY = 16

export interface StoredFile { path: string, content: Uint8Array }

/**
 * what a fetch hands to Helia, which passes it on to every block broker: its deadline, a listener
 * for blocks that fail their check, and whether the gateways are asked
 */
interface Fetching { signal: AbortSignal | undefined, onProgress: (evt: { type: string, detail: unknown }) => void, [ASK_GATEWAYS]: boolean }

export { parseIpfsUri, ipfsUri } from './ipfs-uri.js'

function signalOf (o: FetchOptions): AbortSignal | undefined {
  const signals = [o.signal, o.timeout != null ? AbortSignal.timeout(o.timeout) : undefined].filter((s): s is AbortSignal => s != null)
  return signals.length === 0 ? undefined : AbortSignal.any(signals)
}

function fetchError (what: string, cid: CID, err: unknown): CyxwizError {
  if (err instanceof CyxwizError) return err
  // Helia reports a block nobody served before the deadline as LoadBlockFailedError
  const aborted = ['AbortError', 'TimeoutError', 'LoadBlockFailedError', 'NotFoundError'].includes((err as Error).name)
  return new CyxwizError(aborted ? 'ERR_CONTENT_NOT_FOUND' : 'ERR_IPFS', aborted
    ? `${what} ${cid.toString()} could not be fetched in time from the connected peers`
    : `${what} ${cid.toString()}: ${(err as Error).message}`, { retryable: aborted, cause: err })
}

/**
 * A directory entry's name must be a plain file name: whoever reads the directory may join it to a
 * local path, so a name with a separator, a NUL, or `.`/`..` is refused as the entry is listed.
 */
function checkEntryName (cid: CID, name: string): void {
  if (name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name)) return
  const shown = JSON.stringify(name.replace(/[\p{Cc}\p{Cf}]/gu, '').slice(0, 64))
  throw new CyxwizError('ERR_IPFS', `directory ${cid.toString()} has an entry named ${shown}; only plain file names are allowed`)
}

export class IpfsStore {
  readonly helia: Helia
  private readonly fs: UnixFS
  private readonly pinning = new KeyedMutex()
  /** the on-disk datastore, if any: Helia's stop leaves it open, so stop closes it (and its lock) */
  private readonly datastore?: LevelDatastore
  private readonly peers?: NamedPeers

  private constructor (helia: Helia, datastore?: LevelDatastore, peers?: NamedPeers) {
    this.helia = helia
    this.fs = unixfs(helia)
    this.datastore = datastore
    this.peers = peers
  }

  /**
   * Starts Helia on a started libp2p node, blocks under `<dataDir>/ipfs`. Pins are on disk for
   * daemons; a CLI client keeps them in memory (`persistentPins: false`) so several commands share
   * its blocks (it never collects garbage). `sources`: gateways and named peers (content-sources.ts).
   * `wantlistDebounce` (ms, default 0): bitswap's wait before sending a want list, paid on both of a
   * file fetch's round trips (root, then leaves); Helia's 10 ms was ~20 of a 3.2 MB fetch's ~90 ms.
   */
  static async open (dataDir: string, node: Libp2p, opts: { persistentPins?: boolean, sources?: Partial<ContentSourcesInit>, wantlistDebounce?: number } = {}): Promise<IpfsStore> {
    const gateways = opts.sources?.gateways ?? []
    const peerAddrs = opts.sources?.peers ?? []
    // checked before anything opens: a bad address is the caller's error, not a half-open store
    const peers = peerAddrs.length > 0 ? new NamedPeers(node, peerAddrs, node.logger.forComponent('cyxwiz:ipfs:sources')) : undefined
    const dir = join(dataDir, 'ipfs')
    await mkdir(dir, { recursive: true })
    let datastore: LevelDatastore | MemoryDatastore = new MemoryDatastore()
    if (opts.persistentPins ?? true) {
      const level = new LevelDatastore(join(dir, 'datastore'))
      try {
        await level.open()
      } catch (err) {
        throw new CyxwizError('ERR_DATA_DIR', `cannot open the IPFS datastore in ${dir} (in use by another cyxwiz process?): ${(err as Error).message}`, { cause: err })
      }
      datastore = level
    }
    const helia = createHeliaLight({ blockstore: new WholeBlockFsBlockstore(join(dir, 'blocks')), datastore })
    // our node instead of one Helia would create: bitswap runs on the role's connections
    Object.defineProperty(helia, 'libp2p', { value: node, enumerable: true })
    withBitswap(helia as Helia & { libp2p: Libp2p }, { sendWantlistDebounce: opts.wantlistDebounce ?? 0 })
    try {
      addGateways(helia, gateways)
      await helia.start()
    } catch (err) {
      if (datastore instanceof LevelDatastore) await datastore.close().catch(() => {})
      throw err
    }
    return new IpfsStore(helia, datastore instanceof LevelDatastore ? datastore : undefined, peers)
  }

  /** adds one file's bytes and pins it */
  async addBytes (bytes: Uint8Array): Promise<CID> {
    const cid = await this.fs.addBytes(bytes)
    await this.pin(cid, { maxBytes: Number.MAX_SAFE_INTEGER })
    return cid
  }

  /** adds files as one directory (e.g. model.json + weights.bin) and pins it */
  async addFiles (files: StoredFile[]): Promise<CID> {
    let dir = await this.fs.addDirectory()
    for (const f of files) {
      const file = await this.fs.addBytes(f.content)
      dir = await this.fs.cp(file, dir, f.path)
    }
    await this.pin(dir, { maxBytes: Number.MAX_SAFE_INTEGER })
    return dir
  }

  /**
   * Fetches (from connected peers if not held) and pins a whole DAG; idempotent, and one pin of a
   * CID at a time (two jobs on one dataset would otherwise race to pin it twice). Returns the bytes
   * the DAG's blocks hold (0 when it was pinned already).
   *
   * The byte budget counts the blocks as they really arrive, not the size the root claims: the DAG
   * is fetched first without a pin, and one that runs over `maxBytes` (or fails) has the blocks it
   * brought deleted again unless something else pins them — nothing of a refused DAG stays. Only
   * then is it pinned, from local blocks.
   */
  async pin (cid: CID, o: FetchOptions): Promise<number> {
    return await this.pinHolding(cid, o)
  }

  /** `pin`, putting the blocks it fetches in `held` for the pin walk and a reader; ends `held` (failed: empty) */
  private async pinHolding (cid: CID, o: FetchOptions, held?: HeldBlocks): Promise<number> {
    let bytes: number
    try {
      bytes = await this.pinOnce(cid, o, held)
    } catch (err) {
      held?.end(err)
      throw err
    }
    held?.end()
    return bytes
  }

  private async pinOnce (cid: CID, o: FetchOptions, held?: HeldBlocks): Promise<number> {
    return await this.pinning.run(cid.toString(), async () => {
      const signal = signalOf(o)
      // a block some source sent that did not hash to its CID: dropped by Helia, named in the error
      let forged: CID | undefined
      const onProgress = (evt: { type: string, detail: unknown }): void => { if (evt.type === INVALID_BLOCK) forged ??= evt.detail as CID }
      try {
        if (await this.helia.pins.isPinned(cid, { signal })) return 0
        this.peers?.connect()
        const fetching: Fetching = { signal, onProgress, [ASK_GATEWAYS]: o.gateways === true }
        await this.checkSize(cid, o, fetching) // refuses a DAG that admits being too large before fetching it
        const bytes = await this.fetchWithin(cid, o.maxBytes, fetching, held)
        await drain(this.helia.pins.add(cid, { signal, walker: held?.walker(PIN_CONCURRENCY) ?? parallelWalker(PIN_CONCURRENCY) }))
        return bytes
      } catch (err) {
        if ((err as Error).name === 'AlreadyPinnedError') return 0
        const e = fetchError('content', cid, err)
        if (forged == null || e.code !== 'ERR_CONTENT_NOT_FOUND') throw e
        throw new CyxwizError('ERR_HASH_MISMATCH', `content ${cid.toString()}: a source sent a block for ${forged.toString()} that does not match that CID (dropped; no other source had it in time)`, { cause: err })
      }
    })
  }

  /** Unpins a DAG pinned by `pin`; a CID that is not pinned is left as it is. */
  async unpin (cid: CID): Promise<void> {
    await this.pinning.run(cid.toString(), async () => {
      try {
        await drain(this.helia.pins.rm(cid))
      } catch (err) {
        if ((err as Error).name !== 'NotFoundError') throw fetchError('content', cid, err)
      }
    })
  }

  /** brings every block of the DAG here (and into `held`), counting bytes; over `maxBytes`, deletes what it brought */
  private async fetchWithin (cid: CID, maxBytes: number, opts: Fetching, held?: HeldBlocks): Promise<number> {
    const seen: CID[] = []
    let bytes = 0
    // the blocks hold the file plus its DAG's links (~50 bytes per 1 MiB leaf): a file at the cap
    // still fits, a DAG that lies about its size does not
    const limit = maxBytes + Math.ceil(maxBytes / 1024) + 4096
    try {
      const walker = parallelWalker(PIN_CONCURRENCY)({ blockstore: this.helia.blockstore, getCodec: this.helia.getCodec })
      // Helia hands the walk's options on to every block fetch (onProgress included)
      const walk: WalkOptions<unknown> = opts
      for await (const node of walker.walk(cid, walk)) {
        seen.push(node.block.cid)
        bytes += node.block.bytes.byteLength
        held?.add(node.block.cid, node.block.bytes)
        if (bytes > limit) throw new CyxwizError('ERR_TOO_LARGE', `${cid.toString()} holds more than the ${maxBytes} bytes allowed (counted as its blocks arrived)`)
      }
      return bytes
    } catch (err) {
      await this.forget(seen)
      throw err
    }
  }

  /**
   * Deletes these blocks unless a pin holds them (blocks still in flight when a fetch failed stay,
   * unpinned). Helia's bitswap does not send a block again to a peer it has sent it to until that
   * peer cancels its want, so the same CID from the same connection may not be fetchable again.
   */
  private async forget (cids: CID[]): Promise<void> {
    for (const c of cids) {
      if (await this.helia.pins.isPinned(c).catch(() => true)) continue
      try { await this.helia.blockstore.delete(c) } catch {}
    }
  }

  /**
   * the bytes of a file, fetched if needed and pinned. The file is read out of the blocks while the
   * fetch brings them (the whole file is returned in memory anyway); a block it did not bring is read
   * from the blockstore once the pin is done. A pin's failure is the error thrown.
   */
  async cat (cid: CID, o: FetchOptions): Promise<Uint8Array> {
    const held = new HeldBlocks()
    const reading = this.assemble(cid, o, held)
    const settled = reading.then(() => {}, () => {})
    try {
      await this.pinHolding(cid, o, held)
    } catch (err) {
      await settled // it fails too, with the same error: nothing is left waiting
      throw err
    }
    return await reading
  }

  /** a file's bytes, copied as its blocks arrive in `held` (whose reader fetches nothing); never over `maxBytes` */
  private async assemble (cid: CID, o: FetchOptions, held: HeldBlocks): Promise<Uint8Array> {
    const fs = unixfs({ blockstore: held.following(this.helia.blockstore) })
    const signal = signalOf(o)
    try {
      const { size } = await fs.stat(cid, { signal })
      if (size > BigInt(o.maxBytes)) throw new CyxwizError('ERR_TOO_LARGE', `${cid.toString()} holds ${size} bytes, more than the ${o.maxBytes} allowed`)
      const out = Buffer.allocUnsafe(Number(size))
      let at = 0
      for await (const chunk of fs.cat(cid, { signal })) {
        if (at + chunk.byteLength > out.byteLength) throw new CyxwizError('ERR_TOO_LARGE', `${cid.toString()} is larger than the ${size} bytes its root claims`)
        out.set(chunk, at)
        at += chunk.byteLength
      }
      if (at !== out.byteLength) throw new CyxwizError('ERR_IPFS', `${cid.toString()} holds ${at} bytes, not the ${size} its root claims`)
      return out
    } catch (err) {
      throw fetchError('file', cid, err)
    }
  }

  /** a file's bytes as they are read, fetched if needed and pinned first; never more than `maxBytes` */
  async * read (cid: CID, o: FetchOptions): AsyncGenerator<Uint8Array> {
    await this.pin(cid, o)
    let total = 0
    try {
      for await (const chunk of this.fs.cat(cid, { signal: signalOf(o) })) {
        total += chunk.byteLength
        if (total > o.maxBytes) throw new CyxwizError('ERR_TOO_LARGE', `${cid.toString()} is larger than ${o.maxBytes} bytes`)
        yield chunk
      }
    } catch (err) {
      throw fetchError('file', cid, err)
    }
  }

  /** a directory's files (one level), fetched if needed and pinned; entries must have plain names */
  async readFiles (cid: CID, o: FetchOptions): Promise<StoredFile[]> {
    const held = new HeldBlocks()
    await this.pinHolding(cid, o, held)
    const out: StoredFile[] = []
    try {
      // the directory's pin holds every entry's blocks: read from memory, or from disk
      for await (const entry of unixfs({ blockstore: held.following(this.helia.blockstore) }).ls(cid, { signal: signalOf(o) })) {
        checkEntryName(cid, entry.name)
        const cap = Math.min(o.maxBytes, o.entryMaxBytes?.(entry.name) ?? o.maxBytes)
        out.push({ path: entry.name, content: await this.assemble(entry.cid, { ...o, maxBytes: cap }, held) })
      }
    } catch (err) {
      throw fetchError('directory', cid, err)
    }
    return out
  }

  /**
   * The size the root blocks claim (a file's length; a directory's files, one level deep: the
   * only shape we store), checked against the cap before the bulk of the DAG is fetched. A DAG that
   * lies about its size is still bounded: `pin` counts the bytes its blocks really hold.
   */
  private async checkSize (cid: CID, o: FetchOptions, f: Fetching): Promise<void> {
    const signal = f.signal
    const stat = await this.fs.stat(cid, f)
    let size = stat.size
    if (stat.type === 'directory') {
      size = 0n
      let entries = 0
      for await (const entry of this.fs.ls(cid, { signal })) {
        if (++entries > 64) throw new CyxwizError('ERR_IPFS', `${cid.toString()} has more than 64 entries`)
        checkEntryName(cid, entry.name)
        const s = await this.fs.stat(entry.cid, f)
        if (s.type === 'directory') throw new CyxwizError('ERR_IPFS', `${cid.toString()}/${entry.name} is a directory; one level is expected`)
        const cap = o.entryMaxBytes?.(entry.name)
        if (cap !== undefined && s.size > BigInt(cap)) throw new CyxwizError('ERR_TOO_LARGE', `${cid.toString()}/${entry.name} holds ${s.size} bytes, more than the ${cap} allowed`)
        size += s.size
      }
    }
    if (size > BigInt(o.maxBytes)) throw new CyxwizError('ERR_TOO_LARGE', `${cid.toString()} holds ${size} bytes, more than the ${o.maxBytes} allowed`)
  }

  async stop (): Promise<void> {
    await this.helia.stop()
    // a store reopened in the same process (a daemon restarted in place) would find it locked
    await this.datastore?.close()
  }
}
