/**
 * Seeded random sequences of escrow operations and faults on the embedded cluster: locks whose
 * confirmation is lost (with the chain readable or not), crashes before a send, settlements to up
 * to 18 peers (some with a wallet that cannot be paid) cut by a crash after some of their parts,
 * refunds, blockhashes left to expire, and the coordinator reopened from its data dir. Then every job
 * is ended the way the coordinator ends it after a restart. After each sequence: Σ balances (escrows
 * included) = minted, no escrow account is left open, every job whose lock landed is SETTLED or
 * REFUNDED, and every payee holds exactly what its job's settlement says — nobody paid twice.
 * Faults are injected by a wrapper around the real ledger (an RPC that dies mid-call cannot be
 * caused otherwise on demand); every transaction runs on LiteSVM. SEQUENCES=n runs more seeds.
 */
import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { defaultLogger } from '@libp2p/logger'
import {
  generateKeyPairSigner, getBase64EncodedWireTransaction, getBase64Encoder, getTransactionDecoder, signTransaction, type KeyPairSigner
} from '@solana/kit'
import type { Ledger } from '../../src/ledger/ledger.js'
import { EscrowStore } from '../../coordinator/escrow/escrow-store.js'
import { escrowService, type EscrowService } from '../../coordinator/escrow/escrow-service.js'
import { settle as settlePayout } from '../../coordinator/jobs/payout.js'
import { JobState, type Payout } from '../../protocols/jobs.js'
import { moneyAddsUp, openRig, type MoneyRig } from '../helpers/money.js'
import { waitFor } from '../helpers/processes.js'

const FUNDS = 10_000_000_000n
const SEQUENCES = Number(process.env.SEQUENCES ?? 8)

