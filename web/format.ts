/** Display helpers: CYXWIZ amounts from base units (6 decimals, exact), short ids, times. */

export function cyx (baseUnits: string | undefined): string {
  if (baseUnits == null || !/^\d+$/.test(baseUnits)) return '–'
  const v = BigInt(baseUnits)
  const whole = v / 1_000_000n
  const frac = (v % 1_000_000n).toString().padStart(6, '0').replace(/0+$/, '')
  return frac === '' ? whole.toString() : `${whole}.${frac}`
}

export function short (id: string, n = 8): string {
  return id.length > n + 4 ? `${id.slice(0, n)}…` : id
}

export function ago (ms: number): string {
  if (ms <= 0) return '–'
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000))
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.round(s / 60)}m ago` : `${Math.round(s / 3600)}h ago`
}

export function pct (x: number): string {
  return `${Math.round(x * 100)}%`
}

export function num (x: number | null | undefined, digits = 4): string {
  return x == null || !Number.isFinite(x) ? '–' : x.toFixed(digits)
}
