/**
 * The network `npm run bench:recovery` (scripts/bench/recovery.ts) kills peers in: real `cyxwiz`
 * processes on 127.0.0.1, as in test/integration/faults.test.ts — one coordinator
 * (`--heartbeat-interval` as given, `--match-interval 1s`), peers that each get their own wallet,
 * the client's wallet airdropped with funds, and real MNIST digits published with `dataset add`,
 * all under one temp CYXWIZ_HOME. Each long-running process is a Daemon whose stdout and stderr
 * lines are kept with their times (the CLI's ISO stamp, else their arrival), so the benchmark can
 * time what the processes print. Processes and the temp dir are removed by cleanup(), on Ctrl-C
 * or SIGTERM too, and no cyxwiz process outlives this one.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createWallet } from '../../src/ledger/wallet.js'
import { encodeCyxt } from '../../src/training/dataset-format.js'
import { mnistDatasets } from '../../src/training/mnist.js'

const CLI = fileURLToPath(new URL('../../bin/cyxwiz.js', import.meta.url))

export const sleep = async (ms: number): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

/** as test/helpers/processes.ts: below Linux's ephemeral range (32768+) */
async function freePort (): Promise<number> {
  for (let i = 0; i < 100; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000)
    const free = await new Promise<boolean>((resolve) => {
      const srv = createServer()
      srv.once('error', () => { resolve(false) })
      srv.listen(port, '127.0.0.1', () => { srv.close(() => { resolve(true) }) })
    })
    if (free) return port
  }
  throw new Error('no free port in 20000-32000')
}

/** polls `check` until it returns a value; the deadline names what was awaited */
export async function until<T> (what: string, check: () => T | undefined, timeoutMs: number, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const v = check()
    if (v !== undefined) return v
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await sleep(everyMs)
  }
}

export interface Line {
  /** the ISO time the CLI stamped on the line, else when it arrived here (ms) */
  ts: number
  text: string
}

/** where cyxwiz processes run: their environment, and the set of those still running */
interface Host {
  readonly env: NodeJS.ProcessEnv
  readonly children: Set<ChildProcess>
}

/** a long-running cyxwiz process; its stdout and stderr lines are kept with their times */
export class Daemon {
  readonly lines: Line[] = []
  readonly proc: ChildProcess
  readonly exited: Promise<void>
  nodeId = ''
  private partial = ''

  constructor (readonly name: string, args: string[], host: Host) {
    this.proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: host.env })
    host.children.add(this.proc)
    this.exited = new Promise(resolve => this.proc.on('exit', () => { host.children.delete(this.proc); resolve() }))
    const take = (d: Buffer): void => {
      const now = Date.now()
      const parts = (this.partial + d.toString()).split('\n')
      this.partial = parts.pop() ?? ''
      for (const text of parts) {
        const iso = /^(\d{4}-\d\d-\d\dT\S+Z) /.exec(text)?.[1]
        this.lines.push({ ts: iso != null ? Date.parse(iso) : now, text })
      }
    }
    this.proc.stdout?.on('data', take)
    this.proc.stderr?.on('data', take)
  }

  /** the first line from index `from` on that matches */
  find (re: RegExp, from = 0): { line: Line, m: RegExpExecArray, index: number } | undefined {
    for (let i = from; i < this.lines.length; i++) {
      const line = this.lines[i] as Line
      const m = re.exec(line.text)
      if (m != null) return { line, m, index: i }
    }
    return undefined
  }

  async waitFor (re: RegExp, what: string, timeoutMs: number, from = 0): Promise<{ line: Line, m: RegExpExecArray, index: number }> {
    return await until(`${this.name}: ${what}`, () => {
      if (this.proc.exitCode != null || this.proc.signalCode != null) throw new Error(`${this.name} exited while waiting for ${what}:\n${this.tail()}`)
      return this.find(re, from)
    }, timeoutMs)
  }

  tail (n = 15): string {
    return this.lines.slice(-n).map(l => `  [${this.name}] ${l.text}`).join('\n')
  }
}

/** the bench network in a fresh temp dir; Ctrl-C and SIGTERM stop it from construction on */
export class BenchNetwork implements Host {
  readonly dir = mkdtempSync(join(tmpdir(), 'cyxwiz-bench-recovery-'))
  readonly env = { ...process.env, CYXWIZ_HOME: this.dir }
  readonly children = new Set<ChildProcess>()
  coordinator: Daemon | undefined
  coordinatorAddr = ''
  /** the peers running, in start order */
  readonly live: Daemon[] = []
  private peerCount = 0