/** mulberry32: a small seeded PRNG, so a failing sequence can be replayed from its seed */
function prng (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

interface Faults {
  /** sends that go through before the wrapper "crashes" (Infinity: none) */
  sendsLeft: number
  /** 'before': the crash comes instead of the send; 'after': the send lands and the answer is lost */
  when: 'before' | 'after'
  /** false: status reads fail too (the RPC is unreachable) */
  chainReadable: boolean
}

function faulty (real: Ledger, f: Faults): Ledger {
  return Object.assign(Object.create(real) as Ledger, {
    sendAndConfirm: async (...args: Parameters<Ledger['sendAndConfirm']>) => {
      if (f.sendsLeft <= 0 && f.when === 'before') throw new Error('simulated crash before a send')
      const out = await real.sendAndConfirm(...args)
      if (f.sendsLeft-- <= 0) throw new Error('simulated: the confirmation was lost')
      return out
    },
    statusOf: async (...args: Parameters<Ledger['statusOf']>) => {
      if (!f.chainReadable) throw new Error('simulated: RPC unreachable')
      return await real.statusOf(...args)
    }
  })
}

interface Job { jobId: string, amount: bigint, payout?: Payout }

describe('escrow under random fault sequences', function () {
  this.timeout(600_000)

  for (let seed = 1; seed <= SEQUENCES; seed++) {
    it(`seed ${seed}: the money adds up and no escrow is left open`, async () => {
      const rand = prng(seed * 7919)
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T
      let rig: MoneyRig = await openRig(undefined, { blockTime: 5 })
      const dir = rig.dir
      const submitter: KeyPairSigner = await generateKeyPairSigner()
      await rig.treasury.airdrop?.(submitter.address, FUNDS)
      const jobs: Job[] = []
      const log: string[] = []
      const service = (ledger: Ledger): EscrowService => escrowService({ feeBps: 1000, feeOwner: rig.treasury.feeOwner })({
        ledger, authority: rig.treasury.authority, store: new EscrowStore(rig.store), logger: defaultLogger()
      })
      const randomFaults = (): Faults => ({
        sendsLeft: rand() < 0.5 ? Infinity : Math.floor(rand() * 3), when: rand() < 0.5 ? 'before' : 'after', chainReadable: rand() < 0.6
      })
      try {
        const steps = 6 + Math.floor(rand() * 6)
        for (let step = 0; step < steps; step++) {
          const op = jobs.length === 0 ? 'lock' : pick(['lock', 'lock', 'settle', 'settle', 'refund', 'expire', 'reopen'] as const)
          const f = randomFaults()
          const escrow = service(faulty(rig.treasury.ledger, f))
          const outcome = async (p: Promise<unknown>): Promise<string> => await p.then(() => 'ok', (err: unknown) => (err as { code?: string }).code ?? (err as Error).message)
          if (op === 'lock') {
            const job: Job = { jobId: randomUUID(), amount: BigInt(1 + Math.floor(rand() * 50_000)) * 1000n }
            jobs.push(job)
            const p = await service(rig.treasury.ledger).prepareLock({ jobId: job.jobId, submitter: submitter.address, amount: job.amount })
            const tx = getTransactionDecoder().decode(getBase64Encoder().encode(p.transaction))
            const signed = getBase64EncodedWireTransaction(await signTransaction([submitter.keyPair], tx))
            log.push(`lock ${job.jobId.slice(0, 8)} ${JSON.stringify(f)}: ${await outcome(escrow.submitLock(job.jobId, signed))}`)
          } else if (op === 'settle' || op === 'refund') {
            const job = pick(jobs)
            if (op === 'settle' && job.payout == null) {
              // the job's payout intent, written once like the job store does: up to 18 peers, maybe one unpayable
              const n = 1 + Math.floor(rand() * 18)
              const wallets = await Promise.all(Array.from({ length: n }, async () => (await generateKeyPairSigner()).address as string))
              if (rand() < 0.3) wallets[0] = 'z'.repeat(44)
              const each = Math.floor((rand() < 0.5 ? 10_000 : 1 + rand() * 9_999) / n)
              job.payout = {
                earnedBps: each * n, peerWallet: '', peer: '', fee: '', refund: '', signature: '', outcome: JobState.COMPLETED, reason: 'random',
                shares: wallets.map(wallet => ({ wallet, bps: each, amount: '' }))
              }
            }
            const p = op === 'settle' && job.payout != null ? settlePayout(escrow, job.jobId, job.payout) : escrow.refund(job.jobId)
            log.push(`${op} ${job.jobId.slice(0, 8)} ${JSON.stringify(f)}: ${await outcome(p)}`)
          } else if (op === 'expire') {
            const { lastValidBlockHeight } = await rig.treasury.ledger.latestBlockhash()
            await waitFor('a blockhash to expire', async () => await rig.treasury.ledger.expired(lastValidBlockHeight) ? true : undefined, 20_000, 20)
            log.push('expire')
          } else {
            await rig.close()
            rig = await openRig(dir, { blockTime: 5 })
            log.push('reopen')
          }
        }
        // the coordinator, restarted with a working chain, ends every job: paid as intended, else refunded
        const escrow = service(rig.treasury.ledger)
        for (const job of jobs) {
          if (!await escrow.lockLanded(job.jobId)) continue
          if (job.payout != null && (await escrow.state(job.jobId))?.settlement?.kind !== 'refund') await settlePayout(escrow, job.jobId, job.payout)
          else await escrow.refund(job.jobId)
        }
        const context = `seed ${seed}:\n  ${log.join('\n  ')}`
        const { held, supply } = await moneyAddsUp(rig.treasury.ledger)
        expect(held, context).to.equal(supply)
        expect(supply, context).to.equal(FUNDS)
        let fees = 0n
        let kept = 0n
        for (const job of jobs) {
          const rec = await escrow.state(job.jobId)
          expect(rec, context).to.not.equal(undefined)
          expect(await rig.treasury.ledger.accountExists(rec!.escrow), `${context}\nescrow of ${job.jobId} open (${rec!.state})`).to.equal(false)
          if (rec!.state === 'PREPARED') continue // never landed: nothing moved
          expect(rec!.state, context).to.be.oneOf(['SETTLED', 'REFUNDED'])
          const split = rec!.settlement!.split
          expect(split.peer + split.fee + split.refund, context).to.equal(job.amount)
          for (const p of split.peers) expect(await rig.treasury.ledger.balanceOf(p.owner), `${context}\npeer ${p.owner}`).to.equal(p.amount)
          fees += split.fee
          kept += job.amount - split.refund
        }
        expect(await rig.treasury.ledger.balanceOf(rig.treasury.feeOwner), context).to.equal(fees)
        expect(await rig.treasury.ledger.balanceOf(submitter.address), context).to.equal(FUNDS - kept)
      } finally {
        await rig.close()
        await rm(dir, { recursive: true, force: true })
      }
    })
  }
})
