/**
 * A lock whose send or confirmation went wrong is settled from the chain, never guessed: one that
 * landed is LOCKED (and refundable), one that can no longer land goes back to PREPARED, and while
 * the chain cannot be read the record stays LOCKING with its signature. The faults are injected in
 * a wrapper around the real ledger (an RPC endpoint that dies mid-call cannot be caused otherwise
 * on demand); every transaction still runs on the embedded cluster.
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
import { moneyAddsUp, openRig, tokenAccounts, type MoneyRig } from '../helpers/money.js'
import { waitFor } from '../helpers/processes.js'

const FUNDS = 1_000_000_000n

type Fault = 'none' | 'after-send' | 'before-send'

describe('escrow lock with a lost confirmation', function () {
  this.timeout(60_000)
  let rig: MoneyRig
  let submitter: KeyPairSigner
  let fault: Fault
  let chainReadable: boolean

  /** the real ledger, except: `after-send` sends then loses the answer, `before-send` dies first; `chainReadable` false fails status reads */
  function faulty (real: Ledger): Ledger {
    return Object.assign(Object.create(real) as Ledger, {
      sendAndConfirm: async (...args: Parameters<Ledger['sendAndConfirm']>) => {
        if (fault === 'before-send') throw new Error('simulated: connection lost before the send')
        const r = await real.sendAndConfirm(...args)
        if (fault === 'after-send') throw new Error('simulated: connection lost while confirming')
        return r
      },
      statusOf: async (...args: Parameters<Ledger['statusOf']>) => {
        if (!chainReadable) throw new Error('simulated: RPC unreachable')
        return await real.statusOf(...args)
      }
    })
  }

  const service = (ledger: Ledger): EscrowService => escrowService({ feeBps: 1000, feeOwner: rig.treasury.feeOwner })({
    ledger, authority: rig.treasury.authority, store: new EscrowStore(rig.store), logger: defaultLogger()
  })

  /** prepares and signs a lock, then submits it through `escrow`: the outcome, or the error's code */
  async function submit (escrow: EscrowService, amount: bigint): Promise<{ jobId: string, code?: string }> {
    const jobId = randomUUID()
    const p = await escrow.prepareLock({ jobId, submitter: submitter.address, amount })
    const tx = getTransactionDecoder().decode(getBase64Encoder().encode(p.transaction))
    const signed = getBase64EncodedWireTransaction(await signTransaction([submitter.keyPair], tx))
    try {
      await escrow.submitLock(jobId, signed)
      return { jobId }
    } catch (err) {
      return { jobId, code: (err as { code?: string }).code ?? 'thrown' }
    }
  }

  before(async () => {
    // 5 ms blocks: a blockhash expires in under a second
    rig = await openRig(undefined, { blockTime: 5 })
    submitter = await generateKeyPairSigner()
    await rig.treasury.airdrop?.(submitter.address, FUNDS)
  })
  beforeEach(() => { fault = 'none'; chainReadable = true })
  afterEach(async () => {
    const { held, supply } = await moneyAddsUp(rig.treasury.ledger)
    expect(held).to.equal(supply)
    expect(supply).to.equal(FUNDS)
  })
  after(async () => {
    await rig.close()
    await rm(rig.dir, { recursive: true, force: true })
  })

  it('takes a lock that landed while its confirmation was lost as LOCKED, read from the chain', async () => {
    fault = 'after-send'
    const { jobId, code } = await submit(service(faulty(rig.treasury.ledger)), 10_000_000n)
    expect(code).to.equal(undefined)
    expect((await rig.escrow.state(jobId))?.state).to.equal('LOCKED')
    expect(await rig.escrow.lockLanded(jobId)).to.equal(true)
    expect((await rig.escrow.refund(jobId)).state).to.equal('REFUNDED')
  })

  it('keeps a lock LOCKING with its signature while the chain cannot tell, then finds it landed and refunds it in full', async () => {
    const before = await rig.treasury.ledger.balanceOf(submitter.address)
    fault = 'after-send'
    chainReadable = false
    const { jobId, code } = await submit(service(faulty(rig.treasury.ledger)), 25_000_000n)
    expect(code).to.equal('ERR_LOCK_UNCERTAIN')
    const pending = await rig.escrow.state(jobId)
    expect(pending?.state).to.equal('LOCKING')
    expect(pending?.lockSignature).to.be.a('string')
    expect(await rig.treasury.ledger.tokenAccountBalance(pending!.escrow)).to.equal(25_000_000n)
    // the coordinator restarted with the chain reachable: the payment is found locked, not lost
    expect(await rig.escrow.lockLanded(jobId)).to.equal(true)
    expect((await rig.escrow.state(jobId))?.state).to.equal('LOCKED')
    expect((await rig.escrow.refund(jobId)).state).to.equal('REFUNDED')
    expect(await rig.treasury.ledger.balanceOf(submitter.address)).to.equal(before)
    expect((await tokenAccounts(rig.treasury.ledger)).has(pending!.escrow)).to.equal(false)
  })

  it('sends a lock that never left again from the stored signed copy, so the submitter\'s signature is not wasted', async () => {
    fault = 'before-send'
    chainReadable = false
    const { jobId, code } = await submit(service(faulty(rig.treasury.ledger)), 5_000_000n)
    expect(code).to.equal('ERR_LOCK_UNCERTAIN')
    expect((await rig.escrow.state(jobId))?.state).to.equal('LOCKING')
    expect(await rig.escrow.lockLanded(jobId)).to.equal(true)
    expect((await rig.escrow.refund(jobId)).state).to.equal('REFUNDED')
  })

  it('returns a lock that can no longer land to PREPARED once its blockhash expired, and a fresh lock can be made', async () => {
    fault = 'before-send'
    chainReadable = false
    const { jobId, code } = await submit(service(faulty(rig.treasury.ledger)), 5_000_000n)
    expect(code).to.equal('ERR_LOCK_UNCERTAIN')
    const pending = await rig.escrow.state(jobId)
    await waitFor('the lock\'s blockhash to expire', async () => await rig.treasury.ledger.expired(pending!.lockLastValidBlockHeight) ? true : undefined, 20_000, 20)
    expect(await rig.escrow.lockLanded(jobId)).to.equal(false)
    expect((await rig.escrow.state(jobId))?.state).to.equal('PREPARED')
    expect(await rig.treasury.ledger.accountExists(pending!.escrow)).to.equal(false)
    const again = await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount: 5_000_000n })
    expect(again.transaction).to.not.equal(pending?.lockWire)
  })
})
