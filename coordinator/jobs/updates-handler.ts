/**
 * StreamJobUpdates(job_id): every stored update after the client's `after_seq`, then live ones,
 * until the job's final update. A client that reconnects passes the last seq it saw and resumes
 * without gaps or repeats. Only a session of the wallet that paid for the job may watch it.
 */
import { pbStream } from '@libp2p/utils'
import type { ComponentLogger, Libp2p } from '@libp2p/interface'
import { JobUpdate, JobUpdatesRequest } from '../../protocols/job-updates.js'
import type { Sessions } from './sessions.js'
import type { JobLifecycle } from './lifecycle.js'

export async function handleJobUpdates (protocol: string, c: { node: Pick<Libp2p, 'handle'>, jobs: JobLifecycle, sessions: Sessions, logger: ComponentLogger }): Promise<void> {
  const log = c.logger.forComponent('cyxwiz:coordinator:job-updates')
  await c.node.handle(protocol, async (stream, connection) => {
    const pb = pbStream(stream, { maxDataLength: 4096 }).pb(JobUpdatesRequest)
    const out = pbStream(stream).pb(JobUpdate)
    const refuse = async (code: string, message: string): Promise<void> => {
      await out.write({ jobId: '', seq: 0n, state: '', progress: 0, metrics: new Map(), currentEpoch: 0, message, timestampMs: BigInt(Date.now()), final: true, code, checkpointUri: '' })
      await stream.close()
    }
    let unsubscribe = (): void => {}
    try {
      const req = await pb.read({ signal: AbortSignal.timeout(10_000) })
      let wallet: string
      try {
        wallet = c.sessions.check(req.session, connection.remotePeer.toString()).wallet
      } catch (err) {
        await refuse('ERR_SESSION', (err as Error).message)
        return
      }
      const job = await c.jobs.get(req.jobId)
      if (job == null || job.wallet !== wallet) {
        await refuse('ERR_JOB_NOT_FOUND', `no job ${req.jobId} for this wallet`)
        return
      }
      // subscribe before reading the backlog, so nothing falls between the two; seq dedups
      const live: JobUpdate[] = []
      let wake: (() => void) | undefined
      const onUpdate = (_j: unknown, u: JobUpdate): void => {
        if (u.jobId !== req.jobId) return
        live.push(u)
        wake?.()
      }
      c.jobs.on('update', onUpdate)
      unsubscribe = () => { c.jobs.off('update', onUpdate) }
      let last = req.afterSeq
      const send = async (u: JobUpdate): Promise<boolean> => {
        if (u.seq <= last) return false
        last = u.seq
        await out.write(u)
        return u.final
      }
      for await (const u of c.jobs.store.updates(req.jobId, req.afterSeq)) if (await send(u)) { await stream.close(); return }
      const closed = new Promise<void>(resolve => { stream.addEventListener('close', () => { resolve() }, { once: true }) })
      for (;;) {
        while (live.length > 0) {
          const u = live.shift()
          if (u != null && await send(u)) { await stream.close(); return }
        }
        const woke = new Promise<void>(resolve => { wake = resolve })
        await Promise.race([woke, closed])
        if (stream.status !== 'open') return
      }
    } catch (err) {
      log('update stream ended: %e', err)
      stream.abort(err as Error)
    } finally {
      unsubscribe()
    }
  }, { maxInboundStreams: 256 })
}
