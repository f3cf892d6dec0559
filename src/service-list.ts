/**
 * Starts a role's long-lived parts in order and stops them in reverse. What was opened before
 * the services (the libp2p node, the stores) is registered with `opened`, so it is closed after
 * every service that uses it. If a start throws, everything already running is stopped, in reverse,
 * before the error propagates: a role that fails to start leaves nothing running behind it (no
 * listening socket, no timer, no lock on its data dir).
 */
import type { Logger, Startable } from '@libp2p/interface'

/** a long-lived part and the name its failures are logged under */
export interface NamedService { name: string, service: Startable }

interface Running { name: string, stop: () => void | Promise<void> }

export class ServiceList {
  private readonly running: Running[] = []
  private readonly log: Logger

  constructor (log: Logger) {
    this.log = log
  }

  /** names of what runs, in start order */
  get names (): string[] {
    return this.running.map(r => r.name)
  }

  /** records something already running (opened by its factory) so it is stopped with the rest */
  opened (name: string, stop: () => void | Promise<void>): void {
    this.running.push({ name, stop })
  }

  /**
   * Starts each service in list order. When one throws, what runs is stopped (this one included:
   * a start that throws halfway may have left a handler or a timer) and the error is rethrown.
   */
  async start (services: NamedService[]): Promise<void> {
    for (const { name, service } of services) {
      this.running.push({ name, stop: async () => { await service.stop() } })
      try {
        await service.start()
      } catch (err) {
        this.log.error('%s did not start: %e', name, err)
        await this.stop()
        throw err
      }
    }
  }

  /** stops everything in reverse start order; a stop that fails is logged and the rest still stop */
  async stop (): Promise<void> {
    for (let r = this.running.pop(); r != null; r = this.running.pop()) {
      try {
        await r.stop()
      } catch (err) {
        this.log.error('%s did not stop cleanly: %e', r.name, err)
      }
    }
  }
}