  constructor (readonly heartbeatMs: number) {
    let interrupted = false
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.on(sig, () => {
        if (interrupted) process.exit(130)
        interrupted = true
        console.log(`\n${sig}: stopping the bench network and removing ${this.dir}`)
        this.cleanup()
        process.exit(130)
      })
    }
    // the last resort: no cyxwiz process outlives this one
    process.on('exit', () => { for (const c of this.children) c.kill('SIGKILL') })
  }

  /** the coordinator, `peers` peers online, the client's wallet with `funds`, and `train` MNIST digits published; resolves with the dataset's ipfs:// URI */
  async start (peers: number, funds: number, train: number): Promise<string> {
    const fees = await createWallet(join(this.dir, 'fees.json'))
    const [coordinatorPort, rpcPort] = [await freePort(), await freePort()]
    this.coordinator = new Daemon('coordinator', ['coordinator', 'start', '--data-dir', join(this.dir, 'coordinator'), '--listen', `/ip4/127.0.0.1/tcp/${coordinatorPort}`,
      '--heartbeat-interval', `${this.heartbeatMs}ms`, '--match-interval', '1s', '--fee-account', fees.address, '--embedded-rpc-port', String(rpcPort)], this)
    const addrFile = join(this.dir, 'coordinator', 'multiaddrs')
    this.coordinatorAddr = await until('the coordinator\'s multiaddrs', () => existsSync(addrFile) ? readFileSync(addrFile, 'utf8').split('\n')[0] : undefined, 60_000, 100)
    const started = Promise.all(Array.from({ length: peers }, async () => await this.startPeer()))
    await this.cli('wallet', 'new')
    await this.cli('wallet', 'airdrop', String(funds))
    const file = join(this.dir, 'digits.cyxt')
    writeFileSync(file, encodeCyxt(mnistDatasets({ train, test: 20 }).train))
    const dataset = /ipfs:\/\/\w+/.exec(await this.cli('dataset', 'add', file))?.[0]
    if (dataset == null) throw new Error('dataset add printed no ipfs:// URI')
    await started
    return dataset
  }

  /** a new peer with its own wallet, resolved once the coordinator has it online */
  async startPeer (): Promise<Daemon> {
    const name = `peer-${++this.peerCount}`
    const wallet = await createWallet(join(this.dir, `${name}-wallet.json`))
    const port = await freePort()
    const p = new Daemon(name, ['peer', 'start', '--bootstrap', this.coordinatorAddr, '--data-dir', join(this.dir, name), '--listen', `/ip4/127.0.0.1/tcp/${port}`,
      '--heartbeat-interval', `${this.heartbeatMs}ms`, '--wallet-address', wallet.address], this)
    p.nodeId = (await p.waitFor(/peer (12D3\w+) started/, 'its start', 60_000)).m[1] ?? ''
    // ready once the coordinator has it online (its first heartbeat arrived): the matcher can pick it
    await (this.coordinator as Daemon).waitFor(new RegExp(`node ${p.nodeId} (joined \\(online|\\w+ → online)`), `${name} online`, 60_000)
    this.live.push(p)
    return p
  }

  /** runs a cyxwiz command to completion; resolves with its stdout, rejects with its output on failure */
  async cli (...args: string[]): Promise<string> {
    const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: this.env })
    this.children.add(proc)
    let stdout = ''
    let stderr = ''
    proc.stdout?.on('data', (d: Buffer) => { stdout += d.toString() })
    proc.stderr?.on('data', (d: Buffer) => { stderr += d.toString() })
    const code = await new Promise<number | null>(resolve => proc.on('exit', resolve))
    this.children.delete(proc)
    if (code !== 0) throw new Error(`cyxwiz ${args.join(' ')} exited with ${code}:\n${stdout}${stderr}`)
    return stdout
  }

  /** the last lines of the coordinator and of every live peer, for an error report */
  tails (): string[] {
    return [this.coordinator, ...this.live].flatMap(p => p != null ? [p.tail()] : [])
  }

  cleanup (): void {
    for (const c of this.children) c.kill('SIGKILL')
    this.children.clear()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
