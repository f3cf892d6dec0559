/**
 * `npm run demo` — the README's main command: the whole job lifecycle on a local CyxWiz network,
 * through the real `cyxwiz` CLI on 127.0.0.1 with the embedded defaults. It starts a coordinator and
 * two peers (each with its own payout wallet), creates and funds a user wallet, publishes 8,000 real
 * MNIST digits as a dataset on IPFS, submits an MLP job, shows its live progress and the
 * coordinator's checks (replay spot-checks, its held-out evaluation), fetches the verified model,
 * evaluates it on 600 test digits with stock tfjs, and prints the accuracy and
 * every balance that moved. Processes are cleaned up at the end, on error and on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import * as tf from '@tensorflow/tfjs'
import { Command } from 'commander'
import { encodeCyxt } from '../src/training/dataset-format.js'
import { mnistDatasets } from '../src/training/mnist.js'

const CLI = fileURLToPath(new URL('../bin/cyxwiz.js', import.meta.url))
const opts = new Command()
  .option('--epochs <n>', 'training epochs', '8')
  .option('--train <n>', 'training digits (the rest of 8,630 are held out)', '8000')
  .option('--keep', 'keep the demo network running until Ctrl-C at the end')
  .parse().opts<{ epochs: string, train: string, keep?: boolean }>()
const dir = mkdtempSync(join(tmpdir(), 'cyxwiz-demo-'))
const children = new Set<ChildProcess>()
const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }
const started = Date.now()
const env = { ...process.env, CYXWIZ_HOME: dir }

function say (text: string): void {
  console.log(`\n\x1b[1m== ${text}\x1b[0m  \x1b[2m(${((Date.now() - started) / 1000).toFixed(0)} s)\x1b[0m`)
}

/** a long-running cyxwiz process whose output is shown with a prefix */
function daemon (name: string, args: string[], onLine?: (line: string) => void): ChildProcess {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env })
  children.add(proc)
  proc.on('exit', () => children.delete(proc))
  const show = (d: Buffer): void => {
    for (const line of d.toString().split('\n')) {
      if (line.trim() === '') continue
      console.log(`  \x1b[2m[${name}]\x1b[0m ${line.replace(/^\S+Z /, '')}`)
      onLine?.(line)
    }
  }
  proc.stdout?.on('data', show)
  proc.stderr?.on('data', show)
  return proc
}

/** runs a cyxwiz command to completion, its output shown; resolves with its stdout, rejects on failure */
async function run (...args: string[]): Promise<string> {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'inherit'], env })
  children.add(proc)
  let text = ''
  proc.stdout?.on('data', (d: Buffer) => { text += d.toString(); process.stdout.write(d) })
  const code = await new Promise<number | null>(resolve => proc.on('exit', resolve))
  children.delete(proc)
  if (code !== 0) throw new Error(`cyxwiz ${args.join(' ')} exited with ${code}`)
  return text
}

async function quiet (...args: string[]): Promise<string> {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env })
  let text = ''
  proc.stdout?.on('data', (d: Buffer) => { text += d.toString() })
  const code = await new Promise<number | null>(resolve => proc.on('exit', resolve))
  if (code !== 0) throw new Error(`cyxwiz ${args.join(' ')} exited with ${code}`)
  return text.trim()
}

