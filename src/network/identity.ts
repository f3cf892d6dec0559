/**
 * A persistent peer identity: an Ed25519 key kept in `<data-dir>/peer.key` (libp2p protobuf format,
 * mode 0600), so a node keeps its peer id — and the coordinator keeps its registry entry — across restarts.
 */
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import type { PrivateKey } from '@libp2p/interface'
import { CyxwizError } from '../errors.js'

export const KEY_FILE_NAME = 'peer.key'

/** Loads the key from the data dir, or creates one (and the dir) on first start. */
export async function loadOrCreateKey (dataDir: string): Promise<PrivateKey> {
  const file = join(dataDir, KEY_FILE_NAME)
  let bytes: Buffer | undefined
  try {
    bytes = await readFile(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new CyxwizError('ERR_KEY_FILE', `cannot read key file ${file}: ${(err as Error).message}`, { cause: err })
    }
  }
  if (bytes != null) {
    try {
      return privateKeyFromProtobuf(bytes)
    } catch (err) {
      throw new CyxwizError('ERR_KEY_FILE', `key file ${file} is not a libp2p private key; move it away to create a new identity`, { cause: err })
    }
  }
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 })
  } catch (err) {
    throw new CyxwizError('ERR_DATA_DIR', `cannot create data dir ${dataDir}: ${(err as Error).message}`, { cause: err })
  }
  const key = await generateKeyPair('Ed25519')
  // 'wx' refuses to overwrite: two processes racing on one data dir cannot end with different ids
  await writeFile(file, privateKeyToProtobuf(key), { mode: 0o600, flag: 'wx' })
  await chmod(file, 0o600)
  return key
}
