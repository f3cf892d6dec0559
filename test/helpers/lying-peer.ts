/**
 * A dishonest peer, for the tests of the coordinator's verification (a failure no honest peer
 * produces, so it is built here on purpose): the real node, publisher, bidding, held jobs, report
 * delivery and IPFS store. For `wrong-hash`, `wrong-key` and `huge-model-json` it does not train: it
 * reports ACCEPTED, uploads a model directory at once and sends a completion that lies — a weights
 * hash that is not the uploaded weights', a proof signed by a key other than its own, or a model.json
 * of 96 MiB. The other lies train for
 * real and then cheat (training-liar.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { defaultLogger } from '@libp2p/logger'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { DeviceKind } from '../../protocols/availability.js'
import { protocolIds } from '../../protocols/ids.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore, ipfsUri } from '../../src/storage/ipfs.js'
import { sha256Hex } from '../../src/storage/model-dir.js'
import { signCompletion } from '../../src/proof/completion.js'
import { loadOrCreateKey } from '../../src/network/identity.js'
import { parseBootstrapAddr } from '../../src/network/bootstrap-keeper.js'
import { ExecutionState } from '../../protocols/job-report.js'
import { publisher as publisherService } from '../../peer/publisher.js'
import { bidding } from '../../peer/bidding.js'
import { activeJobs } from '../../peer/active-jobs.js'
import { reportDelivery } from '../../peer/report-delivery.js'
import { trainAndLie, type TrainingLie } from './training-liar.js'

export type Lie = 'wrong-hash' | 'wrong-key' | 'huge-model-json' | TrainingLie

export async function startLyingPeer (coordinator: string, o: { lie: Lie, wallet: string, ramBytes: bigint, interval: number }): Promise<{ node: CyxwizNode, stop: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-liar-'))
  const privateKey = await loadOrCreateKey(dir)
  const node = await createNode({ privateKey, listen: ['/ip4/127.0.0.1/tcp/0'] })
  const ipfs = await IpfsStore.open(dir, node)
  const ids = protocolIds()
  const offer = {
    deviceKind: DeviceKind.CPU, deviceModel: 'liar', gpuMemoryBytes: 0n, cpuCores: 4, ramBytes: o.ramBytes, backends: ['cpu'], pricePerUnit: '1',
    location: 'nowhere', walletAddress: o.wallet, softwareVersion: '0.1.0', maxQueueLength: 4
  }
  const logger = defaultLogger()
  const publisher = publisherService({ topics: ids.topics, heartbeatInterval: o.interval, availabilityInterval: 60_000, offer: async () => offer })(
    { peerId: node.peerId, pubsub: node.services.pubsub, sampler: { latest: () => undefined }, logger })
  const { ma: target, peer: coordinatorId } = parseBootstrapAddr(coordinator)
  const jobs = activeJobs()({ publisher, offer: () => offer, logger })
  const reports = reportDelivery({ protocol: ids.protocols.jobReport, flushInterval: 60_000 })({ node, jobs, logger })
  const bids = bidding({ protocol: ids.protocols.assignment, coordinators: [coordinatorId.toString()], minPayment: 0n })({ node, jobs, offer: () => offer, logger })
  jobs.on('accepted', (job) => {
    void (async () => {
      await new Promise(resolve => setImmediate(resolve))
      if (o.lie !== 'wrong-hash' && o.lie !== 'wrong-key' && o.lie !== 'huge-model-json') {
        await trainAndLie(o.lie, job, { ipfs, reports, privateKey }).catch((err: unknown) => { process.stderr.write(`liar: ${String(err)}\n`) })
        return
      }
      // the lie is told once the ACCEPTED report is acked (the job is RUNNING by then)
      const accepted = reports.report(job, { state: ExecutionState.ACCEPTED, message: 'accepted; fetching the dataset' })
      // a well-formed tfjs model directory: 16 float32 weights
      const weights = randomBytes(64)
      const modelJson = new TextEncoder().encode(JSON.stringify({
        modelTopology: JSON.parse(job.assignment.modelDefinition) as unknown,
        weightsManifest: [{ paths: ['weights.bin'], weights: [{ name: 'w', shape: [16], dtype: 'float32' }] }],
        // 'huge-model-json': 96 MiB of JSON, for a coordinator that would read and parse it whole
        ...(o.lie === 'huge-model-json' ? { padding: 'x'.repeat(96 * 1024 * 1024) } : {})
      }))
      const uri = ipfsUri(await ipfs.addFiles([{ path: 'model.json', content: modelJson }, { path: 'weights.bin', content: weights }]))
      const hash = o.lie === 'wrong-hash' ? sha256Hex(randomBytes(64)) : sha256Hex(weights)
      const key = o.lie === 'wrong-key' ? await generateKeyPair('Ed25519') : privateKey
      const completion = await signCompletion(key, {
        jobId: job.jobId,
        leaseId: job.leaseId,
        completion: { finalStatus: 'COMPLETED', modelWeightsUri: uri, modelWeightsHash: hash, finalMetrics: new Map([['final_accuracy', 0.99]]), totalComputeTimeMs: 1000n }
      })
      await accepted
      await reports.report(job, { state: ExecutionState.COMPLETED, progress: 1, completion, message: 'done (not really)' })
    })()
  })
  await bids.start()
  await node.dial(target)
  await publisher.start()
  return {
    node,
    stop: async () => {
      await publisher.stop()
      await bids.stop()
      await ipfs.stop()
      await node.stop()
      await rm(dir, { recursive: true, force: true })
    }
  }
}
