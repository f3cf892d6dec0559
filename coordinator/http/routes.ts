/**
 * The coordinator's HTTP routes: the dashboard and the builder pages with their bundles, /metrics
 * (operator only), the job and price API the pages read, and the live event stream.
 */
import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { Registry } from 'prom-client'
import { assets, pageHtml, CONTENT_SECURITY_POLICY, type Page } from '../../src/http/assets.js'
import type { HttpApp, HttpEnv } from '../../src/http/server.js'
import type { DashboardFeed } from './dashboard-feed.js'

export interface CoordinatorRoutesComponents {
  feed: Pick<DashboardFeed, 'snapshot' | 'job' | 'subscribe' | 'prices'>
  registry: Registry
  /** market price when no peer is online (the jobs' default) */
  defaultPrice: bigint
}

/** a comment line every 15 s keeps proxies and the browser from closing a quiet stream */
const KEEPALIVE_MS = 15_000

export function coordinatorRoutes (c: CoordinatorRoutesComponents): (app: HttpApp) => void {
  return (app) => {
    const page = (p: Page) => (ctx: Context<HttpEnv>): Response => {
      ctx.header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      return ctx.html(pageHtml(p, ctx.req.query('token')))
    }
    app.get('/', page('dashboard'))
    app.get('/builder', page('builder'))
    app.get('/assets/:name', async (ctx) => {
      const a = (await assets()).get(ctx.req.param('name'))
      if (a == null) return ctx.json({ code: 'ERR_HTTP', message: 'no such asset' }, 404)
      return ctx.body(a.body as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': a.type, 'Cache-Control': 'no-cache' })
    })
    app.get('/metrics', async (ctx) => {
      if (ctx.get('access').kind !== 'operator') return ctx.json({ code: 'ERR_UNAUTHORIZED', message: 'metrics are for the operator\'s token' }, 403)
      return ctx.body(await c.registry.metrics(), 200, { 'Content-Type': c.registry.contentType })
    })
    app.get('/api/state', async (ctx) => ctx.json(await c.feed.snapshot(ctx.get('access'))))
    app.get('/api/jobs/:id', async (ctx) => {
      const j = await c.feed.job(ctx.get('access'), ctx.req.param('id'))
      // a job this viewer may not see is answered exactly like a job that does not exist
      return j == null ? ctx.json({ code: 'ERR_JOB_NOT_FOUND', message: 'no such job' }, 404) : ctx.json(j)
    })
    app.get('/api/price', async (ctx) => {
      const prices = await c.feed.prices()
      return ctx.json({ pricePerUnit: median(prices, c.defaultPrice).toString(), offers: prices.length })
    })
    app.get('/api/events', (ctx) => streamSSE(ctx, async (stream) => {
      const access = ctx.get('access')
      let closed = false
      const done = new Promise<void>((resolve) => { stream.onAbort(() => { closed = true; resolve() }) })
      const send = (event: string, data: unknown): void => {
        if (!closed) void stream.writeSSE({ event, data: JSON.stringify(data) }).catch(() => {})
      }
      const unsubscribe = c.feed.subscribe(access, send)
      try {
        send('snapshot', await c.feed.snapshot(access))
        const ping = setInterval(() => { if (!closed) void stream.write(': keepalive\n\n').catch(() => {}) }, KEEPALIVE_MS)
        await done
        clearInterval(ping)
      } finally {
        unsubscribe()
      }
    }))
  }
}

/**
 * the builder's guide price: the plain median of the online offers (the coordinator's binding
 * estimate weights offers by each peer's verified work; `cyxwiz job estimate` asks for that one)
 */
function median (prices: bigint[], fallback: bigint): bigint {
  if (prices.length === 0) return fallback
  const sorted = [...prices].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? fallback
}
