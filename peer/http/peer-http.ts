/**
 * The peer's HTTP side: /metrics (its training and libp2p metrics, prom-client's process metrics)
 * and /api/status, what the peer holds now. There is no dashboard here: the coordinator's shows
 * the network and every job; a peer operator scrapes this one.
 */
import type { ComponentLogger, PeerId } from '@libp2p/interface'
import type { Registry } from 'prom-client'
import { httpServer, type HttpServer } from '../../src/http/server.js'
import type { HttpAddress } from '../../src/http/address.js'
import type { ActiveJobs } from '../active-jobs.js'

export interface PeerHttpInit {
  address: HttpAddress
  token?: string
  fallbackToAnyPort: boolean
}

export interface PeerHttpComponents {
  peerId: PeerId
  registry: Registry
  jobs: Pick<ActiveJobs, 'values'>
  logger: ComponentLogger
}

export function peerHttp (init: PeerHttpInit, c: PeerHttpComponents): HttpServer {
  return httpServer({ address: init.address, fallbackToAnyPort: init.fallbackToAnyPort, ...(init.token != null ? { token: init.token } : {}) })({
    routes: (app) => {
      app.get('/metrics', async (ctx) => ctx.body(await c.registry.metrics(), 200, { 'Content-Type': c.registry.contentType }))
      app.get('/api/status', (ctx) => ctx.json({
        peer: c.peerId.toString(),
        jobs: [...c.jobs.values()].map(j => ({ id: j.jobId, lease: j.leaseId, state: String(j.execution.state), epochs: j.spec.hyperparameters?.epochs ?? 0 }))
      }))
      app.get('/', (ctx) => ctx.text(`cyxwiz peer ${c.peerId.toString()}: /metrics, /api/status\n`))
    },
    logger: c.logger
  })
}
