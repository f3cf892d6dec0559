/**
 * Escrow records in level, one per job (`escrows` sublevel). Every state change — and every
 * settlement intent, with the exact signed transaction — is written before the transaction is sent,
 * so a coordinator killed at any point resumes from what is on disk and never pays twice.
 */
import type { Address } from '@solana/kit'
import type { BinarySublevel, LevelStore } from '../../src/storage/level-store.js'
import type { Split } from '../../src/ledger/amounts.js'

export type EscrowState = 'PREPARED' | 'LOCKING' | 'LOCKED' | 'SETTLING' | 'SETTLED' | 'REFUNDED'

/** one compute peer's part of a job: `earnedBps` of the escrow is earned by the wallet `node` */
export interface SettleShare {
  node: Address
  earnedBps: number
}

/** the amounts of a settlement: `peer` is what all the peers receive together, `peers` each one's part */
export interface SettlementSplit extends Split {
  peers: Array<{ owner: Address, amount: bigint }>
}

export interface SettlementIntent {
  kind: 'settle' | 'refund'
  /** the terms: who earned what (empty for a refund); a resumed settlement keeps them */
  shares: SettleShare[]
  /** the one peer, when a single wallet is paid (kept for older readers) */
  peer?: Address
  /** Σ of the shares' basis points */
  earnedBps: number
  split: SettlementSplit
  /** the closing transaction (base64 wire) and what identifies it on chain: the last of `parts` */
  wire: string
  signature: string
  /**
   * the signed transactions, sent in this order, all on one blockhash; the last closes the escrow.
   * Several when the payees do not fit in one.
   */
  parts: SettlementPart[]
  /** how many of `parts` are confirmed on chain: a resumed or rebuilt settlement never re-pays them */
  done: number
  lastValidBlockHeight: bigint
}

/** one transaction of a settlement: who it pays (to rebuild it on a new blockhash) and the transaction */
export interface SettlementPart {
  payees: Array<{ owner: Address, ata: Address, amount: bigint }>
  wire: string
  signature: string
}

export interface EscrowRecord {
  jobId: string
  state: EscrowState
  submitter: Address
  amount: bigint
  escrow: Address
  /** the lock message the submitter must sign, byte for byte (base64) */
  lockMessage: string
  lockLastValidBlockHeight: bigint
  /** the lock as handed out (base64 wire, partially signed): handed out again while still valid */
  lockWire?: string
  lockSignature?: string
  /** the lock fully signed (base64 wire), kept while LOCKING so its fate can be settled from the chain */
  lockSigned?: string
  settlement?: SettlementIntent
  settleSignature?: string
  updatedAt: number
}

// bigints as "u64:<digits>": no address (base58), signature, wire (base64) or uuid contains a colon
const json = (r: EscrowRecord): Uint8Array => Buffer.from(JSON.stringify(r, (_k, v: unknown) => typeof v === 'bigint' ? `u64:${v}` : v))
const parse = (b: Uint8Array): EscrowRecord => upgrade(JSON.parse(Buffer.from(b).toString('utf8'), (_k, v: unknown) =>
  typeof v === 'string' && /^u64:\d+$/.test(v) ? BigInt(v.slice(4)) : v) as EscrowRecord)

type StoredIntent = Omit<SettlementIntent, 'shares' | 'split' | 'parts' | 'done'> &
  { shares?: SettleShare[], split: Split & { peers?: SettlementSplit['peers'] }, parts?: SettlementPart[], done?: number }

/**
 * An intent written by an older version in today's shape: one `peer` and no `shares` (before
 * several peers), one transaction and no `parts` (before split settlements). Such a one-transaction
 * intent has no part confirmed, so a rebuild re-plans it from its shares.
 */
function upgrade (r: EscrowRecord): EscrowRecord {
  const s = r.settlement as StoredIntent | undefined
  if (s == null || (s.shares != null && s.split.peers != null && s.parts != null)) return r
  const shares = s.shares ?? (s.kind === 'settle' && s.peer != null ? [{ node: s.peer, earnedBps: s.earnedBps }] : [])
  const peers = s.split.peers ?? (s.peer != null && s.split.peer > 0n ? [{ owner: s.peer, amount: s.split.peer }] : [])
  const parts = s.parts ?? [{ payees: [], wire: s.wire, signature: s.signature }]
  return { ...r, settlement: { ...s, shares, split: { ...s.split, peers }, parts, done: s.done ?? 0 } }
}

export class EscrowStore {
  private readonly db: BinarySublevel

  constructor (store: LevelStore) {
    this.db = store.binary('escrows')
  }

  async get (jobId: string): Promise<EscrowRecord | undefined> {
    const raw = await this.db.get(jobId)
    return raw == null ? undefined : parse(raw)
  }

  async put (record: EscrowRecord): Promise<void> {
    await this.db.put(record.jobId, json({ ...record, updatedAt: Date.now() }))
  }

  async * all (): AsyncGenerator<EscrowRecord> {
    for await (const v of this.db.values()) yield parse(v)
  }
}
