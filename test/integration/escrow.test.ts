/**
 * The money layer against the embedded cluster (LiteSVM behind the local JSON-RPC), through the real
 * kit client: faucet, offline-signed lock, 90/10 settlement, partial payment, refund, and everything
 * hostile or repeated refused or recognised. After every test the money adds up.
 */
import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import { rm } from 'node:fs/promises'
import {
  generateKeyPairSigner, getBase64EncodedWireTransaction, getBase64Encoder, getTransactionDecoder, signTransaction,
  type Address, type KeyPairSigner, type Transaction
} from '@solana/kit'
import { verifyLockTransaction } from '../../src/ledger/escrow-tx.js'
import { parseAmount } from '../../src/ledger/amounts.js'
import { moneyAddsUp, openRig, type MoneyRig } from '../helpers/money.js'

const CYX = (n: string): bigint => parseAmount(n)
const decode = (wire: string): Transaction => getTransactionDecoder().decode(getBase64Encoder().encode(wire))

describe('escrow on the embedded cluster', function () {
  this.timeout(60_000)
  let rig: MoneyRig
  let submitter: KeyPairSigner
  let peer: Address

  /** the submitter's side: check the coordinator's transaction, then sign it offline */
  async function signLock (jobId: string, wire: string, amount: bigint): Promise<string> {
    const tx = decode(wire)
    await verifyLockTransaction(tx, { jobId, authority: rig.treasury.authority.address, submitter: submitter.address, mint: rig.treasury.ledger.mint, amount })
    return getBase64EncodedWireTransaction(await signTransaction([submitter.keyPair], tx))
  }

  async function lock (amount: bigint): Promise<string> {
    const jobId = randomUUID()
    const prepared = await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount })
    await rig.escrow.submitLock(jobId, await signLock(jobId, prepared.transaction, amount))
    return jobId
  }

  const balance = async (owner: Address): Promise<bigint> => await rig.treasury.ledger.balanceOf(owner)

  before(async () => {
    rig = await openRig()
    submitter = await generateKeyPairSigner()
    peer = (await generateKeyPairSigner()).address
    await rig.treasury.airdrop?.(submitter.address, CYX('1000'))
  })

  afterEach(async () => {
    const { held, supply } = await moneyAddsUp(rig.treasury.ledger)
    expect(held).to.equal(supply)
  })

  after(async () => {
    await rig.close()
    await rm(rig.dir, { recursive: true, force: true })
  })

  it('mints, airdrops and reads balances', async () => {
    expect(await balance(submitter.address)).to.equal(CYX('1000'))
    expect((await moneyAddsUp(rig.treasury.ledger)).supply).to.equal(CYX('1000'))
  })

  it('locks with the submitter\'s offline signature and pays 90/10 in one settlement', async () => {
    const before = { s: await balance(submitter.address), p: await balance(peer), f: await balance(rig.treasury.feeOwner) }
    const jobId = await lock(CYX('100'))
    const state = await rig.escrow.state(jobId)
    expect(state?.state).to.equal('LOCKED')
    expect(await rig.treasury.ledger.tokenAccountBalance(state!.escrow)).to.equal(CYX('100'))
    const done = await rig.escrow.settle({ jobId, node: peer, earnedBps: 10_000 })
    expect(done.state).to.equal('SETTLED')
    expect(await balance(submitter.address)).to.equal(before.s - CYX('100'))
    expect(await balance(peer)).to.equal(before.p + CYX('90'))
    expect(await balance(rig.treasury.feeOwner)).to.equal(before.f + CYX('10'))
    expect(await rig.treasury.ledger.accountExists(state!.escrow)).to.equal(false) // closed, rent back
  })

  it('pays a 40% partial settlement as peer 36%, fee 4%, refund 60%', async () => {
    const before = { s: await balance(submitter.address), p: await balance(peer), f: await balance(rig.treasury.feeOwner) }
    const jobId = await lock(CYX('50'))
    await rig.escrow.settle({ jobId, node: peer, earnedBps: 4_000 })
    expect(await balance(peer)).to.equal(before.p + CYX('18'))
    expect(await balance(rig.treasury.feeOwner)).to.equal(before.f + CYX('2'))
    expect(await balance(submitter.address)).to.equal(before.s - CYX('50') + CYX('30'))
  })

  it('refunds a cancelled job in full', async () => {
    const before = await balance(submitter.address)
    const jobId = await lock(CYX('25'))
    expect(await balance(submitter.address)).to.equal(before - CYX('25'))
    expect((await rig.escrow.refund(jobId)).state).to.equal('REFUNDED')
    expect(await balance(submitter.address)).to.equal(before)
  })

  it('never loses a unit to rounding', async () => {
    const before = { s: await balance(submitter.address), p: await balance(peer), f: await balance(rig.treasury.feeOwner) }
    const jobId = await lock(7n) // 7 base units, 33.33% earned
    await rig.escrow.settle({ jobId, node: peer, earnedBps: 3_333 })
    const moved = (await balance(peer) - before.p) + (await balance(rig.treasury.feeOwner) - before.f) + (await balance(submitter.address) - (before.s - 7n))
    expect(moved).to.equal(7n)
  })

  it('refuses a second lock for the same job', async () => {
    const jobId = await lock(CYX('1'))
    try {
      await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount: CYX('1') })
      expect.fail('a second lock was prepared')
    } catch (err) {
      expect(err).to.have.property('code', 'ERR_ESCROW_EXISTS')
    }
    await rig.escrow.refund(jobId)
  })

  it('pays once when a settlement is repeated, also concurrently', async () => {
    const jobId = await lock(CYX('10'))
    const before = await balance(peer)
    const results = await Promise.all([
      rig.escrow.settle({ jobId, node: peer, earnedBps: 10_000 }),
      rig.escrow.settle({ jobId, node: peer, earnedBps: 10_000 })
    ])
    const again = await rig.escrow.settle({ jobId, node: peer, earnedBps: 10_000 })
    expect(results.map(r => r.settleSignature)).to.deep.equal([again.settleSignature, again.settleSignature])
    expect(await balance(peer)).to.equal(before + CYX('9'))
  })

  it('refuses a lock transaction tampered with after signing, and sends nothing', async () => {
    const jobId = randomUUID()
    const prepared = await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount: CYX('5') })
    const signed = decode(await signLock(jobId, prepared.transaction, CYX('5')))
    const bytes = Uint8Array.from(signed.messageBytes)
    bytes[bytes.length - 40] = (bytes[bytes.length - 40] ?? 0) ^ 0xff // flip a byte inside the instructions
    const tampered = getBase64EncodedWireTransaction({ ...signed, messageBytes: bytes as unknown as Transaction['messageBytes'] })
    const before = await balance(submitter.address)
    try {
      await rig.escrow.submitLock(jobId, tampered)
      expect.fail('a tampered lock was accepted')
    } catch (err) {
      expect(err).to.have.property('code', 'ERR_LOCK_REJECTED')
    }
    expect(await balance(submitter.address)).to.equal(before)
    expect((await rig.escrow.state(jobId))?.state).to.equal('PREPARED')
  })

  it('refuses a submitter\'s transaction that pays someone else or another amount, before sending', async () => {
    const jobId = randomUUID()
    await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount: CYX('5') })
    // the submitter builds its own lock for this job with a smaller amount and signs it
    const cheap = await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount: CYX('1') })
    await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount: CYX('5') }) // the coordinator's agreed terms
    const signedCheap = getBase64EncodedWireTransaction(await signTransaction([submitter.keyPair], decode(cheap.transaction)))
    const before = await balance(submitter.address)
    for (const wire of [signedCheap, 'AAAA', 'not base64 at all']) {
      try {
        await rig.escrow.submitLock(jobId, wire)
        expect.fail('a different transaction was accepted')
      } catch (err) {
        expect(err).to.have.property('code', 'ERR_LOCK_REJECTED')
      }
    }
    expect(await balance(submitter.address)).to.equal(before)
  })

  it('lets the submitter refuse a lock that is not the agreed one before signing', async () => {
    const jobId = randomUUID()
    const prepared = await rig.escrow.prepareLock({ jobId, submitter: submitter.address, amount: CYX('3') })
    const expectations = [
      { amount: CYX('2') }, // the coordinator asks for more than agreed
      { mint: peer }, // another mint
      { authority: peer }, // someone else's escrow
      { jobId: randomUUID() } // another job's escrow
    ]
    for (const e of expectations) {
      try {
        await verifyLockTransaction(decode(prepared.transaction), { jobId, authority: rig.treasury.authority.address, submitter: submitter.address, mint: rig.treasury.ledger.mint, amount: CYX('3'), ...e })
        expect.fail(`accepted ${JSON.stringify(e, (_k, v: unknown) => typeof v === 'bigint' ? v.toString() : v)}`)
      } catch (err) {
        expect(err).to.have.property('code', 'ERR_LOCK_REJECTED')
      }
    }
  })

  it('gives a named error when the balance does not cover the payment', async () => {
    const poor = await generateKeyPairSigner()
    try {
      await rig.escrow.prepareLock({ jobId: randomUUID(), submitter: poor.address, amount: CYX('1') })
      expect.fail('prepared a lock without funds')
    } catch (err) {
      expect(err).to.have.property('code', 'ERR_INSUFFICIENT_BALANCE')
    }
  })
})
