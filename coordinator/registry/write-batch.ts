/**
 * Group commit for the node registry: puts made in the same turn of the event loop go to disk as
 * one level batch, and each caller's promise settles when that batch is written (or fails). A
 * caller still awaits its own write before it announces anything, so what is on disk after a
 * kill -9 is exactly what was announced; only the number of writes the store sees changes — at
 * 10,000 peers that is one batch per burst of heartbeats instead of one put per heartbeat.
 *
 * Two puts of one key in a batch keep the later value; the registry's per-node lock makes that rare
 * (a node's next write waits for its previous one), and later-wins is the order they were made in.
 */
import type { BinarySublevel } from '../../src/storage/level-store.js'

interface Pending {
  values: Map<string, Uint8Array>
  done: Promise<void>
}

export class WriteBatch {
  private readonly db: BinarySublevel
  private readonly maxOps: number
  private pending?: Pending

  /** @param maxOps a batch holding this many puts is flushed at once rather than at the end of the turn */
  constructor (db: BinarySublevel, maxOps: number) {
    this.db = db
    this.maxOps = maxOps
  }

  /** writes `value` under `key` with the other puts of this turn; resolves once it is on disk */
  async put (key: string, value: Uint8Array): Promise<void> {
    const batch = this.pending ?? this.open()
    batch.values.set(key, value)
    if (batch.values.size >= this.maxOps) this.pending = undefined
    await batch.done
  }

  private open (): Pending {
    let start: () => void = () => {}
    const gate = new Promise<void>(resolve => { start = resolve })
    const values = new Map<string, Uint8Array>()
    const batch: Pending = {
      values,
      done: gate.then(async () => {
        if (this.pending === batch) this.pending = undefined
        const ops = [...values].map(([key, value]) => ({ type: 'put' as const, key, value }))
        await this.db.batch(ops)
      })
    }
    this.pending = batch
    // after the current turn's microtasks: every message of this burst has had its chance to join
    setImmediate(start)
    return batch
  }
}
