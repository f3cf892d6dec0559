/**
 * Who may read the daemons' HTTP, against a real server on port 0 with real requests: the `--http`
 * rules (a non-loopback address needs a token), the operator's token on every request, a loopback
 * server without a token refusing a foreign Host header (DNS rebinding), wallet read tokens (only a
 * signature by that wallet over the expiry it names counts), and the port fallback that applies
 * only to the default address.
 */
import { expect } from 'chai'
import { createServer } from 'node:net'
import { request } from 'node:http'
import { generateKeyPairSigner, type KeyPairSigner } from '@solana/kit'
import { defaultLogger } from '@libp2p/logger'
import { checkHttpAccess, isLoopback, parseHttpAddress } from '../../src/http/address.js'
import { httpSettings } from '../../src/http/cli-flags.js'
import { makeReadToken, verifyReadToken } from '../../src/http/read-token.js'
import { httpServer, type HttpServer } from '../../src/http/server.js'
import { isCyxwizError } from '../../src/errors.js'

const TOKEN = 'operator-token-0123456789abcdef'

function codeOf (fn: () => unknown): string | undefined {
  try { fn(); return undefined } catch (err) { return isCyxwizError(err) ? err.code : (err as Error).message }
}

/** a server whose one route says who the request speaks for */
async function serve (token?: string, port = 0, fallbackToAnyPort = false): Promise<HttpServer> {
  const s = httpServer({ address: { host: '127.0.0.1', port }, fallbackToAnyPort, ...(token != null ? { token } : {}) })({
    routes: (app) => { app.get('/who', (ctx) => ctx.json(ctx.get('access'))) },
    readToken: async (t) => await verifyReadToken(t),
    logger: defaultLogger()
  })
  await s.start()
  return s
}

async function get (s: HttpServer, path: string, headers: Record<string, string> = {}): Promise<{ status: number, body: { kind?: string, wallet?: string, code?: string } }> {
  const res = await fetch(`${s.url}${path}`, { headers })
  return { status: res.status, body: await res.json() as { kind?: string, wallet?: string, code?: string } }
}

/** a GET with a Host header of our choosing (fetch does not let a caller set one) */
async function getWithHost (s: HttpServer, path: string, host: string): Promise<{ status: number, code?: string }> {
  const url = new URL(path, s.url)
  return await new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, headers: { host } }, (res) => {
      let body = ''
      res.on('data', (d: Buffer) => { body += d.toString() })
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, ...(JSON.parse(body) as { code?: string }) }) })
    })
    req.on('error', reject)
    req.end()
  })
}

