/**
 * `npm run demo` — the main job for now: a local CyxWiz network you can watch. It starts a
 * coordinator and three peer daemons on 127.0.0.1 through the real `cyxwiz` CLI, shows the
 * coordinator's view with `cyxwiz nodes`, crashes a peer (SIGKILL) to show it go stale and offline,
 * kills the coordinator and restarts it to show the registry survive and refill, then stops
 * everything cleanly. `--watch` keeps the network running until Ctrl-C instead of exiting.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Command } from 'commander'
import { parseDuration } from '../src/cli/duration.js'

const CLI = fileURLToPath(new URL('../bin/cyxwiz.js', import.meta.url))
const opts = new Command()
  .option('--interval <duration>', 'heartbeat interval of the demo network', '2s')
  .option('--watch', 'keep the network running until Ctrl-C after the scripted part')
  .parse().opts<{ interval: string, watch?: boolean }>()
const interval = parseDuration(opts.interval, { min: 200 })
const dir = mkdtempSync(join(tmpdir(), 'cyxwiz-demo-'))
const children = new Set<ChildProcess>()
const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

function say (text: string): void {
  console.log(`\n\x1b[1m== ${text}\x1b[0m`)
}

/** a long-running cyxwiz process whose output is shown with a prefix */
function daemon (name: string, args: string[]): ChildProcess {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
  children.add(proc)
  proc.on('exit', () => children.delete(proc))
  const show = (d: Buffer): void => {
    for (const line of d.toString().split('\n')) if (line.trim() !== '') console.log(`  [${name}] ${line}`)
  }
  proc.stdout?.on('data', show)
  proc.stderr?.on('data', show)
  return proc
}

/** runs a cyxwiz command to completion, its output shown as it is; resolves with what it printed */
async function run (...args: string[]): Promise<string> {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, CYXWIZ_HOME: dir } })
  let text = ''
  proc.stdout?.on('data', (d: Buffer) => { text += d.toString(); process.stdout.write(d) })
  await new Promise(resolve => proc.on('exit', resolve))
  return text
}

/** runs `cyxwiz nodes` and shows its table */
async function nodes (addr: string): Promise<void> {
  await run('nodes', '--coordinator', addr)
}

async function coordinatorAddr (dataDir: string): Promise<string> {
  const file = join(dataDir, 'multiaddrs')
  for (let i = 0; i < 300; i++) {
    if (existsSync(file)) return readFileSync(file, 'utf8').split('\n')[0] ?? ''
    await sleep(100)
  }
  throw new Error('the coordinator did not start within 30 s')
}

function cleanup (): void {
  for (const c of children) c.kill('SIGKILL')
  rmSync(dir, { recursive: true, force: true })
}

process.on('SIGINT', () => {
  console.log('\nCtrl-C: stopping the demo network')
  cleanup()
  process.exit(130)
})

async function main (): Promise<void> {
  const every = `${interval}ms`
  const coordinatorDir = join(dir, 'coordinator')
  say(`starting a coordinator (heartbeat interval ${every}) in ${dir}`)
  const port = 40_000 + Math.floor(Math.random() * 20_000)
  const coordinatorArgs = ['coordinator', 'start', '--data-dir', coordinatorDir, '--listen', `/ip4/127.0.0.1/tcp/${port}`, '--heartbeat-interval', every]
  let coordinator = daemon('coordinator', coordinatorArgs)
  const addr = await coordinatorAddr(coordinatorDir)

  say('starting three peer daemons that bootstrap from it')
  const offers = [['eu-west', '10'], ['us-east', '25'], ['ap-south', '7']]
  const peers = offers.map(([location = '', price = ''], i) => daemon(`peer-${i + 1}`, ['peer', 'start', '--bootstrap', addr,
    '--data-dir', join(dir, `peer-${i + 1}`), '--listen', '/ip4/127.0.0.1/tcp/0', '--heartbeat-interval', every,
    '--metrics-interval', `${Math.max(200, Math.floor(interval / 2))}ms`, '--location', location, '--price', price]))
  await sleep(3 * interval)
  say('the coordinator\'s view: cyxwiz nodes')
  await nodes(addr)

  say('a user creates a wallet, gets 100 CYXWIZ from the embedded cluster\'s faucet, and submits a job')
  await run('wallet', 'new')
  await run('wallet', 'airdrop', '100', '--coordinator', addr)
  const model = fileURLToPath(new URL('../test/fixtures/jobs/mlp.json', import.meta.url))
  const submitted = await run('job', 'submit', model, '--dataset', 'ipfs://bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy',
    '--samples', '8000', '--epochs', '3', '--payment', '5', '--device', 'cpu', '--coordinator', addr)
  const jobId = /job ([0-9a-f-]{36})/.exec(submitted)?.[1] ?? ''
  await sleep(2000)
  say('the coordinator matched it: the score breakdown says why this peer (training itself arrives with issue [4])')
  await run('job', 'status', jobId, '--coordinator', addr)
  await run('wallet', 'balance', '--coordinator', addr)

  say('peer-3 crashes (SIGKILL): it goes stale after one missed beat, offline after three')
  peers[2]?.kill('SIGKILL')
  await sleep(2 * interval)
  await nodes(addr)
  await sleep(2.5 * interval)
  await nodes(addr)

  say('the coordinator is killed (SIGKILL) and restarted on the same data dir')
  coordinator.kill('SIGKILL')
  await sleep(1000)
  rmSync(join(coordinatorDir, 'multiaddrs'), { force: true })
  coordinator = daemon('coordinator', coordinatorArgs)
  await coordinatorAddr(coordinatorDir)
  say('straight after the restart, the registry is read back from disk')
  await nodes(addr)
  await sleep(3 * interval)
  say('the live peers have reconnected by themselves and refilled it')
  await nodes(addr)

  if (opts.watch === true) {
    say('--watch: the network keeps running; Ctrl-C stops it')
    for (;;) {
      await sleep(Math.max(5000, 2 * interval))
      await nodes(addr)
    }
  }
  say('the user cancels the job: the escrow is refunded')
  await run('job', 'cancel', jobId, '--coordinator', addr)
  await run('wallet', 'balance', '--coordinator', addr)

  say('stopping the peers with SIGINT (like Ctrl-C): they say goodbye and exit cleanly')
  for (const p of peers.slice(0, 2)) p.kill('SIGINT')
  await sleep(1500)
  await nodes(addr)
  coordinator.kill('SIGINT')
  await sleep(1000)
  cleanup()
  say('demo done')
}

main().catch((err: unknown) => {
  console.error(err)
  cleanup()
  process.exit(1)
})
