/**
 * The submitter's outbox ("queue for later"): a submission the coordinator did
 * not take after the whole retry schedule is kept in the client data dir's level store, with the
 * idempotency key it was sent under, and sent again by `cyxwiz job outbox send` — or before the
 * next `cyxwiz job submit` from the same data dir — to the coordinator that command talks to. The
 * key makes sending again safe: an attempt that did reach the coordinator gets its own job back, so
 * no payment is locked twice. Nothing here is signed yet: the lock is signed when it is sent.
 */
import { SubmitJob } from '../protocols/jobs.js'
import pRetry from 'p-retry'
import { LevelStore, type BinarySublevel } from '../src/storage/level-store.js'
import { isCyxwizError } from '../src/errors.js'

export interface QueuedSubmission {
  /** the idempotency key it was (and will again be) sent under */
  key: string
  /** the paying wallet's address: only that wallet may send it */
  wallet: string
  submit: SubmitJob
  /** the model file it came from, for the listing */
  source: string
  queuedMs: number
  /** why it could not be sent */
  error: string
}

interface Stored { wallet: string, submit: string, source: string, queuedMs: number, error: string }

/**
 * Each call opens the store briefly and closes it again, so commands sharing the data dir are not
 * locked out for as long as one of them runs (a busy store is waited for, up to ~5 s). Two commands
 * sending the same queued submission at once is harmless: its key gives both the same job.
 */
export const SubmissionOutbox = {
  /** keeps a submission; the level key sorts by the time it was queued, so they go out in order */
  async put (dataDir: string, q: QueuedSubmission): Promise<void> {
    const stored: Stored = { wallet: q.wallet, submit: Buffer.from(SubmitJob.encode(q.submit)).toString('base64'), source: q.source, queuedMs: q.queuedMs, error: q.error }
    await withStore(dataDir, async db => { await db.put(`${q.queuedMs.toString().padStart(15, '0')}!${q.key}`, new TextEncoder().encode(JSON.stringify(stored))) })
  },

  async list (dataDir: string): Promise<QueuedSubmission[]> {
    return await withStore(dataDir, async (db) => {
      const out: QueuedSubmission[] = []
      for await (const [k, v] of db.iterator()) {
        const s = JSON.parse(new TextDecoder().decode(v)) as Stored
        out.push({ key: k.slice(k.indexOf('!') + 1), wallet: s.wallet, submit: SubmitJob.decode(Buffer.from(s.submit, 'base64')), source: s.source, queuedMs: s.queuedMs, error: s.error })
      }
      return out
    })
  },

  /** removes a submission (sent, or dropped by the user); false if there was none under that key */
  async delete (dataDir: string, key: string): Promise<boolean> {
    return await withStore(dataDir, async (db) => {
      for await (const k of db.keys()) {
        if (k.endsWith(`!${key}`)) {
          await db.del(k)
          return true
        }
      }
      return false
    })
  }
}

async function withStore<T> (dataDir: string, fn: (db: BinarySublevel) => Promise<T>): Promise<T> {
  const store = await pRetry(async () => await LevelStore.open(dataDir), {
    retries: 50, minTimeout: 100, factor: 1, randomize: false,
    shouldRetry: ({ error }) => isCyxwizError(error) && error.code === 'ERR_DATA_DIR' && /in use/.test(error.message)
  })
  try {
    return await fn(store.binary('submission-outbox'))
  } finally {
    await store.close()
  }
}
