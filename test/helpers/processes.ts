/**
 * Starts real `cyxwiz` processes for integration tests and cleans them up: output is captured for
 * assertions and for the failure message, and every process still running is SIGKILLed, and waited
 * for, in `killAll` — call it from an `afterEach` or `after` hook so a failed test leaves nothing
 * behind (a daemon left running keeps its data dir locked and takes CPU from the tests after it).
 *
 * Waits are on events: a process's output is matched as it arrives (`waitForOutput`), a job is
 * followed over one `cyxwiz job watch` connection (`watchJob`). The time limits are only there to
 * turn a hang into a failure with a message.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { join } from 'node:path'

const CLI = fileURLToPath(new URL('../../bin/cyxwiz.js', import.meta.url))

export interface CliProcess {
  proc: ChildProcess
  output(): string
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
  /** true once the process has exited */
  done(): boolean
}

const running = new Set<CliProcess>()

/** Starts `node ARGS` (the test's own Node) with output captured; `startCli` for the CLI. */
export function startNode (args: string[], env: Record<string, string> = {}): CliProcess {
  const proc = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let text = ''
  let ended = false
  proc.stdout?.on('data', (d: Buffer) => { text += d.toString() })
  proc.stderr?.on('data', (d: Buffer) => { text += d.toString() })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    // 'close': the process has exited and all of its output has been read
    proc.on('close', (code, signal) => { ended = true; running.delete(p); resolve({ code, signal }) })
  })
  const p: CliProcess = { proc, output: () => text, exited, done: () => ended }
  running.add(p)
  return p
}

export function startCli (args: string[], env: Record<string, string> = {}): CliProcess {
  return startNode([CLI, ...args], env)
}

/** Runs a CLI command to completion. */
export async function runCli (args: string[], env: Record<string, string> = {}): Promise<{ code: number | null, output: string }> {
  const p = startCli(args, env)
  const { code } = await p.exited
  return { code, output: p.output() }
}

/** SIGKILLs the given processes (those still running) and waits until they are gone. */
export async function kill (...procs: CliProcess[]): Promise<void> {
  for (const p of procs) if (!p.done()) p.proc.kill('SIGKILL')
  await Promise.all(procs.map(async p => await p.exited))
}

/** SIGKILLs every process started here that is still running, and waits until they are gone. */
export async function killAll (): Promise<void> {
  await kill(...running)
}

const tail = (text: string): string => text.length > 3000 ? `…${text.slice(-3000)}` : text

/**
 * Resolves with `match(output)` as soon as it is not undefined, checked whenever the process writes;
 * rejects, with the output, when the process ends without it or after `timeoutMs`.
 */
