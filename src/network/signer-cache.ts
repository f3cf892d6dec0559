/**
 * Which key signs for which node id, remembered per node id, so checking that a gossip message's
 * claimed node id is its signer costs a comparison of multihash bytes rather than a base58 encoding
 * of the signer for every message (gossipsub hands each message a fresh PeerId, whose string is not
 * cached yet).
 *
 * An entry is made only after the base58 form of a signer was compared with the claim and found
 * equal, so a hit proves exactly what the full comparison proves; the PeerId kept is that signer's,
 * its string already computed, and is what later checks (the connection and room lookups, both keyed
 * by the string) are given. Bounded (LRU): a flood of fresh identities evicts entries, which only
 * costs the evicted senders one base58 encoding each on their next message; it never lets a claim
 * through that the full comparison would refuse.
 */
import { LRUCache } from 'lru-cache'
import type { PeerId } from '@libp2p/interface'

export class SignerCache {
  private readonly known: LRUCache<string, PeerId>

  /**
   * @param max how many node ids to remember (default 20,000: the registry's record cap, so every
   * node that can hold a record stays in it; ~0.5 KiB an entry, ~10 MiB at most)
   */
  constructor (max = 20_000) {
    this.known = new LRUCache<string, PeerId>({ max })
  }

  /**
   * The signer, with its string computed, when `signer` is the node `claimed` names; undefined when
   * it is someone else.
   */
  match (claimed: string, signer: PeerId): PeerId | undefined {
    const known = this.known.get(claimed)
    if (known != null) return known.equals(signer) ? known : undefined
    if (signer.toString() !== claimed) return undefined
    this.known.set(claimed, signer)
    return signer
  }

  /** how many node ids are remembered */
  get size (): number {
    return this.known.size
  }
}
