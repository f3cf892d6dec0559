/**
 * A peer that gossips a valid heartbeat and offer but does not speak the assignment protocol — a
 * peer that "does not answer" (an old version, or a broken one), built from the real publisher.
 * With `flaky: n` it does speak it, but resets the first n offer streams (a connection that fails in
 * transit) and accepts the next, per job; `offers` holds when each offer arrived.
 */
import { defaultLogger } from '@libp2p/logger'
import { DeviceKind } from '../../protocols/availability.js'
import { protocolIds } from '../../protocols/ids.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { publisher as publisherService } from '../../peer/publisher.js'
import { Assignment, AssignmentResponse } from '../../protocols/assignment.js'
import { serve } from '../../src/network/stream.js'

export async function startMutePeer (coordinator: string, ramBytes: bigint, interval: number, opts: { flaky?: number } = {}): Promise<{ node: CyxwizNode, offers: Array<{ jobId: string, at: number }>, stop: () => Promise<void> }> {
  const node = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
  const offers: Array<{ jobId: string, at: number }> = []
  const flaky = opts.flaky
  if (flaky != null) {
    await serve(node, protocolIds().protocols.assignment, Assignment, AssignmentResponse, async (a) => {
      offers.push({ jobId: a.jobId, at: Date.now() })
      if (offers.filter(o => o.jobId === a.jobId).length <= flaky) throw new Error('flaky: stream reset')
      return { accept: true, reason: '', backend: 'cpu' }
    }, { timeout: 10_000, maxSize: 2 * 1024 * 1024, log: defaultLogger().forComponent('test:flaky-peer') })
  }
  const publisher = publisherService({
    topics: protocolIds().topics,
    heartbeatInterval: interval,
    availabilityInterval: 60_000,
    offer: async () => ({
      deviceKind: DeviceKind.CPU, deviceModel: 'mute', gpuMemoryBytes: 0n, cpuCores: 4, ramBytes, backends: ['cpu'], pricePerUnit: '1',
      location: 'nowhere', walletAddress: '11111111111111111111111111111111', softwareVersion: '0.1.0', maxQueueLength: 4
    })
  })({ peerId: node.peerId, pubsub: node.services.pubsub, sampler: { latest: () => undefined }, logger: defaultLogger() })
  const { multiaddr } = await import('@multiformats/multiaddr')
  await node.dial(multiaddr(coordinator))
  await publisher.start()
  return { node, offers, stop: async () => { await publisher.stop(); await node.stop() } }
}
