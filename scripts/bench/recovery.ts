/**
 * `npm run bench:recovery` — how long a training job stands still when its peer dies, and how much
 * training the death throws away (a lost peer's job is re-queued after 3 missed heartbeats
 * and resumed elsewhere from its last verified checkpoint).
 *
 * Real `cyxwiz` processes on 127.0.0.1, as in test/integration/faults.test.ts: one coordinator
 * (`--heartbeat-interval 1s --match-interval 1s`, kept for every trial), `--peers` peers (2 by
 * default), each paid into its own wallet, and 3,000 real MNIST digits published with `dataset add`.
 * Each trial submits an MLP (test/fixtures/jobs/mlp.json, `--batch-size 8 --epochs 8`: ~1 s
 * epochs), waits for the coordinator to verify the first epoch's checkpoint, waits a random time
 * (up to `--kill-window` epochs), SIGKILLs the assigned peer, and measures from the kill:
 * - offline: the coordinator marks the dead peer offline (its ISO-stamped stdout line);
 * - re-queued / re-assigned: the job's QUEUED and then ASSIGNED-to-another-peer updates (the
 *   coordinator's timestamps on the job's update stream; `assignedNode` changes at the latter);
 * - resumed: the new peer's stdout line "training on the … backend, resumed after epoch N";
 * - 1st progress: the first progress report the coordinator records from the new peer beyond the
 *   resume point (RUNNING, progress > N / epochs);
 * - lost: the wall time the dead peer had trained since its last verified checkpoint, i.e. the
 *   kill time minus the time the dead peer's stdout says that checkpoint's epoch ended, and the
 *   whole epochs redone (checkpointed by the dead peer but not yet verified when it died).
 * The job then finishes on the new peer (checked: COMPLETED, the dead peer credited with exactly
 * the epochs the new one resumed after), and a replacement peer is started so the next trial again
 * has `--peers` peers. All times come from one clock (this host's): the CLI stamps daemon lines
 * with ISO times, the coordinator stamps job updates with Date.now(). Job updates are followed
 * in this process with JobClient.watch (the same stream as `cyxwiz job watch`, which prints no
 * times); after each trial `cyxwiz job status --json` and `cyxwiz nodes --json` give the record.
 * Processes and the temp dir are removed at the end, on error and on Ctrl-C. Starting and stopping
 * that network (processes, wallets, dataset) is scripts/bench/recovery-network.ts; this file is the
 * trials, their measurements and the report.
 *
 * A benchmark, not a test: it prints numbers and asserts only that the jobs complete.
 *
 *   npm run bench:recovery -- --trials 5 --peers 2
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import type { JobInfo } from '../../protocols/jobs.js'
import type { JobUpdate } from '../../protocols/job-updates.js'
import { JobClient } from '../../client/job-client.js'
import { parseDuration } from '../../src/cli/duration.js'
import { readWallet } from '../../src/ledger/wallet.js'
import { BenchNetwork, sleep, until, type Daemon } from './recovery-network.js'
import { mulberry32 } from '../../src/random.js'

const MODEL = fileURLToPath(new URL('../../test/fixtures/jobs/mlp.json', import.meta.url))

const opts = new Command()
  .option('--trials <n>', 'peers killed, one per job', '5')
  .option('--peers <n>', 'peers online at the start of each trial (2 or 3)', '2')
  .option('--train <n>', 'MNIST training digits in the dataset', '3000')
  .option('--epochs <n>', 'epochs per job', '8')
  .option('--batch-size <n>', 'batch size', '8')
  .option('--heartbeat-interval <duration>', 'heartbeat interval of the coordinator and the peers', '1s')
  .option('--kill-window <epochs>', 'the kill comes at a uniformly random time up to this many epochs after the first verified one', '3')
  .option('--seed <n>', 'seed of the kill times (default: random, printed)')
  .parse().opts<{ trials: string, peers: string, train: string, epochs: string, batchSize: string, heartbeatInterval: string, killWindow: string, seed?: string }>()

const TRIALS = Number(opts.trials)
const PEERS = Number(opts.peers)
const EPOCHS = Number(opts.epochs)
const HEARTBEAT = parseDuration(opts.heartbeatInterval)
const SEED = opts.seed != null ? Number(opts.seed) : Math.floor(Math.random() * 2 ** 31)
if (!(TRIALS >= 1 && PEERS >= 2 && EPOCHS >= 4 && Number(opts.killWindow) > 0)) throw new Error('need --trials ≥ 1, --peers ≥ 2, --epochs ≥ 4, --kill-window > 0')

const started = Date.now()
const net = new BenchNetwork(HEARTBEAT)
const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(0)} s`
let client: JobClient | undefined

const random = mulberry32(SEED)

interface Timed { u: JobUpdate, at: number }

interface Trial {
  trial: number
  from: string
  to: string
  backend: string
  epochSeconds: number
  killAfterVerified: number
  /** epochs the coordinator had verified at the kill, and the dead peer had checkpointed */
  verifiedAtKill: number
  checkpointedAtKill: number
  resumeEpoch: number
  /** all from the kill, ms */
  offline: number
  requeued: number
  reassigned: number
  /** the new peer's "accepted job" line */
  accepted: number
  /** the new peer had trained an earlier job (its dataset is local) */
  warm: boolean
  resumed: number
  firstProgress: number
  /** training thrown away: since the last verified checkpoint's epoch ended, and since the last epoch ended */
  lost: number
  partial: number
  redone: number
  lastBeatBeforeKill?: number
  credited: number
  state: string
}

