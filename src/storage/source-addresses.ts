/**
 * The addresses of content sources an operator names (`--ipfs-gateway`, `--ipfs-peer`), checked
 * where they are given: the CLI parses them with these before anything starts, and the store again
 * when it opens. Kept apart from content-sources.ts so the CLI does not load Helia to parse a flag.
 */
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { InvalidArgumentError } from '../errors.js'

/** a gateway's URL: http(s), its root (the broker replaces the path and query with `/ipfs/<cid>?format=raw`) */
export function parseGateway (url: string): URL {
  let u: URL
  try {
    u = new URL(url)
  } catch (err) {
    throw new InvalidArgumentError(`not a gateway URL: ${JSON.stringify(url.slice(0, 80))}`)
  }
  if ((u.protocol !== 'http:' && u.protocol !== 'https:') || u.pathname !== '/' || u.search !== '' || u.hash !== '' || u.username !== '' || u.password !== '') {
    throw new InvalidArgumentError(`a gateway is the http(s) URL of its root, without path, query, fragment or credentials: ${JSON.stringify(url.slice(0, 80))}`)
  }
  return u
}

/** an IPFS peer's address; it must name the peer (/p2p/<id>) so the dial proves who answered */
export function parseIpfsPeer (addr: string): Multiaddr {
  let ma: Multiaddr
  try {
    ma = multiaddr(addr)
  } catch (err) {
    throw new InvalidArgumentError(`not a multiaddr: ${JSON.stringify(addr.slice(0, 80))}`, 'ERR_INVALID_MULTIADDR')
  }
  if (ma.getComponents().at(-1)?.name !== 'p2p') {
    throw new InvalidArgumentError(`an IPFS peer's address must end in /p2p/<peer-id>: ${addr.slice(0, 120)}`, 'ERR_INVALID_MULTIADDR')
  }
  return ma
}