async function coordinatorAddr (dataDir: string): Promise<string> {
  const file = join(dataDir, 'multiaddrs')
  for (let i = 0; i < 600; i++) {
    if (existsSync(file)) return readFileSync(file, 'utf8').split('\n')[0] ?? ''
    await sleep(100)
  }
  throw new Error('the coordinator did not start within 60 s')
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

async function balance (who: string[]): Promise<bigint> {
  return BigInt((JSON.parse(await quiet('wallet', 'balance', ...who, '--json')) as { base_units: string }).base_units)
}

const cyx = (base: bigint): string => (Number(base) / 1e6).toFixed(6)

async function main (): Promise<void> {
  const epochs = Number(opts.epochs)
  const coordinatorDir = join(dir, 'coordinator')
  say(`a coordinator (bootstrap node, matcher, escrow on an embedded Solana cluster) in ${dir}`)
  const feeWallet = await quiet('wallet', 'new', '--out', join(dir, 'fees.json'))
  const port = 40_000 + Math.floor(Math.random() * 20_000)
  // the dashboard on loopback: 127.0.0.1:9090, or any free port when that one is taken
  let dashboard = ''
  daemon('coordinator', ['coordinator', 'start', '--data-dir', coordinatorDir, '--listen', `/ip4/127.0.0.1/tcp/${port}`,
    '--heartbeat-interval', '2s', '--match-interval', '1s', '--fee-account', feeWallet], (line) => {
    const m = /dashboard (http:\/\/\S+)/.exec(line)
    if (m != null) dashboard = m[1] ?? ''
  })
  const addr = await coordinatorAddr(coordinatorDir)
  // the address is printed right after the multiaddrs file is written
  for (let i = 0; i < 50 && dashboard === ''; i++) await sleep(100)
  if (dashboard !== '') say(`open the dashboard in a browser to watch the network, the job train and the money move: ${dashboard}`)

  say('two peers offer their CPUs; each is paid into its own wallet')
  const peerWallets: string[] = []
  for (const [i, [location, price]] of [['eu-west', '10'], ['us-east', '12']].entries()) {
    const wallet = await quiet('wallet', 'new', '--out', join(dir, `peer-${i + 1}.json`))
    peerWallets.push(wallet)
    daemon(`peer-${i + 1}`, ['peer', 'start', '--bootstrap', addr, '--data-dir', join(dir, `peer-${i + 1}`), '--listen', '/ip4/127.0.0.1/tcp/0',
      '--heartbeat-interval', '2s', '--location', location ?? '', '--price', price ?? '', '--wallet-address', wallet])
  }
  await sleep(4000)
  await run('nodes', '--coordinator', addr)

  say('a user creates a wallet and gets 100 CYXWIZ from the embedded cluster\'s faucet')
  const user = await quiet('wallet', 'new')
  await run('wallet', 'airdrop', '100', '--coordinator', addr)
  const before = { user: await balance([]), fees: 0n, peers: [0n, 0n] }

  say(`the user publishes ${opts.train} real MNIST digits (the \`mnist\` package) as a dataset on IPFS`)
  const { train, test } = mnistDatasets({ train: Number(opts.train), test: 600 })
  const file = join(dir, 'mnist-train.cyxt')
  writeFileSync(file, encodeCyxt(train))
  const uri = (await run('dataset', 'add', file)).trim()

  const model = fileURLToPath(new URL('../test/fixtures/jobs/mlp.json', import.meta.url))
  say(`an MLP (784 → 64 relu → 10 softmax), ${epochs} epochs: the price first`)
  const spec = ['--dataset', uri, '--epochs', String(epochs), '--batch-size', '32', '--learning-rate', '0.002', '--validation-split', '0.1', '--coordinator', addr]
  await run('job', 'estimate', model, ...spec)
  say('submitted: the coordinator fetches and pins the dataset, the payment is locked in escrow, a peer is matched')
  const submitted = await run('job', 'submit', model, ...spec, '--payment', '1')
  const jobId = /job ([0-9a-f-]{36})/.exec(submitted)?.[1] ?? ''
  say('live progress (cyxwiz job watch): batches, epochs, loss and accuracy; a checkpoint on IPFS after each epoch; then the coordinator\'s checks: replayed segments and its held-out evaluation')
  await run('job', 'watch', jobId, '--coordinator', addr)
  await run('job', 'status', jobId, '--coordinator', addr)

  say('the user fetches the verified model (its weights hash checked again) and evaluates it on 600 held-out digits')
  const out = join(dir, 'model')
  await run('job', 'fetch', jobId, '--out', out, '--coordinator', addr)
  const topology = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as { modelTopology: object, weightsManifest: Array<{ weights: tf.io.WeightsManifestEntry[] }> }
  const weights = readFileSync(join(out, 'weights.bin'))
  tf.enableProdMode() // no "install tfjs-node" banner: this evaluation is small
  await tf.setBackend('cpu')
  const net = await tf.loadLayersModel(tf.io.fromMemory({
    modelTopology: topology.modelTopology, weightSpecs: topology.weightsManifest.flatMap(g => g.weights),
    weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)
  }))
  const accuracy = tf.tidy(() => {
    const x = tf.tensor2d(test.features, [test.samples, 784])
    const y = tf.tensor2d(test.labels, [test.samples, 10])
    const predicted = (net.predict(x) as tf.Tensor).argMax(-1)
    return predicted.equal(y.argMax(-1)).mean().dataSync()[0] ?? 0
  })
  console.log(`\n  test accuracy on ${test.samples} test digits the network never saw (the demo's own check, with stock tfjs): \x1b[1m${(accuracy * 100).toFixed(2)}%\x1b[0m`)

  say('every balance that moved')
  const after = { user: await balance([]), fees: await balance(['--address', feeWallet]), peers: [await balance(['--address', peerWallets[0] ?? '']), await balance(['--address', peerWallets[1] ?? ''])] }
  console.log(`  user   ${user}: ${cyx(before.user)} → ${cyx(after.user)} CYXWIZ (${cyx(after.user - before.user)})`)
  peerWallets.forEach((w, i) => { console.log(`  peer-${i + 1} ${w}: ${cyx(before.peers[i] ?? 0n)} → ${cyx(after.peers[i] ?? 0n)} CYXWIZ`) })
  console.log(`  fees   ${feeWallet}: ${cyx(before.fees)} → ${cyx(after.fees)} CYXWIZ`)
  const paid = after.peers.reduce((a, b) => a + b, 0n)
  console.log(`  the user paid ${cyx(before.user - after.user)}: ${cyx(paid)} to the peer (90%) + ${cyx(after.fees)} fee (10%)`)

  if (opts.keep === true) {
    say(`--keep: the network keeps running${dashboard !== '' ? ` (dashboard ${dashboard})` : ''}; Ctrl-C stops it`)
    await new Promise(() => {})
  }
  for (const c of children) c.kill('SIGINT')
  await sleep(1500)
  cleanup()
  say(`demo done in ${((Date.now() - started) / 1000).toFixed(0)} s: test accuracy ${(accuracy * 100).toFixed(2)}%`)
  if (accuracy < 0.9) process.exitCode = 1
}

main().catch((err: unknown) => {
  console.error(err)
  cleanup()
  process.exit(1)
})
