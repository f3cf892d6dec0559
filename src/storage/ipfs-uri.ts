/**
 * `ipfs://<cid>` addresses, the one parser for them. They arrive from the wire (a dataset in a
 * submission, a checkpoint or model in a report), so anything that is not exactly one CID is a
 * named error. Kept apart from the IPFS store so that code that only reads addresses does not load
 * Helia.
 */
import { CID } from 'multiformats/cid'
import { CyxwizError } from '../errors.js'

/** `ipfs://<cid>` → CID; anything else is a named error */
export function parseIpfsUri (uri: string): CID {
  const m = /^ipfs:\/\/([A-Za-z0-9]{10,128})\/?$/.exec(uri)
  if (m == null) throw new CyxwizError('ERR_IPFS', `not an ipfs://<cid> URI: ${JSON.stringify(uri.slice(0, 80))}`)
  try {
    return CID.parse(m[1] as string)
  } catch (err) {
    throw new CyxwizError('ERR_IPFS', `not a valid CID: ${(m[1] as string).slice(0, 80)}`, { cause: err })
  }
}

export const ipfsUri = (cid: CID): string => `ipfs://${cid.toString()}`
