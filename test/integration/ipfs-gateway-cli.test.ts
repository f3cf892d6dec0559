/**
 * `coordinator start --ipfs-gateway`: a job whose dataset the submitter does not hold (it only
 * names an ipfs:// CID) is checked and queued from a trustless gateway; a gateway that forges a
 * block of the dataset gets it refused (ERR_HASH_MISMATCH, nothing locked), and one serving a
 * dataset over --dataset-max-bytes is refused too (ERR_TOO_LARGE). The coordinator and the client
 * are real processes; the gateway is a real HTTP server on loopback over a real Helia blockstore.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as dagPb from '@ipld/dag-pb'
import type { CID } from 'multiformats/cid'
import type { JobInfo } from '../../protocols/jobs.js'
import { coordinatorAddr, killAll, runCli, startCli } from '../helpers/processes.js'
import { startTrustlessGateway, type TestGateway } from '../helpers/trustless-gateway.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore, ipfsUri } from '../../src/storage/ipfs.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'

const MODEL = fileURLToPath(new URL('../fixtures/jobs/mlp.json', import.meta.url))
/** the coordinator's cap: the good (500 samples, ~1.6 MB) and forged (400) datasets fit, 700 does not */
const MAX_BYTES = 2_000_000

describe('coordinator start --ipfs-gateway: datasets from where they live', function () {
  this.timeout(240_000)
  let home: string
  let originNode: CyxwizNode
  let origin: IpfsStore
  let gateway: TestGateway
  const env = (): Record<string, string> => ({ CYXWIZ_HOME: home })
  const cli = async (...args: string[]): Promise<{ code: number | null, output: string }> => await runCli(args, env())
  const balance = async (): Promise<bigint> => BigInt((JSON.parse((await cli('wallet', 'balance', '--json')).output) as { base_units: string }).base_units)
  const submit = async (uri: string, payment: string): Promise<{ code: number | null, output: string }> =>
    await cli('job', 'submit', MODEL, '--dataset', uri, '--epochs', '1', '--payment', payment, '--min-memory', '1000TiB', '--retry-base', '100ms')
  const dataset = async (samples: number): Promise<CID> => await origin.addBytes(encodeCyxt(mnistDatasets({ train: samples, test: 10 }).train))

  before(async () => {
    home = await mkdtemp(join(tmpdir(), 'cyxwiz-gateway-'))
    // the content lives on a node nobody in the network is connected to, behind the gateway
    originNode = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    origin = await IpfsStore.open(join(home, 'origin'), originNode)
    gateway = await startTrustlessGateway(origin.helia.blockstore)
    const coordinator = startCli(['coordinator', 'start', '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', '1s',
      '--ipfs-gateway', gateway.url, '--dataset-max-bytes', String(MAX_BYTES), '--dataset-timeout', '5s'], env())
    await coordinatorAddr(join(home, 'coordinator'), coordinator)
    expect((await cli('wallet', 'new')).code).to.equal(0)
    expect((await cli('wallet', 'airdrop', '100')).code).to.equal(0)
  })

  after(async () => {
    await killAll()
    await gateway?.close()
    await origin?.stop(); await originNode?.stop()
    await rm(home, { recursive: true, force: true })
  })

  it('queues a job whose dataset only a trustless gateway holds, read and checked by the coordinator', async () => {
    const cid = await dataset(500)
    const r = await submit(ipfsUri(cid), '2')
    expect(r.code, r.output).to.equal(0)
    expect(gateway.requests).to.include(cid.toString())
    const jobs = JSON.parse((await cli('job', 'list', '--json')).output) as JobInfo[]
    const job = jobs.find(j => j.request?.datasetUri === ipfsUri(cid))
    expect(job?.state).to.equal('QUEUED')
    expect(job?.dataset?.samples.toString()).to.equal('500')
  })

  it('refuses a dataset one of whose blocks the gateway forged: ERR_HASH_MISMATCH, no payment locked', async () => {
    const cid = await dataset(400)
    const parts: Uint8Array[] = []
    for await (const p of origin.helia.blockstore.get(cid, { offline: true })) parts.push(p)
    const leaves = dagPb.decode(Buffer.concat(parts)).Links.map(l => l.Hash)
    expect(leaves.length).to.be.greaterThan(1)
    gateway.forge(leaves[1] as CID, new Uint8Array(4096).fill(7))
    const before = await balance()
    const r = await submit(ipfsUri(cid), '3')
    expect(r.code, r.output).to.not.equal(0)
    expect(r.output).to.match(/ERR_HASH_MISMATCH/)
    expect(await balance()).to.equal(before)
  })

  it('refuses a gateway\'s dataset over --dataset-max-bytes (ERR_TOO_LARGE)', async () => {
    const cid = await dataset(700)
    const before = await balance()
    const r = await submit(ipfsUri(cid), '4')
    expect(r.code, r.output).to.not.equal(0)
    expect(r.output).to.match(/ERR_TOO_LARGE/)
    expect(await balance()).to.equal(before)
  })

  it('refuses an --ipfs-peer without /p2p/<id> and an --ipfs-gateway with a path before starting', async () => {
    const p = await cli('coordinator', 'start', '--data-dir', join(home, 'c2'), '--listen', '/ip4/127.0.0.1/tcp/0', '--ipfs-peer', '/ip4/127.0.0.1/tcp/4001')
    expect(p.code).to.not.equal(0)
    expect(p.output).to.match(/\/p2p\/<peer-id>/)
    const g = await cli('peer', 'start', '--data-dir', join(home, 'p2'), '--bootstrap', '/ip4/127.0.0.1/tcp/1/p2p/12D3KooWGRUVh6QiqV2vbq5cJwDpcVGyt7Rqu3DWTSfhX1zcTcBa', '--ipfs-gateway', 'https://gw.example/ipfs/')
    expect(g.code).to.not.equal(0)
    expect(g.output).to.match(/root/)
  })
})
