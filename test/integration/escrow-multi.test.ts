/**
 * A job that moved between peers: one escrow settled to several peers pro rata under one intent on
 * the embedded cluster — each peer's share less 10% of it (rounded down per share), the fee, the
 * refund, the escrow closed; one transaction while they fit, several in order beyond. Also: the same
 * wallet twice, terms refused before anything is stored, and crashes (before sending, between two
 * parts) resumed on the stored terms without paying anyone twice.
 */
import { expect } from 'chai'
import { rm } from 'node:fs/promises'
import { defaultLogger } from '@libp2p/logger'
import {
  decompileTransactionMessage, generateKeyPairSigner, getBase64Encoder, getCompiledTransactionMessageDecoder, getTransactionDecoder,
  getTransactionSize, type Address, type KeyPairSigner
} from '@solana/kit'
import { TOKEN_PROGRAM_ADDRESS } from '@solana-program/token'
import type { Ledger } from '../../src/ledger/ledger.js'
import { MAX_SETTLE_PEERS, MEMO_PROGRAM, TRANSACTION_BYTES } from '../../src/ledger/escrow-tx.js'
import { EscrowStore, type EscrowRecord } from '../../coordinator/escrow/escrow-store.js'
import { escrowService, type EscrowService } from '../../coordinator/escrow/escrow-service.js'
import { settle as settlePayout } from '../../coordinator/jobs/payout.js'
import { JobState, type Payout } from '../../protocols/jobs.js'
import { lockJob, moneyAddsUp, openRig, type MoneyRig } from '../helpers/money.js'
import { waitFor } from '../helpers/processes.js'

const FUNDS = 10_000_000_000n

/** what the settlement transaction does: how many token transfers, its memo, its size on the wire */
function inspect (wire: string): { transfers: number, memo: string, bytes: number } {
  const tx = getTransactionDecoder().decode(getBase64Encoder().encode(wire))
  const msg = decompileTransactionMessage(getCompiledTransactionMessageDecoder().decode(tx.messageBytes))
  const data = (i: { data?: ArrayLike<number> }): Uint8Array => Uint8Array.from(i.data ?? [])
  return {
    transfers: msg.instructions.filter(i => i.programAddress === TOKEN_PROGRAM_ADDRESS && data(i)[0] === 12).length, // TransferChecked
    memo: Buffer.from(data(msg.instructions.find(i => i.programAddress === MEMO_PROGRAM) ?? {})).toString('utf8'),
    bytes: getTransactionSize(tx)
  }
}

/** the rule, written out independently: per share ⌊amount·bps/10⁴⌋ earned, ⌊earned/10⌋ fee */
function expected (amount: bigint, bps: number[]): { peers: bigint[], fee: bigint, refund: bigint } {
  const earned = bps.map(b => amount * BigInt(b) / 10_000n)
  const fees = earned.map(e => e / 10n)
  return { peers: earned.map((e, i) => e - (fees[i] ?? 0n)), fee: fees.reduce((a, b) => a + b, 0n), refund: amount - earned.reduce((a, b) => a + b, 0n) }
}

/** a ledger that dies right before sending, like a coordinator killed at that instant */
function crashing (real: Ledger): Ledger {
  return Object.assign(Object.create(real) as Ledger, { sendAndConfirm: async () => { throw new Error('simulated crash before-send') } })
}

