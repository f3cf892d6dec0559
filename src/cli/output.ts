/**
 * All console output of the CLI goes through here (lint forbids console elsewhere): lines for
 * people on stdout, errors on stderr, JSON with bigints as decimal strings, and simple tables.
 * Much of what is printed was written by someone else (a peer's job messages, its device name, a
 * coordinator's error text): every line is made printable first, so no text can move the cursor,
 * clear the screen, retitle the terminal or reorder what follows it.
 */

/**
 * C0 controls but tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates
 * that make text display in another order than it reads
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/** `text` with every control character shown as `?` (newlines and tabs kept) */
export function printable (text: string): string {
  return text.replace(UNPRINTABLE, '?')
}

/** a string someone else wrote, for one line of ours: also its newlines and tabs shown as spaces */
export function oneLine (text: string): string {
  return printable(text).replace(/[\n\t]/g, ' ')
}

/** JSON.stringify that writes bigints as decimal strings, Uint8Arrays as base64 and Maps as objects */
export function toJson (value: unknown, space = 2): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return v.toString()
    if (v instanceof Uint8Array) return Buffer.from(v).toString('base64')
    if (v instanceof Map) return Object.fromEntries(v)
    return v
  }, space)
}

let transient = false

export const out = {
  line (text = ''): void {
    if (transient) { process.stdout.write('\n'); transient = false }
    console.log(printable(text))
  },
  /** a line that the next output replaces (a progress bar), on a terminal; a plain line otherwise */
  status (text: string): void {
    if (process.stdout.isTTY !== true) { console.log(printable(text)); return }
    process.stdout.write(`\r\x1b[2K${oneLine(text).slice(0, Math.max(20, (process.stdout.columns ?? 120) - 1))}`)
    transient = true
  },
  error (text: string): void { console.error(printable(text)) },
  json (value: unknown): void { console.log(toJson(value)) },
  /** timestamped daemon log line */
  event (text: string): void { console.log(`${new Date().toISOString()} ${printable(text)}`) }
}

/** Left-aligned columns; every cell is already a string. */
export function table (headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)))
  const fmt = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd()
  return [fmt(headers), ...rows.map(fmt)].join('\n')
}

/** 1536 → "1.5 KiB" */
export function bytes (n: bigint | number | undefined): string {
  if (n == null) return '-'
  let v = Number(n)
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let i = 0
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++ }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`
}

/** milliseconds → "3s ago" style */
export function ago (ms: number): string {
  if (ms < 0) return 'now'
  if (ms < 1000) return `${ms}ms ago`
  if (ms < 120_000) return `${Math.round(ms / 1000)}s ago`
  if (ms < 7_200_000) return `${Math.round(ms / 60_000)}m ago`
  return `${Math.round(ms / 3_600_000)}h ago`
}
