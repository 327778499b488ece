/**
 * At most `limit` calls in flight, over callers that come at different times (mapPool takes one
 * list at once): the others wait their turn in the order they asked. A freed slot is handed to the
 * first waiter directly, so a caller arriving meanwhile cannot take it first.
 *
 * `stop(e)`: after the first failure of a job, what has not started yet does not start — each
 * waiting or later call rejects with `e` — while the calls already running end as they will.
 */
export class Slots {
  private held = 0;
  private readonly queue: Array<() => void> = [];
  private stopped: { e: unknown } | undefined;

  constructor(private readonly limit: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.stopped) throw this.stopped.e;
    if (this.held < Math.max(1, this.limit)) this.held++;
    else {
      await new Promise<void>((turn) => this.queue.push(turn));
      // Stopped while this call waited (the narrowing above does not see it).
      const stopped = this.stopped as { e: unknown } | undefined;
      if (stopped) {
        this.release();
        throw stopped.e;
      }
    }
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  /**
   * Each item through a slot, results in the items' order. The first failure stops what has not
   * started (here: every later call on these slots), the calls running are awaited, then that
   * first failure is rethrown — the one rule of every job's list of calls (mapPool is this over
   * slots of its own).
   */
  async map<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
    let first: { e: unknown } | undefined;
    const settled = await Promise.allSettled(
      items.map((x, i) =>
        this.run(() =>
          fn(x, i).catch((e: unknown) => {
            first ??= { e };
            this.stop(e);
            throw e;
          }),
        ),
      ),
    );
    if (first) throw first.e;
    // Stopped by another caller's failure: that one.
    for (const r of settled) if (r.status === 'rejected') throw r.reason;
    return settled.map((r) => (r as PromiseFulfilledResult<R>).value);
  }

  stop(e: unknown): void {
    this.stopped ??= { e };
  }

  /** The slot to the first waiter, or free. */
  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.held--;
  }
}
