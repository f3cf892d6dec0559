/**
 * A peer daemon whose start fails leaves nothing running: no listening socket, no lock on its data
 * dir. Needs no coordinator (the bootstrap address points at a port nobody serves). A second daemon
 * on a data dir in use fails once its node is up and is undone while the first keeps working; a
 * start that fails after the store is open (the IPFS datastore is held) releases the store too; a
 * bad listen address fails before anything opens. Each time a retry starts cleanly.
 */
import { expect } from 'chai'
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Level } from 'level'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { PeerDaemon, type PeerOptions } from '../../peer/daemon.js'
import type { RawHardware } from '../../src/metrics/hardware.js'
import { createNode } from '../../src/network/node.js'
import { LevelStore } from '../../src/storage/level-store.js'

const HARDWARE: RawHardware = {
  load: { cpus: [{ load: 10 }, { load: 20 }] },
  temperature: { main: null, cores: [] },
  speed: { cores: [] },
  graphics: { controllers: [] },
  mem: { total: 8 * 1024 ** 3, active: 1024 ** 3, swaptotal: 0, swapused: 0 },
  network: null,
  connections: null
}

/** listening TCP sockets of this process: a daemon that was not stopped leaves one behind */
const listening = (): number => process.getActiveResourcesInfo().filter(r => r === 'TCPServerWrap').length

/** waits until no more sockets listen than `before` (a closed server's handle goes a moment after its close) */
async function listeningSettles (before: number, ms = 3000): Promise<number> {
  const deadline = Date.now() + ms
  while (listening() > before && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 50))
  return listening()
}

describe('peer daemon: a failed start leaves nothing running', function () {
  this.timeout(60_000)
  let root: string
  let options: (dataDir: string) => Partial<PeerOptions> & Pick<PeerOptions, 'dataDir' | 'bootstrap'>

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'cyxwiz-peer-start-'))
    const coordinator = peerIdFromPrivateKey(await generateKeyPair('Ed25519'))
    options = (dataDir) => ({
      dataDir,
      // port 9 (discard) is not served here: the keeper keeps re-dialling in the background
      bootstrap: [`/ip4/127.0.0.1/tcp/9/p2p/${coordinator.toString()}`],
      listen: ['/ip4/127.0.0.1/tcp/0'],
      readHardware: async () => HARDWARE,
      heartbeatInterval: 1000,
      outboxInterval: 1000
    })
  })

  after(async () => {
    await rm(root, { recursive: true, force: true })
  })

  it('undoes a second daemon on a data dir in use; the first keeps working, and the dir is free once it stops', async () => {
    const dir = join(root, 'shared')
    const first = await PeerDaemon.start(options(dir))
    let retry: PeerDaemon | undefined
    try {
      const before = listening()
      const err = await PeerDaemon.start(options(dir)).then(() => undefined, (e: unknown) => e as { code?: string, message: string })
      expect(err?.code).to.equal('ERR_DATA_DIR')
      expect(err?.message).to.include('in use by another cyxwiz process')
      // its node had started listening before the store refused it; it is stopped again
      expect(await listeningSettles(before)).to.equal(before)
      // the first answers on the network as before
      expect(first.node.status).to.equal('started')
      const client = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
      try {
        const rtt = await client.services.ping.ping(first.node.getMultiaddrs()[0] as never)
        expect(rtt).to.be.a('number')
      } finally {
        await client.stop()
      }
      await first.stop()
      retry = await PeerDaemon.start(options(dir))
      expect(retry.node.status).to.equal('started')
    } finally {
      await first.stop()
      await retry?.stop()
    }
  })

  it('closes the store and stops the node when a start fails after they opened', async () => {
    const dir = join(root, 'ipfs-held')
    await mkdir(join(dir, 'ipfs'), { recursive: true })
    // someone else holds the IPFS datastore, which the daemon opens after its node and store
    const held = new Level(join(dir, 'ipfs', 'datastore'))
    await held.open()
    const before = listening()
    let retry: PeerDaemon | undefined
    try {
      const err = await PeerDaemon.start(options(dir)).then(() => undefined, (e: unknown) => e as { code?: string, message: string })
      expect(err?.code).to.equal('ERR_DATA_DIR')
      expect(err?.message).to.include('IPFS datastore')
      expect(await listeningSettles(before)).to.equal(before)
      // the store's lock is released: another process (here: this test) can open it
      const store = await LevelStore.open(dir)
      await store.close()
      await held.close()
      retry = await PeerDaemon.start(options(dir))
      expect(retry.node.status).to.equal('started')
    } finally {
      await held.close()
      await retry?.stop()
    }
  })

  it('opens nothing when the listen address is bad', async () => {
    const dir = join(root, 'bad-listen')
    const before = listening()
    const err = await PeerDaemon.start({ ...options(dir), listen: ['/ip4/203.0.113.1/tcp/0'] }).then(() => undefined, (e: unknown) => e as Error)
    expect(err).to.be.instanceOf(Error)
    expect(await listeningSettles(before)).to.equal(before)
    const store = await LevelStore.open(dir)
    await store.close()
    const retry = await PeerDaemon.start(options(dir))
    await retry.stop()
  })
})
