/**
 * The software version of this cyxwiz build (from package.json) and a small semver comparison for
 * the coordinator's minimum-peer-version check.
 */
import { createRequire } from 'node:module'

const pkg = createRequire(import.meta.url)('../package.json') as { version: string }

export const SOFTWARE_VERSION: string = pkg.version

/** -1, 0, 1 comparing major.minor.patch; a pre-release sorts before its release */
export function compareVersions (a: string, b: string): number {
  const parse = (v: string): [number[], string] => {
    const [core = '', pre = ''] = v.split('-', 2)
    return [core.split('.').map(n => Number.parseInt(n, 10) || 0), pre]
  }
  const [ca, pa] = parse(a)
  const [cb, pb] = parse(b)
  for (let i = 0; i < 3; i++) {
    const d = (ca[i] ?? 0) - (cb[i] ?? 0)
    if (d !== 0) return Math.sign(d)
  }
  if (pa === pb) return 0
  if (pa === '') return 1
  if (pb === '') return -1
  return pa < pb ? -1 : 1
}
