/**
 * The ONE gossip validation adapter. Every topic registers a decoder and a validator here; the
 * adapter caps the frame size, decodes, runs the validator, maps a thrown GossipValidationError to
 * Accept / Ignore / Reject, counts every outcome, and hands accepted messages to the topic's handler.
 * Nothing a remote peer publishes reaches a handler without passing through it, and no exception
 * thrown by a decoder, validator or handler escapes into gossipsub.
 */
import { TopicValidatorResult, type GossipSub, type Message, type SignedMessage } from '@libp2p/gossipsub'
import type { ComponentLogger, Logger, PeerId } from '@libp2p/interface'
import type { CyxwizMetrics, GossipAction } from '../metrics/registry.js'

export type GossipErrorCode =
  | 'ERR_UNSIGNED'
  | 'ERR_OVERSIZE'
  | 'ERR_UNDECODABLE'
  | 'ERR_SIGNER_MISMATCH'
  | 'ERR_NOT_COORDINATOR'
  | 'ERR_INVALID_FIELD'
  | 'ERR_STALE_TIMESTAMP'
  | 'ERR_FUTURE_TIMESTAMP'
  | 'ERR_REPLAYED_SEQNO'
  | 'ERR_VALIDATOR_FAILED'
  | 'ERR_NOT_CONNECTED'
  | 'ERR_REGISTRY_FULL'

/** Thrown by a topic validator. `ignore`: drop quietly (stale, replay); `reject`: penalise the sender. */
export class GossipValidationError extends Error {
  readonly action: Exclude<GossipAction, 'accept'>
  readonly code: GossipErrorCode

  constructor (action: Exclude<GossipAction, 'accept'>, code: GossipErrorCode, message: string = code) {
    super(message)
    this.name = 'GossipValidationError'
    this.action = action
    this.code = code
  }
}

export interface GossipTopic<T> {
  /** the full topic name (protocolIds().topics.x) */
  topic: string
  /** short label for metrics and logs */
  label: string
  /** frames above this many bytes are rejected before decoding */
  maxSize: number
  decode(data: Uint8Array): T
  /** throws GossipValidationError; runs before the message is forwarded to anyone */
  validate(value: T, msg: SignedMessage, now: number): void
  /** receives accepted messages only; errors are logged, never thrown */
  onMessage?(value: T, msg: SignedMessage): void | Promise<void>
}

export interface GossipAdapterComponents {
  pubsub: Pick<GossipSub, 'topicValidators' | 'addEventListener' | 'removeEventListener' | 'subscribe' | 'unsubscribe'>
  metrics: Pick<CyxwizMetrics, 'gossipValidation'>
  logger: ComponentLogger
}

export interface GossipAdapter {
  /** registers the validator (and subscribes when the topic has a handler) */
  register<T>(topic: GossipTopic<T>): void
  stop(): void
}

const RESULT: Record<GossipAction, TopicValidatorResult> = {
  accept: TopicValidatorResult.Accept,
  ignore: TopicValidatorResult.Ignore,
  reject: TopicValidatorResult.Reject
}

class DefaultGossipAdapter implements GossipAdapter {
  private readonly components: GossipAdapterComponents
  private readonly log: Logger
  private readonly topics = new Map<string, GossipTopic<unknown>>()
  /** decoded values of accepted messages, so the handler does not decode twice */
  private readonly accepted = new WeakMap<Message, unknown>()

  constructor (components: GossipAdapterComponents) {
    this.components = components
    this.log = components.logger.forComponent('cyxwiz:network:gossip')
    components.pubsub.addEventListener('message', this.onMessage)
  }

  register<T>(topic: GossipTopic<T>): void {
    this.topics.set(topic.topic, topic as GossipTopic<unknown>)
    this.components.pubsub.topicValidators.set(topic.topic, (from: PeerId, msg: Message) => this.validate(topic, from, msg))
    if (topic.onMessage != null) this.components.pubsub.subscribe(topic.topic)
  }

  stop (): void {
    this.components.pubsub.removeEventListener('message', this.onMessage)
    for (const [name, topic] of this.topics) {
      this.components.pubsub.topicValidators.delete(name)
      if (topic.onMessage != null) this.components.pubsub.unsubscribe(name)
    }
    this.topics.clear()
  }

  private validate<T>(topic: GossipTopic<T>, from: PeerId, msg: Message): TopicValidatorResult {
    let action: GossipAction = 'accept'
    let code = 'OK'
    try {
      if (msg.type !== 'signed') throw new GossipValidationError('reject', 'ERR_UNSIGNED')
      if (msg.data.byteLength > topic.maxSize) {
        throw new GossipValidationError('reject', 'ERR_OVERSIZE', `${msg.data.byteLength} bytes > ${topic.maxSize}`)
      }
      let value: T
      try {
        value = topic.decode(msg.data)
      } catch (err) {
        throw new GossipValidationError('reject', 'ERR_UNDECODABLE', (err as Error).message)
      }
      topic.validate(value, msg, Date.now())
      this.accepted.set(msg, value)
    } catch (err) {
      if (err instanceof GossipValidationError) {
        action = err.action
        code = err.code
      } else {
        // a validator bug must not take the node down; treat the message as unusable
        action = 'ignore'
        code = 'ERR_VALIDATOR_FAILED'
        this.log.error('validator for %s threw: %e', topic.label, err)
      }
      this.log.trace('%s from %p (via %p): %s %s', topic.label, msg.type === 'signed' ? msg.from : from, from, action, (err as Error).message)
    }
    this.components.metrics.gossipValidation.inc({ topic: topic.label, action, code })
    return RESULT[action]
  }

  private readonly onMessage = (evt: CustomEvent<Message>): void => {
    const msg = evt.detail
    const topic = this.topics.get(msg.topic)
    if (topic?.onMessage == null || msg.type !== 'signed') return
    // our own publications (emitSelf is off) and anything not validated here never reach a handler
    if (!this.accepted.has(msg)) return
    const value = this.accepted.get(msg)
    this.accepted.delete(msg)
    Promise.resolve()
      .then(async () => { await topic.onMessage?.(value, msg) })
      .catch((err: unknown) => { this.log.error('handler for %s failed: %e', topic.label, err) })
  }
}

export function gossipAdapter (): (components: GossipAdapterComponents) => GossipAdapter {
  return (components) => new DefaultGossipAdapter(components)
}
