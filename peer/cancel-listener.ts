/**
 * The coordinator takes a job back (the job-cancel protocol): the submitter cancelled, so the peer
 * holding the job under the named lease stops its training before the next batch and forgets it.
 * Only our coordinators are heard, and only the holder of that very lease stops: a cancel for an
 * older lease, or for a job this peer never held, changes nothing and is answered `stopped: false`.
 * A peer that misses the cancel learns the same from the answer to its next report.
 */
import { EventEmitter } from 'node:events'
import type { ComponentLogger, Libp2p, Logger, Startable } from '@libp2p/interface'
import { CancelAck, CancelJob } from '../protocols/job-cancel.js'
import { serve } from '../src/network/stream.js'
import type { ActiveJobs } from './active-jobs.js'

export interface CancelListenerInit {
  /** the job-cancel protocol id */
  protocol: string
  /** peer ids of the coordinators we take work (and cancels) from */
  coordinators: string[]
}

export interface CancelListenerComponents {
  node: Pick<Libp2p, 'handle' | 'unhandle'>
  jobs: Pick<ActiveJobs, 'get' | 'drop'>
  logger: ComponentLogger
}

export interface CancelListenerEvents {
  /** job id, the coordinator's reason: the job was held under the lease and is stopped */
  cancelled: [string, string]
}

/** a reason is shown in logs; a hostile one is cut short */
const MAX_REASON = 256

export class CancelListener extends EventEmitter<CancelListenerEvents> implements Startable {
  private readonly init: CancelListenerInit
  private readonly c: CancelListenerComponents
  private readonly log: Logger

  constructor (init: CancelListenerInit, components: CancelListenerComponents) {
    super()
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:peer:cancel')
  }

  async start (): Promise<void> {
    await serve(this.c.node, this.init.protocol, CancelJob, CancelAck, async (msg, connection) => {
      return { stopped: this.cancel(msg, connection.remotePeer.toString()) }
    }, { timeout: 10_000, maxSize: 4096, log: this.log })
  }

  async stop (): Promise<void> {
    await this.c.node.unhandle(this.init.protocol)
  }

  /** stops the job if `from` is our coordinator and we hold the job under the lease named */
  cancel (msg: CancelJob, from: string): boolean {
    if (!this.init.coordinators.includes(from)) return false
    const held = this.c.jobs.get(msg.jobId)
    if (held == null || held.leaseId !== msg.leaseId) return false
    const reason = msg.reason === '' ? 'cancelled by the submitter' : msg.reason.slice(0, MAX_REASON)
    this.c.jobs.drop(msg.jobId, reason, msg.leaseId)
    this.emit('cancelled', msg.jobId, reason)
    return true
  }
}

/** `(init) => (components) => service`, as every CyxWiz service */
export function cancelListener (init: CancelListenerInit): (components: CancelListenerComponents) => CancelListener {
  return (components) => new CancelListener(init, components)
}
