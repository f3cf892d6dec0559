/**
 * `cyxwiz job estimate | submit | status | list | watch | cancel` (and `fetch`, `outbox`): the
 * submitter's commands for training jobs. Each reads the paying wallet, talks to the coordinator
 * through a JobClient and prints a human summary or, with --json, JSON.
 */
import { readFile } from 'node:fs/promises'
import { Option, type Command } from 'commander'
import { JobType, RequiredDevice, type JobInfo, type SubmitJob, type Estimate } from '../protocols/jobs.js'
import type { JobUpdate } from '../protocols/job-updates.js'
import { ago, oneLine, out, table } from '../src/cli/output.js'
import { action } from '../src/cli/run.js'
import { bytesArg, defaultDataDir, defaultWalletFile, intArg, multiaddrArg, resolveCoordinator } from '../src/cli/options.js'
import { formatAmount, parseAmount } from '../src/ledger/amounts.js'
import { readWallet } from '../src/ledger/wallet.js'
import { CyxwizError } from '../src/errors.js'
import { DEFAULT_HYPERPARAMETERS, OPTIMIZERS } from '../src/training/spec.js'
import { JobClient } from './job-client.js'
import { fetchCommand } from './content-command.js'
import { outboxCommands, retryBaseOption, submitOrQueue } from './outbox-command.js'

interface Common { coordinator?: string, wallet?: string, json?: boolean, dataDir?: string }
interface SpecFlags { dataset: string, samples?: string, epochs: number, batchSize: number, learningRate: string, optimizer: string, validationSplit: string, metrics: string, device: 'any' | 'gpu' | 'cpu', minMemory?: bigint, payment?: string }

async function readModel (file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (err) {
    throw new CyxwizError('ERR_INVALID_ARGUMENT', `cannot read model file ${file}: ${(err as Error).message}`)
  }
}

function spec (model: string, f: SpecFlags, wallet: string): SubmitJob {
  const num = (v: string, name: string): number => {
    const n = Number(v)
    if (v.trim() === '' || !Number.isFinite(n)) throw new CyxwizError('ERR_INVALID_ARGUMENT', `--${name} must be a number`)
    return n
  }
  if (f.samples != null && !/^\d{1,10}$/.test(f.samples)) throw new CyxwizError('ERR_INVALID_ARGUMENT', '--samples must be a whole number')
  return {
    jobType: JobType.TRAINING,
    modelDefinition: model,
    datasetUri: f.dataset,
    datasetSamples: BigInt(f.samples ?? 0), // 0: the coordinator counts them in the dataset
    hyperparameters: {
      epochs: f.epochs, batchSize: f.batchSize, learningRate: num(f.learningRate, 'learning-rate'), optimizer: f.optimizer,
      validationSplit: num(f.validationSplit, 'validation-split'), metrics: f.metrics.split(',').map(m => m.trim()).filter(m => m !== '')
    },
    paymentAmount: f.payment != null ? parseAmount(f.payment).toString() : '1',
    requiredDevice: f.device === 'gpu' ? RequiredDevice.GPU : f.device === 'cpu' ? RequiredDevice.CPU : RequiredDevice.ANY,
    minMemoryBytes: f.minMemory ?? 0n,
    wallet
  }
}

function specOptions (c: Command): Command {
  return c
    .requiredOption('--dataset <uri>', 'the dataset, ipfs://<cid>')
    .option('--samples <n>', 'how many samples the dataset holds (default: counted by the coordinator in the dataset; given, it is checked)')
    .requiredOption('--epochs <n>', 'training epochs', intArg(1, 10_000))
    .option('--batch-size <n>', 'batch size', intArg(1, 65_536), DEFAULT_HYPERPARAMETERS.batchSize)
    .option('--learning-rate <x>', 'learning rate', String(DEFAULT_HYPERPARAMETERS.learningRate))
    .option('--optimizer <name>', OPTIMIZERS.join(', '), DEFAULT_HYPERPARAMETERS.optimizer)
    .option('--validation-split <x>', 'fraction held out for validation', String(DEFAULT_HYPERPARAMETERS.validationSplit))
    .option('--metrics <list>', 'comma-separated metrics', DEFAULT_HYPERPARAMETERS.metrics.join(','))
    .addOption(new Option('--device <kind>', 'required device').choices(['any', 'gpu', 'cpu']).default('any'))
    .option('--min-memory <size>', 'memory the job needs, e.g. 2GiB', bytesArg)
    .option('--coordinator <multiaddr>', 'coordinator address (default: the local coordinator)', multiaddrArg)
    .option('--data-dir <dir>', 'client data dir holding datasets from `dataset add` (served to the coordinator while submitting)', defaultDataDir('client'))
}

