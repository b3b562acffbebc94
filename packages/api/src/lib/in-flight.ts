import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';

/**
 * Work still running (promises), so that shutting down can wait for it: what is tracked is
 * forgotten when it settles, its outcome left to whoever awaits it.
 */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  get size(): number {
    return this.running.size;
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const forget = () => void this.running.delete(work);
    work.then(forget, forget);
    return work;
  }

  /**
   * Resolves once nothing tracked runs, or after `limitMs`. What ends may start more in the same
   * turn (pg-boss records a job's end, without awaiting it, right after its handler returns): each
   * time the tracked work has settled, the next turn is awaited before looking again.
   */
  async settled(limitMs: number): Promise<void> {
    const deadline = performance.now() + limitMs;
    for (;;) {
      await nextTurn();
      const left = deadline - performance.now();
      if (this.running.size === 0 || left <= 0) return;
      await Promise.race([Promise.allSettled([...this.running]), sleep(left, undefined, { ref: false })]);
    }
  }
}
