/**
 * The submitter's side of the jobs protocols: open a session that proves control of the paying
 * wallet, estimate, submit (checking and signing the escrow lock offline), get, list, cancel, and
 * follow a job's updates — resuming after a cut connection from the last update seen.
 */
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { pbStream } from '@libp2p/utils'
import type { Libp2p } from '@libp2p/interface'
import {
  getBase64EncodedWireTransaction, getBase64Encoder, getTransactionDecoder, signBytes, signTransaction, address, type KeyPairSigner
} from '@solana/kit'
import { protocolIds, type ProtocolIds } from '../protocols/ids.js'
import { JobOp, JobRequest, JobResponse, type JobInfo, type SubmitJob, type Estimate } from '../protocols/jobs.js'
import { JobUpdate, JobUpdatesRequest } from '../protocols/job-updates.js'
import { createClientNode } from '../src/network/node.js'
import { request } from '../src/network/stream.js'
import type { IpfsStore } from '../src/storage/ipfs.js'
import { CyxwizError, CoordinatorUnreachableError, type ErrorCode } from '../src/errors.js'
import { verifyLockTransaction } from '../src/ledger/escrow-tx.js'
import { withRetries, type RetryOptions } from '../src/retry.js'
import { checkChallenge } from '../src/session-challenge.js'
import { randomUUID } from 'node:crypto'

export interface JobClientOptions {
  network?: string
  /**
   * a client data dir: opens its IPFS blocks over this connection, so the coordinator can fetch a
   * dataset published with `dataset add` while the job is submitted, and models can be fetched
   */
  dataDir?: string
  /**
   * the retry schedule for submitting (session, SUBMIT, CONFIRM_LOCK — all safe to repeat):
   * given, those calls are retried on transport failures; other calls fail at once
   */
  retry?: RetryOptions
}

/**
 * The longest a session challenge may stay valid for the client to sign it: the coordinator's own
 * default is two minutes; ten allow for clock skew, while a challenge valid for longer would be a
 * long-lived credential rather than a challenge.
 */
const MAX_CHALLENGE_TTL_MS = 10 * 60_000

export class JobClient {
  /** the client's IPFS blocks, when opened with a data dir */
  ipfs?: IpfsStore
  private readonly node: Libp2p
  private readonly target: Multiaddr
  private readonly ids: ProtocolIds
  private readonly wallet?: KeyPairSigner
  private readonly retry?: RetryOptions
  private session = ''

  private constructor (node: Libp2p, target: Multiaddr, ids: ProtocolIds, wallet?: KeyPairSigner, retry?: RetryOptions) {
    this.node = node
    this.target = target
    this.ids = ids
    this.wallet = wallet
    this.retry = retry
  }

  /** connects and, given a wallet, opens a session for it (estimates need none) */
  static async open (coordinator: string, wallet?: KeyPairSigner, opts: JobClientOptions = {}): Promise<JobClient> {
    const node = await createClientNode()
    const client = new JobClient(node, multiaddr(coordinator), protocolIds(opts.network ?? 'cyxwiz'), wallet, opts.retry)
    try {
      // Helia is loaded only by the commands that move content (submit, fetch)
      if (opts.dataDir != null) client.ipfs = await (await import('../src/storage/ipfs.js')).IpfsStore.open(opts.dataDir, node, { persistentPins: false })
      if (wallet != null) await client.retrying(async () => { await client.openSession(wallet) })
    } catch (err) {
      await client.close()
      throw err
    }
    return client
  }

  /**
   * proves control of the wallet: signs the coordinator's challenge (again after a coordinator
   * restart) — only once it parses as a session challenge naming this coordinator, this peer and
   * this wallet, and expiring soon; anything else (a transaction, another coordinator's challenge)
   * is refused with ERR_CHALLENGE_REJECTED and never signed
   */
  private async openSession (wallet: KeyPairSigner): Promise<void> {
    const { challenge } = await this.call({ op: JobOp.SESSION_CHALLENGE, wallet: wallet.address })
    checkChallenge(challenge, {
      coordinator: this.coordinatorId(), peer: this.node.peerId.toString(), wallet: wallet.address, now: Date.now(), maxTtlMs: MAX_CHALLENGE_TTL_MS
    })
    const signature = await signBytes(wallet.keyPair.privateKey, new TextEncoder().encode(challenge))
    this.session = (await this.call({ op: JobOp.SESSION_OPEN, wallet: wallet.address, signature: new Uint8Array(signature) })).session
  }

  /** the coordinator's peer id: from the address dialled, else the peer the connection to it reached */
  private coordinatorId (): string {
    const named = this.target.getComponents().findLast(c => c.name === 'p2p')?.value
    if (named != null) return named
    const target = this.target.toString()
    const conn = this.node.getConnections().find(c => c.remoteAddr.toString().startsWith(target))
    if (conn == null) throw new CyxwizError('ERR_CHALLENGE_REJECTED', 'session challenge refused: the coordinator\'s peer id is unknown (dial it with /p2p/<id>)')
    return conn.remotePeer.toString()
  }

  async close (): Promise<void> {
    await this.ipfs?.stop()
    await this.node.stop()
  }

  async estimate (submit: SubmitJob): Promise<Estimate> {
    const res = await this.call({ op: JobOp.ESTIMATE, submit })
    if (res.estimate == null) throw new CyxwizError('ERR_PROTOCOL', 'no estimate in the answer')
    return res.estimate
  }