function showEstimate (e: Estimate): string {
  return `${formatAmount(BigInt(e.total))} CYXWIZ (${e.computeUnits} compute units × ${formatAmount(BigInt(e.pricePerUnit))} CYXWIZ; ${e.flopsPerSample} training FLOPs per sample, ${e.parameters} parameters)`
}

function bar (progress: number, width = 24): string {
  const full = Math.round(Math.min(1, Math.max(0, progress)) * width)
  return `${'█'.repeat(full)}${'░'.repeat(width - full)} ${(progress * 100).toFixed(0).padStart(3)}%`
}

const num = (m: Map<string, number>, k: string, digits = 4): string | undefined => {
  const v = m.get(k)
  return v == null ? undefined : v.toFixed(digits)
}

/** one update as a line: state, bar, epoch, loss and accuracy (the epoch's when it just ended) */
export function showUpdate (u: JobUpdate): string {
  const m = u.metrics
  const epochEnd = m.has('epoch_loss')
  const parts = [
    epochEnd ? `loss ${num(m, 'epoch_loss')}` : m.has('batch_loss') ? `loss ${num(m, 'batch_loss')}` : undefined,
    epochEnd ? (m.has('epoch_accuracy') ? `acc ${num(m, 'epoch_accuracy')}` : undefined) : m.has('batch_accuracy') ? `acc ${num(m, 'batch_accuracy')}` : undefined,
    m.has('validation_loss') ? `val_loss ${num(m, 'validation_loss')}` : undefined,
    m.has('validation_accuracy') ? `val_acc ${num(m, 'validation_accuracy')}` : undefined
  ].filter((p): p is string => p != null)
  const epoch = u.currentEpoch > 0 ? `  epoch ${u.currentEpoch}` : ''
  return `[${u.seq}] ${u.state.padEnd(9)} ${bar(u.progress)}${epoch}${parts.length > 0 ? `  ${parts.join('  ')}` : ''}${u.message !== '' ? `  ${oneLine(u.message)}` : ''}`
}

/**
 * Prints a job's updates: state changes, epoch ends and messages as lines; batch progress as a bar
 * redrawn in place on a terminal, or, piped, at most one line per 10% of the job.
 */
export function updatePrinter (): (u: JobUpdate) => void {
  let lastStep = -1
  return (u) => {
    const batchOnly = u.message === '' && !u.metrics.has('epoch_loss') && !u.final
    if (!batchOnly) { out.line(showUpdate(u)); return }
    if (process.stdout.isTTY === true) { out.status(showUpdate(u)); return }
    const step = Math.floor(u.progress * 10)
    if (step === lastStep) return
    lastStep = step
    out.line(showUpdate(u))
  }
}

/**
 * What the coordinator measured of the work: its held-out evaluation beside the peer's claim, and
 * the replay spot-checks with their cost; then why the job moved between peers, if it did.
 */
