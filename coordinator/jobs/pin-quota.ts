/**
 * Bytes each wallet has had the coordinator fetch and pin, persisted in level (sublevel
 * 'pin-quota', one decimal count per wallet), so a restart does not hand a wallet a fresh quota.
 * The dataset gate charges a wallet for the datasets it brings (one already pinned costs nothing)
 * and gives the bytes back when it unpins a dataset it refused.
 */
import type { LevelStore, BinarySublevel } from '../../src/storage/level-store.js'

export const PIN_QUOTA_SUBLEVEL = 'pin-quota'

export class PinQuota {
  private readonly db: BinarySublevel

  constructor (store: LevelStore) {
    this.db = store.binary(PIN_QUOTA_SUBLEVEL)
  }

  /** bytes pinned on `wallet`'s behalf */
  async used (wallet: string): Promise<number> {
    const v = await this.db.get(wallet)
    return v === undefined ? 0 : Number(new TextDecoder().decode(v))
  }

  /** adds `bytes` (negative: gives them back) to `wallet`'s count; callers serialize per wallet */
  async add (wallet: string, bytes: number): Promise<void> {
    const next = Math.max(0, await this.used(wallet) + bytes)
    await this.db.put(wallet, new TextEncoder().encode(String(next)))
  }
}
