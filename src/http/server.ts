/**
 * The daemons' HTTP server (hono on node's http): the role adds its routes, this file listens,
 * checks who is asking on every request and stops cleanly (open event streams included).
 *
 * Who is asking: with `token` set, every request must carry it (`Authorization: Bearer …` or
 * `?token=…`, which an EventSource or a link can carry) or a read token the role accepts (a
 * submitter's); anything else is refused with ERR_UNAUTHORIZED. Without a token (loopback only, see
 * address.ts) the local operator is trusted, but only under a loopback Host header: a web page
 * elsewhere that rebinds its own name to 127.0.0.1 is refused.
 */
import { timingSafeEqual, createHash } from 'node:crypto'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { Hono, type Context } from 'hono'
import { createAdaptorServer } from '@hono/node-server'
import type { ComponentLogger, Logger, Startable } from '@libp2p/interface'
import { CyxwizError } from '../errors.js'
import { httpUrl, isLoopback, type HttpAddress } from './address.js'

/** who a request speaks for: the operator sees everything, a wallet its own jobs */
export type Access = { kind: 'operator' } | { kind: 'wallet', wallet: string }

export type HttpEnv = { Variables: { access: Access } }
export type HttpApp = Hono<HttpEnv>

export interface HttpServerInit {
  address: HttpAddress
  /** the operator's token; required off loopback (checkHttpAccess) */
  token?: string
  /**
   * the address is the role's default, not the operator's choice: if its port is taken (a second
   * daemon on this machine, a test run) listen on any free port instead of failing the daemon
   */
  fallbackToAnyPort: boolean
}

export interface HttpServerComponents {
  /** adds the role's routes; called once before listening */
  routes: (app: HttpApp) => void
  /** a submitter's read token → the wallet it grants (coordinator); absent: only the operator */
  readToken?: (token: string) => Promise<string | undefined>
  logger: ComponentLogger
}

export class HttpServer implements Startable {
  private readonly init: HttpServerInit
  private readonly c: HttpServerComponents
  private readonly log: Logger
  private server?: Server
  private bound?: AddressInfo

  constructor (init: HttpServerInit, c: HttpServerComponents) {
    this.init = init
    this.c = c
    this.log = c.logger.forComponent('cyxwiz:http')
  }

  /** `http://host:port` once listening */
  get url (): string {
    if (this.bound == null) throw new CyxwizError('ERR_HTTP', 'the HTTP server is not listening')
    return httpUrl(this.init.address.host, this.bound.port)
  }

  async start (): Promise<void> {
    const app: HttpApp = new Hono<HttpEnv>()
    app.use('*', async (ctx, next) => {
      const access = await this.access(ctx)
      if (access == null) return ctx.json({ code: 'ERR_UNAUTHORIZED', message: 'a valid token is required (Authorization: Bearer TOKEN or ?token=TOKEN)' }, 401)
      ctx.set('access', access)
      await next()
    })
    app.onError((err, ctx) => {
      this.log.error('%s %s failed: %e', ctx.req.method, ctx.req.path, err)
      return ctx.json({ code: err instanceof CyxwizError ? err.code : 'ERR_HTTP', message: err.message }, 500)
    })
    this.c.routes(app)
    const server = createAdaptorServer({ fetch: app.fetch }) as Server
    this.server = server
    const { host, port } = this.init.address
    try {
      this.bound = await listen(server, host, port)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || !this.init.fallbackToAnyPort) {
        throw new CyxwizError('ERR_HTTP', `cannot listen on ${httpUrl(host, port)}: ${(err as Error).message}`, { cause: err })
      }
      this.log('port %d is taken, listening on any free port', port)
      this.bound = await listen(server, host, 0)
    }
    this.log('listening on %s', this.url)
  }

  async stop (): Promise<void> {
    const server = this.server
    if (server == null) return
    this.server = undefined
    // open event streams would hold close() forever
    server.closeAllConnections()
    await new Promise<void>((resolve) => { server.close(() => { resolve() }) })
  }

  private async access (ctx: Context<HttpEnv>): Promise<Access | undefined> {
    const given = bearer(ctx.req.header('authorization')) ?? ctx.req.query('token')
    const token = this.init.token
    if (token != null && token !== '') {
      if (given != null && same(given, token)) return { kind: 'operator' }
    } else {
      // no token: the local operator, but only under a loopback name (DNS rebinding)
      const host = hostOf(ctx.req.header('host') ?? '')
      if (given == null || given === '') return isLoopback(host) ? { kind: 'operator' } : undefined
    }
    if (given == null || given === '' || this.c.readToken == null) return undefined
    const wallet = await this.c.readToken(given)
    return wallet != null ? { kind: 'wallet', wallet } : undefined
  }
}

export function httpServer (init: HttpServerInit): (components: HttpServerComponents) => HttpServer {
  return (components) => new HttpServer(init, components)
}

async function listen (server: Server, host: string, port: number): Promise<AddressInfo> {
  return await new Promise<AddressInfo>((resolve, reject) => {
    const onError = (err: Error): void => { server.off('listening', onListening); reject(err) }
    const onListening = (): void => { server.off('error', onError); resolve(server.address() as AddressInfo) }
    server.once('error', onError)
    server.once('listening', onListening)
    server.listen(port, host)
  })
}

function bearer (header: string | undefined): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  return m?.[1]
}

/** constant-time comparison of two strings of any length */
function same (a: string, b: string): boolean {
  const h = (s: string): Buffer => createHash('sha256').update(s).digest()
  return timingSafeEqual(h(a), h(b))
}

/** the host name of a Host header (`[::1]:9090` → `::1`) */
function hostOf (header: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(header)
  if (m != null) return m[1] ?? ''
  return header.replace(/:\d+$/, '')
}
