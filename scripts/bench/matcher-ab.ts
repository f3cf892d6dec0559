/**
 * Benchmark (not a test): the matcher as it is in the working tree against the matcher at another
 * git revision (default `main`), ticking alternately in one process over bench:matcher's seeded
 * markets — 1,000 × 1,000, 10,000 × 10,000 and the scarce 10,000 × 10,000 — so load on a shared
 * machine falls on both alike. Prints each side's CPU time per tick (all runs and the median), the
 * ratio of the medians, and whether the two gave the same outcome.
 *
 *   node --import tsx scripts/bench/matcher-ab.ts [--against REV] [--runs N]
 *
 * The other revision's coordinator/matching/ is written beside the real one (so its relative
 * imports resolve) under a temporary name, and removed on exit.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import { loadavg } from 'node:os'
import { isDeepStrictEqual, parseArgs } from 'node:util'
import { match } from '../../coordinator/matching/matcher.js'
import type { MatchOutcome } from '../../coordinator/matching/types.js'
import { market } from './matcher-market.js'

const { values } = parseArgs({ options: { against: { type: 'string', default: 'main' }, runs: { type: 'string', default: '9' } } })
const rev = values.against
const runs = Number(values.runs)
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number ≥ 1, got ${values.runs}`)

const root = execFileSync('git', ['rev-parse', '--show-toplevel'], { encoding: 'utf8' }).trim()
const dir = join(root, 'coordinator', `.matching-${process.pid}`)
const git = (...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 })
type Match = typeof match
let other: Match
try {
  mkdirSync(dir)
  for (const path of git('ls-tree', '--name-only', rev, 'coordinator/matching/').split('\n').filter(p => p.endsWith('.ts'))) {
    writeFileSync(join(dir, basename(path)), git('show', `${rev}:${path}`))
  }
  other = ((await import(join(dir, 'matcher.ts'))) as { match: Match }).match
} catch (err) {
  rmSync(dir, { recursive: true, force: true })
  throw err
}

const cpu = (fn: () => MatchOutcome): [number, MatchOutcome] => {
  const c0 = process.cpuUsage()
  const out = fn()
  const c = process.cpuUsage(c0)
  return [(c.user + c.system) / 1000, out]
}
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0
const list = (xs: number[]): string => xs.map(x => x.toFixed(0)).join(' ')

try {
  console.log(`matcher A/B: working tree against ${rev}, ${runs} alternating runs each, CPU ms per tick; load average ${loadavg()[0]?.toFixed(1)} at start`)
  for (const [q, n, scarce] of [[1_000, 1_000, false], [10_000, 10_000, false], [10_000, 10_000, true]] as const) {
    const { js, cs } = market(q, n, 42, scarce)
    const now: number[] = []
    const then: number[] = []
    let same = true
    for (let k = 0; k < runs; k++) {
      // which side goes first alternates too, so neither always inherits the other's garbage
      let a: [number, MatchOutcome]
      let b: [number, MatchOutcome]
      if (k % 2 === 0) {
        a = cpu(() => other(js, cs))
        b = cpu(() => match(js, cs))
      } else {
        b = cpu(() => match(js, cs))
        a = cpu(() => other(js, cs))
      }
      then.push(a[0])
      now.push(b[0])
      if (k === 0) same = isDeepStrictEqual(a[1], b[1])
    }
    console.log(`${q} × ${n}${scarce ? ' (scarce)' : ''}: ${rev} median ${median(then).toFixed(0)} [${list(then)}], now median ${median(now).toFixed(0)} [${list(now)}], ` +
      `now/${rev} ×${(median(now) / median(then)).toFixed(2)}; same outcome: ${same}`)
  }
} finally {
  rmSync(dir, { recursive: true, force: true })
}
