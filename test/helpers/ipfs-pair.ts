/**
 * Two IpfsStores on two real libp2p nodes on loopback, connected, for tests that move content
 * between them: opened in the calling suite's `before`, stopped and their folders removed in its
 * `after`. Read the stores from the returned object inside tests (they exist once `before` ran).
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { IpfsStore } from '../../src/storage/ipfs.js'

export interface IpfsPair {
  /** the store content is added to */
  A: IpfsStore
  /** the store that fetches it (its node dialled A's) */
  B: IpfsStore
}

/** registers the suite's hooks; `prefix` names the temporary folder */
export function ipfsPair (prefix: string): IpfsPair {
  const pair = {} as IpfsPair
  let dir = ''
  let a: CyxwizNode | undefined
  let b: CyxwizNode | undefined

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix))
    a = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    b = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    pair.A = await IpfsStore.open(join(dir, 'a'), a)
    pair.B = await IpfsStore.open(join(dir, 'b'), b)
    await b.dial(a.getMultiaddrs()[0] as never)
  })

  after(async () => {
    await pair.A?.stop(); await pair.B?.stop(); await a?.stop(); await b?.stop()
    if (dir !== '') await rm(dir, { recursive: true, force: true })
  })

  return pair
}
