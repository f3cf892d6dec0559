/**
 * A coordinator that lies to the submitter, played by an independent libp2p node speaking the jobs
 * protocol: it asks the wallet to sign text that is not a session challenge for it, or hands over a
 * lock whose escrow account the submitter would fund. The real JobClient refuses each with a named
 * error before signing anything: the liar never receives a signature (no SESSION_OPEN, no
 * CONFIRM_LOCK). A challenge it writes honestly is signed, so the check is not a blanket refusal.
 */
import { expect } from 'chai'
import { randomUUID } from 'node:crypto'
import { defaultLogger } from '@libp2p/logger'
import {
  appendTransactionMessageInstructions, compileTransaction, createNoopSigner, createTransactionMessage, generateKeyPairSigner, getBase64EncodedWireTransaction,
  partiallySignTransaction, pipe, setTransactionMessageFeePayerSigner, setTransactionMessageLifetimeUsingBlockhash, type Address, type Blockhash, type KeyPairSigner
} from '@solana/kit'
import { getCreateAccountWithSeedInstruction } from '@solana-program/system'
import { getInitializeAccount3Instruction, getTokenSize, getTransferCheckedInstruction, TOKEN_PROGRAM_ADDRESS } from '@solana-program/token'
import { getAddMemoInstruction } from '@solana-program/memo'
import { protocolIds } from '../../protocols/ids.js'
import { JobOp, JobRequest, JobResponse, JobType, RequiredDevice, type JobInfo, type SubmitJob } from '../../protocols/jobs.js'
import { createNode, type CyxwizNode } from '../../src/network/node.js'
import { serve } from '../../src/network/stream.js'
import { escrowAddress, escrowSeed, MEMO_PROGRAM } from '../../src/ledger/escrow-tx.js'
import { Sessions } from '../../coordinator/jobs/sessions.js'
import { JobClient } from '../../client/job-client.js'

const empty: JobResponse = { code: '', message: '', challenge: '', session: '', sessionExpiresMs: 0n, lockTransaction: '', escrowAuthority: '', mint: '', jobs: [] }
const AMOUNT = 5_000_000n

describe('a lying coordinator, seen by the submitter\'s client', function () {
  this.timeout(60_000)
  let liar: CyxwizNode
  let address: string
  let authority: KeyPairSigner
  let mint: Address
  let wallet: KeyPairSigner
  /** what the liar asks to be signed, given the client's peer id */
  let challengeFor: (peer: string) => string
  const received: JobOp[] = []

  /** a lock like the real one, except that the submitter pays 5 SOL into the escrow account */
  async function lockFundedBySubmitter (jobId: string): Promise<string> {
    const escrow = await escrowAddress(authority.address, jobId)
    const submitter = createNoopSigner(wallet.address)
    const message = pipe(
      createTransactionMessage({ version: 0 }),
      m => setTransactionMessageFeePayerSigner(authority, m),
      m => setTransactionMessageLifetimeUsingBlockhash({ blockhash: authority.address as string as Blockhash, lastValidBlockHeight: 1000n }, m),
      m => appendTransactionMessageInstructions([
        getCreateAccountWithSeedInstruction({
          payer: submitter, newAccount: escrow, baseAccount: authority, base: authority.address, seed: escrowSeed(jobId),
          amount: 5_000_000_000n, space: getTokenSize(), programAddress: TOKEN_PROGRAM_ADDRESS
        }),
        getInitializeAccount3Instruction({ account: escrow, mint, owner: authority.address }),
        getTransferCheckedInstruction({ source: escrow, mint, destination: escrow, authority: submitter, amount: AMOUNT, decimals: 6 }),
        getAddMemoInstruction({ memo: `cyxwiz:lock:${jobId}` }, { programAddress: MEMO_PROGRAM })
      ], m)
    )
    return getBase64EncodedWireTransaction(await partiallySignTransaction([authority.keyPair], compileTransaction(message)))
  }

  before(async () => {
    liar = await createNode({ listen: ['/ip4/127.0.0.1/tcp/0'] })
    address = liar.getMultiaddrs()[0]?.toString() ?? ''
    authority = await generateKeyPairSigner()
    mint = (await generateKeyPairSigner()).address
    wallet = await generateKeyPairSigner()
    await serve(liar, protocolIds().protocols.jobs, JobRequest, JobResponse, async (req, connection) => {
      received.push(req.op)
      if (req.op === JobOp.SESSION_CHALLENGE) return { ...empty, challenge: challengeFor(connection.remotePeer.toString()) }
      if (req.op === JobOp.SESSION_OPEN) return { ...empty, session: 'token', sessionExpiresMs: BigInt(Date.now() + 60_000) }
      if (req.op === JobOp.SUBMIT) {
        const jobId = randomUUID()
        return { ...empty, job: { jobId } as JobInfo, lockTransaction: await lockFundedBySubmitter(jobId), escrowAuthority: authority.address, mint }
      }
      return { ...empty, code: 'ERR_JOB_NOT_FOUND', message: 'nothing here' }
    }, { timeout: 10_000, maxSize: 1024 * 1024, log: defaultLogger().forComponent('test:liar') })
  })
  beforeEach(() => { received.length = 0 })
  after(async () => { await liar.stop() })

  async function openCode (): Promise<string | undefined> {
    try {
      const client = await JobClient.open(address, wallet)
      await client.close()
      return undefined
    } catch (err) {
      return (err as { code?: string }).code ?? (err as Error).message
    }
  }

  it('refuses to sign a challenge written for another coordinator (a relayed one), or in no known format', async () => {
    const other = await createNode({ listen: [] })
    try {
      const relayed = new Sessions({ coordinator: other.peerId.toString() })
      challengeFor = (peer) => relayed.challenge(peer, wallet.address)
      expect(await openCode()).to.equal('ERR_CHALLENGE_REJECTED')
      challengeFor = (peer) => `cyxwiz-session\npeer:${peer}\nwallet:${wallet.address}\nnonce:${'00'.repeat(16)}`
      expect(await openCode()).to.equal('ERR_CHALLENGE_REJECTED')
      challengeFor = () => 'please sign: transfer everything'
      expect(await openCode()).to.equal('ERR_CHALLENGE_REJECTED')
      expect(received).to.not.include(JobOp.SESSION_OPEN)
    } finally {
      await other.stop()
    }
  })

  it('signs its own honest challenge, then refuses a lock whose escrow account the submitter would fund, sending nothing', async () => {
    const honest = new Sessions({ coordinator: liar.peerId.toString() })
    challengeFor = (peer) => honest.challenge(peer, wallet.address)
    const client = await JobClient.open(address, wallet)
    try {
      expect(received).to.include(JobOp.SESSION_OPEN)
      const submit: SubmitJob = {
        jobType: JobType.TRAINING, modelDefinition: '{}', datasetUri: 'ipfs://bafkreidataset', datasetSamples: 10n, paymentAmount: AMOUNT.toString(),
        requiredDevice: RequiredDevice.ANY, minMemoryBytes: 0n, wallet: wallet.address
      }
      const code = await client.submit(submit).then(() => undefined, (err: unknown) => (err as { code?: string }).code)
      expect(code).to.equal('ERR_LOCK_REJECTED')
      expect(received).to.not.include(JobOp.CONFIRM_LOCK)
    } finally {
      await client.close()
    }
  })
})
