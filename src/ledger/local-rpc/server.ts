/**
 * The embedded Solana JSON-RPC endpoint: an HTTP server on 127.0.0.1 over the SvmStore. It is what
 * `cyxwiz coordinator start` runs when no --solana-rpc is given, so the coordinator, the wallet CLI
 * and any Solana tool talk to a real SVM through the ordinary RPC — one code path for every cluster.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ComponentLogger, Logger } from '@libp2p/interface'
import { KeyedMutex } from '../../keyed-mutex.js'
import type { LevelStore } from '../../storage/level-store.js'
import { RpcError, SvmStore } from './svm-store.js'
import { methods, type Method } from './methods.js'

export interface LocalRpcInit {
  /** 127.0.0.1 by default: the embedded cluster is the coordinator's own, not a public service */
  host: string
  /** 0 picks a free port */
  port: number
  /** a new block (and blockhash) this often, ms; older blockhashes stay valid for 150 blocks */
  blockTime: number
  /** request bodies above this are refused */
  maxBody: number
}

export const defaultLocalRpcInit: LocalRpcInit = {
  host: '127.0.0.1',
  port: 0,
  // 400 ms: a mainnet slot; a blockhash then lives ~60 s, as on a real cluster
  blockTime: 400,
  // a transaction is at most 1232 bytes; batches of a few hundred requests fit easily
  maxBody: 1024 * 1024
}

/** JSON with bigints as plain number literals, which kit's parser reads back as bigints */
function stringify (value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => typeof v === 'bigint' ? (JSON as unknown as { rawJSON(s: string): unknown }).rawJSON(v.toString()) : v)
}

export class LocalRpc {
  readonly url: string
  readonly svm: SvmStore
  private readonly server: Server
  private readonly timer: NodeJS.Timeout

  private constructor (url: string, svm: SvmStore, server: Server, timer: NodeJS.Timeout) {
    this.url = url
    this.svm = svm
    this.server = server
    this.timer = timer
  }

  static async start (store: LevelStore, init: Partial<LocalRpcInit>, logger: ComponentLogger): Promise<LocalRpc> {
    const o = { ...defaultLocalRpcInit, ...init }
    const log: Logger = logger.forComponent('cyxwiz:ledger:local-rpc')
    const svm = await SvmStore.open(store)
    const mutex = new KeyedMutex()
    const table: Record<string, Method> = methods(svm, async (task) => await mutex.run('svm', task))
    const handle = async (req: { id?: unknown, method?: unknown, params?: unknown }): Promise<Record<string, unknown>> => {
      const id = req.id ?? null
      const method = typeof req.method === 'string' ? table[req.method] : undefined
      if (method == null) return { jsonrpc: '2.0', id, error: { code: -32601, message: `Method not found: ${String(req.method)}` } }
      try {
        return { jsonrpc: '2.0', id, result: await method(Array.isArray(req.params) ? req.params : []) }
      } catch (err) {
        const e = err instanceof RpcError ? err : new RpcError(-32603, (err as Error).message)
        if (!(err instanceof RpcError)) log.error('%s failed: %e', String(req.method), err)
        return { jsonrpc: '2.0', id, error: { code: e.code, message: e.message, ...(e.data != null ? { data: e.data } : {}) } }
      }
    }
    const server = createServer((req, res) => {
      if (req.method !== 'POST') { res.writeHead(405).end(); return }
      const chunks: Buffer[] = []
      let size = 0
      req.on('data', (c: Buffer) => {
        size += c.byteLength
        if (size > o.maxBody) { res.writeHead(413).end(); req.destroy(); return }
        chunks.push(c)
      })
      req.on('end', () => {
        void (async () => {
          let body: unknown
          try {
            body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
          } catch {
            res.writeHead(200, { 'content-type': 'application/json' }).end(stringify({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } }))
            return
          }
          const answer = Array.isArray(body)
            ? await Promise.all(body.slice(0, 1000).map(async r => await handle(r as Record<string, unknown>)))
            : await handle(body as Record<string, unknown>)
          res.writeHead(200, { 'content-type': 'application/json' }).end(stringify(answer))
        })()
      })
    })
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(o.port, o.host, () => { resolve() })
    })
    const timer = setInterval(() => { void mutex.run('svm', async () => { svm.newBlockhash() }) }, o.blockTime)
    timer.unref()
    const { port } = server.address() as AddressInfo
    const url = `http://${o.host}:${port}`
    log('embedded Solana RPC (LiteSVM) on %s', url)
    return new LocalRpc(url, svm, server, timer)
  }

  async stop (): Promise<void> {
    clearInterval(this.timer)
    this.server.closeAllConnections()
    await new Promise<void>(resolve => { this.server.close(() => { resolve() }) })
  }
}
