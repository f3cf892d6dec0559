/**
 * `--http` and `--http-token` for both daemons. Without `--http` a daemon serves on loopback at
 * its role's default port, and moves to any free port if that one is taken (a second daemon on the
 * same machine); an address the operator gave is used as given or the daemon does not start. The
 * token may also come from $CYXWIZ_HTTP_TOKEN, which, unlike a flag, other users cannot read in the
 * process list.
 */
import { checkHttpAccess, parseHttpAddress, type HttpAddress } from './address.js'

/** the coordinator's default port: the common Prometheus-exporter neighbourhood */
export const COORDINATOR_HTTP_PORT = 9090
/** a peer on the same machine as its coordinator does not collide with it */
export const PEER_HTTP_PORT = 9091

export interface HttpFlags { http?: string, httpToken?: string }

export interface HttpSettings { http?: HttpAddress, httpToken?: string, httpFallback: boolean }

export function httpSettings (flags: HttpFlags, defaultPort: number, env: NodeJS.ProcessEnv = process.env): HttpSettings {
  const token = flags.httpToken ?? (env.CYXWIZ_HTTP_TOKEN !== undefined && env.CYXWIZ_HTTP_TOKEN !== '' ? env.CYXWIZ_HTTP_TOKEN : undefined)
  const http = flags.http != null ? parseHttpAddress(flags.http) : { host: '127.0.0.1', port: defaultPort }
  checkHttpAccess(http, token)
  return { ...(http != null ? { http } : {}), ...(token != null ? { httpToken: token } : {}), httpFallback: flags.http == null }
}

export const HTTP_FLAG_HELP = 'serve the dashboard and /metrics on HOST:PORT (port 0: any free port), or none'
export const HTTP_TOKEN_HELP = 'token every HTTP request must carry (Bearer or ?token=); required off loopback; also $CYXWIZ_HTTP_TOKEN'