describe('escrow settled to several peers', function () {
  this.timeout(120_000)
  let rig: MoneyRig
  let submitter: KeyPairSigner

  const balance = async (owner: Address): Promise<bigint> => await rig.treasury.ledger.balanceOf(owner)
  const wallets = async (n: number): Promise<Address[]> => await Promise.all(Array.from({ length: n }, async () => (await generateKeyPairSigner()).address))
  const service = (ledger: Ledger): EscrowService => escrowService({ feeBps: 1000, feeOwner: rig.treasury.feeOwner })({
    ledger, authority: rig.treasury.authority, store: new EscrowStore(rig.store), logger: defaultLogger()
  })

  /** locks `amount`, settles it to `bps` shares of fresh wallets and checks every balance and the transaction */
  async function settleTo (amount: bigint, bps: number[]): Promise<EscrowRecord> {
    const peers = await wallets(bps.length)
    const before = { s: await balance(submitter.address), f: await balance(rig.treasury.feeOwner) }
    const jobId = await lockJob(rig, submitter, amount)
    const done = await rig.escrow.settle({ jobId, shares: peers.map((node, i) => ({ node, earnedBps: bps[i] ?? 0 })) })
    const want = expected(amount, bps)
    expect(done.state).to.equal('SETTLED')
    for (const [i, p] of peers.entries()) expect(await balance(p), `peer ${i}`).to.equal(want.peers[i])
    expect(await balance(rig.treasury.feeOwner) - before.f).to.equal(want.fee)
    expect(await balance(submitter.address) - (before.s - amount)).to.equal(want.refund)
    expect(want.peers.reduce((a, b) => a + b, 0n) + want.fee + want.refund).to.equal(amount)
    // the record, for readers: the total to the peers, the fee, the refund, and each peer's part
    const split = done.settlement?.split
    expect(split?.peer).to.equal(want.peers.reduce((a, b) => a + b, 0n))
    expect(split).to.deep.include({ fee: want.fee, refund: want.refund })
    expect(split?.peers).to.deep.equal(peers.map((owner, i) => ({ owner, amount: want.peers[i] ?? 0n })).filter(p => p.amount > 0n))
    expect(done.settlement?.shares).to.deep.equal(peers.map((node, i) => ({ node, earnedBps: bps[i] })))
    // one transfer per peer, the fee and the refund across the parts, each part within Solana's limit;
    // the last carries this job's memo and closes the escrow, the others their own numbered memo
    const parts = done.settlement?.parts ?? []
    const txs = parts.map(p => inspect(p.wire))
    expect(txs.reduce((n, t) => n + t.transfers, 0)).to.equal(split!.peers.length + (want.fee > 0n ? 1 : 0) + (want.refund > 0n ? 1 : 0))
    expect(txs.map(t => t.memo)).to.deep.equal(parts.map((_p, i) => i === parts.length - 1 ? `cyxwiz:settle:${jobId}` : `cyxwiz:settle:${jobId}:${i}`))
    for (const t of txs) expect(t.bytes).to.be.at.most(TRANSACTION_BYTES)
    expect(done.settlement?.done).to.equal(parts.length)
    expect(done.settlement?.wire).to.equal(parts[parts.length - 1]?.wire)
    expect(done.settleSignature).to.equal(done.settlement?.signature)
    expect(await rig.treasury.ledger.accountExists(done.escrow)).to.equal(false)
    return done
  }

  before(async () => {
    // 5 ms blocks: a blockhash expires after 150 blocks, under a second
    rig = await openRig(undefined, { blockTime: 5 })
    submitter = await generateKeyPairSigner()
    await rig.treasury.airdrop?.(submitter.address, FUNDS)
  })
  afterEach(async () => {
    const { held, supply } = await moneyAddsUp(rig.treasury.ledger)
    expect(held).to.equal(supply)
    expect(supply).to.equal(FUNDS)
  })
  after(async () => {
    await rig.close()
    await rm(rig.dir, { recursive: true, force: true })
  })

  it('pays 2 peers pro rata (50% and 30% earned), 10% fee of each, the rest refunded', async () => {
    const done = await settleTo(100_000_000n, [5000, 3000])
    expect(done.settlement?.split.peers.map(p => p.amount)).to.deep.equal([45_000_000n, 27_000_000n])
    expect(done.settlement?.split).to.deep.include({ peer: 72_000_000n, fee: 8_000_000n, refund: 20_000_000n })
  })

  it('pays 4 peers with every share rounded down on its own, no unit lost', async () => {
    // 999 units at ~25% each: 249 earned each, fee ⌊24.9⌋ = 24 each (96, not 10% of 996 = 99), refund 3
    const done = await settleTo(999n, [2500, 2500, 2500, 2499])
    expect(done.settlement?.split.peers.map(p => p.amount)).to.deep.equal([225n, 225n, 225n, 225n])
    expect(done.settlement?.split).to.deep.include({ fee: 96n, refund: 3n })
  })

  it('pays 4 peers the whole job', async () => {
    await settleTo(1_000_003n, [4000, 3000, 2000, 1000])
  })

  it(`pays the most peers that fit in one transaction (${MAX_SETTLE_PEERS}) in one`, async () => {
    const done = await settleTo(77_777_777n, Array.from({ length: MAX_SETTLE_PEERS }, (_, i) => 1000 + i * 17))
    expect(done.settlement?.parts).to.have.length(1)
  })

  it(`pays ${MAX_SETTLE_PEERS + 1} and 40 peers in several transactions under one intent`, async () => {
    const eight = await settleTo(1_000_000n, Array.from({ length: MAX_SETTLE_PEERS + 1 }, () => 1000))
    expect(eight.settlement?.parts).to.have.length(2)
    const forty = await settleTo(123_456_789n, Array.from({ length: 40 }, (_, i) => 200 + (i % 7)))
    expect(forty.settlement?.parts.length).to.be.within(5, 6)
  })

  it('resumes a split settlement cut by a crash after its first part: nobody paid twice, even on a new blockhash', async () => {
    const peers = await wallets(20)
    const jobId = await lockJob(rig, submitter, 20_000_000n)
    const shares = peers.map(node => ({ node, earnedBps: 500 }))
    // a ledger that sends the first part for real, then dies before the second
    let sent = 0
    const real = rig.treasury.ledger
    const oneThenCrash = Object.assign(Object.create(real) as Ledger, {
      sendAndConfirm: async (...args: Parameters<Ledger['sendAndConfirm']>) => {
        if (sent++ > 0) throw new Error('simulated crash between parts')
        return await real.sendAndConfirm(...args)
      }
    })
    await service(oneThenCrash).settle({ jobId, shares }).then(() => expect.fail('the crash did not happen'), () => {})
    const pending = await rig.escrow.state(jobId)
    expect(pending?.state).to.equal('SETTLING')
    expect(pending?.settlement?.done).to.equal(1)
    expect(pending?.settlement?.parts.length).to.be.at.least(3)
    const paidFirst = pending!.settlement!.parts[0]!.payees.map(p => p.owner)
    await waitFor('the intent\'s blockhash to expire', async () => await real.expired(pending!.settlement!.lastValidBlockHeight) ? true : undefined, 20_000, 50)
    const done = await service(real).settle({ jobId, shares })
    expect(done.state).to.equal('SETTLED')
    expect(done.settlement?.parts[0]?.signature).to.equal(pending?.settlement?.parts[0]?.signature)
    expect(done.settlement?.parts[1]?.signature).to.not.equal(pending?.settlement?.parts[1]?.signature)
    // 5% earned each: 1,000,000 less the 10% fee
    for (const p of peers) expect(await balance(p), paidFirst.includes(p) ? 'paid by the first part' : 'paid after the crash').to.equal(900_000n)
    expect(await rig.treasury.ledger.accountExists(done.escrow)).to.equal(false)
  })

  it('pays a wallet named twice once, with both its shares, and nothing to a zero share', async () => {
    const [a = '' as Address, b = '' as Address] = await wallets(2)
    const jobId = await lockJob(rig, submitter, 10_000_000n)
    const done = await rig.escrow.settle({ jobId, shares: [{ node: a, earnedBps: 3000 }, { node: b, earnedBps: 0 }, { node: a, earnedBps: 2000 }] })
    expect(done.settlement?.split).to.deep.equal({ peer: 4_500_000n, fee: 500_000n, refund: 5_000_000n, peers: [{ owner: a, amount: 4_500_000n }] })
    expect(await balance(a)).to.equal(4_500_000n)
    expect(await rig.treasury.ledger.accountExists(await rig.treasury.ledger.ata(b))).to.equal(false)
    expect(inspect(done.settlement?.wire ?? '').transfers).to.equal(3)
  })

  it('refuses a payee that is no wallet before storing anything; the payout refunds that share and pays the rest', async () => {
    const [good = '' as Address] = await wallets(1)
    const jobId = await lockJob(rig, submitter, 10_000_000n)
    const before = await balance(submitter.address)
    // base58 of the right length that decodes to 33 bytes: it once passed gossip and made every settlement throw
    const bogus = 'z'.repeat(44)
    try {
      await rig.escrow.settle({ jobId, shares: [{ node: good, earnedBps: 5000 }, { node: bogus as Address, earnedBps: 5000 }] })
      expect.fail('settled to an address that does not decode')
    } catch (err) {
      expect(err).to.have.property('code', 'ERR_INVALID_ADDRESS')
    }
    expect((await rig.escrow.state(jobId))?.settlement).to.equal(undefined)
    const payout: Payout = {
      earnedBps: 10_000, peerWallet: '', peer: '', fee: '', refund: '', signature: '', outcome: JobState.COMPLETED, reason: 'completed',
      shares: [{ wallet: good, bps: 5000, amount: '' }, { wallet: bogus, bps: 5000, amount: '' }]
    }
    const paid = await settlePayout(rig.escrow, jobId, payout)
    expect(paid.shares.map(s => s.amount)).to.deep.equal(['4500000', '0'])
    expect(paid.refund).to.equal('5000000')
    expect(await balance(good)).to.equal(4_500_000n)
    expect(await balance(submitter.address) - before).to.equal(5_000_000n)
    expect((await rig.escrow.state(jobId))?.state).to.equal('SETTLED')
  })

  it('refuses shares over 100% before storing anything', async () => {
    const [a = '' as Address, b = '' as Address] = await wallets(2)
    const jobId = await lockJob(rig, submitter, 1_000_000n)
    for (const shares of [[{ node: a, earnedBps: 6000 }, { node: b, earnedBps: 4001 }], []]) {
      try {
        await rig.escrow.settle({ jobId, shares })
        expect.fail(`settled ${JSON.stringify(shares)}`)
      } catch (err) {
        expect(err).to.satisfy((e: Error) => e instanceof RangeError || (e as { code?: string }).code === 'ERR_LEDGER')
      }
    }
    expect((await rig.escrow.state(jobId))?.settlement).to.equal(undefined)
    await rig.escrow.refund(jobId)
  })

  it('resumes a multi-peer settlement after a crash on the stored terms, rebuilt once its blockhash expired', async () => {
    const peers = await wallets(3)
    const jobId = await lockJob(rig, submitter, 100_000_000n)
    const shares = [{ node: peers[0]!, earnedBps: 2000 }, { node: peers[1]!, earnedBps: 5000 }, { node: peers[2]!, earnedBps: 1000 }]
    await service(crashing(rig.treasury.ledger)).settle({ jobId, shares }).catch(() => {})
    const pending = await rig.escrow.state(jobId)
    expect(pending?.state).to.equal('SETTLING')
    expect(pending?.settlement?.shares).to.deep.equal(shares)
    for (const p of peers) expect(await balance(p)).to.equal(0n)
    const lastValid = pending?.settlement?.lastValidBlockHeight ?? 0n
    await waitFor('the intent\'s blockhash to expire', async () => await rig.treasury.ledger.expired(lastValid) ? true : undefined, 20_000, 50)
    // the resumed call names other terms (one peer, everything); the stored ones stand
    const done = await service(rig.treasury.ledger).settle({ jobId, node: peers[0]!, earnedBps: 10_000 })
    expect(done.state).to.equal('SETTLED')
    expect(done.settleSignature).to.not.equal(pending?.settlement?.signature)
    expect(await Promise.all(peers.map(balance))).to.deep.equal([18_000_000n, 45_000_000n, 9_000_000n])
    expect(done.settlement?.split).to.deep.include({ peer: 72_000_000n, fee: 8_000_000n, refund: 20_000_000n })
  })

  it('resumes an intent stored before settlements had shares (one peer, no per-peer amounts)', async () => {
    const [peer = '' as Address] = await wallets(1)
    const jobId = await lockJob(rig, submitter, 50_000_000n)
    await service(crashing(rig.treasury.ledger)).settle({ jobId, node: peer, earnedBps: 4000 }).catch(() => {})
    const rec = await rig.escrow.state(jobId)
    const { shares: _shares, split, ...rest } = rec!.settlement!
    const { peers: _peers, ...oldSplit } = split
    await new EscrowStore(rig.store).put({ ...rec!, settlement: { ...rest, split: oldSplit } as unknown as NonNullable<EscrowRecord['settlement']> })
    const old = await rig.escrow.state(jobId)
    expect(old?.settlement?.shares).to.deep.equal([{ node: peer, earnedBps: 4000 }])
    expect(old?.settlement?.split.peers).to.deep.equal([{ owner: peer, amount: 18_000_000n }])
    const done = await rig.escrow.settle({ jobId, node: peer, earnedBps: 10_000 })
    expect(done.settleSignature).to.equal(rec?.settlement?.signature)
    expect(await balance(peer)).to.equal(18_000_000n)
  })
})
