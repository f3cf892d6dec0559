/**
 * Where content comes from besides the peers a role is connected to anyway: IPFS trustless gateways
 * (https://specs.ipfs.tech/http-gateways/trustless-gateway/) and IPFS peers the operator names.
 * Both are off unless configured.
 *
 * - A gateway is asked for each block the store lacks, as `GET /ipfs/<cid>?format=raw` with
 *   `Accept: application/vnd.ipld.raw`, by Helia's trustless-gateway block broker, which races it
 *   against bitswap. The gateway URLs reach the broker through Helia's fallback router (a router
 *   that names the same gateways for every CID), the way Helia wires its own HTTP mode.
 * - A named IPFS peer is dialled before a fetch (if not connected) so that bitswap asks it too.
 *
 * Gateways are asked only by a fetch that says so (`ASK_GATEWAYS` in its options, set for
 * datasets): checkpoints, models and training splits live only in the network, and asking a public
 * gateway for each of their blocks would cost a request apiece and tell it every CID we fetch.
 *
 * Nothing a source sends is trusted: Helia hashes every block against its CID before it is
 * stored, and a block that does not match is dropped. The broker is wrapped so that such a block
 * is also reported to the fetch it was for (`INVALID_BLOCK`), which names it in its error.
 */
import { fallbackRouter } from '@helia/fallback-router'
import { trustlessGatewayBlockBroker } from '@helia/trustless-gateway-client'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { BlockBroker, BlockRetrievalOptions, Helia } from 'helia'
import type { Libp2p, Logger } from '@libp2p/interface'
import type { CID } from 'multiformats/cid'
import { CyxwizError } from '../errors.js'
import { parseGateway, parseIpfsPeer } from './source-addresses.js'

export interface ContentSourcesInit {
  /** trustless gateway base URLs (http or https) asked for blocks; none by default */
  gateways: string[]
  /** multiaddrs (ending in /p2p/<peer-id>) of IPFS peers dialled and asked over bitswap; none by default */
  peers: string[]
}

export { parseGateway, parseIpfsPeer }

export const defaultContentSources: ContentSourcesInit = { gateways: [], peers: [] }

/** the option a fetch sets (to true) for the gateways to be asked for its blocks */
export const ASK_GATEWAYS = 'cyxwizAskGateways'

/** the progress event a fetch hears when a source sent a block that does not hash to its CID */
export const INVALID_BLOCK = 'cyxwiz:content:invalid-block'

/**
 * Helia's trustless-gateway broker, with every block that fails Helia's check reported to the
 * fetch's `onProgress` before the broker moves on (to another gateway, or gives up on this one).
 */
function reportingInvalid (inner: BlockBroker): BlockBroker {
  const retrieve = inner.retrieve?.bind(inner)
  if (retrieve == null) throw new CyxwizError('ERR_IPFS', 'the trustless-gateway broker cannot retrieve blocks')
  return {
    name: inner.name,
    retrieve: async (cid: CID, options: BlockRetrievalOptions & { [ASK_GATEWAYS]?: boolean } = {}) => {
      // not for this fetch: give up at once, the other brokers go on
      if (options[ASK_GATEWAYS] !== true) throw new CyxwizError('ERR_CONTENT_NOT_FOUND', `gateways are not asked for ${cid.toString()}`)
      return await retrieve(cid, {
        ...options,
        validateFn: async (block: Uint8Array) => {
          try {
            await options.validateFn?.(block)
          } catch (err) {
            options.onProgress?.({ type: INVALID_BLOCK, detail: cid })
            throw err
          }
        }
      })
    }
  }
}

/** adds the gateways (if any) to a Helia node not started yet */
export function addGateways (helia: Helia, gateways: readonly string[]): void {
  if (gateways.length === 0) return
  const urls = gateways.map(g => parseGateway(g).toString())
  // Helia asks its fallback routers only after its other routers have finished, and with none
  // (we route nothing: bitswap asks the connected peers) that wait never ends; this one ends at once
  helia.addRouter({ name: 'connected-peers', async * findProviders () {} })
  helia.addRouter(fallbackRouter({ gateways: urls, shuffle: false }))
  // the operator named these URLs: plain http and private addresses (a gateway on the LAN) are allowed
  helia.addBlockBroker(components => reportingInvalid(trustlessGatewayBlockBroker({ allowInsecure: true, allowLocal: true })(components)))
}

/**
 * The named IPFS peers, dialled in the background before a fetch unless connected or being dialled:
 * bitswap sends its wants to a peer as soon as the connection opens, so a fetch need not wait for
 * the dial, and a named peer that is down costs it nothing.
 */
export class NamedPeers {
  private readonly addrs: Multiaddr[]
  private readonly dialling = new Set<string>()

  constructor (private readonly node: Libp2p, peers: readonly string[], private readonly log: Logger) {
    this.addrs = peers.map(parseIpfsPeer)
  }

  connect (): void {
    for (const ma of this.addrs) {
      const id = ma.getComponents().at(-1)?.value ?? ''
      if (this.dialling.has(id) || this.node.getConnections().some(c => c.remotePeer.toString() === id && c.status === 'open')) continue
      this.dialling.add(id)
      this.node.dial(ma)
        .then(() => { this.log('dialled IPFS peer %s', ma.toString()) })
        .catch((err: unknown) => { this.log('IPFS peer %s not reachable: %s', ma.toString(), (err as Error).message) })
        .finally(() => this.dialling.delete(id))
    }
  }
}