export function verificationLines (j: JobInfo): string[] {
  const v = j.verification
  const lines: string[] = []
  if (v != null) {
    const claim = (x: number): string => Number.isFinite(x) ? ` (peer claimed ${x.toFixed(3)})` : ''
    if (v.heldOutSamples > 0) {
      lines.push(Number.isFinite(v.heldOutAccuracy)
        ? `held-out accuracy ${v.heldOutAccuracy.toFixed(3)} on ${v.heldOutSamples} samples${claim(v.claimedAccuracy)}`
        : `held-out loss ${v.heldOutLoss.toPrecision(4)} on ${v.heldOutSamples} samples${claim(v.claimedLoss)}`)
    }
    if (v.segments > 0) {
      const share = v.batchesTotal > 0 ? ` = ${(100 * v.batchesReplayed / v.batchesTotal).toFixed(1)}% of the work` : ''
      lines.push(`replay ${v.passed || v.reason === '' ? 'passed' : 'FAILED'}: ${v.segmentsChecked} of ${v.segments} segments (${v.batchesReplayed} of ${v.batchesTotal} batches${share}) in ${(Number(v.replayMs) / 1000).toFixed(1)} s on ${oneLine(v.backend) || '?'}, max deviation ${v.maxDeviation.toExponential(1)} (tolerance ${v.tolerance})`)
    }
    if (!v.passed && v.reason !== '') lines.push(`verification failed: ${oneLine(v.reason)}`)
  }
  for (const h of j.history) lines.push(`moved: ${oneLine(h)}`)
  return lines.map(l => `  ${l}`)
}

function showJob (j: JobInfo): string {
  const lines = [
    `job ${j.jobId}: ${j.state}${j.message !== '' ? ` — ${oneLine(j.message)}` : ''}`,
    `  payment ${formatAmount(BigInt(j.request?.paymentAmount ?? '0'))} CYXWIZ in escrow ${j.escrow}; estimate ${j.estimate != null ? showEstimate(j.estimate) : '-'}`,
    `  progress ${bar(j.progress)} epoch ${j.currentEpoch}; updated ${ago(Date.now() - Number(j.updatedMs))}`
  ]
  if (j.assignedNode !== '') {
    lines.push(`  assigned to ${j.assignedNode}, score ${j.score.toFixed(3)}:`)
    for (const t of j.scoreBreakdown) lines.push(`    ${t.name.padEnd(18)} ${t.value.toFixed(3)} × ${t.weight.toFixed(2)} = ${t.weighted.toFixed(3)}`)
  }
  if (j.whyNot.length > 0) {
    lines.push('  why no peer fits (yet):')
    for (const w of j.whyNot) lines.push(`    ${w.nodeId.slice(-12)}  ${w.code.padEnd(20)} ${oneLine(w.reason)}`)
  }
  if (j.dataset != null) lines.push(`  dataset ${j.request?.datasetUri ?? ''}: ${j.dataset.samples} samples, features [${j.dataset.featureShape.join(', ')}], labels [${j.dataset.labelShape.join(', ')}] (${j.dataset.format}, pinned by the coordinator)`)
  if (j.backend !== '') lines.push(`  backend ${oneLine(j.backend)}`)
  const epochs = j.request?.hyperparameters?.epochs ?? 0
  if (j.verifiedEpochs > 0) lines.push(`  verified: ${j.verifiedEpochs} of ${epochs} epochs${j.checkpointUri !== '' ? `; last verified checkpoint ${j.checkpointUri}` : ''}`)
  if (j.modelUri !== '') {
    lines.push(`  model ${j.modelUri} (${j.modelHash}); fetch it with: cyxwiz job fetch ${j.jobId} --out DIR`)
    lines.push(`  final ${[...j.finalMetrics].map(([k, v]) => `${k} ${Number.isInteger(v) ? v : v.toFixed(4)}`).join(', ')}`)
  }
  lines.push(...verificationLines(j))
  const p = j.payout
  if (p?.signature != null && p.signature !== '') {
    lines.push(`  paid: peer ${formatAmount(BigInt(p.peer || '0'))} CYXWIZ${p.peerWallet !== '' ? ` to ${p.peerWallet}` : ''}, fee ${formatAmount(BigInt(p.fee || '0'))}, refunded ${formatAmount(BigInt(p.refund || '0'))} (${p.earnedBps / 100}% earned; tx ${p.signature})`)
  }
  if (j.excludedNodes.length > 0) lines.push(`  skipped (declined or silent): ${j.excludedNodes.map(n => n.slice(-12)).join(', ')}`)
  return lines.join('\n')
}

/** follows a job to its end, then prints what the coordinator measured of it */
async function watchToEnd (c: JobClient, id: string): Promise<void> {
  await c.watch(id, updatePrinter(), { onReconnect: n => { out.error(`connection lost; resuming (attempt ${n})`) } })
  for (const l of verificationLines(await c.get(id))) out.line(l)
}

