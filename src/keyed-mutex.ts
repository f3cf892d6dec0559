/**
 * Runs async tasks one at a time per key, in call order. The registry uses it so a heartbeat and an
 * availability message for the same node, arriving together, never read-modify-write over each other.
 */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>()

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve()
    const next = prev.then(task, task)
    const tail = next.catch(() => {})
    this.tails.set(key, tail)
    try {
      return await next
    } finally {
      // drop the entry once nothing is queued behind us, so idle keys cost nothing
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }
}
