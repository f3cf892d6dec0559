/**
 * A minimal IPFS trustless gateway for tests (https://specs.ipfs.tech/http-gateways/trustless-gateway/):
 * `GET /ipfs/<cid>` with `?format=raw` or `Accept: application/vnd.ipld.raw` answers the block's
 * bytes as `application/vnd.ipld.raw` from a Helia blockstore (offline: only what it holds), 404
 * otherwise. `forge(cid, bytes)` makes it answer other bytes for a CID, as a lying gateway would.
 * Listens on 127.0.0.1, port 0.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { CID } from 'multiformats/cid'
import type { Helia } from 'helia'

export interface TestGateway {
  url: string
  /** CIDs asked for, in order */
  requests: string[]
  forge: (cid: CID, bytes: Uint8Array) => void
  close: () => Promise<void>
}

export async function startTrustlessGateway (blockstore: Helia['blockstore']): Promise<TestGateway> {
  const forged = new Map<string, Uint8Array>()
  const requests: string[] = []
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://gateway')
      const m = /^\/ipfs\/([A-Za-z0-9]+)$/.exec(url.pathname)
      const raw = url.searchParams.get('format') === 'raw' || (req.headers.accept ?? '').includes('application/vnd.ipld.raw')
      if (req.method !== 'GET' || m == null || !raw) { res.writeHead(400).end(); return }
      let cid: CID
      try { cid = CID.parse(m[1] as string) } catch { res.writeHead(400).end(); return }
      requests.push(cid.toString())
      let bytes = forged.get(cid.toString())
      if (bytes == null) {
        try {
          const parts: Uint8Array[] = []
          for await (const p of blockstore.get(cid, { offline: true })) parts.push(p)
          bytes = Buffer.concat(parts)
        } catch {
          res.writeHead(404).end()
          return
        }
      }
      res.writeHead(200, { 'content-type': 'application/vnd.ipld.raw', 'content-length': bytes.byteLength, 'x-content-type-options': 'nosniff' })
      res.end(bytes)
    })().catch(() => { res.destroy() })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    forge: (cid, bytes) => { forged.set(cid.toString(), bytes) },
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>(resolve => server.close(() => { resolve() }))
    }
  }
}
