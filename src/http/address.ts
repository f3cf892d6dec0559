/**
 * The `--http` flag of the daemons: `HOST:PORT`, `[IPV6]:PORT` or `none`. An address any other
 * machine can reach needs a token (`--http-token`): the dashboard shows every job and wallet, and
 * /metrics the whole market. Loopback is the local operator's own machine.
 */
import { isIP } from 'node:net'
import { InvalidArgumentError } from '../errors.js'

export interface HttpAddress { host: string, port: number }

/** parses `--http`; `undefined` for `none` (no HTTP server at all) */
export function parseHttpAddress (value: string): HttpAddress | undefined {
  const v = value.trim()
  if (v.toLowerCase() === 'none') return undefined
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]+)):(\d{1,5})$/.exec(v)
  const host = m?.[1] ?? m?.[2]
  const port = Number(m?.[3])
  if (m == null || host == null || !Number.isInteger(port) || port > 65_535) {
    throw new InvalidArgumentError(`--http: expected HOST:PORT (127.0.0.1:9090, [::1]:9090, 0.0.0.0:9090) or none, got ${JSON.stringify(value)}`)
  }
  if (host !== 'localhost' && isIP(host) === 0) throw new InvalidArgumentError(`--http: ${JSON.stringify(host)} is not an IP address or localhost`)
  return { host, port }
}

/** true for addresses only this machine can connect to */
export function isLoopback (host: string): boolean {
  if (host === 'localhost' || host === '::1') return true
  return isIP(host) === 4 && host.startsWith('127.')
}

/**
 * The token rule: a non-loopback address without a token is refused before anything listens. A
 * token shorter than 16 characters is refused too: it is the only thing between the network and
 * every job's data.
 */
export function checkHttpAccess (address: HttpAddress | undefined, token: string | undefined): void {
  if (token != null && token.length < 16) throw new InvalidArgumentError('--http-token must be at least 16 characters')
  if (address != null && !isLoopback(address.host) && (token == null || token === '')) {
    throw new InvalidArgumentError(`--http ${address.host}:${address.port} is reachable from other machines: give --http-token (checked on every request)`)
  }
}

/** `http://host:port` for printing (IPv6 in brackets) */
export function httpUrl (host: string, port: number): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`
}
