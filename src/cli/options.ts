/**
 * Option parsers and defaults shared by the commands. Each parser throws commander's
 * InvalidArgumentError, which commander prints as "error: option '…' argument '…' is invalid. <why>"
 * and exits non-zero.
 */
import os from 'node:os'
import { join } from 'node:path'
import { readFile } from 'node:fs/promises'
import { InvalidArgumentError as CommanderArgumentError, Option } from 'commander'
import ms from 'ms'
import { multiaddr } from '@multiformats/multiaddr'
import { protocolIds } from '../../protocols/ids.js'
import { parseDuration } from './duration.js'
import { CoordinatorUnreachableError, InvalidArgumentError } from '../errors.js'
import { parseGateway, parseIpfsPeer } from '../storage/source-addresses.js'

/** `$CYXWIZ_HOME`, or ~/.cyxwiz: where data dirs and the wallet live by default */
export function cyxwizHome (): string {
  return process.env.CYXWIZ_HOME ?? join(os.homedir(), '.cyxwiz')
}

export function defaultDataDir (role: 'coordinator' | 'peer' | 'client'): string {
  return join(cyxwizHome(), role)
}

/** the user's own wallet: it pays for submitted jobs and, unless told otherwise, receives a peer's payouts */
export const defaultWalletFile = (): string => join(cyxwizHome(), 'wallet.json')

function wrap<T> (fn: (v: string) => T): (v: string) => T {
  return (v) => {
    try {
      return fn(v)
    } catch (err) {
      throw new CommanderArgumentError((err as Error).message)
    }
  }
}

export const durationArg = (min = 50, max?: number): (v: string) => number => wrap(v => parseDuration(v, { min, ...(max != null ? { max } : {}) }))

/** a duration option whose help shows its default as "10s", not 10000; `max` above the usual day for retentions */
export function durationOption (flags: string, description: string, defaultMs: number, max?: number): Option {
  return new Option(flags, description).argParser(durationArg(50, max)).default(defaultMs, ms(defaultMs))
}

export const multiaddrArg = wrap((v: string): string => {
  multiaddr(v) // throws on garbage
  return v
})

/** repeatable multiaddr option: collects into an array, validating each */
export function multiaddrList (v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), multiaddrArg(v)]
}

/** repeatable `--ipfs-gateway <url>`: a trustless gateway's root URL */
export function gatewayList (v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), wrap(parseGateway)(v).toString()]
}

/** repeatable `--ipfs-peer <multiaddr>`: an IPFS peer's address ending in /p2p/<peer-id> */
export function ipfsPeerList (v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), wrap(parseIpfsPeer)(v).toString()]
}

export function collect (v: string, prev: string[] | undefined): string[] {
  return [...(prev ?? []), v]
}

export const u64Arg = wrap((v: string): string => {
  if (!/^(0|[1-9]\d{0,19})$/.test(v) || BigInt(v) > 0xffffffffffffffffn) throw new InvalidArgumentError('must be a whole number of base units (0 … 2^64-1)')
  return v
})

/** a Solana address (base58, 32-44 chars); empty means "none yet" */
export const walletAddressArg = wrap((v: string): string => {
  if (v !== '' && !/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(v)) throw new InvalidArgumentError('must be a base58 Solana address')
  return v
})

/** short free text that ends up in other people's terminals: no control characters */
export const labelArg = wrap((v: string): string => {
  if (v.length > 64 || /\p{Cc}/u.test(v)) throw new InvalidArgumentError('must be at most 64 printable characters')
  return v
})

export const solanaAddressArg = wrap((v: string): string => {
  if (!/^[1-9A-HJ-NP-Za-km-z]{32,44}$/.test(v)) throw new InvalidArgumentError('must be a base58 Solana address')
  return v
})

export const urlArg = wrap((v: string): string => {
  let u: URL
  try {
    u = new URL(v)
  } catch {
    throw new InvalidArgumentError('must be an http(s) URL')
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InvalidArgumentError('must be an http(s) URL')
  return v
})

const UNITS: Record<string, bigint> = { '': 1n, B: 1n, KB: 1000n, MB: 1000n ** 2n, GB: 1000n ** 3n, TB: 1000n ** 4n, KIB: 1024n, MIB: 1024n ** 2n, GIB: 1024n ** 3n, TIB: 1024n ** 4n }

/** a byte size: 8GiB, 512MiB, 16GB, or plain bytes */
export const bytesArg = wrap((v: string): bigint => {
  const m = /^(\d{1,15})\s*([KMGT]i?B|B)?$/i.exec(v.trim())
  const unit = UNITS[(m?.[2] ?? '').toUpperCase()]
  if (m?.[1] == null || unit == null) throw new InvalidArgumentError('must be a size like 8GiB, 512MiB or a number of bytes')
  return BigInt(m[1]) * unit
})

export const networkArg = wrap((v: string): string => {
  protocolIds(v)
  return v
})

export function intArg (min: number, max: number): (v: string) => number {
  return wrap(v => {
    const n = Number(v)
    if (!/^\d+$/.test(v) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`)
    return n
  })
}

/** a number in [min, max] */
export function fractionArg (min: number, max: number): (v: string) => number {
  return wrap(v => {
    const n = Number(v)
    if (v.trim() === '' || !Number.isFinite(n) || n < min || n > max) throw new InvalidArgumentError(`must be a number from ${min} to ${max}`)
    return n
  })
}

/** a number above zero (a speed, a rate) */
export const positiveNumber = wrap(v => {
  const n = Number(v)
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a number above 0')
  return n
})

/** the coordinator's address: the flag, or the first line of the local coordinator's multiaddrs file */
export async function resolveCoordinator (flag: string | undefined): Promise<string> {
  if (flag != null) return flag
  const file = join(defaultDataDir('coordinator'), 'multiaddrs')
  try {
    const first = (await readFile(file, 'utf8')).split('\n').find(l => l.trim() !== '')
    if (first != null) return first.trim()
  } catch {}
  throw new CoordinatorUnreachableError(`no --coordinator given and no local coordinator found (${file})`)
}
