/**
 * The peer's answer to an offer of work (the assignment protocol): accept a job only from our
 * coordinator and only if it fits what we offer — a spec that decodes, a model definition whose
 * hash is the spec's, the device and memory the spec requires, a free slot, the operator's minimum
 * payment, and a model whose training step fits the memory we offer (estimated from the model and
 * batch size, whatever the spec declares) — otherwise decline with the reason. An accepted job is held (active-jobs.ts), which
 * hands it to the runner; the answer names the backend it will train with.
 */
import { EventEmitter } from 'node:events'
import type { ComponentLogger, Libp2p, Logger, Startable } from '@libp2p/interface'
import { Assignment, AssignmentResponse } from '../protocols/assignment.js'
import { DeviceKind } from '../protocols/availability.js'
import { RequiredDevice } from '../protocols/jobs.js'
import { serve } from '../src/network/stream.js'
import { formatGiB, parseModel, trainingMemoryBytes } from '../src/model/index.js'
import { decodeSpec, modelHash, type TrainingSpec } from '../src/training/spec.js'
import type { ActiveJobs } from './active-jobs.js'
import type { Offer } from './offer.js'

export interface BiddingInit {
  /** the assignment protocol id */
  protocol: string
  /** peer ids of the coordinators we take work from */
  coordinators: string[]
  /** the operator's floor: jobs paying less (base units) are declined */
  minPayment: bigint
}

export interface BiddingComponents {
  node: Pick<Libp2p, 'handle' | 'unhandle'>
  jobs: Pick<ActiveJobs, 'get' | 'size' | 'hold'>
  offer: () => Offer
  logger: ComponentLogger
}

export interface BiddingEvents {
  /** job id, why */
  declined: [string, string]
}

/** the verdict on an offer: its decoded spec, or why this peer will not take it */
export type Verdict = { take: true, spec: TrainingSpec } | { take: false, why: string }

/** the largest model definition taken (JSON text) */
const MAX_MODEL_DEFINITION = 1024 * 1024

export class Bidding extends EventEmitter<BiddingEvents> implements Startable {
  private readonly init: BiddingInit
  private readonly c: BiddingComponents
  private readonly log: Logger

  constructor (init: BiddingInit, components: BiddingComponents) {
    super()
    this.init = init
    this.c = components
    this.log = components.logger.forComponent('cyxwiz:peer:bidding')
  }

  async start (): Promise<void> {
    await serve(this.c.node, this.init.protocol, Assignment, AssignmentResponse, async (a, connection) => {
      const verdict = this.judge(a, connection.remotePeer.toString())
      if (!verdict.take) {
        this.emit('declined', a.jobId, verdict.why)
        return { accept: false, reason: verdict.why, backend: '' }
      }
      await this.c.jobs.hold(a, connection.remotePeer, verdict.spec)
      return { accept: true, reason: '', backend: this.c.offer().backends[0] ?? '' }
    }, { timeout: 10_000, maxSize: 2 * 1024 * 1024, log: this.log })
  }

  async stop (): Promise<void> {
    await this.c.node.unhandle(this.init.protocol)
  }

  /** why this peer will not take the job, or undefined if it will */
  whyNot (a: Assignment, from: string): string | undefined {
    const verdict = this.judge(a, from)
    return verdict.take ? undefined : verdict.why
  }

  /** decides on an offer from peer `from` */
  judge (a: Assignment, from: string): Verdict {
    const no = (why: string): Verdict => ({ take: false, why })
    if (!this.init.coordinators.includes(from)) return no('not from my coordinator')
    let spec: TrainingSpec
    try {
      spec = decodeSpec(a.spec)
    } catch (err) {
      return no((err as Error).message)
    }
    // a repeated offer of a job we hold (the answer was lost, or a new lease): accept again
    if (this.c.jobs.get(a.jobId) != null) return { take: true, spec }
    const offer = this.c.offer()
    if (this.c.jobs.size >= offer.maxQueueLength) return no(`busy: ${this.c.jobs.size} of ${offer.maxQueueLength} slots taken`)
    const gpu = spec.requiredDevice === RequiredDevice.GPU
    if (gpu && offer.deviceKind !== DeviceKind.GPU) return no('the job needs a GPU and this peer offers a CPU')
    const memory = gpu ? offer.gpuMemoryBytes : offer.ramBytes
    if (spec.minMemoryBytes > memory) return no(`the job needs ${spec.minMemoryBytes} bytes of memory, this peer offers ${memory}`)
    if (!/^\d{1,20}$/.test(a.paymentAmount) || BigInt(a.paymentAmount) < this.init.minPayment) return no(`the payment ${a.paymentAmount} is below this peer's minimum ${this.init.minPayment}`)
    if (a.modelDefinition.length === 0 || a.modelDefinition.length > MAX_MODEL_DEFINITION) return no('the model definition is empty or too large')
    if (modelHash(a.modelDefinition) !== spec.modelHash) return no('the model definition does not match the spec\'s model hash')
    // the spec's minimum memory is the submitter's word; what training needs follows from the model
    // and the batch size, and a step that does not fit would kill the worker mid-job
    const need = memoryNeededOf(a.modelDefinition, spec)
    if (typeof need === 'string') return no(need)
    if (need > memory) return no(`ERR_INSUFFICIENT_MEMORY: a training step of this job needs about ${formatGiB(need)}, this peer offers ${formatGiB(memory)}`)
    return { take: true, spec }
  }
}

/** the bytes one training step of the job needs (src/model/memory.ts), or why it cannot be known */
function memoryNeededOf (definition: string, spec: TrainingSpec): bigint | string {
  try {
    // trainingMemoryBytes refuses a batch size that is not a positive integer
    return trainingMemoryBytes(parseModel(definition).totals, spec.hyperparameters?.batchSize ?? 0)
  } catch (err) {
    return (err as Error).message
  }
}

/** `(init) => (components) => service`, as every CyxWiz service */
export function bidding (init: BiddingInit): (components: BiddingComponents) => Bidding {
  return (components) => new Bidding(init, components)
}