async function withClient<T> (flags: Common, fn: (c: JobClient) => Promise<T>, needWallet = true): Promise<T> {
  const wallet = needWallet ? await readWallet(flags.wallet ?? defaultWalletFile()) : undefined
  const client = await JobClient.open(await resolveCoordinator(flags.coordinator), wallet, flags.dataDir != null ? { dataDir: flags.dataDir } : {})
  try {
    return await fn(client)
  } finally {
    await client.close()
  }
}

export function jobCommands (program: Command): void {
  const job = program.command('job').description('submit and follow training jobs')
  const common = (c: Command): Command => c
    .option('--coordinator <multiaddr>', 'coordinator address (default: the local coordinator)', multiaddrArg)
    .option('--wallet <file>', `the paying wallet (default ${defaultWalletFile()})`)

  specOptions(job.command('estimate').argument('<model>', 'model definition JSON file').description('price a job before submitting it'))
    .option('--json', 'print JSON')
    .action(action(async (file: string, flags: SpecFlags & Common) => {
      // counting the samples means the coordinator reads the dataset: that needs the wallet's session
      const e = await withClient(flags, async c => await c.estimate(spec(await readModel(file), flags, '')), BigInt(flags.samples ?? 0) === 0n)
      if (flags.json === true) out.json(e)
      else out.line(`estimate: ${showEstimate(e)}`)
    }))

  specOptions(job.command('submit').argument('<model>', 'model definition JSON file').description('submit a job; its payment is locked in escrow'))
    .requiredOption('--payment <amount>', 'CYXWIZ to pay (at least the estimate)')
    .option('--wallet <file>', `the paying wallet (default ${defaultWalletFile()})`)
    .option('--wait', 'follow the job until it ends')
    .option('--json', 'print JSON')
    .addOption(retryBaseOption())
    .action(action(async (file: string, flags: SpecFlags & Common & { wait?: boolean, dataDir: string, retryBase: number }) => {
      const model = await readModel(file)
      await submitOrQueue(flags, wallet => spec(model, flags, wallet), file, async (c, j) => {
        if (flags.json === true) out.json(j)
        else out.line(`job ${j.jobId} ${j.state}; estimated start ${new Date(Number(j.estimatedStartMs)).toISOString()}`)
        if (flags.wait === true) await watchToEnd(c, j.jobId)
      })
    }))

  common(job.command('status').argument('<job-id>').description('a job\'s state, score breakdown or why-not reasons'))
    .option('--json', 'print JSON')
    .action(action(async (id: string, flags: Common) => {
      const j = await withClient(flags, async c => await c.get(id))
      if (flags.json === true) out.json(j)
      else out.line(showJob(j))
    }))

  common(job.command('list').description('your jobs'))
    .option('--json', 'print JSON')
    .action(action(async (flags: Common) => {
      const jobs = await withClient(flags, async c => await c.list())
      if (flags.json === true) { out.json(jobs); return }
      if (jobs.length === 0) { out.line('no jobs'); return }
      out.line(table(['JOB', 'STATE', 'PAYMENT', 'NODE', 'PROGRESS', 'UPDATED'], jobs.map(j => [
        j.jobId, j.state, formatAmount(BigInt(j.request?.paymentAmount ?? '0')), j.assignedNode.slice(-12) || '-', `${(j.progress * 100).toFixed(0)}%`, ago(Date.now() - Number(j.updatedMs))
      ])))
    }))

  common(job.command('watch').argument('<job-id>').description('follow a job live: state changes, progress, epoch, loss/accuracy'))
    .action(action(async (id: string, flags: Common) => {
      await withClient(flags, async c => { await watchToEnd(c, id) })
    }))

  fetchCommand(job)
  outboxCommands(job)

  common(job.command('cancel').argument('<job-id>').description('cancel a job; its escrow is refunded'))
    .action(action(async (id: string, flags: Common) => {
      const j = await withClient(flags, async c => await c.cancel(id))
      out.line(`job ${j.jobId} ${j.state}`)
    }))
}
