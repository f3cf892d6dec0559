/**
 * The market price against Sybil offers, from outside: fresh keys, each paying for a connection of
 * its own to a real coordinator, go online offering 0 and the u64 maximum; an independent client
 * asks for an estimate over the jobs protocol and gets the default price — the flood moved nothing.
 * A key with verified jobs (its reputation written into the coordinator's store before it starts, as
 * a coordinator that verified its work would have) sets the price alone, and stops setting it when
 * it leaves.
 */
import { expect } from 'chai'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { CID } from 'multiformats/cid'
import * as raw from 'multiformats/codecs/raw'
import { sha256 } from 'multiformats/hashes/sha2'
import { Coordinator } from '../../coordinator/coordinator.js'
import { defaultJobsOptions } from '../../coordinator/jobs/jobs-role.js'
import { REPUTATION_SUBLEVEL } from '../../coordinator/jobs/reputation.js'
import { JobClient } from '../../client/job-client.js'
import { LevelStore } from '../../src/storage/level-store.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { protocolIds } from '../../protocols/ids.js'
import { Heartbeat, WorkStatus } from '../../protocols/heartbeat.js'
import { Availability, DeviceKind } from '../../protocols/availability.js'
import { JobType, RequiredDevice, type SubmitJob } from '../../protocols/jobs.js'
import { Liveness } from '../../protocols/nodes.js'
import { waitFor } from '../helpers/processes.js'

const ids = protocolIds()
const U64_MAX = '18446744073709551615'
const SYBILS = 6

describe('market price: unproven offers do not move it', function () {
  this.timeout(120_000)
  let dir: string
  let coordinator: Coordinator
  let client: JobClient
  let proven: CyxwizNode
  const sybils: CyxwizNode[] = []
  let submit: SubmitJob
  let seqno = 1n

  async function online (k: CyxwizNode, price: string, status = WorkStatus.IDLE): Promise<void> {
    const nodeId = k.peerId.toString()
    const s = seqno++
    await k.services.pubsub.publish(ids.topics.heartbeat, Heartbeat.encode({
      nodeId, status, seqno: s, timestampMs: BigInt(Date.now()), queueLength: 0, availableMemoryBytes: 1n << 30n, softwareVersion: '0.1.0'
    }))
    await k.services.pubsub.publish(ids.topics.availability, Availability.encode({
      nodeId, seqno: s, timestampMs: BigInt(Date.now()), deviceKind: DeviceKind.CPU, deviceModel: 'm', gpuMemoryBytes: 0n, cpuCores: 8,
      ramBytes: 1n << 34n, backends: ['cpu'], pricePerUnit: price, location: '', walletAddress: '', softwareVersion: '0.1.0', maxQueueLength: 4
    }))
  }

  async function connect (k: CyxwizNode): Promise<void> {
    await k.dial(coordinator.multiaddrs()[0]!)
    await waitFor('the coordinator subscribed, as the key sees it', () =>
      k.services.pubsub.getSubscribers(ids.topics.availability).some(p => p.equals(coordinator.node.peerId)) ? true : undefined)
  }

  const priced = async (price: string): Promise<boolean> => (await coordinator.registry.list(Liveness.ONLINE))
    .some(n => n.availability.byteLength > 0 && Availability.decode(n.availability).pricePerUnit === price)

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cyxwiz-price-'))
    const key = await generateKeyPair('Ed25519')
    proven = await createNode({ privateKey: key, listen: [] })
    // three verified jobs on record for the proven key, written where the coordinator keeps them
    const store = await LevelStore.open(dir)
    await store.binary(REPUTATION_SUBLEVEL).put(proven.peerId.toString(), Buffer.from(JSON.stringify({ verified: 3, invalid: 0, lost: 0, run: 3 })))
    await store.close()
    coordinator = await Coordinator.start({ dataDir: dir, listen: ['/ip4/127.0.0.1/tcp/0'], heartbeatInterval: 2000 })
    client = await JobClient.open(coordinator.multiaddrs()[0]!.toString())
    const cid = CID.create(1, raw.code, await sha256.digest(new TextEncoder().encode('no dataset is fetched for a quote')))
    submit = {
      jobType: JobType.TRAINING,
      modelDefinition: await readFile(new URL('../fixtures/jobs/mlp.json', import.meta.url), 'utf8'),
      datasetUri: `ipfs://${cid.toString()}`,
      datasetSamples: 1000n,
      hyperparameters: { epochs: 1, batchSize: 32, learningRate: 0.001, optimizer: 'adam', validationSplit: 0, metrics: [] },
      paymentAmount: '1',
      requiredDevice: RequiredDevice.ANY,
      minMemoryBytes: 0n,
      wallet: ''
    }
  })

  after(async () => {
    await client?.close()
    await Promise.all([...sybils, proven].map(async k => { await k?.stop() }))
    await coordinator?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  it('gives the default price while only unproven keys offer 0 and the maximum', async () => {
    for (let i = 0; i < SYBILS; i++) {
      const k = await createNode({ listen: [] })
      sybils.push(k)
      await connect(k)
      await online(k, i % 2 === 0 ? '0' : U64_MAX)
    }
    await waitFor('every sybil online with its offer', async () =>
      (await coordinator.registry.list(Liveness.ONLINE)).filter(n => n.availability.byteLength > 0).length === SYBILS ? true : undefined)
    expect(await priced('0')).to.equal(true)
    const e = await client.estimate(submit)
    expect(e.pricePerUnit).to.equal(defaultJobsOptions.defaultPrice.toString())
  })

  it('takes the price of the one proven key, whatever the sybils offer', async () => {
    await connect(proven)
    await online(proven, '25')
    await waitFor('the proven key online with its offer', async () => await priced('25') ? true : undefined)
    expect((await client.estimate(submit)).pricePerUnit).to.equal('25')
    // a new offer from it moves the price at once
    await online(proven, '30')
    await waitFor('the new offer stored', async () => await priced('30') ? true : undefined)
    expect((await client.estimate(submit)).pricePerUnit).to.equal('30')
  })

  it('falls back to the default when the proven key leaves', async () => {
    const gone = new Promise<void>(resolve => {
      coordinator.registry.on('status', c => { if (c.nodeId === proven.peerId.toString() && c.to === Liveness.OFFLINE) resolve() })
    })
    await online(proven, '30', WorkStatus.LEAVING)
    await gone
    expect((await client.estimate(submit)).pricePerUnit).to.equal(defaultJobsOptions.defaultPrice.toString())
  })
})
