/**
 * How a role starts and stops its long-lived parts: in order from one list, stopped in reverse.
 * A part is Startable (libp2p's `start()`/`stop()`), or a resource something else opened (a level
 * store, a libp2p node, a cluster) handed over with the function that releases it. If a start
 * throws, everything already started is stopped, in reverse, before the error goes on — a role
 * that fails to start leaves nothing running and no lock held, so it can simply be started again.
 *
 * (libp2p's own `start(...)`/`stop(...)` helpers run their arguments concurrently and do not roll
 * back, which is why roles use this instead.)
 */
import type { Logger, Startable } from '@libp2p/interface'

interface Entry { name: string, stop: () => void | Promise<void> }

export class Services {
  private readonly started: Entry[] = []
  private readonly log: Logger

  constructor (log: Logger) {
    this.log = log
  }

  /** starts a part and remembers it for stop(); on failure stops everything started so far */
  async start<T extends Pick<Startable, 'start' | 'stop'>> (name: string, part: T, start: () => unknown = async () => await part.start()): Promise<T> {
    try {
      await start()
    } catch (err) {
      await this.stop()
      throw err
    }
    this.started.push({ name, stop: async () => { await part.stop() } })
    return part
  }

  /**
   * Takes over a resource that `open` creates (already started by its own constructor), with the
   * function that releases it; on failure stops everything started so far.
   */
  async open<T> (name: string, open: () => Promise<T>, release: (resource: T) => void | Promise<void>): Promise<T> {
    let resource: T
    try {
      resource = await open()
    } catch (err) {
      await this.stop()
      throw err
    }
    this.started.push({ name, stop: async () => { await release(resource) } })
    return resource
  }

  /** runs `step` (wiring between parts); on failure stops everything started so far */
  async step<T> (step: () => Promise<T> | T): Promise<T> {
    try {
      return await step()
    } catch (err) {
      await this.stop()
      throw err
    }
  }

  /** stops every part in reverse order of start; a part that fails to stop does not keep the rest running */
  async stop (): Promise<void> {
    for (let e = this.started.pop(); e != null; e = this.started.pop()) {
      try {
        await e.stop()
      } catch (err) {
        this.log.error('stopping %s failed: %e', e.name, err)
      }
    }
  }

  /** the names of the running parts, in start order */
  names (): string[] {
    return this.started.map(e => e.name)
  }
}
