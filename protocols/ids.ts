/**
 * Every protocol id and gossip topic name comes from this one function, so a network name or a
 * wire-version bump changes them all together and two networks on one host never cross-talk.
 */

/**
 * The wire version of the CyxWiz protocols; bump on an incompatible change of any .proto. 2: the
 * assignment carries an encoded TrainingSpec, reports carry the peer's execution state and cancel
 * has a protocol of its own — a node of version 1 could not read these, so the ids differ.
 */
export const WIRE_VERSION = '2.0.0'

export interface ProtocolIds {
  /** gossipsub topics */
  topics: {
    heartbeat: string
    availability: string
    beacon: string
  }
  /** request/response stream protocols */
  protocols: {
    nodes: string
    keepalive: string
    ledger: string
    jobs: string
    jobUpdates: string
    assignment: string
    jobReport: string
    jobCancel: string
    kad: string
  }
}

const NETWORK_NAME = /^[a-z0-9][a-z0-9-]{0,31}$/

/**
 * Builds the ids for a network. `network` separates independent CyxWiz networks (for example a test
 * network beside the main one); it must be a short lower-case slug.
 */
export function protocolIds (network = 'cyxwiz'): ProtocolIds {
  if (!NETWORK_NAME.test(network)) {
    throw new TypeError(`invalid network name "${network}": use 1-32 of a-z, 0-9 and "-"`)
  }
  const major = WIRE_VERSION.split('.')[0]
  const topic = (name: string): string => `/${network}/${name}/${major}`
  const protocol = (name: string): string => `/${network}/${name}/${WIRE_VERSION}`
  return {
    topics: {
      heartbeat: topic('heartbeat'),
      availability: topic('availability'),
      beacon: topic('beacon')
    },
    protocols: {
      nodes: protocol('nodes'),
      keepalive: protocol('keepalive'),
      ledger: protocol('ledger'),
      jobs: protocol('jobs'),
      jobUpdates: protocol('job-updates'),
      assignment: protocol('assignment'),
      jobReport: protocol('job-report'),
      jobCancel: protocol('job-cancel'),
      kad: `/${network}/kad/${major}`
    }
  }
}
