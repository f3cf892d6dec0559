/**
 * Settlement after a crash at the worst moments. The crash is simulated with a ledger whose send
 * "dies" — a test double, because a process cannot be killed reliably between two statements — but
 * everything else (intent persisted in level, the embedded cluster, the resumed service) is real.
 */
import { expect } from 'chai'
import { rm } from 'node:fs/promises'
import { defaultLogger } from '@libp2p/logger'
import { generateKeyPairSigner, type Address, type KeyPairSigner } from '@solana/kit'
import type { Ledger } from '../../src/ledger/ledger.js'
import { EscrowStore } from '../../coordinator/escrow/escrow-store.js'
import { escrowService, type EscrowService } from '../../coordinator/escrow/escrow-service.js'
import { lockJob, moneyAddsUp, openRig, type MoneyRig } from '../helpers/money.js'
import { waitFor } from '../helpers/processes.js'

/** a ledger that dies before (or right after) sending, like a coordinator killed at that instant */
function crashing (real: Ledger, when: 'before-send' | 'after-send'): Ledger {
  return Object.assign(Object.create(real) as Ledger, {
    sendAndConfirm: async (...args: Parameters<Ledger['sendAndConfirm']>) => {
      if (when === 'after-send') await real.sendAndConfirm(...args)
      throw new Error(`simulated crash ${when}`)
    }
  })
}

describe('settlement resumed after a crash', function () {
  this.timeout(60_000)
  let rig: MoneyRig
  let submitter: KeyPairSigner
  let peer: Address

  const service = (ledger: Ledger): EscrowService => escrowService({ feeBps: 1000, feeOwner: rig.treasury.feeOwner })({
    ledger, authority: rig.treasury.authority, store: new EscrowStore(rig.store), logger: defaultLogger()
  })

  const lockedJob = async (amount: bigint): Promise<string> => await lockJob(rig, submitter, amount)

  before(async () => {
    // 5 ms blocks: a blockhash expires after 150 blocks, under a second
    rig = await openRig(undefined, { blockTime: 5 })
    submitter = await generateKeyPairSigner()
    peer = (await generateKeyPairSigner()).address
    await rig.treasury.airdrop?.(submitter.address, 1_000_000_000n)
  })
  afterEach(async () => {
    const { held, supply } = await moneyAddsUp(rig.treasury.ledger)
    expect(held).to.equal(supply)
  })
  after(async () => {
    await rig.close()
    await rm(rig.dir, { recursive: true, force: true })
  })

  it('sends the persisted intent when the crash came before sending', async () => {
    const jobId = await lockedJob(100_000_000n)
    const before = await rig.treasury.ledger.balanceOf(peer)
    await service(crashing(rig.treasury.ledger, 'before-send')).settle({ jobId, node: peer, earnedBps: 10_000 }).catch(() => {})
    const pending = await rig.escrow.state(jobId)
    expect(pending?.state).to.equal('SETTLING')
    expect(await rig.treasury.ledger.balanceOf(peer)).to.equal(before)
    const done = await service(rig.treasury.ledger).settle({ jobId, node: peer, earnedBps: 10_000 })
    expect(done.state).to.equal('SETTLED')
    expect(await rig.treasury.ledger.balanceOf(peer)).to.equal(before + 90_000_000n)
  })

  it('recognises on chain a settlement that landed just before the crash, and pays nothing more', async () => {
    const jobId = await lockedJob(100_000_000n)
    const before = await rig.treasury.ledger.balanceOf(peer)
    await service(crashing(rig.treasury.ledger, 'after-send')).settle({ jobId, node: peer, earnedBps: 10_000 }).catch(() => {})
    const pending = await rig.escrow.state(jobId)
    expect(pending?.state).to.equal('SETTLING')
    expect(await rig.treasury.ledger.balanceOf(peer)).to.equal(before + 90_000_000n)
    const done = await service(rig.treasury.ledger).settle({ jobId, node: peer, earnedBps: 10_000 })
    expect(done.settleSignature).to.equal(pending?.settlement?.signature)
    expect(await rig.treasury.ledger.balanceOf(peer)).to.equal(before + 90_000_000n)
  })

  it('rebuilds an intent whose blockhash expired unsent, with the same terms', async () => {
    const jobId = await lockedJob(100_000_000n)
    const before = await rig.treasury.ledger.balanceOf(peer)
    await service(crashing(rig.treasury.ledger, 'before-send')).settle({ jobId, node: peer, earnedBps: 4_000 }).catch(() => {})
    const pending = await rig.escrow.state(jobId)
    const lastValid = pending?.settlement?.lastValidBlockHeight ?? 0n
    await waitFor('the intent\'s blockhash to expire', async () => await rig.treasury.ledger.expired(lastValid) ? true : undefined, 20_000, 50)
    // the resumed call asks for a full payment, but the persisted terms (40%) stand
    const done = await service(rig.treasury.ledger).settle({ jobId, node: peer, earnedBps: 10_000 })
    expect(done.state).to.equal('SETTLED')
    expect(done.settleSignature).to.not.equal(pending?.settlement?.signature)
    expect(await rig.treasury.ledger.balanceOf(peer)).to.equal(before + 36_000_000n)
  })
})