/** one SIGKILL: submit, let the first epoch be verified, wait a random time, kill, time the recovery */
async function trial (n: number, dataset: string): Promise<Trial> {
  const from = new Map(net.live.map(p => [p, p.lines.length]))
  const submitted = await net.cli('job', 'submit', MODEL, '--dataset', dataset, '--payment', '1', '--batch-size', opts.batchSize, '--epochs', String(EPOCHS))
  const id = /job ([0-9a-f-]{36})/.exec(submitted)?.[1]
  if (id == null) throw new Error(`no job id in:\n${submitted}`)
  const updates: Timed[] = []
  let watchError: unknown
  const watching = (client as JobClient).watch(id, (u) => { updates.push({ u, at: Date.now() }) }).catch((err: unknown) => { watchError = err })
  const update = (what: string, ok: (u: JobUpdate) => boolean, timeoutMs: number): Promise<Timed> => until(`job ${id.slice(0, 8)}: ${what}`, () => {
    if (watchError != null) throw new Error(`watching job ${id}: ${String(watchError)}`)
    return updates.find(t => ok(t.u))
  }, timeoutMs)

  // the assigned peer, its training start and its first verified epoch
  const esc = id.replace(/-/g, '\\-')
  const accepted = await until(`a peer accepting job ${id}`, () => {
    for (const p of net.live) { const hit = p.find(new RegExp(`accepted job ${esc}`), from.get(p)); if (hit != null) return { p, hit } }
    return undefined
  }, 60_000)
  const dead = accepted.p
  const start = await dead.waitFor(new RegExp(`job ${esc}: training on the (\\S+) backend`), 'training start', 120_000, accepted.hit.index)
  const epoch1 = await dead.waitFor(new RegExp(`job ${esc}: epoch 1 .*checkpoint`), 'epoch 1', 120_000, start.index)
  const verified1 = await update('the first verified checkpoint', u => u.checkpointUri !== '', 60_000)
  const epochMs = epoch1.line.ts - start.line.ts
  const delay = random() * Number(opts.killWindow) * epochMs
  await sleep(Math.max(0, verified1.at + delay - Date.now()))

  // the kill
  const verifiedAtKill = Math.max(0, ...updates.map(t => Number(/checkpoint after epoch (\d+) verified/.exec(t.u.message)?.[1] ?? 0)))
  const kill = Date.now()
  dead.proc.kill('SIGKILL')
  await dead.exited
  net.live.splice(net.live.indexOf(dead), 1)
  const epochLines = dead.lines.flatMap((l) => {
    const m = new RegExp(`job ${esc}: epoch (\\d+) .*checkpoint`).exec(l.text)
    return m != null && l.ts <= kill ? [{ epoch: Number(m[1]), ts: l.ts }] : []
  })
  const checkpointedAtKill = Math.max(0, ...epochLines.map(e => e.epoch))
  const ended = updates.find(t => ['VERIFYING', 'COMPLETED', 'FAILED', 'CANCELLED'].includes(t.u.state))
  if (ended != null) throw new Error(`job ${id} was ${ended.u.state} before the kill: ${ended.u.message}`)

  // the coordinator notices, re-queues and re-assigns; another peer resumes
  const seen = updates.length
  const requeued = await update('re-queued', u => u.state === 'QUEUED' && u.seq > (updates[seen - 1]?.u.seq ?? 0n), 60_000)
  const reassigned = await update('re-assigned', u => u.state === 'ASSIGNED' && u.seq > requeued.u.seq && !u.message.includes(dead.nodeId), 60_000)
  const resumedOn = await until(`a peer resuming job ${id}`, () => {
    for (const p of net.live) {
      const hit = p.find(new RegExp(`job ${esc}: training on the (\\S+) backend(?:, resumed after epoch (\\d+))?`), from.get(p))
      if (hit != null) return { p, hit }
    }
    return undefined
  }, 60_000)
  const resumeEpoch = Number(resumedOn.hit.m[2] ?? 0)
  const acceptedAgain = resumedOn.p.find(new RegExp(`accepted job ${esc}`), from.get(resumedOn.p))
  // a peer that trained an earlier job has the dataset in its blockstore already
  const warm = (resumedOn.p.find(/: training on the /)?.index ?? Infinity) < resumedOn.hit.index
  const progressed = await update('progress beyond the resume point', u => u.state === 'RUNNING' && u.seq > reassigned.u.seq && u.progress > resumeEpoch / EPOCHS + 1e-9, 60_000)
  const offline = await (net.coordinator as Daemon).waitFor(new RegExp(`node ${dead.nodeId} \\w+ → offline`), 'the dead peer offline', 30_000)

  // the next trial gets its peers back while this job finishes on the new peer
  const replacement = net.startPeer()
  await watching
  if (watchError != null) throw new Error(`watching job ${id}: ${String(watchError)}`)
  const [status, nodes] = await Promise.all([net.cli('job', 'status', id, '--json'), net.cli('nodes', '--json')])
  await replacement
  const job = JSON.parse(status) as JobInfo
  const lastSeen = (JSON.parse(nodes) as Array<{ node_id: string, last_seen: string }>).find(v => v.node_id === dead.nodeId)?.last_seen
  const checkpointEnd = epochLines.find(e => e.epoch === resumeEpoch)?.ts
  const lastEnd = epochLines.find(e => e.epoch === checkpointedAtKill)?.ts
  if (checkpointEnd == null || lastEnd == null) throw new Error(`no stdout line for epoch ${resumeEpoch} of job ${id} on ${dead.name}`)
  const t: Trial = {
    trial: n,
    from: dead.name,
    to: resumedOn.p.name,
    backend: start.m[1] ?? '',
    epochSeconds: (epochLines.length > 1 ? ((epochLines.at(-1)?.ts ?? 0) - (epochLines[0]?.ts ?? 0)) / (epochLines.length - 1) : epochMs) / 1000,
    killAfterVerified: kill - verified1.at,
    verifiedAtKill,
    checkpointedAtKill,
    resumeEpoch,
    offline: offline.line.ts - kill,
    requeued: Number(requeued.u.timestampMs) - kill,
    reassigned: Number(reassigned.u.timestampMs) - kill,
    accepted: (acceptedAgain?.line.ts ?? NaN) - kill,
    warm,
    resumed: resumedOn.hit.line.ts - kill,
    firstProgress: Number(progressed.u.timestampMs) - kill,
    lost: kill - checkpointEnd,
    partial: kill - lastEnd,
    redone: checkpointedAtKill - resumeEpoch,
    ...(lastSeen != null && lastSeen !== '' ? { lastBeatBeforeKill: kill - Date.parse(lastSeen) } : {}),
    credited: job.contributions.find(c => c.node === dead.nodeId)?.epochs ?? 0,
    state: job.state
  }
  if (job.state !== 'COMPLETED') throw new Error(`job ${id} ended ${job.state}: ${job.message}`)
  if (job.assignedNode !== resumedOn.p.nodeId || job.leaseStartEpoch !== resumeEpoch) {
    throw new Error(`job ${id}: status says ${job.assignedNode} from epoch ${job.leaseStartEpoch}, the peers' output ${resumedOn.p.nodeId} after epoch ${resumeEpoch}`)
  }
  return t
}

