/**
 * A peer that takes a job and never trains it: it accepts every offer, then says whatever a test
 * wants under the lease it was given — progress forever, a flood of reports, text with terminal
 * escapes. Built from the real node and publisher, speaking the real assignment and job-report
 * protocols; what no honest peer does, so it lives here.
 */
import { defaultLogger } from '@libp2p/logger'
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr } from '@multiformats/multiaddr'
import { DeviceKind } from '../../protocols/availability.js'
import { protocolIds } from '../../protocols/ids.js'
import { Assignment, AssignmentResponse } from '../../protocols/assignment.js'
import { ExecutionState, JobReport, JobReportAck } from '../../protocols/job-report.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { request, serve } from '../../src/network/stream.js'
import { publisher as publisherService } from '../../peer/publisher.js'
import { waitFor } from './processes.js'

export interface HostagePeer {
  node: CyxwizNode
  /** the lease it holds on each job it accepted */
  leases: Map<string, string>
  /** one report under the job's lease (TRAINING unless `r.state` says otherwise); the coordinator's answer */
  report: (jobId: string, r?: Partial<JobReport>) => Promise<JobReportAck>
  /** waits for an offer it accepted; the job id */
  accepted: () => Promise<string>
  stop: () => Promise<void>
}

export async function startHostagePeer (coordinator: string, o: { wallet: string, interval: number }): Promise<HostagePeer> {
  const node = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  const ids = protocolIds()
  const leases = new Map<string, string>()
  const log = defaultLogger().forComponent('test:hostage-peer')
  await serve(node, ids.protocols.assignment, Assignment, AssignmentResponse, async (a) => {
    leases.set(a.jobId, a.leaseId)
    return { accept: true, reason: '', backend: 'cpu' }
  }, { timeout: 10_000, maxSize: 2 * 1024 * 1024, log })
  const offer = {
    deviceKind: DeviceKind.CPU, deviceModel: 'hostage', gpuMemoryBytes: 0n, cpuCores: 4, ramBytes: 8n * 1024n ** 3n, backends: ['cpu'], pricePerUnit: '1',
    location: 'nowhere', walletAddress: o.wallet, softwareVersion: '0.1.0', maxQueueLength: 4
  }
  const publisher = publisherService({ topics: ids.topics, heartbeatInterval: o.interval, availabilityInterval: 60_000, offer: async () => offer })(
    { peerId: node.peerId, pubsub: node.services.pubsub, sampler: { latest: () => undefined }, logger: defaultLogger() })
  const target = multiaddr(coordinator)
  const coordinatorId = peerIdFromString(target.getComponents().find(c => c.name === 'p2p')?.value ?? '')
  await node.dial(target)
  await publisher.start()
  const report = async (jobId: string, r: Partial<JobReport> = {}): Promise<JobReportAck> => {
    const value: JobReport = {
      jobId, leaseId: leases.get(jobId) ?? '', state: ExecutionState.TRAINING, progress: 0.1, currentEpoch: 1, metrics: new Map(), message: '',
      timestampMs: BigInt(Date.now()), checkpointUri: '', checkpointEpoch: 0, backend: 'cpu', queuedMs: 0n, states: [], ...r
    }
    return await request(node, coordinatorId, ids.protocols.jobReport, { value, codec: JobReport }, JobReportAck, { timeout: 10_000, maxSize: 4096 })
  }
  return {
    node,
    leases,
    report,
    accepted: async () => await waitFor('an accepted offer', () => [...leases.keys()][0], 120_000),
    stop: async () => { await publisher.stop(); await node.stop() }
  }
}
