/**
 * Benchmark (not a test): lock + settle flows per second on the embedded cluster, through the same
 * path as the coordinator — kit RPC over HTTP to LiteSVM, intents persisted in level — and what one
 * job costs on chain: transactions, signatures and lamports of fees and rent.
 *
 *   npm run bench:escrow -- --flows 300
 */
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Command } from 'commander'
import { defaultLogger } from '@libp2p/logger'
import {
  generateKeyPairSigner, getBase64EncodedWireTransaction, getBase64Encoder, getTransactionDecoder, signTransaction, type KeyPairSigner
} from '@solana/kit'
import { LevelStore } from '../../src/storage/level-store.js'
import { openTreasury } from '../../coordinator/escrow/treasury.js'
import { EscrowStore } from '../../coordinator/escrow/escrow-store.js'
import { escrowService } from '../../coordinator/escrow/escrow-service.js'

const opts = new Command()
  .option('--flows <n>', 'lock + settle flows to time', '300')
  .option('--concurrency <n>', 'flows in flight at once', '1')
  .parse().opts<{ flows: string, concurrency: string }>()
const flows = Math.max(1, Number.parseInt(opts.flows, 10) || 300)
const concurrency = Math.max(1, Number.parseInt(opts.concurrency, 10) || 1)

const dir = await mkdtemp(join(tmpdir(), 'cyxwiz-bench-escrow-'))
const store = await LevelStore.open(dir)
const treasury = await openTreasury({ dataDir: dir }, store, defaultLogger())
const escrow = escrowService({ feeBps: 1000, feeOwner: treasury.feeOwner })({
  ledger: treasury.ledger, authority: treasury.authority, store: new EscrowStore(store), logger: defaultLogger()
})
const ledger = treasury.ledger

async function flow (submitter: KeyPairSigner, peer: string): Promise<{ lockMs: number, settleMs: number }> {
  const jobId = randomUUID()
  const t0 = performance.now()
  const p = await escrow.prepareLock({ jobId, submitter: submitter.address, amount: 1_000_000n })
  const tx = getTransactionDecoder().decode(getBase64Encoder().encode(p.transaction))
  await escrow.submitLock(jobId, getBase64EncodedWireTransaction(await signTransaction([submitter.keyPair], tx)))
  const t1 = performance.now()
  await escrow.settle({ jobId, node: peer as never, earnedBps: 10_000 })
  return { lockMs: t1 - t0, settleMs: performance.now() - t1 }
}

const submitters = await Promise.all(Array.from({ length: concurrency }, async () => await generateKeyPairSigner()))
const peer = (await generateKeyPairSigner()).address
for (const s of submitters) await treasury.airdrop?.(s.address, BigInt(flows + 1) * 1_000_000n)

// the first flow pays for the payees' token accounts (rent); measure it on its own
const sol0 = await ledger.solBalance(treasury.authority.address)
await flow(submitters[0]!, peer)
const sol1 = await ledger.solBalance(treasury.authority.address)

const lock: number[] = []
const settle: number[] = []
const start = performance.now()
let next = 0
await Promise.all(submitters.map(async (s) => {
  while (next < flows) {
    next++
    const r = await flow(s, peer)
    lock.push(r.lockMs)
    settle.push(r.settleMs)
  }
}))
const seconds = (performance.now() - start) / 1000
const sol2 = await ledger.solBalance(treasury.authority.address)

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? 0
console.log(`escrow flows on the embedded cluster (LiteSVM behind HTTP JSON-RPC, kit client, level persistence)`)
console.log(`flows: ${lock.length}, concurrency ${concurrency}, ${seconds.toFixed(2)} s → ${(lock.length / seconds).toFixed(1)} lock+settle flows/s`)
console.log(`lock   p50 ${pct(lock, 0.5).toFixed(2)} ms  p99 ${pct(lock, 0.99).toFixed(2)} ms   (prepare + submitter signs + send + confirm)`)
console.log(`settle p50 ${pct(settle, 0.5).toFixed(2)} ms  p99 ${pct(settle, 0.99).toFixed(2)} ms`)
console.log(`per job: 2 transactions (lock: 2 signatures, settle: 1), coordinator pays ${(Number(sol1 - sol2) / lock.length).toFixed(0)} lamports net`)
console.log(`  (the escrow's rent is returned when it closes; the first job to pay a new payee also funds its token account: ${Number(sol0 - sol1)} lamports for the first flow)`)
await treasury.stop()
await store.close()
await rm(dir, { recursive: true, force: true })
