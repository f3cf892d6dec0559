/**
 * Request/response over a libp2p stream: one length-prefixed protobuf each way, every read capped in
 * size and bounded in time. The server side never lets a handler error escape; the client side turns
 * transport failures into CoordinatorUnreachableError (retryable) and bad frames into ProtocolError.
 */
import { pbStream } from '@libp2p/utils'
import type { Connection, Libp2p, Logger, Stream } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { PeerId } from '@libp2p/interface'
import { CoordinatorUnreachableError, ProtocolError } from '../errors.js'

export interface Codec<T> {
  encode(value: Partial<T>): Uint8Array
  decode(data: Uint8Array | import('uint8arraylist').Uint8ArrayList): T
}

export interface ExchangeOptions {
  /** the whole exchange must finish within this many ms */
  timeout: number
  /** largest frame accepted from the other side, bytes */
  maxSize: number
}

/** libp2p's errors for a stream or connection that ended under us, as opposed to a bad frame */
const CONNECTION_LOST = new Set(['StreamResetError', 'StreamAbortedError', 'StreamClosedError', 'StreamStateError', 'UnexpectedEOFError',
  'ConnectionClosedError', 'ConnectionClosingError', 'MuxerClosedError'])

/** Client: open `protocol` on `target`, write `request`, read one response. */
export async function request<Req, Res> (
  node: Pick<Libp2p, 'dialProtocol'>,
  target: Multiaddr | PeerId,
  protocol: string,
  req: { value: Req, codec: Codec<Req> },
  resCodec: Codec<Res>,
  opts: ExchangeOptions
): Promise<Res> {
  const signal = AbortSignal.timeout(opts.timeout)
  let stream: Stream
  try {
    stream = await node.dialProtocol(target, protocol, { signal })
  } catch (err) {
    throw new CoordinatorUnreachableError(`cannot open ${protocol} on ${target.toString()}: ${(err as Error).message}`, err)
  }
  const pb = pbStream(stream, { maxDataLength: opts.maxSize })
  try {
    await pb.write(req.value, req.codec, { signal })
    const res = await pb.read(resCodec, { signal })
    await stream.close({ signal }).catch(() => {})
    return res
  } catch (err) {
    stream.abort(err as Error)
    if (signal.aborted) throw new CoordinatorUnreachableError(`${protocol}: no answer within ${opts.timeout} ms`, err)
    // the connection went away mid-exchange (the other side crashed or restarted): worth a retry
    if (CONNECTION_LOST.has((err as Error).name)) throw new CoordinatorUnreachableError(`${protocol}: the connection was lost (${(err as Error).name})`, err)
    throw new ProtocolError(`${protocol}: ${(err as Error).message}`, err)
  }
}

/** Server: answer each inbound request with `handler`'s response; a failure aborts just that stream. */
export async function serve<Req, Res> (
  node: Pick<Libp2p, 'handle'>,
  protocol: string,
  reqCodec: Codec<Req>,
  resCodec: Codec<Res>,
  handler: (req: Req, connection: Connection) => Promise<Res>,
  opts: ExchangeOptions & { log: Logger, maxInboundStreams?: number }
): Promise<void> {
  await node.handle(protocol, async (stream, connection) => {
    const signal = AbortSignal.timeout(opts.timeout)
    const pb = pbStream(stream, { maxDataLength: opts.maxSize })
    try {
      const req = await pb.read(reqCodec, { signal })
      const res = await handler(req, connection)
      await pb.write(res, resCodec, { signal })
      await stream.close({ signal })
    } catch (err) {
      opts.log('%s from %p failed: %e', protocol, connection.remotePeer, err)
      stream.abort(err as Error)
    }
  }, { maxInboundStreams: opts.maxInboundStreams ?? 32 })
}
