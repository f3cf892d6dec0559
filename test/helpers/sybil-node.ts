/**
 * A Sybil identity for hostile tests: a gossip-only libp2p node with a fresh key that does not
 * listen and has no DHT, so it reaches only the nodes the test dials. Its connection gater refuses
 * to dial `avoid` (the coordinator) until `allowDial()`: otherwise identify and the mesh would hand
 * it the coordinator's address and a well-behaved stack might connect on its own.
 */
import { createLibp2p } from 'libp2p'
import type { Libp2p, PeerId } from '@libp2p/interface'
import { tcp } from '@libp2p/tcp'
import { noise } from '@libp2p/noise'
import { yamux } from '@libp2p/yamux'
import { identify } from '@libp2p/identify'
import { gossipsub, type GossipSub } from '@libp2p/gossipsub'

export interface SybilNode {
  node: Libp2p<{ pubsub: GossipSub }>
  /** lets it dial the avoided peer from now on */
  allowDial: () => void
}

export async function sybilNode (avoid: PeerId): Promise<SybilNode> {
  let allowed = false
  const node = await createLibp2p({
    addresses: { listen: [] },
    transports: [tcp()],
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    connectionGater: { denyDialPeer: async (peer: PeerId) => !allowed && peer.equals(avoid) },
    services: {
      identify: identify(),
      pubsub: gossipsub({ globalSignaturePolicy: 'StrictSign', emitSelf: false, allowPublishToZeroTopicPeers: true, ignoreDuplicatePublishError: true })
    }
  })
  return { node, allowDial: () => { allowed = true } }
}