export async function waitForOutput<T> (p: CliProcess, what: string, match: RegExp | ((output: string) => T | undefined), timeoutMs = 60_000): Promise<T> {
  // a `match` that throws fails the wait at once (it saw something that rules the awaited state out)
  const check = (): T | undefined => {
    if (match instanceof RegExp) return (match.exec(p.output()) ?? undefined) as T | undefined
    return match(p.output())
  }
  return await new Promise<T>((resolve, reject) => {
    let settled = false
    const finish = (err?: Error, v?: T): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      p.proc.stdout?.off('data', onData)
      p.proc.stderr?.off('data', onData)
      if (err != null) reject(err); else resolve(v as T)
    }
    const attempt = (): void => {
      let v: T | undefined
      try { v = check() } catch (err) { finish(new Error(`${(err as Error).message} (waiting for ${what}); output:\n${tail(p.output())}`)); return }
      if (v !== undefined) finish(undefined, v)
    }
    // runs after the output was appended: listeners are called in the order they were added
    const onData = (): void => { attempt() }
    const timer = setTimeout(() => { finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; output:\n${tail(p.output())}`)) }, timeoutMs)
    p.proc.stdout?.on('data', onData)
    p.proc.stderr?.on('data', onData)
    void p.exited.then(({ code, signal }) => {
      attempt()
      finish(new Error(`the process ended (${signal ?? `exit code ${code}`}) before ${what}; output:\n${tail(p.output())}`))
    })
    attempt()
  })
}

/** The peer id a `cyxwiz peer start` prints once it is up. */
export async function peerStarted (p: CliProcess, name = 'the peer', timeoutMs = 60_000): Promise<string> {
  const m = await waitForOutput<RegExpExecArray>(p, `${name} to start`, /peer (12D3\w+) started/, timeoutMs)
  return m[1] ?? ''
}

/** One line of `cyxwiz job watch`: `[seq] STATE …  message`. */
export interface WatchedUpdate { seq: number, state: string, line: string }

export interface JobWatch {
  proc: CliProcess
  /** the updates printed so far, in order */
  updates(): WatchedUpdate[]
  /** resolves with `match(updates)` as soon as it is not undefined; rejects if the watch ends first */
  until<T>(what: string, match: (updates: WatchedUpdate[]) => T | undefined, timeoutMs?: number): Promise<T>
  /** resolves with the first update whose line matches `re` */
  line(what: string, re: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
}

export function parseUpdates (output: string): WatchedUpdate[] {
  return [...output.matchAll(/^\[(\d+)\] (\w+)(.*)$/gm)].map(m => ({ seq: Number(m[1]), state: m[2] ?? '', line: m[0] }))
}

/**
 * Follows a job over one `cyxwiz job watch ID` connection (it reconnects by itself and ends with the
 * job's last update) instead of starting a `job status` process per poll. `args` are extra flags
 * such as `--coordinator ADDR`.
 */
export function watchJob (id: string, env: Record<string, string> = {}, ...args: string[]): JobWatch {
  const proc = startCli(['job', 'watch', id, ...args], env)
  const updates = (): WatchedUpdate[] => parseUpdates(proc.output())
  const until = async <T>(what: string, match: (u: WatchedUpdate[]) => T | undefined, timeoutMs = 240_000): Promise<T> =>
    await waitForOutput(proc, `job ${id.slice(0, 8)}: ${what}`, out => match(parseUpdates(out)), timeoutMs)
  const line = async (what: string, re: RegExp, timeoutMs?: number): Promise<RegExpExecArray> =>
    await until(what, us => { for (const u of us) { const m = re.exec(u.line); if (m != null) return m } return undefined }, timeoutMs)
  return { proc, updates, until, line }
}

/**
 * The first address from a coordinator's multiaddrs file, once it exists (it is written whole and
 * renamed into place once the coordinator listens). Given the coordinator's process, fails at once,
 * with its output, if it ends first.
 */
export async function coordinatorAddr (dataDir: string, coordinator?: CliProcess, timeoutMs = 60_000): Promise<string> {
  const file = join(dataDir, 'multiaddrs')
  return await waitFor(`${file}`, () => {
    if (existsSync(file)) return readFileSync(file, 'utf8').split('\n')[0]
    if (coordinator?.done() === true) throw new Fatal(`the coordinator ended before it wrote ${file}; output:\n${tail(coordinator.output())}`)
    return undefined
  }, timeoutMs, 100)
}

/** The TCP port in a multiaddr such as /ip4/127.0.0.1/tcp/41234/p2p/12D3… */
export function tcpPort (addr: string): number {
  const port = Number(/\/tcp\/(\d+)/.exec(addr)?.[1])
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no TCP port in ${addr}`)
  return port
}

/** thrown by a `waitFor` check: stop waiting, this will not change */
class Fatal extends Error {}

/** Polls `check` until it returns a value (not undefined) or the deadline passes. */
export async function waitFor<T> (what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastErr: unknown
  while (Date.now() < deadline) {
    try {
      const v = await check()
      if (v !== undefined) return v
    } catch (err) {
      if (err instanceof Fatal) throw err
      lastErr = err
    }
    await new Promise(resolve => setTimeout(resolve, everyMs))
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastErr != null ? `: ${String(lastErr)}` : ''}`)
}
