/**
 * Starts real `cyxwiz` processes for integration tests and cleans them up: output is captured for
 * assertions and for the failure message, and every process is SIGKILLed in `killAll`.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const CLI = fileURLToPath(new URL('../../bin/cyxwiz.js', import.meta.url))

export interface CliProcess {
  proc: ChildProcess
  output(): string
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

const running = new Set<ChildProcess>()

export function startCli (args: string[], env: Record<string, string> = {}): CliProcess {
  const proc = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  running.add(proc)
  let text = ''
  proc.stdout?.on('data', (d: Buffer) => { text += d.toString() })
  proc.stderr?.on('data', (d: Buffer) => { text += d.toString() })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    proc.on('exit', (code, signal) => { running.delete(proc); resolve({ code, signal }) })
  })
  return { proc, output: () => text, exited }
}

/** Runs a CLI command to completion. */
export async function runCli (args: string[], env: Record<string, string> = {}): Promise<{ code: number | null, output: string }> {
  const p = startCli(args, env)
  const { code } = await p.exited
  return { code, output: p.output() }
}

export function killAll (): void {
  for (const p of running) p.kill('SIGKILL')
  running.clear()
}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function waitFor<T> (what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastErr: unknown
  while (Date.now() < deadline) {
    try {
      const v = await check()
      if (v !== undefined) return v
    } catch (err) {
      lastErr = err
    }
    await new Promise(resolve => setTimeout(resolve, everyMs))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr != null ? `: ${String(lastErr)}` : ''}`)
}

/** The first address from a coordinator's multiaddrs file, once it exists. */
export async function coordinatorAddr (dataDir: string, timeoutMs = 30_000): Promise<string> {
  const file = join(dataDir, 'multiaddrs')
  return await waitFor(`${file}`, () => existsSync(file) ? readFileSync(file, 'utf8').split('\n')[0] : undefined, timeoutMs, 100)
}

/**
 * A TCP port that was free a moment ago, for a coordinator that must restart on the same address.
 * It is drawn below Linux's ephemeral range (32768+): a port from that range can be handed to some
 * outgoing connection while the coordinator restarts, and the restart then fails to listen.
 */
export async function freePort (): Promise<number> {
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
