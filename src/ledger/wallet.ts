/**
 * Wallets in the Solana CLI keypair format: a JSON array of 64 bytes (32-byte secret seed followed
 * by the 32-byte public key), so users can bring the keypair they already have. New files are created
 * with mode 0600 and never overwritten.
 */
import { generateKeyPairSync } from 'node:crypto'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { createKeyPairSignerFromBytes, type KeyPairSigner } from '@solana/kit'
import { CyxwizError } from '../errors.js'

/** 64 fresh bytes: ed25519 seed ‖ public key */
export function newKeypairBytes (): Uint8Array {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519')
  const seed = privateKey.export({ format: 'der', type: 'pkcs8' }).subarray(-32)
  const pub = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32)
  return Uint8Array.from([...seed, ...pub])
}

export async function readWallet (file: string): Promise<KeyPairSigner> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (err) {
    throw new CyxwizError('ERR_WALLET', `cannot read wallet ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (create one with: cyxwiz wallet new)' : (err as Error).message}`, { cause: err })
  }
  let bytes: unknown
  try {
    bytes = JSON.parse(text)
  } catch {
    bytes = undefined
  }
  if (!Array.isArray(bytes) || bytes.length !== 64 || !bytes.every(b => Number.isInteger(b) && b >= 0 && b <= 255)) {
    throw new CyxwizError('ERR_WALLET', `${file} is not a Solana keypair file (a JSON array of 64 bytes)`)
  }
  try {
    return await createKeyPairSignerFromBytes(Uint8Array.from(bytes as number[]))
  } catch (err) {
    throw new CyxwizError('ERR_WALLET', `${file}: the public key does not match the secret key`, { cause: err })
  }
}

/** Creates a wallet file (0600) and returns its signer; refuses to overwrite an existing file. */
export async function createWallet (file: string): Promise<KeyPairSigner> {
  const bytes = newKeypairBytes()
  await mkdir(dirname(file), { recursive: true, mode: 0o700 })
  try {
    await writeFile(file, JSON.stringify([...bytes]), { mode: 0o600, flag: 'wx' })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') throw new CyxwizError('ERR_WALLET', `${file} already exists; refusing to overwrite a wallet`)
    throw new CyxwizError('ERR_WALLET', `cannot write ${file}: ${(err as Error).message}`, { cause: err })
  }
  return await createKeyPairSignerFromBytes(bytes)
}

/** Reads the wallet, creating it on first use (for keys a daemon owns, like the coordinator's). */
export async function loadOrCreateWallet (file: string): Promise<KeyPairSigner> {
  try {
    return await readWallet(file)
  } catch (err) {
    if (((err as CyxwizError).cause as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') throw err
  }
  return await createWallet(file)
}