describe('http access', () => {
  const servers: HttpServer[] = []
  let wallet: KeyPairSigner
  let other: KeyPairSigner
  before(async () => { wallet = await generateKeyPairSigner(); other = await generateKeyPairSigner() })
  afterEach(async () => { for (const s of servers.splice(0)) await s.stop() })

  it('parses --http and refuses a reachable address without a token', () => {
    expect(parseHttpAddress('127.0.0.1:9090')).to.deep.equal({ host: '127.0.0.1', port: 9090 })
    expect(parseHttpAddress('[::1]:0')).to.deep.equal({ host: '::1', port: 0 })
    expect(parseHttpAddress('none')).to.equal(undefined)
    for (const bad of ['9090', 'example.com:80', '127.0.0.1:99999', '1.2.3.4:', ':80']) expect(codeOf(() => parseHttpAddress(bad)), bad).to.equal('ERR_INVALID_ARGUMENT')
    expect(isLoopback('127.0.0.1') && isLoopback('::1') && isLoopback('localhost')).to.equal(true)
    expect(isLoopback('0.0.0.0') || isLoopback('192.168.1.2') || isLoopback('::')).to.equal(false)
    expect(codeOf(() => { checkHttpAccess({ host: '0.0.0.0', port: 9090 }, undefined) })).to.equal('ERR_INVALID_ARGUMENT')
    expect(codeOf(() => { checkHttpAccess({ host: '0.0.0.0', port: 9090 }, 'short') })).to.equal('ERR_INVALID_ARGUMENT')
    expect(codeOf(() => { checkHttpAccess({ host: '0.0.0.0', port: 9090 }, TOKEN) })).to.equal(undefined)
    // the default: loopback, any free port if the role's own is taken; a given address is kept
    expect(httpSettings({}, 9090, {})).to.deep.equal({ http: { host: '127.0.0.1', port: 9090 }, httpFallback: true })
    expect(httpSettings({ http: 'none' }, 9090, {})).to.deep.equal({ httpFallback: false })
    expect(httpSettings({ http: '0.0.0.0:1' }, 9090, { CYXWIZ_HTTP_TOKEN: TOKEN }).httpToken).to.equal(TOKEN)
  })

  it('with a token, every request must carry it', async () => {
    const s = await serve(TOKEN)
    servers.push(s)
    expect((await get(s, '/who')).status).to.equal(401)
    expect((await get(s, '/who')).body.code).to.equal('ERR_UNAUTHORIZED')
    expect((await get(s, '/who?token=wrong-token-wrong-token')).status).to.equal(401)
    expect((await get(s, '/who', { authorization: `Bearer ${TOKEN}x` })).status).to.equal(401)
    expect((await get(s, `/who?token=${TOKEN}`)).body).to.deep.equal({ kind: 'operator' })
    expect((await get(s, '/who', { authorization: `Bearer ${TOKEN}` })).body).to.deep.equal({ kind: 'operator' })
    // an unknown path is checked too: the answer to a stranger is 401, not 404
    expect((await get(s, '/nothing-here')).status).to.equal(401)
  })

  it('without a token, loopback trusts only a loopback Host header', async () => {
    const s = await serve()
    servers.push(s)
    expect((await get(s, '/who')).body).to.deep.equal({ kind: 'operator' })
    expect((await getWithHost(s, '/who', 'localhost:9090')).status).to.equal(200)
    const rebound = await getWithHost(s, '/who', 'attacker.example:80')
    expect(rebound.status).to.equal(401)
    expect(rebound.code).to.equal('ERR_UNAUTHORIZED')
  })

  it('a wallet read token grants that wallet only, until it expires', async () => {
    const s = await serve(TOKEN)
    servers.push(s)
    const t = await makeReadToken(wallet)
    expect((await get(s, `/who?token=${t}`)).body).to.deep.equal({ kind: 'wallet', wallet: wallet.address })
    // the same signature under another wallet's name, another expiry, or a flipped byte: refused
    const [, exp, sig] = t.split('.')
    expect(await verifyReadToken(`${other.address}.${exp}.${sig}`)).to.equal(undefined)
    expect(await verifyReadToken(`${wallet.address}.${Number(exp) + 1}.${sig}`)).to.equal(undefined)
    const flipped = `${wallet.address}.${exp}.${(sig ?? '').slice(0, 10)}${(sig ?? '')[10] === 'A' ? 'B' : 'A'}${(sig ?? '').slice(11)}`
    expect(await verifyReadToken(flipped)).to.equal(undefined)
    expect((await get(s, `/who?token=${encodeURIComponent(flipped)}`)).status).to.equal(401)
    const expired = await makeReadToken(wallet, 1000, Date.now() - 10_000)
    expect(await verifyReadToken(expired)).to.equal(undefined)
    expect((await get(s, `/who?token=${expired}`)).status).to.equal(401)
  })

  it('falls back to a free port only for the default address', async () => {
    const blocker = createServer()
    await new Promise<void>(resolve => { blocker.listen(0, '127.0.0.1', resolve) })
    const taken = (blocker.address() as { port: number }).port
    try {
      const s = await serve(undefined, taken, true)
      servers.push(s)
      expect(s.url).to.match(/^http:\/\/127\.0\.0\.1:\d+$/).and.not.include(`:${taken}`)
      let code: string | undefined
      try { servers.push(await serve(undefined, taken, false)) } catch (err) { code = isCyxwizError(err) ? err.code : String(err) }
      expect(code).to.equal('ERR_HTTP')
    } finally {
      blocker.close()
    }
  })
})
