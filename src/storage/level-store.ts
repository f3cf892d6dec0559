/**
 * The on-disk store of a role: one LevelDB under `<data-dir>/db`, with named sublevels as key
 * prefixes and a schema version checked at open, so a newer layout is never read by older code.
 */
import { join } from 'node:path'
import { Level } from 'level'
import type { AbstractSublevel } from 'abstract-level'
import { CyxwizError } from '../errors.js'

/** bump when a sublevel's key or value layout changes incompatibly */
export const SCHEMA_VERSION = 1

/** a sublevel of binary values keyed by string */
export type BinarySublevel = AbstractSublevel<Level<string, string>, string | Uint8Array, string, Uint8Array>

export class LevelStore {
  readonly db: Level<string, string>
  private constructor (db: Level<string, string>) {
    this.db = db
  }

  /** Opens (creating if needed) the store of a data dir; fails clearly if another process holds it. */
  static async open (dataDir: string): Promise<LevelStore> {
    const db = new Level<string, string>(join(dataDir, 'db'), { valueEncoding: 'utf8' })
    try {
      await db.open()
    } catch (err) {
      const cause = (err as { cause?: Error }).cause
      const locked = /lock/i.test(String(cause?.message ?? (err as Error).message))
      throw new CyxwizError('ERR_DATA_DIR', locked
        ? `data dir ${dataDir} is in use by another cyxwiz process`
        : `cannot open the store in ${dataDir}: ${(err as Error).message}`, { cause: err })
    }
    const store = new LevelStore(db)
    await store.checkVersion(dataDir)
    return store
  }

  /** a binary-valued sublevel: a key prefix of its own */
  binary (name: string): BinarySublevel {
    return this.db.sublevel<string, Uint8Array>(name, { valueEncoding: 'view' })
  }

  async close (): Promise<void> {
    await this.db.close()
  }

  private async checkVersion (dataDir: string): Promise<void> {
    const meta = this.db.sublevel<string, string>('meta', { valueEncoding: 'utf8' })
    const stored = await meta.get('schema')
    if (stored == null) {
      await meta.put('schema', String(SCHEMA_VERSION))
    } else if (Number(stored) !== SCHEMA_VERSION) {
      await this.db.close()
      throw new CyxwizError('ERR_STORE_VERSION', `the store in ${dataDir} has schema ${stored}, this cyxwiz reads ${SCHEMA_VERSION}`)
    }
  }
}
