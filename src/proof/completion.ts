/**
 * The completion proof: a peer signs what it claims to have produced for a job — the job and lease,
 * the final status, the model's address and weight hash, the final metrics and the compute time —
 * with its libp2p key, over canonical bytes: a domain tag, then the CompletionProof message with its
 * metrics sorted by name (protobuf fields in field order, so the same claim is always the same
 * bytes). The coordinator checks the signature against the peer id the job is assigned to: a
 * completion cannot be forged for another peer, replayed under another lease or altered in transit.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { PrivateKey } from '@libp2p/interface'
import { CompletionProof, type Completion } from '../../protocols/job-report.js'
import { CyxwizError } from '../errors.js'

const DOMAIN = new TextEncoder().encode('cyxwiz/completion/v1\n')

export interface CompletionClaim {
  jobId: string
  leaseId: string
  completion: Omit<Completion, 'signature'>
}

/** the exact bytes a completion is signed over */
export function completionBytes ({ jobId, leaseId, completion: c }: CompletionClaim): Uint8Array {
  const metrics = [...c.finalMetrics].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, value]) => ({ name, value }))
  const body = CompletionProof.encode({
    jobId, leaseId, finalStatus: c.finalStatus, modelWeightsUri: c.modelWeightsUri, modelWeightsHash: c.modelWeightsHash,
    finalMetrics: metrics, totalComputeTimeMs: c.totalComputeTimeMs
  })
  const out = new Uint8Array(DOMAIN.length + body.length)
  out.set(DOMAIN, 0)
  out.set(body, DOMAIN.length)
  return out
}

export async function signCompletion (key: PrivateKey, claim: CompletionClaim): Promise<Completion> {
  const signature = new Uint8Array(await key.sign(completionBytes(claim)))
  return { ...claim.completion, signature }
}

/**
 * Throws ERR_BAD_SIGNATURE unless `completion.signature` is `peer`'s signature over the claim.
 * `peer` is the id the coordinator assigned the job to (never one taken from the report).
 */
export async function verifyCompletion (peer: string, jobId: string, leaseId: string, completion: Completion): Promise<void> {
  const { signature, ...rest } = completion
  const publicKey = peerIdFromString(peer).publicKey
  if (publicKey == null) throw new CyxwizError('ERR_BAD_SIGNATURE', `peer id ${peer} carries no public key`)
  let ok = false
  try {
    ok = signature.length > 0 && signature.length <= 1024 && await publicKey.verify(completionBytes({ jobId, leaseId, completion: rest }), signature)
  } catch {
    ok = false
  }
  if (!ok) throw new CyxwizError('ERR_BAD_SIGNATURE', `the completion is not signed by the assigned peer ${peer}`)
}