/** nearest-rank percentile: with 5 samples p50 is the 3rd smallest and p99 the largest */
function percentile (values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.max(0, Math.ceil(p / 100 * sorted.length) - 1)] ?? NaN
}

const s = (ms: number | undefined, digits = 2): string => ms == null ? '-' : (ms / 1000).toFixed(digits)

function table (headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)))
  const fmt = (r: string[]): string => r.map((c, i) => i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)).join('  ')
  return [fmt(headers), ...rows.map(fmt)].join('\n')
}

async function main (): Promise<void> {
  console.log(`bench:recovery — ${TRIALS} trial(s), ${PEERS} peers, ${opts.train} MNIST digits, MLP, --batch-size ${opts.batchSize} --epochs ${EPOCHS}, ` +
    `heartbeat interval ${HEARTBEAT} ms, kill seed ${SEED}; in ${net.dir}`)
  const dataset = await net.start(PEERS, TRIALS + 10, Number(opts.train))
  client = await JobClient.open(net.coordinatorAddr, await readWallet(join(net.dir, 'wallet.json')))
  console.log(`network up after ${elapsed()}: coordinator ${net.coordinatorAddr}, ${net.live.map(p => p.name).join(', ')} online; dataset ${dataset}`)

  const trials: Trial[] = []
  for (let i = 1; i <= TRIALS; i++) {
    const t = await trial(i, dataset)
    trials.push(t)
    console.log(`trial ${i}: ${t.from} killed ${s(t.killAfterVerified)} s after epoch 1 was verified (epoch ${t.checkpointedAtKill} checkpointed, ${t.verifiedAtKill} verified); ` +
      `re-assigned ${s(t.reassigned)} s, resumed on ${t.to} after epoch ${t.resumeEpoch} ${s(t.resumed)} s after the kill; ${t.state} (${elapsed()})`)
  }

  console.log(`\nall times in seconds from the SIGKILL; heartbeat interval ${HEARTBEAT} ms (coordinator and peers), match interval 1 s`)
  console.log(table(
    ['trial', 'killed → resumed on', 'epoch s', 'kill after ep1 ok', 'ckpt/verified', 'last beat', 'offline', 're-queued', 're-assigned', 'accepted', 'resumed', '1st progress', 'lost', 'partial', 'redone'],
    trials.map(t => [String(t.trial), `${t.from} → ${t.to} after ep ${t.resumeEpoch}`, t.epochSeconds.toFixed(2), s(t.killAfterVerified), `${t.checkpointedAtKill}/${t.verifiedAtKill}`,
      t.lastBeatBeforeKill != null ? `-${s(t.lastBeatBeforeKill)}` : '-', s(t.offline), s(t.requeued), s(t.reassigned), s(t.accepted), `${s(t.resumed)}${t.warm ? '' : '*'}`, s(t.firstProgress), s(t.lost), s(t.partial), String(t.redone)])
  ))
  console.log('  last beat: the dead peer\'s last heartbeat the coordinator saw, before the kill; offline: the coordinator\'s "→ offline" line;')
  console.log('  re-queued / re-assigned: the job\'s QUEUED and ASSIGNED (another peer) updates; accepted: the new peer\'s "accepted job" line;')
  console.log('  resumed: its "training on … resumed after epoch N" line (* its first job: the dataset came over the network first);')
  console.log('  1st progress: the first report beyond the resume point; lost: kill − end of the last verified epoch on the dead peer;')
  console.log('  partial: kill − end of its last epoch; redone: whole epochs it had checkpointed that were not verified in time')

  const n = trials.length
  console.log(`\nN = ${n}; p50 and p99 by nearest rank${n <= 100 ? ` (with N = ${n}, p99 is the maximum${n === 5 ? ' and p50 the 3rd of 5' : ''})` : ''}`)
  const line = (what: string, values: number[]): void => {
    console.log(`  ${what.padEnd(62)} p50 ${s(percentile(values, 50)).padStart(6)} s   p99 ${s(percentile(values, 99)).padStart(6)} s`)
  }
  line('kill → coordinator marks the peer offline', trials.map(t => t.offline))
  line('kill → job re-queued', trials.map(t => t.requeued))
  line('kill → job re-assigned (assignedNode changes)', trials.map(t => t.reassigned))
  line('kill → training resumed on the new peer (its stdout)', trials.map(t => t.resumed))
  line('kill → first progress beyond the resume point (coordinator)', trials.map(t => t.firstProgress))
  line('training lost per kill (since the last verified checkpoint)', trials.map(t => t.lost))
  const redone = trials.reduce((a, t) => a + t.redone, 0)
  console.log(`  whole epochs redone beyond the partial one: ${redone} in ${n} kills; the dead peer was credited with the epochs the new one resumed after in ${trials.filter(t => t.credited === t.resumeEpoch).length}/${n}`)
  const gaps = trials.flatMap(t => t.lastBeatBeforeKill != null ? [t.offline + t.lastBeatBeforeKill] : [])
  if (gaps.length > 0) {
    console.log(`  detection: offline is declared when the last beat is > 3.5 intervals old (3 missed + 0.5 grace = ${s(3.5 * HEARTBEAT, 1)} s), ` +
      `checked every 1 s: last beat → offline ${s(Math.min(...gaps))}…${s(Math.max(...gaps))} s`)
  }
  console.log(`\ndone in ${elapsed()}`)
}

main().then(async () => {
  await client?.close().catch(() => {})
  net.cleanup()
  process.exit(0)
}, async (err: unknown) => {
  console.error(err)
  for (const tail of net.tails()) console.error(tail)
  await client?.close().catch(() => {})
  net.cleanup()
  process.exit(1)
})
