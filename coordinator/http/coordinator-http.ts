/**
 * The coordinator's HTTP side as services for its start list: the dashboard feed, then the server
 * with the coordinator's routes. Submitters' read tokens (signed by their wallet) let them in to see
 * their own jobs.
 */
import type { ComponentLogger } from '@libp2p/interface'
import type { NamedService } from '../../src/service-list.js'
import type { CyxwizMetrics } from '../../src/metrics/registry.js'
import { httpServer, type HttpServer } from '../../src/http/server.js'
import type { HttpAddress } from '../../src/http/address.js'
import { verifyReadToken } from '../../src/http/read-token.js'
import type { JobsRole } from '../jobs/jobs-role.js'
import type { NodeRegistry } from '../registry/node-registry.js'
import { dashboardFeed } from './dashboard-feed.js'
import { coordinatorRoutes } from './routes.js'

export interface CoordinatorHttpInit {
  address: HttpAddress
  token?: string
  fallbackToAnyPort: boolean
  defaultPrice: bigint
}

export interface CoordinatorHttpComponents {
  jobs: JobsRole
  registry: NodeRegistry
  metrics: CyxwizMetrics
  logger: ComponentLogger
}

export function coordinatorHttp (init: CoordinatorHttpInit, c: CoordinatorHttpComponents): { server: HttpServer, services: NamedService[] } {
  const feed = dashboardFeed()({
    jobs: c.jobs.jobs,
    registry: c.registry,
    reputation: () => new Map(c.jobs.scheduler.lastCandidates.map(cand => [cand.nodeId, cand.reputation]))
  })
  const server = httpServer({ address: init.address, fallbackToAnyPort: init.fallbackToAnyPort, ...(init.token != null ? { token: init.token } : {}) })({
    routes: coordinatorRoutes({ feed, registry: c.metrics.registry, defaultPrice: init.defaultPrice }),
    readToken: async (t) => await verifyReadToken(t),
    logger: c.logger
  })
  return { server, services: [{ name: 'dashboard feed', service: feed }, { name: 'http', service: server }] }
}