  /**
   * Submits, checks the escrow lock it is handed, signs it and confirms: the job is QUEUED. The
   * `idempotencyKey` makes the submission safe to repeat: the coordinator answers a repeat with the
   * same job (already locked, or with a fresh lock to sign), so a retried or re-sent submission never
   * locks a second payment.
   */
  async submit (submit: SubmitJob, idempotencyKey: string = randomUUID()): Promise<{ job: JobInfo, estimate?: Estimate }> {
    const wallet = this.wallet ?? noWallet()
    let res = await this.retrying(async () => await this.call({ op: JobOp.SUBMIT, submit, idempotencyKey }))
    const job = res.job ?? protocolError()
    const estimate = res.estimate != null ? { estimate: res.estimate } : {}
    if (res.lockTransaction === '') return { job, ...estimate } // submitted and locked before
    const amount = BigInt(submit.paymentAmount)
    for (let attempt = 0; ; attempt++) {
      const tx = getTransactionDecoder().decode(getBase64Encoder().encode(res.lockTransaction))
      await verifyLockTransaction(tx, { jobId: job.jobId, authority: address(res.escrowAuthority), submitter: wallet.address, mint: address(res.mint), amount })
      const signed = getBase64EncodedWireTransaction(await signTransaction([wallet.keyPair], tx))
      const confirm = await this.retrying(async () => await this.call({ op: JobOp.CONFIRM_LOCK, jobId: job.jobId, signedTransaction: signed }, ['ERR_TX_EXPIRED']))
      if (confirm.code === '') return { job: confirm.job ?? protocolError(), ...estimate }
      if (attempt >= 2) throw new CyxwizError('ERR_TX_EXPIRED', confirm.message)
      res = { ...confirm, escrowAuthority: res.escrowAuthority, mint: res.mint } // a fresh lock to sign
    }
  }

  /** `fn` on the retry schedule when the client was opened with one, else once */
  private async retrying<T> (fn: () => Promise<T>): Promise<T> {
    return this.retry == null ? await fn() : await withRetries(fn, this.retry)
  }

  async get (jobId: string): Promise<JobInfo> {
    return (await this.call({ op: JobOp.GET, jobId })).job ?? protocolError()
  }

  async list (): Promise<JobInfo[]> {
    return (await this.call({ op: JobOp.LIST })).jobs
  }

  async cancel (jobId: string): Promise<JobInfo> {
    return (await this.call({ op: JobOp.CANCEL, jobId })).job ?? protocolError()
  }

  /**
   * Follows a job until its final update, calling `onUpdate` for each, in order, once. A cut
   * connection is re-dialled with backoff and resumed after the last seq seen.
   */
  async watch (jobId: string, onUpdate: (u: JobUpdate) => void, opts: { afterSeq?: bigint, maxReconnects?: number, onReconnect?: (attempt: number) => void } = {}): Promise<JobUpdate | undefined> {
    let last = opts.afterSeq ?? 0n
    let final: JobUpdate | undefined
    for (let attempt = 0; final == null; attempt++) {
      try {
        const stream = await this.node.dialProtocol(this.target, this.ids.protocols.jobUpdates, { signal: AbortSignal.timeout(15_000) })
        const pb = pbStream(stream, { maxDataLength: 64 * 1024 })
        await pb.write({ jobId, session: this.session, afterSeq: last }, JobUpdatesRequest)
        for (;;) {
          const u = await pb.read(JobUpdate)
          if (u.code === 'ERR_SESSION' && this.wallet != null) {
            // the coordinator restarted and forgot its sessions: prove the wallet again and resume
            await this.openSession(this.wallet)
            throw new Error('session renewed')
          }
          if (u.code !== '') throw new CyxwizError(u.code as ErrorCode, u.message)
          if (u.seq <= last) continue
          last = u.seq
          onUpdate(u)
          attempt = 0
          if (u.final) { final = u; break }
        }
        await stream.close().catch(() => {})
      } catch (err) {
        if (err instanceof CyxwizError) throw err
        if (attempt >= (opts.maxReconnects ?? 10)) throw new CoordinatorUnreachableError(`lost the update stream of ${jobId}: ${(err as Error).message}`, err)
        opts.onReconnect?.(attempt + 1)
        await new Promise(resolve => setTimeout(resolve, Math.min(16_000, 500 * 2 ** attempt)))
      }
    }
    return final
  }

  /** one request; an answer with an error code becomes that named error unless `allow`ed */
  private async call (req: Partial<JobRequest>, allow: string[] = [], renewed = false): Promise<JobResponse> {
    const value: JobRequest = { op: JobOp.GET, session: this.session, wallet: '', signature: new Uint8Array(), jobId: '', signedTransaction: '', idempotencyKey: '', ...req }
    // submissions wait while the coordinator fetches and checks the dataset (its limit: 120 s)
    const timeout = value.op === JobOp.SUBMIT || value.op === JobOp.ESTIMATE ? 180_000 : 60_000
    const res = await request<JobRequest, JobResponse>(this.node, this.target, this.ids.protocols.jobs, { value, codec: JobRequest }, JobResponse, { timeout, maxSize: 8 * 1024 * 1024 })
    const sessionOp = value.op === JobOp.SESSION_CHALLENGE || value.op === JobOp.SESSION_OPEN
    if (res.code === 'ERR_SESSION' && !sessionOp && !renewed && this.wallet != null && this.session !== '') {
      await this.openSession(this.wallet)
      return await this.call(req, allow, true)
    }
    if (res.code !== '' && !allow.includes(res.code)) {
      const err = new CyxwizError(res.code as ErrorCode, res.message)
      Object.assign(err, { estimate: res.estimate })
      throw err
    }
    return res
  }
}

function noWallet (): never {
  throw new CyxwizError('ERR_WALLET', 'submitting needs a wallet')
}

function protocolError (): never {
  throw new CyxwizError('ERR_PROTOCOL', 'the coordinator\'s answer has no job')
}
