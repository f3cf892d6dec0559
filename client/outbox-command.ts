/**
 * Submitting with retries: `job submit` retries on the schedule (1, 2, 4, 8,
 * 16 s) while the coordinator cannot be reached, then keeps the submission in the client outbox
 * (submission-outbox.ts) and says so; `cyxwiz job outbox list | send | drop` show, send and discard
 * what waits there. Queued submissions go out first, in order, before a new one.
 */
import { randomUUID } from 'node:crypto'
import type { Command } from 'commander'
import type { KeyPairSigner } from '@solana/kit'
import type { JobInfo, SubmitJob } from '../protocols/jobs.js'
import { ago, out, table } from '../src/cli/output.js'
import { action } from '../src/cli/run.js'
import { defaultDataDir, defaultWalletFile, durationOption, multiaddrArg, resolveCoordinator } from '../src/cli/options.js'
import { formatAmount } from '../src/ledger/amounts.js'
import { readWallet } from '../src/ledger/wallet.js'
import { CoordinatorUnreachableError, CyxwizError, isCyxwizError } from '../src/errors.js'
import { isRetryable } from '../src/retry.js'
import { JobClient } from './job-client.js'
import { SubmissionOutbox } from './submission-outbox.js'

export interface SendFlags { coordinator?: string, wallet?: string, dataDir: string, retryBase: number }

/** the option every sending command takes */
export const retryBaseOption = (): ReturnType<typeof durationOption> =>
  durationOption('--retry-base <duration>', 'first delay of the retry schedule while the coordinator is unreachable (1s: retries after 1, 2, 4, 8, 16 s, then the outbox)', 1000)

async function openClient (flags: SendFlags, wallet: KeyPairSigner): Promise<JobClient> {
  return await JobClient.open(await resolveCoordinator(flags.coordinator), wallet, {
    dataDir: flags.dataDir,
    retry: {
      base: flags.retryBase,
      onRetry: (attempt, delay, err) => { out.error(`${new Date().toISOString()} coordinator not reachable (attempt ${attempt}: ${err.message}); retrying in ${delay} ms`) }
    }
  })
}

/**
 * Sends the wallet's queued submissions, oldest first. One the coordinator refuses for good (bad
 * input, too little balance …) is dropped with its reason; a transport failure stops the round and
 * is thrown (the rest stay queued). Returns the jobs made.
 */
async function sendQueued (client: JobClient, dataDir: string, wallet: string): Promise<JobInfo[]> {
  const sent: JobInfo[] = []
  for (const q of await SubmissionOutbox.list(dataDir)) {
    if (q.wallet !== wallet) continue
    try {
      const { job } = await client.submit(q.submit, q.key)
      sent.push(job)
      out.line(`sent queued submission ${q.key} (${q.source}): job ${job.jobId} ${job.state}`)
    } catch (err) {
      if (isRetryable(err)) throw err
      out.error(`queued submission ${q.key} (${q.source}) refused: ${(err as Error).message}${isCyxwizError(err) ? ` [${err.code}]` : ''}; removed from the outbox`)
    }
    await SubmissionOutbox.delete(dataDir, q.key)
  }
  return sent
}

/**
 * Submits the job `specFor` makes for the paying wallet (after any queued ones); if the coordinator
 * stays unreachable through the whole schedule, the submission is queued and the command fails with
 * ERR_COORDINATOR_UNREACHABLE saying where it waits. `then` runs with the submitted job (its errors never queue anything).
 */
export async function submitOrQueue (flags: SendFlags, specFor: (wallet: string) => SubmitJob, source: string, then: (c: JobClient, job: JobInfo) => Promise<void>): Promise<void> {
  const wallet = await readWallet(flags.wallet ?? defaultWalletFile())
  const submit = specFor(wallet.address)
  const key = randomUUID()
  let client: JobClient | undefined
  let job: JobInfo
  try {
    client = await openClient(flags, wallet)
    await sendQueued(client, flags.dataDir, wallet.address)
    job = (await client.submit(submit, key)).job
  } catch (err) {
    await client?.close()
    if (!isRetryable(err)) throw err
    await SubmissionOutbox.put(flags.dataDir, { key, wallet: wallet.address, submit, source, queuedMs: Date.now(), error: (err as Error).message })
    throw new CoordinatorUnreachableError(`${(err as Error).message}; the submission is kept in the outbox of ${flags.dataDir} (key ${key}): ` +
      'send it with `cyxwiz job outbox send` when the coordinator is back (it also goes out before your next `job submit`)', err)
  }
  try {
    await then(client, job)
  } finally {
    await client.close()
  }
}

export function outboxCommands (job: Command): void {
  const outbox = job.command('outbox').description('submissions waiting for an unreachable coordinator')
  const dataDir = (c: Command): Command => c.option('--data-dir <dir>', 'client data dir whose outbox to use', defaultDataDir('client'))

  dataDir(outbox.command('list').description('the submissions waiting in the outbox, oldest first'))
    .option('--json', 'print JSON')
    .action(action(async (flags: { dataDir: string, json?: boolean }) => {
      const queued = await SubmissionOutbox.list(flags.dataDir)
      if (flags.json === true) { out.json(queued.map(q => ({ key: q.key, wallet: q.wallet, source: q.source, queuedMs: q.queuedMs, error: q.error, paymentAmount: q.submit.paymentAmount, datasetUri: q.submit.datasetUri }))); return }
      if (queued.length === 0) { out.line('the outbox is empty'); return }
      out.line(table(['KEY', 'MODEL', 'PAYMENT', 'QUEUED', 'WHY'], queued.map(q => [
        q.key, q.source, formatAmount(BigInt(q.submit.paymentAmount)), ago(Date.now() - q.queuedMs), q.error.slice(0, 60)
      ])))
    }))

  dataDir(outbox.command('send').description('send the queued submissions now (each is locked in escrow as it is accepted)'))
    .option('--coordinator <multiaddr>', 'coordinator address (default: the local coordinator)', multiaddrArg)
    .option('--wallet <file>', `the paying wallet (default ${defaultWalletFile()})`)
    .addOption(retryBaseOption())
    .action(action(async (flags: SendFlags) => {
      const wallet = await readWallet(flags.wallet ?? defaultWalletFile())
      const waiting = (await SubmissionOutbox.list(flags.dataDir)).filter(q => q.wallet === wallet.address)
      if (waiting.length === 0) { out.line('nothing queued for this wallet'); return }
      const client = await openClient(flags, wallet)
      try {
        const sent = await sendQueued(client, flags.dataDir, wallet.address)
        out.line(`${sent.length} of ${waiting.length} queued submission(s) sent`)
      } finally {
        await client.close()
      }
    }))

  dataDir(outbox.command('drop').argument('<key>', 'the key `job outbox list` shows').description('discard a queued submission (were it taken after all, its job is in `job list`)'))
    .action(action(async (key: string, flags: { dataDir: string }) => {
      if (!await SubmissionOutbox.delete(flags.dataDir, key)) throw new CyxwizError('ERR_INVALID_ARGUMENT', `no queued submission ${key}`)
      out.line(`dropped ${key}`)
    }))
}
