/**
 * kill -9 with an escrow open: a process locks a job's payment on the embedded cluster and is
 * SIGKILLed; the data dir is opened again, the escrow is still there, settlement pays 90/10 once,
 * and the money adds up.
 */
import { expect } from 'chai'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Address } from '@solana/kit'
import { moneyAddsUp, openRig } from '../helpers/money.js'
import { kill, killAll, startNode, waitForOutput } from '../helpers/processes.js'

const HOLDER = fileURLToPath(new URL('../fixtures/escrow-holder.ts', import.meta.url))

describe('escrow across a SIGKILL', function () {
  this.timeout(90_000)
  let dir: string
  before(async () => { dir = await mkdtemp(join(tmpdir(), 'cyxwiz-escrow-kill-')) })
  after(async () => {
    await killAll() // the holder, if the test failed before killing it
    await rm(dir, { recursive: true, force: true })
  })

  it('settles an escrow opened by a process that was killed with SIGKILL', async () => {
    const holder = startNode(['--import', 'tsx', HOLDER, dir])
    const line = await waitForOutput<RegExpExecArray>(holder, 'the escrow to be locked', /LOCKED (\S+) (\S+) (\S+)/)
    const [, jobId = '', submitter = '', peer = ''] = line
    await kill(holder)

    const rig = await openRig(dir)
    try {
      const state = await rig.escrow.state(jobId)
      expect(state?.state).to.equal('LOCKED')
      expect(await rig.treasury.ledger.tokenAccountBalance(state!.escrow)).to.equal(150_000_000n)
      expect(await rig.treasury.ledger.balanceOf(submitter as Address)).to.equal(50_000_000n)
      await rig.escrow.settle({ jobId, node: peer as Address, earnedBps: 10_000 })
      await rig.escrow.settle({ jobId, node: peer as Address, earnedBps: 10_000 })
      expect(await rig.treasury.ledger.balanceOf(peer as Address)).to.equal(135_000_000n)
      expect(await rig.treasury.ledger.balanceOf(rig.treasury.feeOwner)).to.equal(15_000_000n)
      const { held, supply } = await moneyAddsUp(rig.treasury.ledger)
      expect(held).to.equal(supply)
      expect(supply).to.equal(200_000_000n)
    } finally {
      await rig.close()
    }
  })
})
